import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHashRecord } from '../../src/batch/fingerprint.js';
import { checkDataFile } from '../../src/pipeline/check.js';
import { namedSet } from '../../src/pipeline/set-choice.js';
import { startPreview } from '../../src/preview/index.js';
import { renderPreview } from '../../src/preview/render.js';
import { DEFAULT_TEMPLATE_SET } from '../../src/schema/default-set.js';
import { loadWorkbookData } from '../../src/workbook/index.js';
import { cli, pdfsUnder, tempDir, writeSmall } from '../batch/helpers.js';
import { ROOT } from './run.js';

/*
 * --template-set: the set for every data file of a run, on every route (build, batch, preview,
 * validate, export, init), through the one composition. Precedence: the option, the data's own
 * 模板集, the project's templateSet, the default.
 */

const SHANGHAI = path.join(ROOT, 'data', 'shanghai-putuo-commerce.json');
const OTHER = 'shanghai-putuo';
const shown = (d: { rule: string }[]) => d.map((x) => x.rule);

let dir: string;
/** The Shanghai data without its templateSet: what the set is depends on the run. */
let unnamed: string;
beforeAll(async () => {
  dir = await tempDir('template-set');
  const { templateSet, ...rest } = JSON.parse(await readFile(SHANGHAI, 'utf8')) as Record<string, unknown>;
  expect(templateSet).toBe(OTHER);
  unnamed = path.join(dir, 'putuo.json');
  await writeFile(unnamed, JSON.stringify(rest, null, 2));
});

describe('which set a document uses', () => {
  it('the check prints with the chosen set; a data file naming another set than the option is warned at its 模板集, naming both', async () => {
    const over = await checkDataFile(SHANGHAI, { set: { override: DEFAULT_TEMPLATE_SET } });
    expect(over.data?.templateSet).toBe(DEFAULT_TEMPLATE_SET);
    const w = over.diagnostics.find((d) => d.rule === 'template-set-overridden')!;
    expect(w).toMatchObject({ severity: 'warning', path: 'templateSet', line: expect.any(Number) });
    expect(w.message).toContain(`"${OTHER}"`);
    expect(w.message).toContain(`“${DEFAULT_TEMPLATE_SET}”`);
    // the same set as the data's: nothing to say
    const same = await checkDataFile(SHANGHAI, { set: { override: OTHER } });
    expect(same.data?.templateSet).toBe(OTHER);
    expect(shown(same.diagnostics)).not.toContain('template-set-overridden');
    // the project's set is for data that names none
    const named = await checkDataFile(SHANGHAI, { set: { fallback: DEFAULT_TEMPLATE_SET } });
    expect(named.data?.templateSet).toBe(OTHER);
    const fallback = await checkDataFile(unnamed, { set: { fallback: OTHER } });
    expect(fallback.data?.templateSet).toBe(OTHER);
    expect(shown(fallback.diagnostics)).not.toContain('template-set-overridden');
    expect((await checkDataFile(unnamed)).data?.templateSet).toBe(DEFAULT_TEMPLATE_SET);
  });
});

