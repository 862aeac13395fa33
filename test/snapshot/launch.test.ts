import { describe, expect, it } from 'vitest';
import { SNAPSHOT_REFUSED, superviseChild, verdict } from '../../src/snapshot/launch.js';

/*
 * The launcher's reading of its child's end (issue 20 F12, F2): a child that never started is a
 * damaged snapshot (removed, run here); one that started and then crashed (out of memory: abort,
 * 134) crashed in the render — said in Chinese, exit 1, not retried. Children are injected: small
 * node scripts that say "started" on fd 3 or not, then abort or exit.
 */

const node = process.execPath;
const child = (code: string) => superviseChild(node, ['-e', code], process.env);
const SAY_STARTED = "require('fs').writeSync(3, 'started\\n');";

describe('the snapshot child’s end', () => {
  it('started, then aborted (as V8 out of memory does): a render crash in Chinese, exit 1, snapshot kept', async () => {
    const o = await child(`${SAY_STARTED} process.abort();`);
    expect(o).toMatchObject({ started: true, signal: 'SIGABRT' });
    const v = verdict(o, 64);
    expect(v).toMatchObject({ kind: 'ran', code: 1 });
    expect(v.kind === 'ran' && v.message).toMatch(/^gongkai：生成过程意外终止（信号 SIGABRT），未生成 PDF。最常见的原因是内存超过上限（64 MB）/);
  });

  it('exit status 134 or 139 after starting is a crash too', () => {
    expect(verdict({ started: true, code: 134, signal: null })).toMatchObject({ kind: 'ran', code: 1 });
    expect(verdict({ started: true, code: 139, signal: null })).toMatchObject({ kind: 'ran', code: 1 });
  });

  it('crashed or refused before starting: a damaged snapshot', async () => {
    expect(verdict(await child('process.abort();'))).toEqual({ kind: 'damaged' });
    expect(verdict({ started: false, code: SNAPSHOT_REFUSED, signal: null })).toEqual({ kind: 'damaged' });
  });

  it('an ordinary end is the command’s own exit code; a stop by signal is 128 + its number', async () => {
    expect(verdict(await child(`${SAY_STARTED} process.exitCode = 1;`))).toEqual({ kind: 'ran', code: 1 });
    expect(verdict({ started: true, code: null, signal: 'SIGTERM' })).toEqual({ kind: 'ran', code: 143 });
    expect(verdict({ started: true, code: null, signal: 'SIGINT' })).toEqual({ kind: 'ran', code: 130 });
  });

  it('a child that cannot be started: run here', async () => {
    const o = await superviseChild('/nonexistent/node', [], process.env);
    expect(verdict(o)).toEqual({ kind: 'unavailable' });
  });
});
