/*
 * Which V8 tiers a gongkai process should use. A one-shot command (one document built, a file
 * validated, imported or exported) lives about a second: TurboFan spends more CPU compiling
 * code there than the code then saves, so these run with `--no-opt` (measured: the reference
 * build 1.7 s → 1.3 s, the same PDF bytes). A batch or the preview server renders document
 * after document in one process and needs the optimising compiler — and V8 flags are
 * process-wide, batch worker threads included — so they keep it.
 *
 * No imports: this runs before anything else is loaded.
 */

/** Commands that run once and exit, whatever their arguments. */
const ONE_SHOT = new Set(['validate', 'import', 'export', 'init', 'schema', 'fonts']);
/** build's options that take a value (that value is not a data file). */
export const BUILD_VALUE_OPTIONS = new Set(['-o', '--out', '--font-path', '--templates', '--diagnostic-format', '--creation-date', '--template-set']);

/**
 * True when `gongkai <argv>` is short-lived enough for `--no-opt`: the one-shot commands, and
 * `build` given exactly one data file (without files it builds the project's whole data folder).
 */
export function shortLived(argv: readonly string[]): boolean {
  const command = argv[0];
  if (command === undefined || command.startsWith('-')) return true; // --help, --version
  if (ONE_SHOT.has(command)) return true;
  if (command !== 'build') return false;
  let files = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      files += argv.length - i - 1;
      break;
    }
    if (BUILD_VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) files++;
  }
  return files === 1;
}

/** The V8 flags for this process, before any module is compiled; GONGKAI_V8_OPT=1 keeps TurboFan. */
export function tierFor(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (env.GONGKAI_V8_OPT === '1') return undefined;
  return shortLived(argv) ? '--no-opt' : undefined;
}
