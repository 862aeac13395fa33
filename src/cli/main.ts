import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
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
  // commander's suggestion ("Did you mean build?"), in Chinese
  const suggestion = original.match(/\(Did you mean ([^?]+)\?\)/);
  return `${zh}${suggestion ? `（是否要用 ${suggestion[1]}？）` : ''}`;
}

/** Options every command that reads data or prints takes; applied before its action (applyCommon). */
const COMMON: Record<string, Array<[string, string]>> = {
  paths: [
    ['--font-path <dirs>', `字体文件夹（多个用“${path.delimiter}”分隔），在自带字体之前查找；也可用环境变量 GONGKAI_FONT_PATHS`],
    ['--templates <dirs>', '模板集所在的文件夹，在自带模板之前查找；也可用环境变量 GONGKAI_TEMPLATES'],
  ],
  report: [['--diagnostic-format <format>', '问题的输出格式：human（分组、中文说明，默认）或 short（每条一行：文件:行:列: error: 说明 [规则]，供编辑器和 CI）']],
  date: [['--creation-date <date>', 'PDF 的创建日期（YYYY-MM-DD）；默认取数据的公开日期；也可用环境变量 SOURCE_DATE_EPOCH（秒）']],
};
const TAKES: Record<string, Array<keyof typeof COMMON>> = {
  build: ['paths', 'report', 'date'],
  batch: ['paths', 'report', 'date'],
  preview: ['paths', 'date'],
  validate: ['paths', 'report'],
  verify: ['paths', 'report'],
  export: ['paths', 'report'],
  import: ['paths', 'report'],
  fonts: ['paths'],
  init: ['paths'],
};

function parseCreationDate(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?Z?$/.exec(v.trim());
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) : NaN;
  if (!Number.isFinite(t) || !m || new Date(t).getUTCDate() !== Number(m[3])) throw new InvalidArgumentError(`日期须为 YYYY-MM-DD（可带时间 HH:MM），实际为“${v}”`);
  return String(Math.floor(t / 1000));
}

function parseFormat(v: string): string {
  if (v !== 'human' && v !== 'short') throw new InvalidArgumentError(`须为 human 或 short，实际为“${v}”`);
  return v;
}

/** Flags, then the project configuration, then the environment: into the variables the load stage reads. */
function applyCommon(opts: { fontPath?: string; templates?: string; creationDate?: string; diagnosticFormat?: 'human' | 'short' }, ctx: CliContext): void {
  const { io } = ctx;
  const join = (flag: string | undefined, fromConfig: string[] | undefined, env: string | undefined) =>
    [...(flag ? flag.split(path.delimiter).filter(Boolean).map((d) => path.resolve(io.cwd, d)) : []), ...(fromConfig ?? []), ...(env ? env.split(path.delimiter).filter(Boolean) : [])].join(path.delimiter);
  const fonts = join(opts.fontPath, ctx.config?.fontPaths, process.env.GONGKAI_FONT_PATHS);
  const templates = join(opts.templates, ctx.config?.templates, process.env.GONGKAI_TEMPLATES);
  if (fonts) process.env.GONGKAI_FONT_PATHS = io.env.GONGKAI_FONT_PATHS = fonts;
  if (templates) process.env.GONGKAI_TEMPLATES = io.env.GONGKAI_TEMPLATES = templates;
  if (opts.creationDate) process.env.SOURCE_DATE_EPOCH = io.env.SOURCE_DATE_EPOCH = opts.creationDate;
  if (opts.diagnosticFormat) io.diagnosticFormat = opts.diagnosticFormat;
}

function configure(cmd: Command, io: CliIO): void {
  cmd
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} })
    .showSuggestionAfterError(true)
    // Chinese headings in help.
    .configureHelp({
      ...cmd.configureHelp(),
      styleTitle: (title: string) => TITLES[title] ?? title,
      // commander's "(default: "out")" and "(choices: …)", in Chinese
      optionDescription: (option) => {
        const extra: string[] = [];
        if (option.argChoices) extra.push(`可选：${option.argChoices.join('、')}`);
        if (option.defaultValue !== undefined && !option.negate) extra.push(`默认：${String(option.defaultValueDescription ?? option.defaultValue)}`);
        return extra.length ? `${option.description}（${extra.join('；')}）` : option.description;
      },
      argumentDescription: (argument) => {
        const extra = argument.defaultValue !== undefined ? `（默认：${String(argument.defaultValueDescription ?? argument.defaultValue)}）` : '';
        return `${argument.description}${extra}`;
      },
    });
  for (const sub of cmd.commands) configure(sub, io);
}

export function createProgram(ctx: CliContext): Command {
  const program = new Command('gongkai')
    .description('部门预算公开：把部门的结构化预算数据（JSON）生成为年度部门预算公开 PDF')
    .version(packageVersion(), '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示命令的帮助');
  for (const register of commands) register(program, ctx);
  for (const cmd of program.commands) {
    for (const group of TAKES[cmd.name()] ?? []) {
      for (const [flags, description] of COMMON[group]!) {
        const opt = new Option(flags, description);
        if (flags.startsWith('--creation-date')) opt.argParser(parseCreationDate);
        if (flags.startsWith('--diagnostic-format')) opt.argParser(parseFormat);
        cmd.addOption(opt);
      }
    }
  }
  program.hook('preAction', (_program, command) => applyCommon(command.opts(), ctx));
  // After registration, so commands added with addCommand() are covered too.
  configure(program, ctx.io);
  program.addHelpText('after', '\n退出码：0 成功；1 数据有错误或处理失败；2 用法错误。调试：DEBUG=gongkai 显示内部错误的调用栈。');
  return program;
}

/** Runs the CLI on `argv` (without node and script), returning the exit code. Never exits the process. */
export async function run(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  // the project's gongkai.config.json, if one is found from here upward: a broken one stops everything
  const { loadConfig } = await import('../load/config.js');
  const loaded = await loadConfig(io.cwd);
  if (loaded.diagnostics.length) {
    const { formatReport } = await import('./report.js');
    io.stderr(formatReport([{ file: loaded.file ?? '', diagnostics: loaded.diagnostics }], io));
    return 1;
  }
  if (loaded.config && loaded.file) ctx.config = { ...loaded.config, file: loaded.file };
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
