import { z } from 'zod';

/*
 * Reading the zod schema back along a data path: the field's Chinese description (`.meta()`),
 * whether it is an amount (meta `unit`), and which keys an object allows. Used to word
 * diagnostics in the department's own terms.
 */

type Schema = z.ZodType;

/** Descriptions for fields whose schema carries none (objects used as whole fields). */
const FALLBACK_DESCRIPTIONS: Record<string, string> = {
  department: '部门信息',
  narrative: '第三部分 情况说明',
  vehicles: '公务用车',
  goals: '绩效目标',
  indicators: '绩效指标',
  level1: '一级指标',
  funds: '资金',
  unit: '预算单位名称',
  items: '明细',
  entries: '名词解释条目',
  templateSet: '模板集名称',
};

function meta(schema: Schema): Record<string, unknown> | undefined {
  return z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
}

/** The schema and the wrappers inside it (optional, default, pipe…), outermost first. */
function chain(schema: Schema): Schema[] {
  const out: Schema[] = [schema];
  let s: Schema = schema;
  for (let i = 0; i < 20; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodNonOptional) {
      s = s.unwrap() as Schema;
    } else if (s instanceof z.ZodPipe) {
      s = s.in as Schema;
    } else {
      break;
    }
    out.push(s);
  }
  return out;
}

function innermost(schema: Schema): Schema {
  const c = chain(schema);
  return c[c.length - 1] ?? schema;
}

function child(schema: Schema, key: PropertyKey): Schema | undefined {
  const inner = innermost(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, Schema>;
    return typeof key === 'string' && Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (inner instanceof z.ZodArray) return typeof key === 'number' ? (inner.element as Schema) : undefined;
  if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as readonly Schema[]) {
      const found = child(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** The schema at a data path, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const key of path) {
    if (!s) return undefined;
    s = child(s, key);
  }
  return s;
}

export interface FieldInfo {
  /** The outermost description along the wrapper chain (the field's own wording first). */
  description?: string;
  /** '万元' or '元' when the field is an amount. */
  unit?: string;
  /** The field may be left out. */
  optional?: boolean;
  /** For objects: the keys allowed. */
  keys?: string[];
  /** For objects: the description of each allowed key. */
  keyDescriptions?: Record<string, string | undefined>;
}

export function fieldInfo(root: Schema, path: readonly PropertyKey[]): FieldInfo {
  const info: FieldInfo = {};
  const s = schemaAt(root, path);
  if (s) {
    for (const link of chain(s)) {
      const m = meta(link);
      if (!info.description && typeof m?.description === 'string') info.description = m.description;
      if (!info.unit && typeof m?.unit === 'string') info.unit = m.unit;
      if (link instanceof z.ZodOptional || link instanceof z.ZodDefault) info.optional = true;
    }
    const inner = innermost(s);
    if (inner instanceof z.ZodObject) {
      const shape = inner.shape as Record<string, Schema>;
      info.keys = Object.keys(shape);
      info.keyDescriptions = {};
      for (const k of info.keys) {
        const ks = shape[k];
        info.keyDescriptions[k] = ks ? describeOnly(ks) : undefined;
      }
    }
  }
  const last = path[path.length - 1];
  if (!info.description && typeof last === 'string') info.description = FALLBACK_DESCRIPTIONS[last];
  if (!info.description && typeof last === 'number') {
    // An element without its own wording: name it by its list.
    const parent = fieldInfo(root, path.slice(0, -1));
    if (parent.description) info.description = parent.description;
  }
  return info;
}

function describeOnly(s: Schema): string | undefined {
  for (const link of chain(s)) {
    const m = meta(link);
    if (typeof m?.description === 'string') return m.description;
  }
  return undefined;
}

/** `['department', 'units', 0, 'name']` → `name`; `['department', 'duties', 2]` → `duties[2]`. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  let out = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'number') out = `[${key}]` + out;
    else return String(key) + out;
  }
  return out || '（整个文件）';
}
