import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFile } from '../../src/pipeline/index.js';
import { minimalInput } from '../fixtures/minimal.js';
import { normalise, pdfInfo, pdfPages } from '../support/pdf-text.js';

async function dataFile(mutate: (d: ReturnType<typeof minimalInput>) => void = () => {}): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gk-build-'));
  const d = minimalInput();
  mutate(d);
  const file = path.join(dir, 'dept.json');
  await writeFile(file, JSON.stringify(d, null, 2));
  return { dir, file };
}

describe('buildFile', () => {
  it('renders a department to out/<year>/<name>.pdf whose text carries its figures', async () => {
    const { dir, file } = await dataFile();
    const r = await buildFile(file, { outDir: path.join(dir, 'out') });
    expect(r.refused).toBeUndefined();
    expect(r.output).toBe(path.join(dir, 'out', '2026', '示例中心.pdf'));
    const text = normalise((await pdfPages(await readFile(r.output!))).join(''));
    expect(text).toContain('示例中心(示例交易中心)');
    expect(text).toContain('预算收入总计348.00万元');
    expect(text).toContain('系统运维费150.50100.5050.00');
    expect(r.pages).toBeGreaterThan(10);
  });

  it('refuses to print when the audit finds errors, and prints with force', async () => {
    // a project in no known unit is an audit error
    const { dir, file } = await dataFile((d) => {
      d.projects[0]!.unit = '不存在的单位';
    });
    const out = path.join(dir, 'out');
    const refused = await buildFile(file, { outDir: out });
    expect(refused.refused).toBe('errors');
    expect(refused.diagnostics.some((d) => d.severity === 'error' && d.rule === 'project-unit-known')).toBe(true);
    await expect(readdir(out)).rejects.toThrow();
    const forced = await buildFile(file, { outDir: out, force: true });
    expect(forced.output).toBeDefined();
    // marked: its name, every page, the metadata (issue 11)
    expect(forced.forced).toBe(true);
    expect(path.basename(forced.output!)).toBe('示例中心（未通过审核）.pdf');
    const bytes = await readFile(forced.output!);
    const pages = await pdfPages(bytes);
    const errors = forced.diagnostics.filter((d) => d.severity === 'error').length;
    for (const p of pages) expect(normalise(p)).toContain(normalise(`未通过审核（${errors}个错误）`));
    expect(String((await pdfInfo(bytes)).info.Title)).toMatch(/^【未通过审核/);
    // the good PDF of the same department is never overwritten by a forced one
    expect((await readdir(path.join(out, '2026'))).filter((f) => f.endsWith('.pdf'))).toEqual(['示例中心（未通过审核）.pdf']);
  });

  it('refuses to print a character the fonts cannot draw, naming it (never tofu)', async () => {
    const { dir, file } = await dataFile((d) => {
      d.department.duties = ['负责示例工作\uE000。'];
    });
    const r = await buildFile(file, { outDir: path.join(dir, 'out') });
    expect(r.refused).toBe('errors');
    const d = r.diagnostics.find((x) => x.rule === 'font-coverage');
    expect(d?.message).toContain('\uE000');
    expect(await readdir(dir)).toEqual(['dept.json']);
  });

  it('refuses unreadable data even with force, writing nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gk-build-'));
    const file = path.join(dir, 'bad.json');
    await writeFile(file, '{ "year": 2026, ');
    const r = await buildFile(file, { outDir: path.join(dir, 'out'), force: true });
    expect(r.refused).toBe('errors');
    expect(r.diagnostics[0]).toMatchObject({ rule: 'json-syntax', line: 1 });
    expect(await readdir(dir)).toEqual(['bad.json']);
  });
});

describe('font coverage is checked with the data (issue 11)', () => {
  it('validate names each missing character once, at its own line and column', async () => {
    const { checkDataFile } = await import('../../src/pipeline/index.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gk-glyph-'));
    const file = path.join(dir, 'dept.json');
    const d = minimalInput();
    d.department.duties = ['负责\uE000示例\uE000工作。'];
    d.narrative.other = ['其他𠀀说明。'];
    const text = JSON.stringify(d, null, 2).replace('负责\uE000', '负责\\uE000');
    await writeFile(file, text);
    const r = await checkDataFile(file);
    const found = r.diagnostics.filter((x) => x.rule === 'font-coverage');
    expect(found.map((x) => [x.path, x.message.split('不在')[0]])).toEqual([
      ['department.duties[0]', '字符“\uE000”（U+E000）'],
      ['narrative.other[0]', '字符“𠀀”（U+20000）'],
    ]);
    const lines = text.split('\n');
    // the first character is written as an escape: its column is where the escape begins
    expect(lines[found[0]!.line! - 1]!.slice(found[0]!.column! - 1)).toMatch(/^\\uE000示例/);
    expect(lines[found[1]!.line! - 1]!.slice(found[1]!.column! - 1)).toMatch(/^𠀀说明/);
  });
});
