import { parentPort } from 'node:worker_threads';
import { renderPreview, type PreviewMemo, type PreviewRender } from './render.js';
import type { RenderRequest, RenderResponse } from './thread-render.js';

/*
 * The preview's render thread: check + render one state of the data file at a time, with the
 * templates and fonts kept warm between saves. The server's thread only serves and watches, so a
 * huge or slow render never stops it answering; it can abandon this thread at any time.
 */

const port = parentPort;
if (!port) throw new Error('src/preview/render-worker is a worker thread entry');
// the thread's last PDF: a save that changed nothing is answered from it
const memo: PreviewMemo = {};

port.on('message', (req: RenderRequest) => {
  void (async () => {
    const flag = new Int32Array(req.superseded);
    let result: PreviewRender;
    try {
      result = await renderPreview(req.file, { date: req.date, fresh: req.fresh, isCurrent: () => Atomics.load(flag, 0) === 0, memo, ...(req.set ? { set: req.set } : {}) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      result = { kind: 'error', diagnostics: [{ file: '', path: '', rule: 'render-failed', severity: 'error', message: `无法生成 PDF：${e.message}` }], ms: 0 };
    }
    if (result.kind === 'ok') {
      // a copy of our own, so its memory can move to the server's thread instead of being copied again
      const pdf = new Uint8Array(result.pdf);
      const res: RenderResponse = { id: req.id, result: { ...result, pdf: pdf as unknown as Buffer } };
      port.postMessage(res, [pdf.buffer]);
    } else port.postMessage({ id: req.id, result } satisfies RenderResponse);
  })();
});
