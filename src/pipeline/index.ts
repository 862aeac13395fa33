import type { Diagnostic } from '../diagnostics/index.js';
import type { LayoutOptions } from '../layout/index.js';
import { locate } from '../validate/index.js';
import path from 'node:path';
import { checkOutput, fileNameWarning, FORCED_SUFFIX, isSameFile, outputPath } from '../write/index.js';
import { safeFileName } from '../write/names.js';
import type { CheckedFile, LoadedData } from './check.js';
import { run, type Placed, type Refusal } from './compose.js';
import { runUnits } from './documents.js';
import type { SetChoice } from './set-choice.js';
import { processWorld, type World } from './world.js';

/*
 * The routes a department takes through the program (compose.ts, written once): build (and
 * batch, which builds), export. The preview and the library API call `run` too.
 *
 *   check → place → environment → render → layout → write        run (compose.ts)
 *
 * Only load and write touch the disk. Everything a process reads besides the data — template
 * sets, fonts, catalogues, import layouts — comes from its World (world.ts), loaded once, so a
 * batch worker or the preview server pays for it once.
 */

export { checkDataFile, type CheckedFile } from './check.js';
export { coverageDiagnostics, environment, type Environment } from './environment.js';
export { makesUnitDocuments, runUnits, type UnitRun, type UnitRuns } from './documents.js';
export { creationDateOverride, renderToPdf, run, type RenderResult, type RunOptions, type RunResult, type Source } from './compose.js';
export { processWorld, renewProcessWorld, World } from './world.js';
export { chooseSet, type SetChoice } from './set-choice.js';

export interface BuildResult {
  file: string;
  checked: CheckedFile;
  output?: string;
  pages?: number;
  bytes?: number;
  /** sha256 of the PDF bytes written. */
  digest?: string;
  /** Written despite audit errors (--force): marked 未通过审核 and named apart. */
  forced?: boolean;
  diagnostics: Diagnostic[];
  /** Set when nothing was written: errors, a layout that would lose content, a render failure, or an output that is the input itself. */
  refused?: 'errors' | 'incomplete' | 'failed' | 'output-is-input';
  /**
   * The 单位 documents, when the set makes them (set.json `documents`), one per separately
   * budgeted unit; empty when the data does not split by unit (a `unit-not-split` warning says so; the 部门 document is whole).
   * Their findings are in `diagnostics` too, each naming its unit.
   */
  units?: UnitBuildResult[];
}

/** One unit's 单位 document, written or refused. */
export interface UnitBuildResult {
  unit: string;
  output?: string;
  pages?: number;
  bytes?: number;
  digest?: string;
  forced?: boolean;
  refused?: BuildResult['refused'];
  diagnostics: Diagnostic[];
}

export interface BuildOptions {
  outDir: string;
  /** The PDF's own path (build -o x.pdf), instead of <outDir>/<年度>/<部门名称>.pdf. */
  output?: string;
  /** Print despite audit errors (never despite unreadable or invalid data). */
  force?: boolean;
  draft?: LayoutOptions['draft'];
  /** What the build reads besides the data: this process's World unless given. */
  world?: World;
  /** The data file's bytes, already read (the batch hashes what it renders): not read again. */
  bytes?: Uint8Array;
  /** The data, already loaded (a batch reads a workbook once, to know its name): not read again. */
  loaded?: LoadedData;
  /** The path the batch planned for this department's PDF (its year and name, decided once for all departments). */
  planned?: string;
  /** The run's choice of template set (--template-set, the project's), beside the data's own. */
  set?: SetChoice;
}

