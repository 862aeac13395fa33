import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDataFile, environment, renderToPdf } from '../../../src/pipeline/index.js';

/*
 * The reference and the three examples print to these bytes. The engine room was a move, not a
 * change: these are the hashes from before it. A deliberate change to the output updates them
 * and says why in its commit.
 */

const EXPECTED: Record<string, string> = {
  'data/640-zwfw.json': 'bbc6fcb8f60200d2d1f5dfb286af2dbdf532b97a1a4670ebd0c5004487e04d64',
  'data/examples/yangqu-agriculture-mixed-kinds.json': '93a582f18c8cca89456b625e3745c99b029c3a8f5cb45cfe7f44e60e69663053',
  'data/examples/yingze-culture-tourism.json': '41e11ee16739842affb6e1eeb04f55d46bb8d687c71f6e1560571ae7ce5e5bd5',
  'data/examples/yuci-government-services.json': '40dfe72cfe0e5f25ae69d915841a82aac482ae576be41b2930f1e207583afeb0',
};

describe('the printed bytes', () => {
  for (const [file, sha] of Object.entries(EXPECTED)) {
    it(`${file} prints to the recorded bytes`, async () => {
      const checked = await checkDataFile(file);
      const { env } = await environment(checked.data!.templateSet);
      const { pdf } = await renderToPdf(checked.data!, checked.derived!, env!, file);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    });
  }
});
