import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { BUILD_VALUE_OPTIONS, shortLived, tierFor } from '../../src/cli/tiering.js';

describe('V8 tiers per command', () => {
  it('one-shot commands run without TurboFan', () => {
    for (const argv of [['validate', 'a.json', 'b.json'], ['import', 'book.xlsx'], ['export', 'a.json', '--xlsx'], ['init'], ['schema'], ['fonts'], ['--help'], []]) {
      expect(shortLived(argv), argv.join(' ')).toBe(true);
    }
  });
  it('build is one-shot with one data file, wherever its options stand', () => {
    expect(shortLived(['build', 'data/640-zwfw.json'])).toBe(true);
    expect(shortLived(['build', '-o', 'out/x.pdf', 'data/640-zwfw.json', '--force'])).toBe(true);
    expect(shortLived(['build', '--font-path', '/fonts', 'a.json', '--creation-date', '2026-01-01'])).toBe(true);
    expect(shortLived(['build', '--', '-odd-name.json'])).toBe(true);
  });
  it('a build of several files or of the project folder, batch and preview keep the optimising compiler', () => {
    expect(shortLived(['build', 'a.json', 'b.json'])).toBe(false);
    expect(shortLived(['build'])).toBe(false);
    expect(shortLived(['build', '-o', 'out'])).toBe(false);
    expect(shortLived(['batch', 'data'])).toBe(false);
    expect(shortLived(['preview', 'a.json'])).toBe(false);
  });
  it('GONGKAI_V8_OPT=1 keeps TurboFan everywhere', () => {
    expect(tierFor(['build', 'a.json'], {})).toBe('--no-opt');
    expect(tierFor(['build', 'a.json'], { GONGKAI_V8_OPT: '1' })).toBeUndefined();
    expect(tierFor(['batch', 'data'], {})).toBeUndefined();
  });
  it("knows every option of build that takes a value, as build declares them", () => {
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: process.cwd(), env: {}, color: false };
    const build = createProgram({ io, exitCode: 0 }).commands.find((c) => c.name() === 'build')!;
    const valued = build.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long].filter((f): f is string => !!f));
    expect(new Set(valued)).toEqual(BUILD_VALUE_OPTIONS);
  });
});
