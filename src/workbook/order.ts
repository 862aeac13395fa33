import type { z } from 'zod';

/*
 * A data file written by the import reads like one written by hand: keys in the order the data
 * format (the zod schema) lists them, not in the order the sheets were read.
 */

type Any = z.ZodType & { def?: { type?: string; innerType?: Any; element?: Any; shape?: Record<string, Any>; in?: Any; options?: Any[] }; shape?: Record<string, Any> };

function unwrap(s: Any): Any {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const t = cur.def?.type;
    if ((t === 'optional' || t === 'nullable' || t === 'default' || t === 'prefault' || t === 'readonly') && cur.def?.innerType) cur = cur.def.innerType;
    else if (t === 'pipe' && cur.def?.in) cur = cur.def.in;
    else break;
  }
  return cur;
}

export function inSchemaOrder(value: unknown, schema: z.ZodType): unknown {
  const s = unwrap(schema as Any);
  if (Array.isArray(value)) {
    const el = s.def?.type === 'array' ? s.def.element : undefined;
    return el ? value.map((v) => inSchemaOrder(v, el)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const shape = s.def?.type === 'object' ? (s.shape ?? s.def.shape) : undefined;
  if (!shape) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) if (Object.prototype.hasOwnProperty.call(obj, key)) out[key] = inSchemaOrder(obj[key], shape[key]!);
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = obj[key];
  return out;
}
