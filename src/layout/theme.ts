import type { Style } from 'pdfmake/interfaces.js';
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
  /** Width of the text block in points. */
  contentWidth: number;
  pageHeight: number;
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
  const [left, , right] = theme.page.margins;
  return {
    theme,
    styles,
    family: (role) => fonts.familyOf[role],
    color,
    contentWidth: A4[0] - left - right,
    pageHeight: A4[1],
  };
}
