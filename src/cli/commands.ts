import type { RegisterCommand } from './context.js';
import { registerBatch } from './batch.js';
import { registerBuild } from './build.js';
import { registerFonts } from './fonts.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerExport } from './export.js';
import { registerPreview } from './preview.js';
import { registerSchema } from './schema.js';
import { registerValidate } from './validate.js';
import { registerVerify } from './verify.js';

/*
 * ── Command registration point ─────────────────────────────────────────────────────────────
 * One entry per command file, in the order `gongkai --help` lists them. A command file exports
 * `register…(program, ctx)` which calls `program.command('name')…` and wraps its action with
 * `action(ctx, async (...) => exitCode)` from ./context.js (never process.exit). Data problems are
 * printed as diagnostics and give exit 1; throw `UsageError` for a usage mistake (exit 2); any
 * other exception is an internal error (exit 1, stack only with DEBUG=gongkai).
 *
 * To add (lead): build, batch, preview, fonts —
 *   import { registerBuild } from './build.js';   … and list it below.
 * ───────────────────────────────────────────────────────────────────────────────────────────
 */
export const commands: RegisterCommand[] = [
  registerBuild,
  registerBatch,
  registerPreview,
  registerValidate,
  registerVerify,
  registerSchema,
  registerInit,
  registerImport,
  registerExport,
  registerFonts,
];
