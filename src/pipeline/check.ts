import { audit } from '../audit/index.js';
import { derive } from '../derive/index.js';
import type { Derived } from '../derive/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { catalogueFor } from '../load/catalogue.js';
import type { JsonPositions } from '../load/data.js';
import type { Department } from '../schema/index.js';
import { jsonWording, neutralTables, wordPlaces, wordTables, type TableWording } from '../diagnostics/place.js';
import { setTableWording } from '../render/table-reads.js';
import { locate, validate, withoutCause } from '../validate/index.js';
import { speakWorkbook, workbookPlace } from '../workbook/vocabulary.js';
import { dataCoverageDiagnostics } from './environment.js';
import { chooseSet, namedSet, overriddenSet, type SetChoice } from './set-choice.js';
import { processWorld, type World } from './world.js';

export interface CheckedFile {
  file: string;
  /** Present when the data passed validation (no errors from load or validate). */
  data?: Department;
  /** Present when derive ran. */
  derived?: Derived;
  positions?: JsonPositions;
  /** Everything found, in stage order: load, validate, template defaults, audit. */
  diagnostics: Diagnostic[];
}

/** What a check reads besides the data: the World (this process's unless given), and whether to show stacks. */
export interface CheckOptions {
  world?: World;
  debug?: boolean;
  /** The run's choice of template set (--template-set, the project's), beside the data's own. */
  set?: SetChoice;
}

/**
 * load → validate → derive → audit for one data file. Never throws for bad data; an exception
 * from derive or audit (a bug) becomes an `internal` error diagnostic so other files still run.
 */
export async function checkDataFile(file: string, options: CheckOptions & { bytes?: Uint8Array } = {}): Promise<CheckedFile> {
  // a data file, or a workbook (填报表) standing for one: the same checks from here on
  const loaded = await (options.world ?? processWorld()).data(file, options.bytes);
  return checkLoaded(file, loaded, options);
}

/** What a data source gave: the data (when it could be read), its values' places, its problems. */
export interface LoadedData {
  json?: unknown;
  /** Data read around refused cells: checked for the rest's problems, never printed. */
  partial?: unknown;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
  /** A JSON file's text: characters are placed by line and column in it. */
  text?: string;
  /** A workbook's bytes as read: the PDF carries them beside the data (pipeline/archive.ts). */
  bytes?: Uint8Array;
}

/** validate → derive → audit for data already loaded (from a file, a workbook, exported tables). */
export async function checkLoaded(file: string, loaded: LoadedData, options: CheckOptions = {}): Promise<CheckedFile> {
  const result = await checkInPlace(file, loaded, cameByWorkbook(loaded.positions), options);
  result.diagnostics = inRouteWords(result.diagnostics, loaded.positions);
  return result;
}

const cameByWorkbook = (positions: LoadedData['positions']) => [...positions.values()].some((p) => p.sheet !== undefined);

/** The places named in messages, in the words of the route the data came by (sheet › cell, or a data path). */
export function inRouteWords(diagnostics: Diagnostic[], positions: LoadedData['positions']): Diagnostic[] {
  return cameByWorkbook(positions) ? speakWorkbook(diagnostics, positions) : diagnostics.map((d) => ({ ...d, message: wordPlaces(d.message, jsonWording) }));
}

async function checkInPlace(file: string, loaded: LoadedData, workbook: boolean, options: CheckOptions): Promise<CheckedFile> {
  const world = options.world ?? processWorld();
  const diagnostics = [...loaded.diagnostics];
  const result: CheckedFile = { file, positions: loaded.positions, diagnostics };
  // Refused cells (each said) leave the rest to check in the same pass; a sheet or column that
  // cannot be read leaves too little to check.
  const refusedCells = loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path);
  const json = loaded.json ?? (loaded.partial !== undefined && refusedCells.every((p) => p !== '') ? loaded.partial : undefined);
  if (json === undefined) return result;

  const validated = validate(json, file, loaded.positions, workbook ? { label: workbookHeader } : {});
  diagnostics.push(...withoutCause(validated.diagnostics, refusedCells));
  // Data with refused values (read as neutral ones) is not printable, but is still derived and
  // audited so that one pass says everything it can; findings that follow from a refused value
  // are left out (one cause, one message).
  const valid = validated.data ?? validated.repaired?.data;
  if (!valid) return result;
  // the set it prints with: the run's, the data's own, the project's (set-choice.ts)
  const named = namedSet(json);
  const chosen = chooseSet(named, options.set);
  const data = chosen === valid.templateSet ? valid : { ...valid, templateSet: chosen };
  const overridden = overriddenSet(file, named, options.set);
  if (overridden) diagnostics.push(...locate([overridden], loaded.positions));
  const printable = validated.data !== undefined && !hasErrors(diagnostics);
  const causes = printable ? [] : [...refusedCells, ...(validated.repaired?.paths ?? []), ...validated.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)];

  const { glossary, diagnostics: templateDiagnostics } = await world.templateDefaults(data.templateSet);
  if (printable) {
    for (const d of templateDiagnostics) {
      // `unknown-template-set` is about this data file; a broken glossary.json names its own file.
      diagnostics.push(d.file === '' ? (locate([{ ...d, file }], loaded.positions)[0] ?? d) : d);
    }
  }
  if (hasErrors(templateDiagnostics)) return result;
  if (printable) result.data = data;

  // the 政府收支分类科目 of the budget year: read once per World
  const catalogues = await world.catalogues();
  if (printable) diagnostics.push(...catalogues.diagnostics);
  const catalogue = catalogueFor(catalogues, data.year);

  try {
    const derived = derive(data, { glossary, ...(catalogue ? { catalogue } : {}) });
    // tables named by the active set's labels, amounts in its unit
    const { words, printed } = await tableWords(world, data.templateSet);
    const found = audit(data, derived, file, { catalogue: catalogue ?? null, ...(printed ? { printed } : {}) }).map((d) => ({ ...d, message: wordTables(d.message, words) }));
    diagnostics.push(...withoutCause(locate(found, loaded.positions), causes));
    if (!printable) return result;
    result.derived = derived;
    // every character of the data must be in the fonts: said here, with its place, not only when printing
    const { env, diagnostics: envDiagnostics } = await world.environment(data.templateSet);
    diagnostics.push(...envDiagnostics);
    if (env) diagnostics.push(...dataCoverageDiagnostics(data, env.fonts, file, loaded));
  } catch (err) {
    // neutral values may leave a model too damaged to audit: the refused values are said already
    if (!printable) return result;
    const e = err instanceof Error ? err : new Error(String(err));
    diagnostics.push({
      file,
      path: '',
      rule: 'internal',
      severity: 'error',
      message: `内部错误：${e.message}${options.debug && e.stack ? `\n${e.stack}` : ''}`,
    });
  }
  return result;
}

/**
 * How messages name the set's tables, and which sources its tables print; neutrally, and every
 * source as printed, when the set cannot be read (its own diagnostics say why).
 */
async function tableWords(world: World, templateSet: string): Promise<{ words: TableWording; printed?: (source: string) => boolean }> {
  const { set } = await world.templateSet(templateSet);
  if (!set) return { words: neutralTables };
  const words = setTableWording(set);
  return { words, printed: (source) => words.table(source) !== undefined };
}

/** A workbook's column header (or record row label) for a data path. */
function workbookHeader(path: string): string | undefined {
  const place = workbookPlace(path);
  return place && (place.header ?? place.sheet);
}
