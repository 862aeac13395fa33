import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import type { DepartmentInput } from '../schema/index.js';
import { action, UsageError, type RegisterCommand } from './context.js';
import { formatReport } from './report.js';
import { setChoice } from './template-set.js';
import { displayPath } from './validate.js';
import { refuseOutputIsInput, writeTextFile } from './write.js';
import { DEFAULT_TEMPLATE_SET } from '../schema/default-set.js';

export interface SkeletonOptions {
  /** 部门名称; also the one 预算单位. */
  name: string;
  year: number;
  /** 部门编码 (3–12 digits). */
  code: string;
  /** The `$schema` reference, relative to the data file. */
  schemaRef?: string;
  templateSet?: string;
}

const TODO = (what: string) => `（待填写：${what}）`;

/**
 * A data file for a new department that validates as is: empty tables, placeholder paragraphs,
 * one unit named after the department, placeholder reasons, no performance sheets. Figures a
 * department may not state (last year's, vehicles, floor area, equipment) are left out — not
 * stated, never an invented 0. Pure.
 */
export function skeleton(opts: SkeletonOptions): DepartmentInput {
  const { name, year, code } = opts;
  return {
    ...(opts.schemaRef ? { $schema: opts.schemaRef } : {}),
    templateSet: opts.templateSet ?? DEFAULT_TEMPLATE_SET,
    year,
    publishedOn: `${year}-01-01`,
    department: {
      name,
      code,
      units: [{ name }],
      duties: [TODO('本部门职责，每段一项')],
      organisation: [TODO('机构设置情况，每段一项')],
    },
    expenditure: { subjects: [], lines: [] },
    basicByEconomic: [],
    govFundIncome: [],
    stateCapitalIncome: [],
    threePublic: {},
    operatingCosts: [],
    projects: [],
    carryoverProjects: [],
    narrative: {
      reasons: {
        income: TODO('收入变动主要原因'),
        expenditure: TODO('支出变动主要原因'),
        generalBudget: TODO('一般公共预算支出变动原因'),
        threePublic: TODO('“三公”经费增减变动原因'),
        operatingCosts: TODO('机关运行经费增减变动原因'),
      },
      procurement: { goods: '0', works: '0', services: '0' },
      performance: {},
      assets: { asOf: `${year - 1}-12-31` },
      purchaseServices: [],
      other: [],
    },
    performanceSheets: [],
  };
}

/**
 * Where the JSON Schema for a data file at `file` lives: beside the project's
 * gongkai.config.json, else beside the data file — never inside gongkai's install folder, whose
 * path is different on every machine.
 */
export function schemaFileFor(file: string, configDir?: string): string {
  return path.join(configDir ?? path.dirname(path.resolve(file)), 'department.schema.json');
}

/** `$schema` for a data file written at `file`: the schema's path relative to it, with forward slashes. */
export function schemaRefFor(file: string, configDir?: string): string {
  const rel = path.relative(path.dirname(path.resolve(file)), schemaFileFor(file, configDir)).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The schema beside a new data file, when it is not there yet: the `$schema` it writes must resolve. */
export async function ensureSchema(file: string, configDir?: string): Promise<string | undefined> {
  const target = schemaFileFor(file, configDir);
  if (existsSync(target)) return undefined;
  const { schemaText } = await import('./schema.js');
  const written = await writeTextFile(target, await schemaText(), { overwrite: false });
  return written.ok ? target : undefined;
}

/** The budget year a new department drafts: next year's from September, when budgets are drafted. */
export function defaultYear(now = new Date()): number {
  return now.getMonth() >= 8 ? now.getFullYear() + 1 : now.getFullYear();
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) throw new InvalidArgumentError(`年度须为2000–2100之间的四位整数，实际为“${value}”`);
  return Number(value);
}

function parseCode(value: string): string {
  if (!/^\d{3,12}$/.test(value)) throw new InvalidArgumentError(`部门编码须为3–12位数字，如 "640"，实际为“${value}”`);
  return value;
}

/** A file name from a department name: path separators and control characters removed. */
function fileNameFor(name: string, code: string | undefined, ext = '.json'): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').trim() || 'department';
  return `${code ? `${code}-` : ''}${safe}${ext}`;
}

