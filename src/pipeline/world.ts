import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { setupFonts } from '../fonts/index.js';
import type { ResolvedRole } from '../fonts/resolve.js';
import { loadCatalogues, type LoadedCatalogues } from '../load/catalogue.js';
import { loadDataFile } from '../load/data.js';
import { loadFontSet, resolveFontRoles, type LoadedFontSet } from '../load/font-set.js';
import { loadSetDigest, loadToolVersion } from '../load/identity.js';
import { loadImportLayout } from '../load/import-layout.js';
import { loadOutputProfile } from '../load/output-profile.js';
import { loadTemplateSet, type LoadedTemplateSet } from '../load/template-set.js';
import { loadTemplateDefaults, templateSetDir, templateSetNames, type TemplateDefaults } from '../load/templates.js';
import { isWorkbookFile } from '../load/workbook.js';
import { checkTemplateSet } from '../render/check.js';
import type { ImportLayout } from '../schema/import-layout.js';
import { loadWorkbookData } from '../workbook/index.js';
import type { LoadedData } from './check.js';
import type { Environment } from './environment.js';
import { inputFiles, inputPlaces, worldPaths, type WorldPaths } from './world-inputs.js';

/*
 * The World: everything the pipeline reads, supplied from one place — data files, template sets
 * and their default glossaries, the fonts for the search paths, the 科目 catalogues, import
 * layouts. Each kind is loaded at most once per World (one cache per kind, here and nowhere
 * else); a changed input means a new World (the preview makes one when a template or font file
 * changes). The loaders are the load stage's functions — the only code that touches the disk —
 * and can be replaced (a World over files held in memory, for tests). The World's key is computed
 * from the same list of inputs the startup snapshot's key is (world-inputs.ts).
 */

export interface EnvironmentResult {
  env?: Environment;
  diagnostics: Diagnostic[];
}

/** How a World reads each kind of input: the load stage, unless a test gives its own. */
export interface Loaders {
  data(file: string, bytes?: Uint8Array): Promise<LoadedData>;
  templateSet(name: string): Promise<LoadedTemplateSet>;
  /** The names of the sets found along the search path. */
  templateSetNames(): string[];
  templateDefaults(name: string): Promise<TemplateDefaults>;
  fontRoles(): Promise<ResolvedRole[]>;
  fontSet(resolved: readonly ResolvedRole[]): Promise<LoadedFontSet>;
  catalogues(): Promise<LoadedCatalogues>;
  importLayout(name: string): Promise<{ layout?: ImportLayout; diagnostics: Diagnostic[] }>;
  /** The sRGB profile of a PDF/A OutputIntent (undefined: not found, no PDF/A). */
  outputProfile(): Promise<Buffer | undefined>;
  /** gongkai's version and a template set's digest: what a PDF records of how it was made. */
  toolVersion(): Promise<string>;
  setDigest(name: string): Promise<string | undefined>;
}

/** The load stage over these paths. */
export function diskLoaders(paths: WorldPaths): Loaders {
  const dir = (name: string) => templateSetDir(name, paths.root, paths.templateRoots);
  return {
    data: (file, bytes) => (isWorkbookFile(file) ? loadWorkbookData(file, bytes ? { bytes } : {}) : loadDataFile(file, bytes ? { bytes } : {})),
    templateSet: (name) => loadTemplateSet(name, { dir: dir(name) }),
    templateSetNames: () => templateSetNames(paths.templateRoots),
    templateDefaults: (name) => loadTemplateDefaults(name, /^[a-z0-9-]+$/.test(name) ? { dir: dir(name) } : {}),
    fontRoles: () => resolveFontRoles(paths.root),
    fontSet: (resolved) => loadFontSet({ root: paths.root, resolved }),
    catalogues: () => loadCatalogues(paths.catalogueDir),
    importLayout: (name) => loadImportLayout(name, paths.root),
    outputProfile: () => loadOutputProfile(),
    toolVersion: () => loadToolVersion(paths.root),
    setDigest: async (name) => {
      const d = dir(name);
      return d ? loadSetDigest(d) : undefined;
    },
  };
}

/** Files at most this large are known by their bytes; larger ones (fonts) by path, size and time. */
const CONTENT_LIMIT = 1 << 20;

export class World {
  readonly paths: WorldPaths;
  private readonly loaders: Loaders;
  private readonly sets = new Map<string, Promise<LoadedTemplateSet>>();
  private readonly defaults = new Map<string, Promise<TemplateDefaults>>();
  private readonly envs = new Map<string, Promise<EnvironmentResult>>();
  private readonly layouts = new Map<string, Promise<{ layout?: ImportLayout; diagnostics: Diagnostic[] }>>();
  private readonly keys = new Map<string, Promise<string>>();
  private roles: Promise<ResolvedRole[]> | undefined;
  private fontSet: Promise<LoadedFontSet> | undefined;
  private catalogueSet: Promise<LoadedCatalogues> | undefined;
  private profile: Promise<Buffer | undefined> | undefined;
  private version: Promise<string> | undefined;
  private readonly digests = new Map<string, Promise<string | undefined>>();

  constructor(paths: WorldPaths = worldPaths(), loaders: Partial<Loaders> = {}) {
    this.paths = paths;
    this.loaders = { ...diskLoaders(paths), ...loaders };
  }

