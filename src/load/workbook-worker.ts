import { parentPort, workerData } from 'node:worker_threads';
import { parseBook, type WorkerMessage } from './workbook.js';

/*
 * The thread a workbook is parsed in (loadBook): ended from outside when it runs past its
 * deadline or its heap limit, which a parse in the main thread could not be.
 */

const { bytes, file } = workerData as { bytes: Uint8Array; file: string };
const send = (m: WorkerMessage) => parentPort!.postMessage(m);
send({ kind: 'parsing' });
send({ kind: 'done', result: parseBook(bytes, file) });
