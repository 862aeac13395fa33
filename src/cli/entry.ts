/*
 * One run of the CLI on this process's own stdio, as the executable (index.ts) and a process
 * started from the startup snapshot (src/snapshot/main.ts) both make it: a failure while loading
 * or running is "内部错误：…" and exit 1, never a stack trace (unless DEBUG=gongkai).
 */
import { isDebug } from './context.js';

export async function runCli(argv: readonly string[]): Promise<number> {
  // A closed pipe (`gongkai validate --json | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  try {
    const { run } = await import('./main.js');
    return await run(argv);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`gongkai：内部错误：${e.message}\n`);
    if (isDebug(process.env)) process.stderr.write(`${e.stack ?? ''}\n`);
    else process.stderr.write('（设置环境变量 DEBUG=gongkai 可显示调用栈；如确认是程序问题，请附上此信息报告。）\n');
    return 1;
  }
}