/** One department end to end: check, render, write out/<year>/<name>.pdf. */
export async function buildFile(file: string, options: BuildOptions): Promise<BuildResult> {
  const source = { file, ...(options.loaded ? { loaded: options.loaded } : options.bytes ? { bytes: options.bytes } : {}) };
  const world = options.world ?? processWorld();
  const r = await run(world, source, {
    ...(options.set ? { set: options.set } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.draft ? { draft: options.draft } : {}),
    place: async (checked, forced): Promise<Placed> => {
      // printed despite errors (--force): never under the real name — it cannot be taken for
      // the document, nor replace one that passed
      const output = options.output
        ? forced
          ? options.output.replace(/(\.pdf)?$/i, `${FORCED_SUFFIX}.pdf`)
          : options.output
        : !forced && options.planned
          ? options.planned
          : outputPath(options.outDir, checked.derived.year, checked.derived.department.name, forced ? FORCED_SUFFIX : '');
      return placeOutput(output, file, checked, !options.output);
    },
  });
  const result: BuildResult = { file, checked: r.checked, diagnostics: r.diagnostics };
  // a department dropped for a newer request is not a build's outcome: never asked for here
  if (r.refused) return { ...result, refused: refusal(r.refused) };
  const built: BuildResult = { ...result, output: r.output!, pages: r.pages!, bytes: r.bytes!.length, digest: r.digest!, ...(r.forced ? { forced: true } : {}) };
  // the 单位 documents, beside the 部门 document: in a folder named as it is, each named by its unit
  const folder = (options.output ?? options.planned ?? outputPath(options.outDir, r.checked.derived!.year, r.checked.derived!.department.name)).replace(/\.pdf$/i, '');
  const units = await runUnits(world, r.checked, {
    ...(options.force ? { force: true } : {}),
    ...(r.carried ? { carried: r.carried } : {}),
    ...(options.draft ? { draft: options.draft } : {}),
    place: async (unit, checked, forced) => {
      const output = path.join(folder, `${safeFileName(unit).name}${forced ? FORCED_SUFFIX : ''}.pdf`);
      return placeOutput(output, file, checked, false);
    },
  });
  if (!units) return built;
  return {
    ...built,
    diagnostics: [...built.diagnostics, ...units.diagnostics, ...units.units.flatMap((u) => u.result.diagnostics)],
    units: units.units.map(({ unit, result: u }) =>
      u.refused
        ? { unit, refused: refusal(u.refused), diagnostics: u.diagnostics }
        : { unit, output: u.output!, pages: u.pages!, bytes: u.bytes!.length, digest: u.digest!, ...(u.forced ? { forced: true } : {}), diagnostics: u.diagnostics },
    ),
  };
}

const refusal = (r: Refusal): NonNullable<BuildResult['refused']> => (r === 'superseded' ? 'failed' : r);

/** Where a product goes can take it: not the data itself, a name that says what was changed, a folder that can be written. */
async function placeOutput(output: string, file: string, checked: CheckedFile & { derived: { department: { name: string } } }, named: boolean): Promise<Placed> {
  if (await isSameFile(output, file)) return { refused: 'output-is-input', diagnostics: [outputIsInput(output, file)] };
  const diagnostics: Diagnostic[] = [];
  if (named) {
    const renamed = fileNameWarning(checked.derived.department.name, output, file);
    if (renamed) diagnostics.push(...locate([renamed], checked.positions));
  }
  const blocked = await checkOutput(output);
  if (blocked) return { refused: 'failed', diagnostics: [...diagnostics, blocked] };
  return { output, diagnostics };
}

export interface ExportResult {
  file: string;
  output?: string;
  diagnostics: Diagnostic[];
  refused?: 'errors' | 'failed' | 'output-is-input';
}

/** The set's tables as a workbook beside the PDF: out/<year>/<name><the set's meta.tablesFile>.xlsx. */
export async function exportTablesFile(file: string, options: { outDir: string; world?: World; set?: SetChoice }): Promise<ExportResult> {
  const world = options.world ?? processWorld();
  const r = await run(world, { file }, {
    ...(options.set ? { set: options.set } : {}),
    product: 'tables',
    place: async (checked) => {
      const { set } = await world.templateSet(checked.data.templateSet);
      return placeOutput(outputPath(options.outDir, checked.derived.year, checked.derived.department.name, set?.meta.tablesFile ?? TABLES_SUFFIX, '.xlsx'), file, checked, true);
    },
  });
  if (r.refused) return { file, diagnostics: r.diagnostics, refused: r.refused === 'incomplete' || r.refused === 'superseded' ? 'failed' : r.refused };
  return { file, output: r.output!, diagnostics: r.diagnostics };
}

/** The output would replace the data it is made from (a link, another spelling of the same file). */
function outputIsInput(output: string, file: string): Diagnostic {
  return { file, path: '', rule: 'output-is-input', severity: 'error', message: `输出文件“${output}”就是这份数据文件本身（或指向它），写入会覆盖它：请换一个输出位置（-o）` };
}

/**
 * The exported tables' name beside 部门.pdf, when the set does not word it (set.json meta.tablesFile).
 * Whatever the name, the workbook is marked (TABLES_CATEGORY) so that a data folder holding one
 * never reads it as a department.
 */
export const TABLES_SUFFIX = '（部门预算表）';
