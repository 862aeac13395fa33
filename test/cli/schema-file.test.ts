import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli/schema.js';
import { SCHEMA_FILE } from '../../src/load/discover.js';

describe('data/department.schema.json', () => {
  it('is exactly what `gongkai schema` generates (run it after changing src/schema)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await schemaText());
  });
});
