import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../load/root.js';
import { commands } from './commands.js';
import { UsageError, defaultIO, type CliContext, type CliIO } from './context.js';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};


export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** commander's English usage errors, in Chinese first (the original follows in brackets). */
function usageMessage(err: CommanderError): string {
  const original = err.message.replace(/^error:\s*/, '').trim();
  let m: RegExpMatchArray | null;
  let zh: string;
  switch (err.code) {
    case 'commander.unknownCommand':
      m = original.match(/unknown command '([^']*)'/);
      zh = `未知命令“${m?.[1] ?? ''}”`;
      break;
    case 'commander.unknownOption':
      m = original.match(/unknown option '([^']*)'/);
      zh = `未知选项“${m?.[1] ?? ''}”`;
      break;
    case 'commander.missingArgument':
      m = original.match(/missing required argument '([^']*)'/);
      zh = `缺少参数 <${m?.[1] ?? ''}>`;
      break;
    case 'commander.optionMissingArgument':
      m = original.match(/option '([^']*)' argument missing/);
      zh = `选项“${m?.[1] ?? ''}”缺少取值`;
      break;
    case 'commander.excessArguments':
      zh = '参数过多';
      break;
    case 'commander.conflictingOption':
      zh = '选项不能同时使用';
      break;
    case 'commander.invalidArgument': {
      // Our argParsers throw InvalidArgumentError with a Chinese reason: that reason is the message.
      m = original.match(/^(?:option|command-argument value) '([^']*)' (?:argument '[^']*' )?is invalid[^.]*\.\s*([\s\S]*)$/);
      if (m?.[2]) return `选项“${m[1] ?? ''}”的值无效：${m[2]}`;
      zh = '参数取值无效';
      break;
    }
    default:
      zh = '用法错误';
  }
  return `${zh}（${original}）`;
}

function configure(cmd: Command, io: CliIO): void {
  cmd
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showSuggestionAfterError(true)
    // Chinese headings in help.
    .configureHelp({ ...cmd.configureHelp(), styleTitle: (title: string) => TITLES[title] ?? title });
  for (const sub of cmd.commands) configure(sub, io);
}

export function createProgram(ctx: CliContext): Command {
  const program = new Command('gongkai')
    .description('部门预算公开：把部门的结构化预算数据（JSON）生成为年度部门预算公开 PDF')
    .version(packageVersion(), '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示命令的帮助');
  for (const register of commands) register(program, ctx);
  // After registration, so commands added with addCommand() are covered too.
  configure(program, ctx.io);
  program.addHelpText('after', '\n退出码：0 成功；1 数据有错误或处理失败；2 用法错误。调试：DEBUG=gongkai 显示内部错误的调用栈。');
  return program;
}

/** Runs the CLI on `argv` (without node and script), returning the exit code. Never exits the process. */
export async function run(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      if (err.code === 'commander.help') return 2; // no command given: help was shown
      const sub = program.commands.find((c) => argv.includes(c.name()));
      io.stderr(`gongkai：${usageMessage(err)}\n运行“gongkai ${sub ? `help ${sub.name()}` : '--help'}”查看用法。\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`gongkai：${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return ctx.exitCode;
}
