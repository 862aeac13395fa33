import { installedVersions } from './runtime.js';

/*
 * Every wrap the engine puts on pdfmake, pdfkit or fontkit, in one table: what it wraps, on which
 * versions it was verified, and — for a hook — the feature a document loses without it. A wrap
 * is active only on the versions it was verified on (with any other pdfmake or pdfkit, nothing is
 * wrapped: pdfmake works as shipped, slower, and print() says which features are lost); each can
 * be switched off for one print (`disable`) or for a process (GONGKAI_ENGINE_DISABLE=a,b), to
 * compare with stock pdfmake or to diagnose. Each has a test printing with it on and off
 * (test/layout/engine/wraps.test.ts names them all: a wrap added here needs one there).
 */

export const VERIFIED = { pdfmake: '0.3.11', pdfkit: '0.19.1' } as const;

export type WrapKind = 'speed' | 'hook';

export interface Wrap {
  kind: WrapKind;
  /** The library methods it wraps (module › method). */
  wraps: readonly string[];
  /** Versions it was verified on. */
  verified: typeof VERIFIED;
  /** Wraps it cannot work without: off with any of them. */
  needs?: readonly string[];
  /** A hook: what a document printed without it lacks (said to whoever prints). */
  feature?: string;
}

export const WRAPS = {
  // ── speed: the same PDF (the same text, links and places; bytes too unless merging), faster
  shareFonts: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake PDFDocument › provideFont', 'pdfkit EmbeddedFont › encode', 'fontkit TTFSubset › _addGlyph'] },
  fastStyles: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake StyleContextStack › getProperty, getStyleProperty', 'pdfmake TextInlines › measure'] },
  linearLines: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake LayoutBuilder › buildNextLine'] },
  groupWords: { kind: 'speed', verified: VERIFIED, needs: ['fastStyles', 'linearLines'], wraps: ['pdfmake TextInlines › measure, buildInlines', 'pdfmake ElementWriter › alignLine', 'pdfmake Renderer › renderLine'] },
  measureOnce: { kind: 'speed', verified: VERIFIED, needs: ['fastStyles'], wraps: ['pdfmake TextInlines › buildInlines'] },
  mergeInlines: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake Renderer › renderLine', 'pdfkit EmbeddedFont › layout'] },
  lineText: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake Renderer › renderLine', 'pdfkit PDFDocument › addContent'] },
  fastObjects: { kind: 'speed', verified: VERIFIED, wraps: ['pdfkit PDFReference › finalize (PDFObject.convert)'] },
  stringContent: { kind: 'speed', verified: VERIFIED, wraps: ['pdfkit PDFReference › write, finalize'] },
  mergeRules: { kind: 'speed', verified: VERIFIED, wraps: ['pdfmake Renderer › renderVector', 'pdfmake PDFDocument › markContent, addContent, addPage, end…'] },
  emptyLines: { kind: 'speed', verified: VERIFIED, needs: ['lineNotes'], wraps: ['pdfmake Renderer › renderLine'] },
  objectStreams: { kind: 'speed', verified: VERIFIED, wraps: [] },
  // ── hooks: what pdfmake does not do
  lineNotes: { kind: 'hook', verified: VERIFIED, wraps: ['pdfmake LayoutBuilder › buildNextLine'], feature: '每行文字的来源（完整性检查、标签、目录页码都需要）' },
  pages: { kind: 'hook', verified: VERIFIED, needs: ['lineNotes'], wraps: ['pdfmake LayoutBuilder › layoutDocument'], feature: '排版后的检查：内容完整、不越出版心、数字不折行' },
  pageNumbers: { kind: 'hook', verified: VERIFIED, needs: ['pages'], wraps: ['pdfmake LayoutBuilder › layoutDocument', 'pdfmake Renderer › renderPages'], feature: '目录页码、引导点和 PDF 页码标签' },
  keepLines: { kind: 'hook', verified: VERIFIED, wraps: ['pdfmake LayoutBuilder › buildNextLine'], feature: '段落首行或末行不单独留在页脚、页首' },
  justify: { kind: 'hook', verified: VERIFIED, needs: ['pages'], wraps: ['pdfmake LayoutBuilder › layoutDocument'], feature: '中文两端对齐（逐字分配字距）' },
  tags: { kind: 'hook', verified: VERIFIED, needs: ['pages'], wraps: ['pdfmake Renderer › renderPages, renderLine, renderVector, renderSVG, renderImage, renderWatermark', 'pdfmake LayoutBuilder › processSVG'], feature: '带标签 PDF 的结构树（标题、段落、表格、链接、图）和页眉页脚等装饰标记' },
  outline: { kind: 'hook', verified: VERIFIED, wraps: ['pdfmake Renderer › renderLine, renderPages'], feature: '书签指向标题所在行（否则指向页顶），收起的书签有 /Count' },
  archive: { kind: 'hook', verified: VERIFIED, wraps: ['pdfmake PDFDocument › end', 'pdfkit PDFDocument › _addColorOutputIntent (per document)'], feature: 'PDF/A-3 归档格式：内嵌数据文件、sRGB 输出意图、XMP 中的校验值与版本' },
  xmp: { kind: 'hook', verified: VERIFIED, wraps: ['pdfkit PDFDocument › _addInfo'], feature: '标题含 & < > 时 XMP 元数据仍为合法 XML' },
} as const satisfies Record<string, Wrap>;

export type WrapName = keyof typeof WRAPS;
export const WRAP_NAMES = Object.keys(WRAPS) as WrapName[];

/** Are the installed pdfmake and pdfkit the ones this wrap was verified on? */
export function verifiedFor(wrap: Wrap, installed = installedVersions()): boolean {
  return installed.pdfmake === wrap.verified.pdfmake && installed.pdfkit === wrap.verified.pdfkit;
}

/** The wraps named in GONGKAI_ENGINE_DISABLE (comma separated; unknown names are ignored). */
export function disabledByEnv(env: NodeJS.ProcessEnv = process.env): WrapName[] {
  const names = (env.GONGKAI_ENGINE_DISABLE ?? '').split(',').map((s) => s.trim());
  return WRAP_NAMES.filter((n) => names.includes(n));
}

/** Which wraps are on: verified, not disabled, and everything each needs on too. */
export function activeWraps(disabled: Iterable<WrapName>, installed = installedVersions()): Set<WrapName> {
  const off = new Set(disabled);
  const on = new Set<WrapName>();
  const ok = (n: WrapName, seen: Set<WrapName> = new Set()): boolean => {
    if (seen.has(n)) return true;
    seen.add(n);
    const w: Wrap = WRAPS[n];
    return !off.has(n) && verifiedFor(w, installed) && (w.needs ?? []).every((d) => ok(d as WrapName, seen));
  };
  for (const n of WRAP_NAMES) if (ok(n)) on.add(n);
  return on;
}
