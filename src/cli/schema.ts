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
    .description(`生成数据文件的 JSON Schema（供编辑器校验和补全），默认写入 ${DEFAULT_SCHEMA_OUTPUT}`)
    .addOption(new Option('-o, --output <file>', '输出文件').default(DEFAULT_SCHEMA_OUTPUT))
    .addOption(new Option('--stdout', '输出到标准输出，不写文件').conflicts('output'))
    .action(
      action(ctx, async (opts: { output: string; stdout?: boolean }) => {
        const { io } = ctx;
        const text = await schemaText();
        if (opts.stdout) {
          io.stdout(text);
          return 0;
        }
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
