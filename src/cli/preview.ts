import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_DATA_FILE } from '../load/discover.js';
import type { PreviewState } from '../preview/index.js';
import { action, isDebug, paint, UsageError, type CliIO, type RegisterCommand } from './context.js';
import { formatDiagnostic } from './report.js';
import { displayPath } from './validate.js';
import { setChoice, templateSetOption } from './template-set.js';

/** The default port (Vite's preview port); a taken default falls back to a free one. */
const DEFAULT_PORT = 4173;

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('端口应为 0–65535 的整数（0 表示任一空闲端口）');
  return Number(value);
}

function clock(): string {
  return new Date().toLocaleTimeString('zh-CN', { hour12: false });
}

/** Opens the URL in the desktop's browser, detached; failure is only a hint. */
function openBrowser(url: string, io: CliIO): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => io.stderr(`无法自动打开浏览器，请手动打开 ${url}\n`));
    child.unref();
  } catch {
    io.stderr(`无法自动打开浏览器，请手动打开 ${url}\n`);
  }
}

/** Waits for Ctrl-C (SIGINT) or SIGTERM. A second Ctrl-C while closing gives up waiting (exit 130). */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export const registerPreview: RegisterCommand = (program, ctx) => {
  program
    .command('preview')
    .description('本地实时预览：修改数据、模板或字体并保存后，浏览器中的草稿 PDF 和审核结果随即更新')
    .argument('[file]', '部门数据文件；默认：内置的参考数据')
    .option('-p, --port <port>', `端口（仅监听 127.0.0.1）；默认 ${DEFAULT_PORT}，被占用时改用空闲端口；0 = 任一空闲端口`, parsePort)
    .option('--open', '启动后在浏览器中打开')
    .addOption(templateSetOption())
    .action(
      action(ctx, async (file: string | undefined, opts: { port?: number; open?: boolean; templateSet?: string }) => {
        const { io } = ctx;
        const set = setChoice(ctx, opts.templateSet);
        const target = file ? path.resolve(io.cwd, file) : DEFAULT_DATA_FILE;
        const shown = file ?? displayPath(DEFAULT_DATA_FILE, io.cwd);
        if (file && /\.pdf$/i.test(file)) throw new UsageError(`“${file}”是 PDF：preview 的参数是数据文件（.json）`);
        try {
          if (!(await stat(target)).isFile()) throw new UsageError(`“${shown}”不是文件：preview 只预览一个数据文件`);
        } catch (err) {
          if (err instanceof UsageError) throw err;
          // A missing file is fine to start with: the page says so and the watcher waits for it.
        }

        // The render stack (pdfmake, fonts) is loaded only when a command needs it.
        const { startPreview } = await import('../preview/index.js');
        let handle;
        try {
          handle = await startPreview({
            file: target,
            displayFile: shown,
            port: opts.port ?? DEFAULT_PORT,
            fallback: opts.port === undefined,
            set,
            onError: (err) => io.stderr(paint(io, 'red', `预览出错：${err instanceof Error ? (isDebug(io.env) ? (err.stack ?? err.message) : err.message) : String(err)}\n`)),
          });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
            io.stderr(paint(io, 'red', `端口 ${opts.port} 已被占用：换一个端口，或用 --port 0 自动选择。\n`));
            return 1;
          }
          throw err;
        }

        io.stdout(`预览 ${shown}：${handle.url}\n（保存数据、模板或字体后自动更新；按 Ctrl-C 停止）\n`);
        let last: PreviewState | undefined;
        handle.session.subscribe((s) => {
          if (s.status === 'pending' || s.rendering || s.checkedAt === last?.checkedAt) return;
          last = s;
          if (s.status === 'ok') {
            io.stdout(`${clock()}  已更新  ${s.pdf?.pages} 页  ${((s.pdf?.ms ?? 0) / 1000).toFixed(2)} 秒${s.counts.warnings ? `  ${s.counts.warnings} 个警告` : ''}\n`);
          } else {
            const first = s.diagnostics.find((d) => d.severity === 'error');
            io.stderr(`${clock()}  ${paint(io, 'red', `${s.counts.errors} 个错误，未更新 PDF`)}${first ? `：${formatDiagnostic(first)}` : ''}\n`);
          }
        });
        if (opts.open) openBrowser(handle.url, io);

        await untilStopped();
        io.stdout('正在停止预览……\n');
        await handle.close();
        return 0;
      }),
    );
};
