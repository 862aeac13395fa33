import { parseBookIsolated, type WorkerMessage } from './workbook.js';

/*
 * The process a workbook is parsed in when the command itself runs from the startup snapshot
 * (which cannot start threads; see workbook.ts). It parses in a thread of its own, so that it
 * stays free to notice its parent going away (a signal, a kill) and to end with it; the parent
 * owns the deadline and kills this process when it passes.
 */

const send = (m: WorkerMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

process.on('disconnect', () => process.exit(0));
process.once('message', (m: { bytes: Uint8Array; file: string }) => {
  void parseBookIsolated(m.bytes, m.file, { deadline: () => () => undefined, onParsing: () => void send({ kind: 'parsing' }) }).then(async (result) => {
    await send({ kind: 'done', result });
    process.exit(0);
  });
});
