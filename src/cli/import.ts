import path from 'node:path';
import { action, isDebug, UsageError, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { displayPath } from './validate.js';
import { writeTextFile } from './write.js';

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
    .option('-f, --force', '覆盖已存在的文件')
    .action(
      action(ctx, async (workbook: string, opts: { output?: string; force?: boolean }) => {
        const { io } = ctx;
        const { isWorkbookFile } = await import('../load/workbook.js');
        if (!isWorkbookFile(workbook)) throw new UsageError(`“${workbook}”不是表格文件（.xlsx、.xls、.et、.ods）`);
        const abs = path.resolve(io.cwd, workbook);
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
        const output = opts.output ?? workbook.replace(/\.[^.]+$/, '.json');
        const file = path.resolve(io.cwd, output);
        const json = (await loadWorkbookData(abs)).json as Record<string, unknown>;
        const data = inSchemaOrder({ $schema: schemaRefFor(file), ...json }, Department);
        const written = await writeTextFile(file, JSON.stringify(data, null, 2) + '\n', { overwrite: opts.force === true, shown: output });
        if (!written.ok) {
          io.stderr(`gongkai：${written.message}\n`);
          return 1;
        }
        if (shown.length) io.stderr(formatReport([{ file: workbook, diagnostics: shown }], io));
        const errors = shown.filter((d) => d.severity === 'error').length;
        io.stdout(`已写出 ${displayPath(file, io.cwd)}（由 ${workbook} 转换）${errors ? `；审核发现 ${errors} 个错误，生成 PDF 前请改正` : ''}\n`);
        return errors ? 1 : 0;
      }),
    );
};
