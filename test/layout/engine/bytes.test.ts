import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/pipeline/compose.js';
import { processWorld } from '../../../src/pipeline/world.js';

/*
 * The reference and the three examples print to these bytes, as `gongkai build` writes them (PDF/A-3,
 * the data inside). A deliberate change to the output updates them and says why in its commit; a
 * change to the engine room that is meant as a move leaves them alone. Last recorded for issue 23:
 * PDF/UA structure, PDF/A-3 with the data inside, the print details (word breaks, column widths,
 * （续）, widows, justification, the 8 pt sheet floor, the page number's place).
 */

const EXPECTED: Record<string, string> = {
  'data/640-zwfw.json': '1b2524998daafe8bcb98ec4534cabc6de9464f45ecb375f8bae11d6df97da38f',
  'data/examples/yangqu-agriculture-mixed-kinds.json': '3ac3dcc30661da256400faecc0d466ecef5f970adfc0974d152c0b572c4ad614',
  'data/examples/yingze-culture-tourism.json': 'a89cc36264ea4fe8981d2f632ab0ebc70434176280bc2652a6edbcf26022c6f4',
  'data/examples/yuci-government-services.json': '3e51f00bb760f1a87776439336e98e031602ff40329f39f3fcec4774f1dddf31',
};

describe('the printed bytes', () => {
  for (const [file, sha] of Object.entries(EXPECTED)) {
    it(`${file} prints to the recorded bytes`, async () => {
      const { bytes } = await run(processWorld(), { file });
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(sha);
    });
  }
});
