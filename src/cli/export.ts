import path from 'node:path';
import { DEFAULT_DATA_FILE } from '../load/discover.js';
import { action, UsageError, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { displayPath } from './validate.js';
import { setChoice, templateSetOption } from './template-set.js';

/*
 * gongkai export 部门.json --xlsx: the set's tables as one styled workbook beside the PDF.
 */
export const registerExport: RegisterCommand = (program, ctx) => {
  program
    .command('export')
    .description('导出模板集的各张表为一个 Excel 工作簿（与 PDF 相同的标题、表头、数字和注），放在 PDF 旁：out/<年度>/<部门名称>（…）.xlsx')
    .argument('[file]', '数据文件或填报表；默认：内置的参考数据')
    .option('--xlsx', '导出为 .xlsx（目前唯一的格式，可省略）')
    .option('-o, --out <dir>', '输出目录', 'out')
    .addOption(templateSetOption())
    .action(
      action(ctx, async (file: string | undefined, opts: { out: string; xlsx?: boolean; templateSet?: string }) => {
        const { io } = ctx;
        if (file && /\.pdf$/i.test(file)) throw new UsageError(`“${file}”是 PDF：export 的参数是数据文件（.json）或填报表`);
        const target = file ? path.resolve(io.cwd, file) : DEFAULT_DATA_FILE;
        const shown = file ?? displayPath(DEFAULT_DATA_FILE, io.cwd);
        const set = setChoice(ctx, opts.templateSet);
        const { exportTablesFile } = await import('../pipeline/index.js');
        const r = await exportTablesFile(target, { outDir: path.resolve(io.cwd, opts.out), set });
        const diagnostics = r.diagnostics.map((d) => (d.file === target ? { ...d, file: shown } : d));
        if (diagnostics.length) io.stderr(formatReport([{ file: shown, diagnostics }], io));
        if (r.refused === 'output-is-input') {
          io.stderr('gongkai：输出会覆盖数据文件本身，未导出表格\n');
          return 2;
        }
        if (!r.output) {
          io.stderr(`gongkai：${r.refused === 'errors' ? '数据有错误，' : ''}未导出表格\n`);
          return 1;
        }
        io.stdout(`${displayPath(r.output, io.cwd)}\n`);
        return 0;
      }),
    );
};