  /** A data file (or 填报表), read each time it is asked for: data is the input, not the World. */
  data(file: string, bytes?: Uint8Array): Promise<LoadedData> {
    return this.loaders.data(file, bytes);
  }

  templateSet(name: string): Promise<LoadedTemplateSet> {
    return once(this.sets, name, () => this.loaders.templateSet(name));
  }

  /** The sets a run may choose (--template-set): those found along the search path, not cached (a folder may gain one). */
  templateSetNames(): string[] {
    return this.loaders.templateSetNames();
  }

  /** The set's default glossary (and whether the set exists at all): what derive needs of it. */
  templateDefaults(name: string): Promise<TemplateDefaults> {
    return once(this.defaults, name, () => this.loaders.templateDefaults(name));
  }

  /** Each font role's file, found by name (headers only). */
  fontRoles(): Promise<ResolvedRole[]> {
    return (this.roles ??= forget(this.loaders.fontRoles(), () => (this.roles = undefined)));
  }

  /** The roles' font bytes: read once. */
  fonts(): Promise<LoadedFontSet> {
    return (this.fontSet ??= forget(
      this.fontRoles().then((r) => this.loaders.fontSet(r)),
      () => (this.fontSet = undefined),
    ));
  }

  /**
   * Starts reading the fonts without waiting for them (a cold process: ~100 ms of file reading
   * beside the data's checking). Whatever goes wrong is said by whoever awaits fonts() later.
   */
  warmFonts(): void {
    this.fonts().catch(() => undefined);
  }

  catalogues(): Promise<LoadedCatalogues> {
    return (this.catalogueSet ??= forget(this.loaders.catalogues(), () => (this.catalogueSet = undefined)));
  }

  importLayout(name: string): Promise<{ layout?: ImportLayout; diagnostics: Diagnostic[] }> {
    return once(this.layouts, name, () => this.loaders.importLayout(name));
  }

  outputProfile(): Promise<Buffer | undefined> {
    return (this.profile ??= forget(this.loaders.outputProfile(), () => (this.profile = undefined)));
  }

  toolVersion(): Promise<string> {
    return (this.version ??= forget(this.loaders.toolVersion(), () => (this.version = undefined)));
  }

  /** The template set's files' digest (recorded in the PDF; verify compares it with the installed set's). */
  setDigest(name: string): Promise<string | undefined> {
    return once(this.digests, name, () => this.loaders.setDigest(name));
  }

  /** What every document of a template set needs besides its data: the set, checked, and the fonts. */
  environment(name: string): Promise<EnvironmentResult> {
    return once(this.envs, name, async () => {
      const [loaded, fontSet] = await Promise.all([this.templateSet(name), this.fonts()]);
      // the set's files are sound and fit together, or nothing renders with it
      const diagnostics = [...loaded.diagnostics, ...(loaded.set ? checkTemplateSet(loaded.set) : []), ...fontSet.diagnostics];
      if (!loaded.set || hasErrors(diagnostics)) return { diagnostics };
      return { env: { set: loaded.set, fonts: setupFonts(fontSet.roles) }, diagnostics };
    });
  }

  /**
   * The identity of everything a document of template set `name` depends on but its data: every
   * input of world-inputs.ts (that set's folder only), small files by their bytes, large ones by
   * path, size and time, and the build's own date. Equal keys, equal PDFs for equal data.
   */
  key(name: string): Promise<string> {
    return once(this.keys, name, async () => {
      const h = createHash('sha256');
      // the PDF's date may come from the build (SOURCE_DATE_EPOCH): another date, other bytes
      h.update(`date=${process.env.SOURCE_DATE_EPOCH ?? ''}\n`);
      h.update(`set=${name}\n`);
      const setDir = templateSetDir(name, this.paths.root, this.paths.templateRoots);
      for (const f of inputFiles(inputPlaces(this.paths, { templateSetDir: setDir }))) {
        h.update(`${f.kind}\0${f.kind === 'template-sets' ? '' : f.place}\0${f.rel}\0`);
        if (f.size <= CONTENT_LIMIT) {
          try {
            h.update(await readFile(f.rel ? path.join(f.place, f.rel) : f.place));
          } catch (e) {
            h.update(`unreadable\0${(e as NodeJS.ErrnoException).code ?? ''}`);
          }
        } else h.update(`${f.size}\0${f.mtimeMs}`);
        h.update('\n');
      }
      return h.digest('hex');
    });
  }
}

/** One promise per key; a load that throws is not kept (the next asker tries again). */
function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let hit = cache.get(key);
  if (!hit) {
    hit = load();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

function forget<T>(p: Promise<T>, drop: () => void): Promise<T> {
  p.catch(drop);
  return p;
}

let current: World | undefined;

const samePaths = (a: WorldPaths, b: WorldPaths) => JSON.stringify(a) === JSON.stringify(b);

/**
 * This process's World for the paths it looks in now: a batch worker, the preview's render
 * thread and a process started from a startup snapshot keep theirs warm; font or template
 * folders named later (the library's configure()) make another.
 */
export function processWorld(): World {
  const paths = worldPaths();
  if (!current || !samePaths(current.paths, paths)) current = new World(paths);
  return current;
}

/** A new World for this process: its inputs changed (a template or font file was edited). */
export function renewProcessWorld(): World {
  current = new World(worldPaths());
  return current;
}
