import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../bench/examples.js';
import { DEFAULT_DATA_FILE } from '../../src/load/discover.js';
import { gongkai, listing } from './run.js';

/*
 * A zone's own folder: gongkai.config.json, three departments, and a folder with the zone's
 * licensed font and its roles.json. Bare `gongkai batch` (and `build`) do the zone's job with
 * them; the zone's font is the one printed.
 */

const require = createRequire(import.meta.url);
let zone: string;

beforeAll(async () => {
  zone = await mkdtemp(path.join(tmpdir(), 'gongkai-zone-'));
  await mkdir(path.join(zone, 'departments'));
  await mkdir(path.join(zone, 'licensed-fonts'));
  await copyFile(DEFAULT_DATA_FILE, path.join(zone, 'departments', 'a.json'));
  await copyFile(path.join(EXAMPLES_DIR, 'yingze-culture-tourism.json'), path.join(zone, 'departments', 'b.json'));
  await copyFile(path.join(EXAMPLES_DIR, 'yuci-government-services.json'), path.join(zone, 'departments', 'c.json'));
  // "the licensed font": here a sans face, so the PDF shows which folder it came from
  const sans = path.join(path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular', 'NotoSansSC_400Regular.ttf');
  await copyFile(sans, path.join(zone, 'licensed-fonts', 'ZoneBody.ttf'));
  const roles = JSON.parse(await readFile(path.join(path.dirname(DEFAULT_DATA_FILE), '..', 'fonts', 'roles.json'), 'utf8'));
  roles.body = { family: 'Noto Sans SC', weight: 400, file: 'ZoneBody.ttf' };
  await writeFile(path.join(zone, 'licensed-fonts', 'roles.json'), JSON.stringify(roles, null, 2));
  await writeFile(path.join(zone, 'gongkai.config.json'), JSON.stringify({ data: 'departments', out: 'pdf', fontPaths: ['licensed-fonts'] }, null, 2));
});

describe('a zone folder', () => {
  it('builds all its departments with bare gongkai batch, in its own font', async () => {
    const r = await gongkai(['batch'], { cwd: zone });
    expect(r.stdout + r.stderr).toMatch(/3 个数据文件，生成 3 份，跳过 0 份（未变化），失败 0 份/);
    expect(r.code).toBe(0);
    const files = await listing(path.join(zone, 'pdf'));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
    expect(files).toContain('batch-summary.html');
    const fonts = await gongkai(['fonts'], { cwd: zone });
    expect(fonts.stdout).toMatch(/licensed-fonts[\\/]ZoneBody\.ttf/);
    // bare build does the same job, into the project's output folder
    const b = await gongkai(['build'], { cwd: zone });
    expect(b.code).toBe(0);
    expect(b.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('reports a broken config with its line, before anything else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gongkai-badconfig-'));
    await writeFile(path.join(dir, 'gongkai.config.json'), '{\n  "data": "d",\n  "outt": "o"\n}\n');
    const r = await gongkai(['batch'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gongkai\.config\.json:\d+:\d+/);
    expect(r.stderr).toContain('不认识的设置“outt”');
  });
});
