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
  'data/640-zwfw.json': '3f74f683cad7e7ceac2029525daae014c32f9aa17563758546860d51b57661ef',
  'data/examples/yangqu-agriculture-mixed-kinds.json': '2bb56adff5a881eb494345437075deec073d9c0966e725d008ad8cab69026f5c',
  'data/examples/yingze-culture-tourism.json': '7c0a5f5b5bdbf947beec94084aa817c8f4f997e70488eb757c0cebc93cc5d94b',
  'data/examples/yuci-government-services.json': 'bac62af3bcc8f7f7564c574e428c1a17d0730d5859c84b5370d2871052744471',
};

describe('the printed bytes', () => {
  for (const [file, sha] of Object.entries(EXPECTED)) {
    it(`${file} prints to the recorded bytes`, async () => {
      const { bytes } = await run(processWorld(), { file });
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(sha);
    });
  }
});
