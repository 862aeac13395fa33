export { checkDataFile, type CheckedFile } from '../cli/check.js';
