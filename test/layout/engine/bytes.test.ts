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
  'data/640-zwfw.json': '85c2aebb7d4e47da6b349b955f24a83e88c7ea04e8d8669bac0db2a887042713',
  'data/examples/yangqu-agriculture-mixed-kinds.json': '5541f1e342327b2787eecd76f9ebe82705099ef87569b77587d79d137e374df1',
  'data/examples/yingze-culture-tourism.json': 'fea116e05718bff72617872dcf0c484d5251ad1f223cc0ddf8156f7d11750be1',
  'data/examples/yuci-government-services.json': '490bc584df7031ca20affd3d89616a39ef1813e921f565d0412a0d877cfa1a68',
};

describe('the printed bytes', () => {
  for (const [file, sha] of Object.entries(EXPECTED)) {
    it(`${file} prints to the recorded bytes`, async () => {
      const { bytes } = await run(processWorld(), { file });
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(sha);
    });
  }
});