describe('--template-set on the command line', () => {
  it('an unknown set is a usage error (exit 2) listing the sets found along the search path; nothing is written', async () => {
    for (const command of ['build', 'batch', 'validate', 'export', 'preview']) {
      const r = await cli([command, '--template-set', 'no-such-set', unnamed, ...(['build', 'batch', 'export'].includes(command) ? ['-o', 'never'] : [])], dir);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain('没有模板集“no-such-set”');
      expect(r.stderr, command).toContain(`${OTHER}、${DEFAULT_TEMPLATE_SET}`);
    }
    const init = await cli(['init', '某局', '--template-set', 'no-such-set'], dir);
    expect(init.code).toBe(2);
    expect(await pdfsUnder(dir)).toEqual([]);
  });

  it('a folder given with --templates is searched too: its sets may be chosen', async () => {
    const extra = path.join(dir, 'my-templates');
    await mkdir(path.join(extra, 'my-region'), { recursive: true });
    await writeFile(path.join(extra, 'my-region', 'set.json'), '{}');
    const r = await cli(['validate', '--templates', extra, '--template-set', 'nope', unnamed], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`my-region、${OTHER}、${DEFAULT_TEMPLATE_SET}`);
  });

  it('--help says what the option does, in Chinese', async () => {
    for (const command of ['build', 'batch', 'preview', 'validate', 'export', 'init']) {
      const r = await cli([command, '--help'], dir);
      expect(r.stdout, command).toMatch(/--template-set <name>\s+\S*模板集/);
    }
  });

  it('build: the option makes the 部门 and 单位 documents of a data file that names no set; the project’s set does too', async () => {
    const r = await cli(['build', '--template-set', OTHER, 'putuo.json', '-o', 'out-option', '--json'], dir);
    const made = JSON.parse(r.stdout) as { output: string; units?: Array<{ output: string | null }> };
    expect(made.output).toMatch(/\.pdf$/);
    // one 单位 document per separately budgeted unit (the data has two units, one budgeted apart: 1)
    expect(made.units?.length).toBe(1);
    expect(made.units?.every((u) => u.output)).toBe(true);
    expect(r.code).toBe(0);

    // gongkai.config.json's templateSet: the set of data that names none
    const project = path.join(dir, 'project');
    await mkdir(project, { recursive: true });
    await writeFile(path.join(project, 'gongkai.config.json'), JSON.stringify({ templateSet: OTHER }));
    const p = await cli(['build', unnamed, '-o', 'out', '--json'], project);
    const viaConfig = JSON.parse(p.stdout) as { units?: unknown[] };
    expect(p.code).toBe(0);
    expect(viaConfig.units?.length).toBe(1);
    const optionPdfs = await pdfsUnder(path.join(dir, 'out-option'));
    const configPdfs = await pdfsUnder(path.join(project, 'out'));
    expect(optionPdfs.map((f) => path.relative(path.join(dir, 'out-option'), f))).toEqual(configPdfs.map((f) => path.relative(path.join(project, 'out'), f)));
    for (const [i, f] of optionPdfs.entries()) expect((await readFile(f)).equals(await readFile(configPdfs[i]!))).toBe(true);
  }, 120_000);
});

describe('init --template-set and the workbook route', () => {
  it('init writes the set into the JSON data and into the 填报表’s 模板集 cell', async () => {
    const j = await cli(['init', '某局', '--template-set', OTHER, '-o', 'blank.json'], dir);
    expect(j.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'blank.json'), 'utf8')).templateSet).toBe(OTHER);
    const x = await cli(['init', '某局', '--xlsx', '--template-set', OTHER, '-o', 'blank.xlsx'], dir);
    expect(x.code).toBe(0);
    const book = await loadWorkbookData(path.join(dir, 'blank.xlsx'));
    expect((book.json as { templateSet?: string }).templateSet).toBe(OTHER);
    const cell = [...book.positions.entries()].find(([p]) => p === 'templateSet')?.[1];
    expect(cell?.sheet).toBeDefined();
  });

  it('a 填报表 made by init --xlsx --template-set and filled from the Shanghai data builds the 部门 and 单位 PDFs with that set, without the option', async () => {
    const init = await cli(['init', '--xlsx', '--from', 'putuo.json', '--template-set', OTHER, '-o', 'putuo.xlsx'], dir);
    expect(init.code).toBe(0);
    const book = await loadWorkbookData(path.join(dir, 'putuo.xlsx'));
    expect((book.json as { templateSet?: string }).templateSet).toBe(OTHER);
    const r = await cli(['build', 'putuo.xlsx', '-o', 'out-book', '--json'], dir);
    const made = JSON.parse(r.stdout) as { output: string | null; units?: Array<{ unit: string; output: string | null }> };
    expect(made.output).toMatch(/\.pdf$/);
    expect(made.units?.map((u) => u.output !== null)).toEqual([true]);
    expect(r.code).toBe(0);
    // the documents the JSON data makes with the option (not the same bytes: the 填报表 has no
    // sheet yet for the planned asset purchases and the 项目经费情况说明)
    const names = async (out: string) => (await pdfsUnder(path.join(dir, out))).map((f) => path.relative(path.join(dir, out), f));
    expect(await names('out-book')).toEqual(await names('out-option'));
    expect((await names('out-book')).length).toBe(2);
  }, 120_000);
});

