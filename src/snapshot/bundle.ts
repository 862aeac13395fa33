/*
 * `npm run build` step: bundles the CLI into one CommonJS file, dist/snapshot/gongkai.cjs, the
 * program of the startup snapshot (a snapshot cannot load modules from disk). Run with tsx; not
 * part of the compiled package (tsconfig.build.json leaves it out).
 *
 * Two things differ from the ES modules in dist/: a module's own `require` (createRequire of its
 * URL) becomes the bundler's, so that its literal require('pdfkit') calls are bundled too; and
 * __GONGKAI_BUNDLE__ is defined, which tells the engine room (src/layout/engine/runtime.ts) that pdfmake and gongkai share
 * one pdfkit and one fontkit — checked here, as the bundle would otherwise hold two. Its first line
 * names the compiled code it was made beside (key.ts: a bundle older than dist/ is never used).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ContentHashes } from './hashes.js';
import { BUNDLE_MARK, compiledDigest, compiledFiles } from './key.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

export async function bundleSnapshot(outfile = path.join(root, 'dist', 'snapshot', 'gongkai.cjs')): Promise<string> {
  for (const nested of ['pdfmake/node_modules/pdfkit', 'pdfmake/node_modules/fontkit', 'pdfkit/node_modules/fontkit']) {
    if (existsSync(path.join(root, 'node_modules', nested))) throw new Error(`node_modules/${nested}: pdfmake would not share gongkai's copy; the snapshot bundle is not built`);
  }
  const src = path.join(root, 'src') + path.sep;
  // after tsc (`npm run build`): the key checks by this line that dist/ still holds this code
  const compiled = compiledDigest(compiledFiles(path.join(path.dirname(outfile), '..')), new ContentHashes(undefined));
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'snapshot', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    legalComments: 'none',
    define: { 'import.meta.url': '__gongkai_module_url', __GONGKAI_BUNDLE__: 'true' },
    // the bundle's place: what packageRoot() walks up from (the snapshot is keyed by it)
    banner: { js: `${BUNDLE_MARK}${compiled}\nconst __gongkai_module_url = require('node:url').pathToFileURL(__filename).href;` },
    plugins: [
      {
        name: 'own-require-is-the-bundlers',
        setup(build) {
          build.onLoad({ filter: /\.ts$/ }, (args) => {
            if (!args.path.startsWith(src)) return undefined;
            const text = readFileSync(args.path, 'utf8');
            return { contents: text.replace(OWN_REQUIRE, ''), loader: 'ts' };
          });
        },
      },
    ],
  });
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleSnapshot();
}
