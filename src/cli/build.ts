import path from 'node:path';
import { discoverDataFiles } from '../load/discover.js';
import { action, paint, UsageError, type CliContext, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { setChoice, templateSetOption } from './template-set.js';
import { displayPath } from './validate.js';

/*
 * gongkai build [files…]: each department's PDF. -o is the output folder, or the PDF itself when it
 * ends in .pdf (one input). Without files, the project's data folder (gongkai.config.json); without
 * a project, build says what it needs — it never renders something the user did not name.
 */

interface BuildOpts {
  out?: string;
  force?: boolean;
  json?: boolean;
  strict?: boolean;
  templateSet?: string;
}

export const registerBuild: RegisterCommand = (program, ctx) => {
  program
    .command('build')
    .description('生成部门的预算公开 PDF：out/<年度>/<部门名称>.pdf')
    .argument('[files...]', '部门数据文件（JSON 或填报表）；不给时处理项目配置（gongkai.config.json）的数据文件夹')
    .option('-o, --out <dir>', '输出文件夹；以 .pdf 结尾时即为 PDF 文件名（只有一个数据文件时）')
    .option('--force', '审核发现错误时仍然生成（会注明）')
    .option('--strict', '有警告也以退出码 1 结束')
    .option('--json', '以 JSON 输出结果')
    .addOption(templateSetOption())
    .action(action(ctx, async (files: string[], opts: BuildOpts) => buildCommand(ctx, files, opts)));
};

async function buildCommand(ctx: CliContext, files: string[], opts: BuildOpts): Promise<number> {
  const { io } = ctx;
  const set = setChoice(ctx, opts.templateSet);
  for (const f of files) if (/\.pdf$/i.test(f)) throw new UsageError(`“${f}”是 PDF：build 的参数是数据文件（.json 或填报表），输出用 -o`);
  let targets = files.map((f) => ({ abs: path.resolve(io.cwd, f), shown: f }));
  if (targets.length === 0) {
    if (!ctx.config?.data) {
      throw new UsageError(
        '请给出数据文件：gongkai build 部门.json（或填报表 .xlsx）。\n' +
          '  一个区的所有部门：在项目文件夹放 gongkai.config.json（如 { "data": "data", "out": "out" }），然后 gongkai build 或 gongkai batch。\n' +
          '  看看示例：gongkai build 加参考数据的路径，或在 gongkai 源码目录中 npm start。',
      );
    }
    const found = await discoverDataFiles(ctx.config.data);
    if (found.files.length === 0) {
      io.stderr(formatReport([{ file: displayPath(ctx.config.data, io.cwd), diagnostics: found.diagnostics }], io));
      return 1;
    }
    targets = found.files.map((f) => ({ abs: f, shown: displayPath(f, io.cwd) }));
  }
  const pdfName = opts.out && /\.pdf$/i.test(opts.out) ? path.resolve(io.cwd, opts.out) : undefined;
  if (pdfName && targets.length > 1) throw new UsageError('-o 以 .pdf 结尾时只能有一个数据文件；多个文件请给出输出文件夹');
  const outDir = pdfName ? path.dirname(pdfName) : path.resolve(io.cwd, opts.out ?? ctx.config?.out ?? 'out');
  const strict = opts.strict ?? ctx.config?.strict ?? false;
  // the render stack (pdfmake, fonts) loads only for the commands that print
  const { buildFile } = await import('../pipeline/index.js');
  let code = 0;
  const results: unknown[] = [];
  for (const { abs, shown } of targets) {
    const started = performance.now();
    const result = await buildFile(abs, { outDir, set, force: opts.force === true, ...(pdfName ? { output: pdfName } : {}) });
    const seconds = (performance.now() - started) / 1000;
    const diagnostics = result.diagnostics.map((d) => (d.file === abs ? { ...d, file: shown } : d));
    const output = result.output ? displayPath(result.output, io.cwd) : undefined;
    const forced = result.forced === true;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    // a 单位 document the set declares but that was not written fails the build like the 部门 document
    // a unit document that failed is a failure; none made because the data is not split by unit is the warning that says so
    const unitsMissing = result.units !== undefined && result.units.some((u) => !u.output);
    const failed = !output || forced || unitsMissing || (strict && warnings > 0);
    if (failed) code = Math.max(code, 1);
    // the output would overwrite the input: a mistake in how build was called
    if (result.refused === 'output-is-input') code = 2;
    if (opts.json) {
      const units = result.units?.map((u) => ({ unit: u.unit, output: u.output ? displayPath(u.output, io.cwd) : null, pages: u.pages ?? null, bytes: u.bytes ?? null, forced: u.forced === true, refused: u.refused ?? null }));
      results.push({ file: shown, output: output ?? null, pages: result.pages ?? null, bytes: result.bytes ?? null, seconds: Number(seconds.toFixed(3)), forced, refused: result.refused ?? null, ...(units ? { units } : {}), diagnostics });
      continue;
    }
    if (diagnostics.length) io.stderr(formatReport([{ file: shown, diagnostics }], io, { strict }));
    if (output) {
      if (forced) io.stderr(paint(io, 'yellow', `已按 --force 在存在错误的情况下生成 PDF：每页印有“未通过审核”，文件名带“未通过审核”，请勿作为正式公开文件。\n`));
      io.stdout(`${output}  ${result.pages} 页  ${(result.bytes! / 1024).toFixed(0)} KB  ${seconds.toFixed(2)} 秒\n`);
      for (const u of result.units ?? []) {
        if (u.output) io.stdout(`${displayPath(u.output, io.cwd)}  ${u.pages} 页  ${(u.bytes! / 1024).toFixed(0)} KB  单位预算\n`);
        else io.stderr(paint(io, 'red', `单位预算“${u.unit}”未生成（见上面的错误）。\n`));
      }
    } else if (result.refused === 'incomplete') {
      io.stderr(paint(io, 'red', '部分内容无法排入页面，PDF 会不完整，因此未生成（--force 也不会生成不完整的 PDF）。\n'));
    } else if (result.refused === 'output-is-input') {
      io.stderr(paint(io, 'red', '输出会覆盖数据文件本身，未生成 PDF。\n'));
    } else if (result.refused === 'errors') {
      io.stderr(paint(io, 'red', '数据有错误，未生成 PDF（改正后重试；确需生成可加 --force）。\n'));
    } else {
      io.stderr(paint(io, 'red', '生成失败，未写入 PDF。\n'));
    }
  }
  if (opts.json) io.stdout(JSON.stringify(results.length === 1 && files.length === 1 ? results[0] : results, null, 2) + '\n');
  return code;
}
