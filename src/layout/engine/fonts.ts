import path from 'node:path';
import { pdfmake } from './runtime.js';

/*
 * The fonts pdfmake prints with. Read once, handed over through its virtual file system (Buffers
 * given to setFonts crash in 0.3.11), and every URL or local file access is refused except inside
 * the font folders.
 */

export interface FontFace {
  /** Absolute path: where the bytes came from (and the only place local access is allowed). */
  path: string;
  bytes: Buffer;
}

/** pdfmake font family name → its faces. Families have a `normal` face and maybe a `bold` one. */
export type FontFamilies = Record<string, { normal: FontFace; bold?: FontFace }>;

let installed: FontFamilies | undefined;

/**
 * Registers the fonts with pdfmake and locks file access down — once per loaded font set: the
 * same environment renders every document with what it installed; a fresh environment (new
 * bytes, as the preview's font reload or the benchmark's naive baseline make) installs again.
 */
export function installFonts(families: FontFamilies): void {
  if (families === installed) return;
  const descriptors: Record<string, Record<string, string>> = {};
  const dirs = new Set<string>();
  for (const [name, faces] of Object.entries(families)) {
    const entry: Record<string, string> = {};
    for (const [type, face] of Object.entries(faces) as Array<[string, FontFace | undefined]>) {
      if (!face) continue;
      const vname = `fonts/${path.basename(face.path)}`;
      pdfmake().virtualfs.writeFileSync(vname, face.bytes);
      entry[type] = vname;
      dirs.add(path.dirname(face.path) + path.sep);
    }
    // pdfmake asks for italics whenever a style says so; never let that fall through to a missing face
    entry.italics = entry.normal!;
    entry.bolditalics = entry.bold ?? entry.normal!;
    entry.bold ??= entry.normal!;
    descriptors[name] = entry;
  }
  pdfmake().setFonts(descriptors);
  pdfmake().setUrlAccessPolicy(() => false);
  pdfmake().setLocalAccessPolicy((p) => [...dirs].some((d) => path.resolve(p).startsWith(d)));
  installed = families;
}

