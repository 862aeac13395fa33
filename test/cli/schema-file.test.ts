import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli/schema.js';
import { SCHEMA_FILE } from '../../src/load/discover.js';

describe('data/department.schema.json', () => {
  it('is exactly what `gongkai schema` generates (run it after changing src/schema)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await schemaText());
  });
});

describe('the JSON Schema', () => {
  it('has a stable $id and a Chinese description on every property', async () => {
    const schema = JSON.parse(await schemaText()) as Record<string, unknown>;
    expect(schema.$id).toBe('urn:gongkai:schema:department:1');
    const missing: string[] = [];
    const walk = (n: unknown, p: string): void => {
      if (!n || typeof n !== 'object') return;
      const node = n as Record<string, unknown>;
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const d = (v.description ?? (v.anyOf as Array<{ description?: string }> | undefined)?.find((x) => x.description)?.description) as string | undefined;
        if (!d || !/[\u4e00-\u9fff]/.test(d)) missing.push(`${p}.${k}`);
        walk(v, `${p}.${k}`);
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) {
        const x = node[key];
        if (Array.isArray(x)) x.forEach((y) => walk(y, p));
        else walk(x, p);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
