import path from 'node:path';
import { DEFAULT_DATA_FILE } from '../load/discover.js';
import { action, paint, UsageError, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { displayPath } from './validate.js';

export const registerBuild: RegisterCommand = (program, ctx) => {
  program
    .command('build')
    .description('生成一个部门的预算公开 PDF：out/<年度>/<部门名称>.pdf')
    .argument('[file]', '部门数据文件；默认：内置的参考数据（山西转型综合改革示范区政务服务中心）')
    .option('-o, --out <dir>', '输出目录', 'out')
    .option('--force', '审核发现错误时仍然生成（会注明）')
    .option('--json', '以 JSON 输出结果')
    .action(
      action(ctx, async (file: string | undefined, opts: { out: string; force?: boolean; json?: boolean }) => {
        const { io } = ctx;
        const started = performance.now();
        const target = file ? path.resolve(io.cwd, file) : DEFAULT_DATA_FILE;
        const shown = file ?? displayPath(DEFAULT_DATA_FILE, io.cwd);
        if (file && /\.pdf$/i.test(file)) throw new UsageError(`“${file}”是 PDF：build 的参数是数据文件（.json），输出目录用 -o`);
        // the render stack (pdfmake, fonts) loads only for the commands that print
        const { buildFile } = await import('../pipeline/index.js');
        const result = await buildFile(target, { outDir: path.resolve(io.cwd, opts.out), force: opts.force === true });
        const seconds = (performance.now() - started) / 1000;
        const diagnostics = result.diagnostics.map((d) => (d.file === target ? { ...d, file: shown } : d));
        const output = result.output ? displayPath(result.output, io.cwd) : undefined;
        const forced = result.forced === true;
        if (opts.json) {
          io.stdout(
            JSON.stringify({ file: shown, output: output ?? null, pages: result.pages ?? null, bytes: result.bytes ?? null, seconds: Number(seconds.toFixed(3)), forced, refused: result.refused ?? null, diagnostics }, null, 2) + '\n',
          );
        } else {
          if (diagnostics.length) io.stderr(formatReport([{ file: shown, diagnostics }], io, { strict: false }));
          if (output) {
            if (forced) io.stderr(paint(io, 'yellow', `已按 --force 在存在错误的情况下生成 PDF：每页印有“未通过审核”，文件名带“未通过审核”，请勿作为正式公开文件。\n`));
            io.stdout(`${output}  ${result.pages} 页  ${(result.bytes! / 1024).toFixed(0)} KB  ${seconds.toFixed(2)} 秒\n`);
          } else if (result.refused === 'incomplete') {
            io.stderr(paint(io, 'red', '部分内容无法排入页面，PDF 会不完整，因此未生成（--force 也不会生成不完整的 PDF）。\n'));
          } else if (result.refused === 'errors') {
            io.stderr(paint(io, 'red', '数据有错误，未生成 PDF（改正后重试；确需生成可加 --force）。\n'));
          } else {
            io.stderr(paint(io, 'red', '生成失败，未写入 PDF。\n'));
          }
        }
        return output && !forced ? 0 : 1;
      }),
    );
};
