import { DEFAULT_DATA_FILE } from '../load/discover.js';
import { action, paint, type RegisterCommand } from './context.js';
import path from 'node:path';

export const registerFonts: RegisterCommand = (program, ctx) => {
  program
    .command('fonts')
    .description('显示每个字体角色实际使用的字体文件，并检查数据中有无字体缺少的字符')
    .argument('[file]', '要检查字形覆盖的数据文件；默认：内置的参考数据')
    .option('--json', '以 JSON 输出')
    .action(
      action(ctx, async (file: string | undefined, opts: { json?: boolean }) => {
        const { io } = ctx;
        const [{ checkDataFile }, { setupFonts }, { loadFontSet }] = await Promise.all([import('../pipeline/check.js'), import('../fonts/index.js'), import('../load/font-set.js')]);
        const set = await loadFontSet();
        const target = file ? path.resolve(io.cwd, file) : DEFAULT_DATA_FILE;
        const checked = await checkDataFile(target);
        const text = checked.data ? JSON.stringify(checked.data) : '';
        const fonts = set.roles.length ? setupFonts(set.roles) : undefined;
        const rows = set.resolved.map((r) => ({
          role: r.role,
          family: r.spec.family,
          weight: r.spec.weight,
          file: r.file?.path ?? null,
          resolvedWeight: r.file?.weight ?? null,
          missing: fonts && r.file ? fonts.missing(r.role, text) : [],
        }));
        if (opts.json) io.stdout(JSON.stringify({ roles: rows, diagnostics: set.diagnostics }, null, 2) + '\n');
        else {
          for (const r of rows) {
            io.stdout(`${r.role.padEnd(10)} ${r.family} ${r.weight}  →  ${r.file ? `${r.file}（字重 ${r.resolvedWeight}）` : paint(io, 'red', '未找到')}\n`);
            if (r.missing.length) io.stdout(paint(io, 'red', `           缺少字形：${r.missing.join(' ')}\n`));
          }
          if (!checked.data) io.stdout('（数据文件未通过校验，未检查字形覆盖）\n');
        }
        const bad = set.diagnostics.length > 0 || rows.some((r) => r.missing.length > 0);
        return bad ? 1 : 0;
      }),
    );
};
