import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { provideFontBytes } from '../load/fonts.js';
import { runJob, warm } from './job.js';
import type { JobMessage, ReadyMessage, StartMessage } from './types.js';

/*
 * A batch worker thread: warms its caches (templates compiled, fonts parsed) once, then
 * renders the departments it is sent, one at a time, answering each with a JobResult.
 */

const port = parentPort;
if (!port) throw new Error('src/batch/worker is a worker thread entry');
const { templateSets, fontBytes } = workerData as { templateSets: string[]; fontBytes: Array<[string, Uint8Array]> };
// the main thread read the fonts once into shared memory: every worker parses the same bytes
provideFontBytes(fontBytes);

const t0 = performance.now();
let queue: Promise<unknown> = warm(templateSets).then(() => {
  const ready: ReadyMessage = { type: 'ready', seconds: (performance.now() - t0) / 1000, rss: process.memoryUsage.rss(), heap: getHeapStatistics().used_heap_size };
  port.postMessage(ready);
});

port.on('message', (job: JobMessage) => {
  queue = queue.then(async () => {
    // the time limit runs from here: warming up is not the department's time
    const start: StartMessage = { type: 'start', id: job.id };
    port.postMessage(start);
    port.postMessage(await runJob(job));
  });
});
