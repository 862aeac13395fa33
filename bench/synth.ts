/*
 * Writes synthetic departments (src/synth) to a directory, for trying `gongkai batch` and for
 * the benchmark:
 *
 *   npx tsx bench/synth.ts <dir> [--count N] [--seed S] [--preset varied|reference|small]
 *
 * varied (default): 0 to 300 projects, 1–5 units; reference: about the size of the reference
 * department (11–14 projects, each with its 绩效目标表, ~35–40 pages); small: 1–2 projects.
 * The same seed gives the same files.
 */
import { pathToFileURL } from 'node:url';
import { REFERENCE_SIZED, SMALL, writeDepartments, type SynthOptions } from './synth/index.js';

export const PRESETS: Record<string, SynthOptions> = { varied: {}, reference: REFERENCE_SIZED, small: SMALL };

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let dir: string | undefined;
  let count = 10;
  let seed = 1;
  let preset = 'varied';
  while (args.length) {
    const a = args.shift()!;
    if (a === '--count') count = Number(args.shift());
    else if (a === '--seed') seed = Number(args.shift());
    else if (a === '--preset') preset = args.shift() ?? '';
    else if (!a.startsWith('-') && dir === undefined) dir = a;
    else {
      process.stderr.write(`未知参数：${a}\n`);
      return 2;
    }
  }
  const options = PRESETS[preset];
  if (!dir || !Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !options) {
    process.stderr.write('用法：npx tsx bench/synth.ts <目录> [--count N] [--seed S] [--preset varied|reference|small]\n');
    return 2;
  }
  const files = await writeDepartments(dir, count, seed, options);
  process.stdout.write(`已写入 ${files.length} 个部门数据文件到 ${dir}（seed ${seed}，${preset}）\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main(process.argv.slice(2));
