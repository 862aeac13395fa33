import path from 'node:path';
import { action, isDebug, UsageError, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { displayPath } from './validate.js';
import { refuseOutputIsInput, writeTextFile } from './write.js';

/*
 * gongkai import 填报表.xlsx [-o 部门.json]: a workbook to the data file it stands for, written
 * only when it reads and validates; every problem named by sheet and cell.
 */

export const registerImport: RegisterCommand = (program, ctx) => {
  program
    .command('import')
    .description('把 Excel / WPS 填报表（.xlsx、.xls、.et）转成 JSON 数据文件；问题按“工作表 › 单元格”指出')
    .argument('<workbook>', '填报表文件')
    .option('-o, --output <file>', '输出的数据文件（默认：与填报表同名的 .json）')
    .option('--layout <name>', '读预算系统导出的部门预算各表，按 data/import-layouts/<name>.json 的格式（如 standard-13）')
    .option('--tables', '读 gongkai export 导出的（或与模板集各表格式相同的）部门预算各表：按数据所用模板集的表格找表、找列，不需要 --layout')
    .option('--into <data>', '与 --layout 或 --tables 一起：把各表的数字填入这份数据文件或填报表（其余内容照旧）；不给时只生成各表的数据和待填写的骨架')
    .option('-f, --force', '覆盖已存在的文件')
    .action(
      action(ctx, async (workbook: string, opts: { output?: string; force?: boolean; layout?: string; tables?: boolean; into?: string }) => {
        const { io } = ctx;
        const { isWorkbookFile } = await import('../load/workbook.js');
        if (!isWorkbookFile(workbook)) throw new UsageError(`“${workbook}”不是表格文件（.xlsx、.xls、.et、.ods）`);
        if (opts.into && !opts.layout && !opts.tables) throw new UsageError('--into 与 --layout 或 --tables 一起用：gongkai import 导出.xlsx --tables --into 部门.json');
        if (opts.layout && opts.tables) throw new UsageError('--layout 与 --tables 只用其一：--tables 按模板集自己的表格读，--layout 按预算系统导出的格式读');
        const abs = path.resolve(io.cwd, workbook);
        if (opts.layout || opts.tables) return importTables(io, workbook, abs, opts, ctx.config?.dir);
        const output = opts.output ?? workbook.replace(/\.[^.]+$/, '.json');
        const file = path.resolve(io.cwd, output);
        await refuseOutputIsInput({ file, shown: output }, [{ file: abs, shown: workbook, role: '填报表' }]);
        const { checkDataFile } = await import('../pipeline/check.js');
        const checked = await checkDataFile(abs, { debug: isDebug(io.env) });
        const shown = checked.diagnostics.map((d) => (d.file === abs ? { ...d, file: workbook } : d));
        if (!checked.data) {
          io.stderr(formatReport([{ file: workbook, diagnostics: shown }], io));
          io.stderr('gongkai：填报表有错误，未写出数据文件\n');
          return 1;
        }
        const { loadWorkbookData } = await import('../workbook/index.js');
        const { inSchemaOrder } = await import('../workbook/order.js');
        const { Department } = await import('../schema/index.js');
        const { schemaRefFor } = await import('./init.js');
        const json = (await loadWorkbookData(abs)).json as Record<string, unknown>;
        const data = inSchemaOrder({ $schema: schemaRefFor(file, ctx.config?.dir), ...json }, Department);
        const written = await writeTextFile(file, JSON.stringify(data, null, 2) + '\n', { overwrite: opts.force === true, shown: output });
        if (!written.ok) {
          io.stderr(`gongkai：${written.message}\n`);
          return 1;
        }
        if (shown.length) io.stderr(formatReport([{ file: workbook, diagnostics: shown }], io));
        await (await import('./init.js')).ensureSchema(file, ctx.config?.dir);
        const errors = shown.filter((d) => d.severity === 'error').length;
        io.stdout(`已写出 ${displayPath(file, io.cwd)}（由 ${workbook} 转换）${errors ? `；审核发现 ${errors} 个错误，生成 PDF 前请改正` : ''}\n`);
        return errors ? 1 : 0;
      }),
    );
};

/** The budget system's tables route: their facts into a data file, every figure checked. */
async function importTables(io: import('./context.js').CliIO, workbook: string, abs: string, opts: { output?: string; force?: boolean; layout?: string; into?: string }, configDir?: string): Promise<number> {
  const output = opts.output ?? workbook.replace(/\.[^.]+$/, '.json');
  const file = path.resolve(io.cwd, output);
  await refuseOutputIsInput({ file, shown: output }, [{ file: abs, shown: workbook, role: '导出表' }, ...(opts.into ? [{ file: path.resolve(io.cwd, opts.into), shown: opts.into, role: '用 --into 读取的数据文件' }] : [])]);
  const { importTablesFile } = await import('../pipeline/import.js');
  const { skeleton, schemaRefFor } = await import('./init.js');
  const { inSchemaOrder } = await import('../workbook/order.js');
  const { Department } = await import('../schema/index.js');
  const r = await importTablesFile(abs, { ...(opts.layout ? { layout: opts.layout } : {}), ...(opts.into ? { into: path.resolve(io.cwd, opts.into) } : {}), skeleton: (o) => skeleton(o) as Record<string, unknown> });
  const shown = r.diagnostics.map((d) => (d.file === abs ? { ...d, file: workbook } : d));
  if (!r.json || !r.checked?.data) {
    io.stderr(formatReport([{ file: workbook, diagnostics: shown }], io));
    io.stderr('gongkai：导出表不能完整读出，未写出数据文件\n');
    return 1;
  }
  const data = inSchemaOrder({ $schema: schemaRefFor(file, configDir), ...r.json }, Department);
  const written = await writeTextFile(file, JSON.stringify(data, null, 2) + '\n', { overwrite: opts.force === true, shown: output });
  if (!written.ok) {
    io.stderr(`gongkai：${written.message}\n`);
    return 1;
  }
  if (shown.length) io.stderr(formatReport([{ file: workbook, diagnostics: shown }], io));
  const errors = shown.filter((d) => d.severity === 'error').length;
  io.stdout(`已写出 ${displayPath(file, io.cwd)}（由 ${workbook} 的各表${opts.into ? `填入 ${opts.into}` : ''}）${errors ? `；审核发现 ${errors} 个错误，生成 PDF 前请改正` : ''}\n`);
  return errors ? 1 : 0;
}