export const registerInit: RegisterCommand = (program, ctx) => {
  program
    .command('init')
    .description('为新部门生成一份可通过校验的数据文件骨架（空表、占位段落），或一份 Excel 填报表（--xlsx），再逐项填写')
    .argument('[name]', '部门名称，如“城东区政务服务中心”（用 --from 时可省略）')
    .option('-o, --output <file>', '输出文件（默认：<编码>-<部门名称>.json 或 .xlsx，在当前目录）')
    .addOption(new Option('--year <year>', '预算年度（默认：项目配置的年度；否则九月起为明年，之前为今年）').argParser(parseYear))
    .addOption(new Option('--code <code>', '部门编码（默认：000，请改为实际编码）').argParser(parseCode))
    .option('--xlsx', '生成 Excel / WPS 填报表（.xlsx），而不是 JSON 数据文件')
    .option('--from <data>', '用已有的数据文件（JSON 或填报表）填好填报表：已用 JSON 的部门可改用 Excel')
    .option('-f, --force', '覆盖已存在的文件')
    .option('--template-set <name>', '数据的模板集（写入数据文件的 templateSet 或填报表的“模板集”）；默认：项目配置的 templateSet，否则 ' + DEFAULT_TEMPLATE_SET)
    .action(
      action(ctx, async (name: string | undefined, opts: { output?: string; year?: number; code?: string; force?: boolean; xlsx?: boolean; from?: string; templateSet?: string }) => {
        const { io } = ctx;
        // the set the new data names: checked like build's --template-set (a set found along the search path)
        const templateSet = setChoice(ctx, opts.templateSet).override ?? ctx.config?.templateSet;
        const trimmed = (name ?? '').trim();
        if (opts.from && !opts.xlsx) throw new UsageError('--from 与 --xlsx 一起用：gongkai init --xlsx --from 数据.json');
        // `init 财政局.xlsx` would name the department “财政局.xlsx” and write 财政局.xlsx.xlsx
        if (/\.(json|xlsx|xls|et)$/i.test(trimmed)) {
          throw new UsageError(`“${trimmed}”像是文件名：参数是部门名称本身，如 gongkai init "某某局"${opts.xlsx ? ' --xlsx' : ''}；要指定文件名请用 -o ${path.basename(trimmed)}`);
        }
        let data: unknown;
        let shownName = trimmed;
        let year = opts.year ?? ctx.config?.year ?? defaultYear();
        let code = opts.code ?? '000';
        if (opts.from) {
          // the data as written (its own money unit), once it validates
          const { checkDataFile } = await import('../pipeline/check.js');
          const checked = await checkDataFile(path.resolve(io.cwd, opts.from));
          const errors = checked.diagnostics.filter((d) => d.rule === 'json-syntax' || d.rule === 'schema' || d.rule.startsWith('workbook') || d.rule === 'file-unreadable' || d.rule === 'file-too-large');
          if (!checked.data || errors.length) {
            io.stderr(formatReport([{ file: opts.from, diagnostics: checked.diagnostics.filter((d) => d.severity === 'error') }], io));
            io.stderr(`gongkai：${opts.from} 不能读取或不符合数据格式，未生成填报表\n`);
            return 1;
          }
          data = await rawData(path.resolve(io.cwd, opts.from));
          const d = data as { department: { name: string; code?: string }; year: number };
          shownName = trimmed || d.department.name;
          year = d.year;
          code = d.department.code ?? '';
        } else if (trimmed === '') {
          throw new UsageError('请给出部门名称：gongkai init "部门名称"（或用 --xlsx --from 数据.json）');
        }
        const output = opts.output ?? fileNameFor(shownName, opts.from ? code : opts.code, opts.xlsx ? '.xlsx' : '.json');
        const file = path.resolve(io.cwd, output);
        if (opts.from) await refuseOutputIsInput({ file, shown: output }, [{ file: path.resolve(io.cwd, opts.from), shown: opts.from, role: '用 --from 读取的数据文件' }]);
        if (opts.xlsx) {
          const { fillWorkbook, guideLines } = await import('../workbook/fill.js');
          const { writeWorkbook } = await import('../write/workbook.js');
          const filled = data ? { ...(data as object), ...(opts.templateSet ? { templateSet } : {}) } : skeleton({ name: shownName, year, code, ...(templateSet ? { templateSet } : {}) });
          const bytes = await writeWorkbook(fillWorkbook(filled as DepartmentInput), guideLines());
          const written = await writeTextFile(file, bytes, { overwrite: opts.force === true, shown: output });
          if (!written.ok) {
            io.stderr(`gongkai：${written.message}\n`);
            return 1;
          }
          const q = /\s/.test(output) ? `"${output}"` : output;
          io.stdout(
            `已创建填报表 ${output}（${year} 年度${opts.from ? `，已填入 ${opts.from} 的全部数据` : `，部门编码 ${code}${opts.code ? '' : '，请改为实际编码'}`}）\n` +
              `下一步：在 Excel 或 WPS 中填写（先看“填表说明”），保存后运行 gongkai validate ${q}，再 gongkai build ${q}\n`,
          );
          return 0;
        }
        const skel = skeleton({ name: trimmed, year, code, schemaRef: schemaRefFor(file, ctx.config?.dir), ...(templateSet ? { templateSet } : {}) });

        // The skeleton must pass its own validation; if not, that is a bug in gongkai, not the user's.
        const { validate } = await import('../validate/index.js');
        const check = validate(skel, output);
        if (!check.data) throw new Error(`init 生成的骨架未通过校验：${check.diagnostics.map((d) => `${d.path} ${d.message}`).join('；')}`);

        const written = await writeTextFile(file, JSON.stringify(skel, null, 2) + '\n', { overwrite: opts.force === true, shown: output });
        if (!written.ok) {
          io.stderr(`gongkai：${written.message}\n`);
          return 1;
        }
        const schema = await ensureSchema(file, ctx.config?.dir);
        if (schema) io.stdout(`已写入 ${displayPath(schema, io.cwd)}（数据文件的 $schema 指向它，编辑器据此校验和补全）\n`);
        io.stdout(
          `已创建 ${output}（${year} 年度，部门编码 ${code}${opts.code ? '' : '，请改为实际编码'}）\n` +
            `下一步：填写其中“（待填写：…）”的段落和各表数据，然后运行 gongkai validate ${/\s/.test(output) ? `"${output}"` : output}\n`,
        );
        return 0;
      }),
    );
};

/** A data source's data as written: a JSON file's own text, or what a workbook stands for. */
async function rawData(file: string): Promise<unknown> {
  const { isWorkbookFile } = await import('../load/workbook.js');
  if (isWorkbookFile(file)) {
    const { loadWorkbookData } = await import('../workbook/index.js');
    return (await loadWorkbookData(file)).json;
  }
  return JSON.parse(await readFile(file, 'utf8'));
}
