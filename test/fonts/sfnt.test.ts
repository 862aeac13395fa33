import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupFonts } from '../../src/fonts/index.js';
import { resolveRoles } from '../../src/fonts/resolve.js';
import { describeFontFile, readFontBytes, readRoleMap, scanFonts, type FontFile } from '../../src/load/fonts.js';
import { packageRoot } from '../../src/load/root.js';

const NOTO = path.join(packageRoot(), 'node_modules', '@expo-google-fonts');

describe('font discovery', () => {
  it('names a TTF from its name and OS/2 tables', async () => {
    const f = await describeFontFile(path.join(NOTO, 'noto-serif-sc', '700Bold', 'NotoSerifSC_700Bold.ttf'));
    expect(f).toMatchObject({ weight: 700, italic: false });
    expect(f!.typographicFamily ?? f!.family).toBe('Noto Serif SC');
  });

  it('is not fooled by a file that is not a font', async () => {
    expect(await describeFontFile(path.join(packageRoot(), 'package.json'))).toBeUndefined();
  });

  it('resolves every role of fonts/roles.json to an installed Noto file', async () => {
    const resolved = resolveRoles(await readRoleMap(), await scanFonts(), path.join(packageRoot(), 'fonts'));
    for (const r of resolved) {
      expect(r.file, r.role).toBeDefined();
      expect(r.file!.weight).toBe(r.spec.weight);
    }
  });

  it('prefers a font in fonts/ over the packaged one, and the nearest weight', () => {
    const cand = (p: string, weight: number): FontFile => ({ path: p, family: 'FangSong', typographicFamily: 'FangSong', subfamily: 'Regular', weight, italic: false });
    const roles = { body: { family: 'FangSong', weight: 400 } } as never;
    const [r] = resolveRoles(roles, [cand('/fonts/fs.ttf', 500), cand('/pkg/fs.ttf', 500), cand('/pkg/fs-light.ttf', 300)], '/fonts');
    expect(r!.file!.path).toBe('/fonts/fs.ttf');
    const [none] = resolveRoles({ body: { family: '方正小标宋', weight: 400 } } as never, [cand('/pkg/fs.ttf', 400)], '/fonts');
    expect(none!.file).toBeUndefined();
  });

  it('reports characters a font cannot draw, and measures text', async () => {
    const file = path.join(NOTO, 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf');
    const fonts = setupFonts([{ role: 'body', face: { path: file, bytes: await readFontBytes(file) } }]);
    expect(fonts.missing('body', '预算公开 2026')).toEqual([]);
    expect(fonts.missing('body', '預算\u{1F600}\uE000')).toEqual(['\u{1F600}', '\uE000']);
    expect(fonts.width('body', '预算', 10)).toBeCloseTo(20, 5);
  });
});
