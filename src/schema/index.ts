import { z } from 'zod';
import { Department } from './department.js';

// Chinese first: zod's own messages in zh-CN, domain wording in the schema's `error` options.
z.config(z.locales.zhCN());

export * from './common.js';
export * from './department.js';

/** The JSON Schema editors use for data files; generated, never hand-written. */
/** The schema's stable identity: the same on every machine and install, whatever its file is called. */
export const SCHEMA_ID = 'urn:gongkai:schema:department:1';

export function departmentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Department, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: SCHEMA_ID, ...rest };
}