describe('batch --template-set', () => {
  it('renders each department with the set; a changed choice makes them again, an unchanged one skips them', async () => {
    const root = path.join(dir, 'batch');
    const { files } = await writeSmall(path.join(root, 'data'), 2, 7);
    // the first names the default set, the second none
    for (const f of files) expect(namedSet(JSON.parse(await readFile(f, 'utf8')))).toBeUndefined();
    await writeFile(files[0]!, JSON.stringify({ ...JSON.parse(await readFile(files[0]!, 'utf8')), templateSet: DEFAULT_TEMPLATE_SET }));
    const report = (s: string) => JSON.parse(s) as { entries: Array<{ status: string; output?: string; warningList?: Array<{ rule: string }> }> };

    const first = await cli(['batch', 'data', '-o', 'out', '--json', '--template-set', OTHER], root);
    const a = report(first.stdout);
    expect(a.entries.map((e) => e.status)).toEqual(['produced', 'produced']);
    // the one naming another set is told the option won
    expect(a.entries.map((e) => (e.warningList ?? []).some((d) => d.rule === 'template-set-overridden'))).toEqual([true, false]);
    for (const e of a.entries) {
      const rec = await readHashRecord(path.join(root, e.output!));
      expect(rec?.templateSet).toBe(OTHER);
      // the set's 单位 documents, beside the 部门 document
      expect((await pdfsUnder(path.join(root, e.output!.replace(/\.pdf$/, '')))).length).toBeGreaterThan(0);
    }
    const hashes = await Promise.all(a.entries.map(async (e) => (await readHashRecord(path.join(root, e.output!)))!.hash));

    // the same choice again: up to date
    const again = report((await cli(['batch', 'data', '-o', 'out', '--json', '--template-set', OTHER], root)).stdout);
    expect(again.entries.map((e) => e.status)).toEqual(['skipped', 'skipped']);
    // without the option each prints with its own set: made again, with another fingerprint
    const own = report((await cli(['batch', 'data', '-o', 'out', '--json'], root)).stdout);
    expect(own.entries.map((e) => e.status)).toEqual(['produced', 'produced']);
    for (const [i, e] of own.entries.entries()) {
      const rec = await readHashRecord(path.join(root, e.output!));
      expect(rec?.templateSet).toBe(DEFAULT_TEMPLATE_SET);
      expect(rec?.hash).not.toBe(hashes[i]);
    }
  }, 240_000);
});

describe('preview --template-set', () => {
  it('the preview’s render entry prints with the chosen set', async () => {
    const own = await renderPreview(SHANGHAI, { date: '2026-03-01', fresh: false, isCurrent: () => true });
    expect(own.kind).toBe('ok');
    const r = await renderPreview(SHANGHAI, { date: '2026-03-01', fresh: false, isCurrent: () => true, set: { override: DEFAULT_TEMPLATE_SET } });
    if (r.kind === 'superseded') throw new Error('superseded');
    expect(r.templateSet).toBe(DEFAULT_TEMPLATE_SET);
    expect(r.diagnostics.map((d) => d.rule)).toContain('template-set-overridden');
    if (own.kind === 'ok' && r.kind === 'ok') expect(r.pdf.equals(own.pdf)).toBe(false);
  }, 120_000);

  it('the preview hands the choice to its render thread: the session follows the chosen set', async () => {
    const handle = await startPreview({ file: SHANGHAI, port: 0, watch: false, set: { override: DEFAULT_TEMPLATE_SET } });
    try {
      const state = await handle.firstRender;
      expect(state.status).toBe('ok');
      expect(handle.session.templateSet).toBe(DEFAULT_TEMPLATE_SET);
      expect(state.diagnostics.map((d) => d.rule)).toContain('template-set-overridden');
    } finally {
      await handle.close();
    }
  }, 120_000);
});
