import type { Style } from './engine/index.js';
import type { Fonts } from '../fonts/index.js';
import type { RoleName } from '../load/fonts.js';
import type { Theme } from '../render/template-set.js';

/*
 * The theme (templates/<set>/theme.json) names font roles and colours; pdfmake wants families
 * and hex colours. Bold never asks pdfmake for a synthetic bold: a bold body or table style uses
 * the role's bold face (bodyBold, tableBold), a real font file.
 */

export interface LayoutTheme {
  theme: Theme;
  styles: Record<string, Style>;
  /** The pdfmake family of a role, for inline runs (bold words in a paragraph). */
  family(role: RoleName): string;
  color(name: string): string;
  /** The pages this theme measures: portrait (the default) or landscape (the long side across). */
  orientation: 'portrait' | 'landscape';
  /** Width of the text block in points. */
  contentWidth: number;
  pageHeight: number;
  /** Height of the text block in points (page minus top and bottom margins). */
  bodyHeight: number;
  /**
   * Estimated height of `text` set in `style` in a column `width` wide, before anything is laid
   * out: enough to decide whether a block may be kept unbroken (a block taller than a page is
   * what pdfmake drops). Generous on purpose: lines are counted as if 8 % of each were lost to
   * line breaking.
   */
  textHeight(style: string, text: string, width: number): number;
}

const A4: [number, number] = [595.28, 841.89];

function boldRole(role: string): RoleName | undefined {
  if (role === 'body') return 'bodyBold';
  if (role === 'table') return 'tableBold';
  return undefined;
}

export function layoutTheme(theme: Theme, fonts: Fonts): LayoutTheme {
  const color = (name: string): string => {
    const c = theme.colors[name];
    return typeof c === 'string' ? c : name;
  };
  const styles: Record<string, Style> = {};
  for (const [name, raw] of Object.entries(theme.styles)) {
    const s = { ...raw } as Record<string, unknown>;
    let role = (s.font as RoleName | undefined) ?? 'body';
    if (s.bold) {
      const b = boldRole(role);
      if (b) role = b;
      delete s.bold;
    }
    s.font = fonts.familyOf[role];
    if (typeof s.color === 'string') s.color = color(s.color);
    styles[name] = s as Style;
  }
  if (theme.page.size !== 'A4') throw new Error(`主题页面尺寸仅支持 A4（当前为 ${theme.page.size}）`);
  const [left, top, right, bottom] = theme.page.margins;
  const textHeight = (style: string, text: string, width: number): number => {
    const raw = (theme.styles[style] ?? {}) as { font?: RoleName; fontSize?: number; lineHeight?: number; bold?: boolean };
    const role = (raw.bold ? boldRole(raw.font ?? 'body') : undefined) ?? raw.font ?? 'body';
    const size = raw.fontSize ?? 12;
    const room = Math.max(width, size);
    let lines = 0;
    for (const line of text.split('\n')) lines += Math.max(1, Math.ceil((fonts.width(role, line, size) * 1.08) / room));
    return lines * fonts.lineHeight(role, size) * (raw.lineHeight ?? 1);
  };
  return {
    theme,
    styles,
    family: (role) => fonts.familyOf[role],
    color,
    orientation: 'portrait',
    contentWidth: A4[0] - left - right,
    pageHeight: A4[1],
    bodyHeight: A4[1] - top - bottom,
    textHeight,
  };
}

/**
 * The same theme measuring pages of the given orientation: a landscape page keeps its margins,
 * the text block is the long side across (a table declared landscape fills that width).
 */
export function oriented(lt: LayoutTheme, orientation: 'portrait' | 'landscape'): LayoutTheme {
  if (orientation === lt.orientation) return lt;
  const [left, top, right, bottom] = lt.theme.page.margins;
  const [w, h] = orientation === 'landscape' ? [A4[1], A4[0]] : A4;
  return { ...lt, orientation, contentWidth: w - left - right, pageHeight: h, bodyHeight: h - top - bottom };
}

/** A theme style's font size (12 when it names none). */
export function styleSize(lt: LayoutTheme, style: string): number {
  return Number((lt.theme.styles[style] as { fontSize?: number } | undefined)?.fontSize ?? 12);
}

/** A theme style's font role, its bold face when the style is bold. */
export function styleRole(lt: LayoutTheme, style: string): RoleName {
  const raw = (lt.theme.styles[style] ?? {}) as { font?: RoleName; bold?: boolean };
  return (raw.bold ? boldRole(raw.font ?? 'body') : undefined) ?? raw.font ?? 'body';
}

/**
 * The rules and cell padding of a ruled grid in the theme's line width and rule colour (pdfmake's
 * table layout): every table and every 绩效目标表 is drawn with it.
 */
export function ruledGrid(lt: LayoutTheme, [left, top, right, bottom]: readonly [number, number, number, number]) {
  const lw = lt.theme.table.lineWidth;
  return {
    hLineWidth: () => lw,
    vLineWidth: () => lw,
    hLineColor: () => lt.color('rule'),
    vLineColor: () => lt.color('rule'),
    paddingLeft: () => left,
    paddingTop: () => top,
    paddingRight: () => right,
    paddingBottom: () => bottom,
  };
}
