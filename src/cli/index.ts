#!/usr/bin/env node
/*
 * The `gongkai` executable. Everything is imported lazily so that even a failure while loading
 * a module is caught here: users see "内部错误：…" and exit 1, never a stack trace (unless
 * DEBUG=gongkai). Exit codes: 0 ok, 1 data errors or failures, 2 usage.
 */
import { isDebug } from './context.js';

// A closed pipe (`gongkai validate --json | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

try {
  const { run } = await import('./main.js');
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`gongkai：内部错误：${e.message}\n`);
  if (isDebug(process.env)) process.stderr.write(`${e.stack ?? ''}\n`);
  else process.stderr.write('（设置环境变量 DEBUG=gongkai 可显示调用栈；如确认是程序问题，请附上此信息报告。）\n');
  process.exitCode = 1;
}
