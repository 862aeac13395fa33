import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/pipeline/compose.js';
import { processWorld } from '../../../src/pipeline/world.js';

/*
 * The reference and the three examples print to these bytes, as `gongkai build` writes them (PDF/A-3,
 * the data inside). A deliberate change to the output updates them and says why in its commit; a
 * change to the engine room that is meant as a move leaves them alone. Last recorded for issue 23:
 * PDF/UA structure, PDF/A-3 with the data inside, the print details (word breaks, column widths,
 * （续）, widows, justification, the 8 pt sheet floor, the page number's place); again for issue 24's
 * lineText (one text object per line, fill state only where it changes: the same page images).
 */

const EXPECTED: Record<string, string> = {
  'data/640-zwfw.json': '409d78e7edd3f9acf33b117b08a4649d4f8e7e5c9e7c573cc41ef72607c7d0f6',
  'data/examples/yangqu-agriculture-mixed-kinds.json': 'c888ace5a015b473e38f67ba870ef1d4008fd9bf36c6a78fb1843aeb8c4d2f23',
  'data/examples/yingze-culture-tourism.json': '989e823455073c69bca2a2f016c610a0cf1b3d1596bb2809d9f955e64fb18605',
  'data/examples/yuci-government-services.json': '4f74b7d775b1404ca3034c18dd4f9295b23a74849cbc5c0cc73ce00969d1d457',
};

describe('the printed bytes', () => {
  for (const [file, sha] of Object.entries(EXPECTED)) {
    it(`${file} prints to the recorded bytes`, async () => {
      const { bytes } = await run(processWorld(), { file });
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(sha);
    });
  }
});
