/*
 * The snapshot child's side of "dies with its parent" (issue 20 F12): a signal the parent gets is
 * forwarded (launch.ts), but a parent killed outright (SIGKILL, a crash) forwards nothing. So the
 * child looks, between its own steps, whether its parent is still its parent; a child waiting on
 * a FIFO waits in the thread pool, so it looks then too. When the parent is gone the child stops
 * as a forwarded SIGTERM would stop it.
 *
 * From the main thread: a worker thread would look even during a long synchronous layout, but a
 * worker started in a process restored from the snapshot fails at once ("undefined is not an
 * integer typed array", Node 20.20: worker_threads was loaded while the snapshot was built).
 */

/** Environment: the launcher's pid, which the child watches; the fd it says "started" on. */
export const PARENT_ENV = 'GONGKAI_SNAPSHOT_PARENT';
export const STARTED_FD = 3;

/** How often the child looks (a killed parent's child stops within this, when it is not in a layout). */
export const PARENT_POLL_MS = 200;

export interface ParentWatch {
  stop(): void;
}

/**
 * Calls `gone` once `parent` is no longer this process's parent; looks now and every
 * `intervalMs`, without keeping this process alive. `ppid` and `gone` are for tests.
 */
export function watchParent(
  parent: number,
  intervalMs: number = PARENT_POLL_MS,
  ppid: () => number = () => process.ppid,
  gone: () => void = () => process.kill(process.pid, 'SIGTERM'),
): ParentWatch {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearInterval(timer);
  const look = () => {
    if (ppid() === parent) return;
    stop();
    gone();
  };
  timer = setInterval(look, intervalMs);
  timer.unref();
  look();
  return { stop };
}
