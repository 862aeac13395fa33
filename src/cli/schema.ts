import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { action, type RegisterCommand } from './context.js';
import { writeTextFile } from './write.js';

export const DEFAULT_SCHEMA_OUTPUT = 'data/department.schema.json';

/** The JSON Schema as written to disk: two-space indent, trailing newline. */
export async function schemaText(): Promise<string> {
  // Loaded on use: building the zod schema is most of gongkai's start-up time.
  const { departmentJsonSchema } = await import('../schema/index.js');
  return JSON.stringify(departmentJsonSchema(), null, 2) + '\n';
}

export const registerSchema: RegisterCommand = (program, ctx) => {
  program
    .command('schema')
    .description(`生成数据文件的 JSON Schema（供编辑器校验和补全）：写入 -o；不给时写入项目配置旁，或当前目录已有的 ${DEFAULT_SCHEMA_OUTPUT}，否则输出到标准输出`)
    .addOption(new Option('-o, --output <file>', '输出文件'))
    .addOption(new Option('--stdout', '输出到标准输出，不写文件').conflicts('output'))
    .action(
      action(ctx, async (opts: { output?: string; stdout?: boolean }) => {
        const { io } = ctx;
        const text = await schemaText();
        // nothing written unasked: a file only where it was named or is already kept
        const output = opts.output ?? (ctx.config ? path.relative(io.cwd, path.join(ctx.config.dir, 'department.schema.json')) || 'department.schema.json' : existsSync(path.join(io.cwd, 'data')) ? DEFAULT_SCHEMA_OUTPUT : undefined);
        if (opts.stdout || output === undefined) {
          io.stdout(text);
          return 0;
        }
        opts.output = output;
        const file = path.resolve(io.cwd, opts.output);
        const written = await writeTextFile(file, text, { overwrite: true, shown: opts.output });
        if (!written.ok) {
          io.stderr(`gongkai：${written.message}\n`);
          return 1;
        }
        io.stdout(`已写入 ${opts.output}\n`);
        return 0;
      }),
    );
};
