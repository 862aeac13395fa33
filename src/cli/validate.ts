import path from 'node:path';
import { DEFAULT_DATA_FILE, discoverDataFiles } from '../load/discover.js';
import { action, isDebug, type CliIO, type RegisterCommand } from './context.js';
import { count, formatReport, type FileReport } from './report.js';
import type { SetChoice } from '../pipeline/set-choice.js';
import { setChoice, templateSetOption } from './template-set.js';

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** load → validate → derive → audit for every data file the arguments name. Writes nothing. */
export async function validateFiles(inputs: readonly string[], io: CliIO, set: SetChoice = {}): Promise<FileReport[]> {
  // Loaded on use, so that `--help`, `--version` and usage errors stay fast.
  const { checkDataFile } = await import('../pipeline/check.js');
  const targets = inputs.length > 0 ? inputs : [displayPath(DEFAULT_DATA_FILE, io.cwd)];
  const reports: FileReport[] = [];
  for (const target of targets) {
    // Paths are resolved against io.cwd but reported as given.
    const resolved = path.resolve(io.cwd, target);
    const found = await discoverDataFiles(resolved);
    if (found.files.length === 0) {
      reports.push({ file: target, diagnostics: found.diagnostics.map((d) => ({ ...d, file: target, message: d.message.replace(resolved, target) })) });
      continue;
    }
    for (const abs of found.files) {
      const shown = abs === resolved ? target : path.join(target, path.relative(resolved, abs));
      const checked = await checkDataFile(abs, { debug: isDebug(io.env), set });
      reports.push({
        file: shown,
        diagnostics: checked.diagnostics.map((d) => (d.file === abs ? { ...d, file: shown, message: d.message.split(abs).join(shown) } : d)),
      });
    }
  }
  return reports;
}

export const registerValidate: RegisterCommand = (program, ctx) => {
  program
    .command('validate')
    .description('校验数据文件：格式、科目树、唯一性，以及各表之间的勾稽关系（不生成文件）')
    .argument('[paths...]', '数据文件或目录（目录下的 **/*.json，不含 *.schema.json）；默认：内置的参考数据')
    .option('--json', '以 JSON 输出：{ files: [{ file, diagnostics }], errors, warnings }')
    .option('--strict', '有警告也以退出码 1 结束')
    .addOption(templateSetOption())
    .action(
      action(ctx, async (paths: string[], opts: { json?: boolean; strict?: boolean; templateSet?: string }) => {
        const { io } = ctx;
        const files = await validateFiles(paths, io, setChoice(ctx, opts.templateSet));
        const counts = count(files);
        if (opts.json) {
          io.stdout(JSON.stringify({ files, errors: counts.errors, warnings: counts.warnings }, null, 2) + '\n');
        } else {
          io.stdout(formatReport(files, io, { strict: opts.strict === true }));
        }
        return counts.errors > 0 || (opts.strict && counts.warnings > 0) ? 1 : 0;
      }),
    );
};
