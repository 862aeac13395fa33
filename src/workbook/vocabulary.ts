import type { Diagnostic } from '../diagnostics/index.js';
import { wordPlaces, type PlaceValue } from '../diagnostics/place.js';
import type { JsonPositions } from '../load/data.js';
import { SHEETS, type Field } from './spec.js';
import { joinPath } from './values.js';

/*
 * The workbook's words for the data format's places: which sheet and which column (or, in a
 * record sheet, which row label) holds each path. Built from the one workbook description
 * (spec.ts), so a message can name `项目支出 › C7（项目类别）` where a JSON author reads
 * `projects[5].category`. Pure.
 */

export interface WorkbookPlace {
  sheet: string;
  /** The column header (table) or the row label (record); absent for a whole sheet or row. */
  header?: string;
  field?: Field;
}

/** `projects[5].funds.generalBudget` → `projects[].funds.generalBudget` */
export function shapeOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function index(): Map<string, WorkbookPlace> {
  const out = new Map<string, WorkbookPlace>();
  const put = (path: string, place: WorkbookPlace) => {
    if (!out.has(path)) out.set(path, place);
  };
  const join = (a: string, b: string) => (b ? `${a}.${b}` : a);
  for (const s of SHEETS) {
    if (s.kind === 'record') {
      for (const f of s.fields) put(f.path, { sheet: s.name, header: f.header, field: f });
    } else if (s.kind === 'paragraphs') {
      for (const l of s.lists) {
        put(`${l.path}[]`, { sheet: s.name, header: `类别为“${l.label}”的段落` });
        put(l.path, { sheet: s.name, header: `类别为“${l.label}”的段落` });
      }
    } else if (s.parent) {
      const base = joinPath(`${s.parent.list}[]`, s.parent.into);
      for (const where of Object.values(s.parent.split?.values ?? { '': '' })) {
        const list = joinPath(base, where);
        for (const f of s.columns) put(join(`${list}[]`, f.path), { sheet: s.name, header: f.header, field: f });
        put(`${list}[]`, { sheet: s.name });
        put(list, { sheet: s.name });
      }
    } else if (s.group) {
      for (const f of s.group.columns) put(join(`${s.list}[]`, f.path), { sheet: s.name, header: f.header, field: f });
      for (const f of s.columns) put(join(`${s.list}[].${s.group.items}[]`, f.path), { sheet: s.name, header: f.header, field: f });
      put(`${s.list}[].${s.group.items}[]`, { sheet: s.name });
      put(`${s.list}[].${s.group.items}`, { sheet: s.name });
      put(`${s.list}[]`, { sheet: s.name });
      put(s.list, { sheet: s.name });
    } else {
      for (const f of s.columns) if (f.path !== '#') put(join(`${s.list}[]`, f.path), { sheet: s.name, header: f.header, field: f });
      put(`${s.list}[]`, { sheet: s.name });
      put(s.list, { sheet: s.name });
    }
  }
  return out;
}

let cached: Map<string, WorkbookPlace> | undefined;

/** The sheet and column of a data path, or of its nearest enclosing place the workbook has. */
export function workbookPlace(path: string): WorkbookPlace | undefined {
  cached ??= index();
  let p = shapeOf(path);
  for (;;) {
    const hit = cached.get(p);
    if (hit) return hit;
    // a.b[].c → a.b[] → a.b → a
    const up = p.replace(/(\[\]|\.[^.[\]]+)$/, '');
    if (up === p || up === '') return undefined;
    p = up;
  }
}

/** The column's own words for a value: 是/否 for yes/no. */
function cellValue(value: PlaceValue): string {
  return typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
}

/** A place as a clerk finds it: `部门信息 › B10（没有上年结转）`, or the sheet and column. */
export function wordForWorkbook(positions: JsonPositions) {
  return (path: string, value: PlaceValue | undefined): string => {
    const place = workbookPlace(path);
    const pos = positions.get(path);
    let where: string;
    if (pos?.sheet && place?.header) where = `${pos.sheet} › ${pos.cell ?? ''}${place.sheet === pos.sheet ? `（${place.header}）` : ''}`;
    else if (pos?.sheet && /\]$/.test(path)) where = `“${pos.sheet}”表第${pos.line}行`;
    else if (pos?.sheet && !place) where = `${pos.sheet} › ${pos.cell ?? ''}`;
    else if (place) where = place.header ? `“${place.sheet}”表的“${place.header}”` : `“${place.sheet}”表`;
    else where = '填报表';
    return value === undefined ? where : `${where}为“${cellValue(value)}”`;
  };
}

/**
 * Diagnostics as a workbook user reads them: places named by sheet and cell, related places
 * likewise; a diagnostic without a cell gets its sheet.
 */
export function speakWorkbook(diagnostics: readonly Diagnostic[], positions: JsonPositions): Diagnostic[] {
  const word = wordForWorkbook(positions);
  return diagnostics.map((d) => {
    const out: Diagnostic = { ...d, message: wordPlaces(d.message, word) };
    if (!out.sheet && d.path) {
      const place = workbookPlace(d.path);
      if (place) out.sheet = place.sheet;
    }
    if (d.related?.length) out.relatedPlaces = [...new Set(d.related.map((r) => word(r, undefined)))];
    return out;
  });
}
