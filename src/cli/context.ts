import { styleText } from 'node:util';
import type { Command } from 'commander';

/** Where a command writes and what it may know of its environment (tests pass their own). */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Colour the human-readable output (TTY, and NO_COLOR unset). */
  color: boolean;
  /** This is the process's own stdio and environment (a command may start itself again on them). */
  ownProcess?: boolean;
  /** How diagnostics are printed: human (grouped, in words) or short (one line each, for editors and CI). */
  diagnosticFormat?: 'human' | 'short';
}

export interface CliContext {
  io: CliIO;
  /** The process exit code so far: 0 ok, 1 data errors or failures, 2 usage. */
  exitCode: number;
  /** The project configuration (gongkai.config.json) found from the working directory, if any. */
  config?: import('../schema/config.js').ProjectConfig & { dir: string; file: string };
}

/** Each command file exports one of these; `commands.ts` lists them. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** A mistake in how the command was called (exit 2), found after commander's own parsing. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Wraps a command's action so that it returns its exit code instead of calling process.exit:
 * `.action(action(ctx, async (file, opts) => 0))`. The highest code wins.
 */
export function action<A extends unknown[]>(ctx: CliContext, fn: (...args: A) => Promise<number> | number): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await fn(...args);
    ctx.exitCode = Math.max(ctx.exitCode, code);
  };
}

export function isDebug(env: NodeJS.ProcessEnv): boolean {
  const v = env.DEBUG ?? '';
  return v.split(/[\s,]+/).some((p) => p === 'gongkai' || p === '*' || p === 'gongkai:*' || p === 'gongkai*');
}

export function defaultIO(): CliIO {
  const env = process.env;
  const color = env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined ? env.FORCE_COLOR !== '0' : process.stdout.isTTY === true);
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env,
    color,
    ownProcess: true,
  };
}

type Style = Parameters<typeof styleText>[0];

export function paint(io: CliIO, style: Style, text: string): string {
  return io.color ? styleText(style, text) : text;
}
