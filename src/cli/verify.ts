import path from 'node:path';
import type { VerifyResult, VerifySummary } from '../verify/index.js';
import { action, paint, UsageError, type CliIO, type RegisterCommand } from './context.js';
import { formatDiagnostic } from './report.js';
import { displayPath } from './validate.js';

/*
 * gongkai verify <pdf|dir> — a published PDF checked against the data inside it (src/verify):
 * one line per PDF, and what differs page by page. Exit 0 every PDF verified, 1 any differs,
 * carries no data or cannot be read, 2 usage (no path, a folder without PDFs).
 */

/** At most this many differences shown per PDF (--json has them all). */
const SHOWN = 30;

const LABEL: Record<VerifyResult['status'], [string, 'green' | 'red' | 'yellow']> = {
  verified: ['✓ 一致', 'green'],
  differs: ['✗ 不一致', 'red'],
  'no-data': ['! 无内嵌数据', 'yellow'],
  unreadable: ['✗ 无法读取', 'red'],
  'set-missing': ['! 无法核对', 'yellow'],
};

export function resultLines(r: VerifyResult, io: CliIO): string {
  const [label, colour] = LABEL[r.status];
  const how = r.status === 'verified' ? (r.compared === 'bytes' ? '（与数据重新生成的 PDF 逐字节相同）' : '（每页印出的文字和数字与数据得出的相同）') : '';
  const unit = r.recorded?.unit !== undefined ? `  单位：${r.recorded.unit}` : '';
  const lines = [`${paint(io, colour, label)}  ${r.file}${how}${unit}`];
  for (const n of r.notes) lines.push(`    ${paint(io, 'dim', n)}`);
  for (const d of r.differences.slice(0, SHOWN)) lines.push(`    ${d.message}`);
  if (r.differences.length > SHOWN) lines.push(`    …另有 ${r.differences.length - SHOWN} 处不同（--json 列出全部）`);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors.slice(0, 5)) lines.push(`    ${paint(io, 'red', '错误')}  ${formatDiagnostic(d)}`);
  return lines.join('\n') + '\n';
}

export function summaryLine(s: VerifySummary): string {
  const c = s.counts;
  const parts = [`${c.verified} 个一致`, c.differs ? `${c.differs} 个不一致` : '', c['no-data'] ? `${c['no-data']} 个没有内嵌数据` : '', c['set-missing'] ? `${c['set-missing']} 个缺少模板集无法核对` : '', c.unreadable ? `${c.unreadable} 个无法读取` : ''].filter(Boolean);
  return `核对了 ${s.results.length} 个 PDF：${parts.join('，')}\n`;
}

export const registerVerify: RegisterCommand = (program, ctx) => {
  program
    .command('verify')
    .description('核对已公开的 PDF：读出其中内嵌的数据，重新生成并逐页比较印出的数字（或逐字节比较），说明哪一页哪个数不同')
    .argument('<path>', 'PDF 文件，或目录（核对其中所有 PDF）')
    .option('--json', '以 JSON 输出：{ results: [{ file, status, compared, recorded, notes, differences, diagnostics }], counts }')
    .action(
      action(ctx, async (target: string, opts: { json?: boolean }) => {
        const { io } = ctx;
        // loaded on use: pdf.js and the pipeline are for this command only
        const { verifyPath } = await import('../verify/index.js');
        const resolved = path.resolve(io.cwd, target);
        const summary = await verifyPath(resolved);
        if (summary.results.length === 0) throw new UsageError(`“${target}”中没有 PDF 文件`);
        const shown: VerifySummary = { ...summary, results: summary.results.map((r) => ({ ...r, file: displayPath(r.file, io.cwd) })) };
        if (opts.json) io.stdout(JSON.stringify(shown, null, 2) + '\n');
        else {
          for (const r of shown.results) io.stdout(resultLines(r, io));
          if (shown.results.length > 1) io.stdout(summaryLine(shown));
        }
        return summary.counts.verified === summary.results.length ? 0 : 1;
      }),
    );
};
