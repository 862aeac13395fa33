import { z } from 'zod';
import { Department } from './department.js';

// Chinese first: zod's own messages in zh-CN, domain wording in the schema's `error` options.
z.config(z.locales.zhCN());

export * from './common.js';
export * from './department.js';

/** The JSON Schema editors use for data files; generated, never hand-written. */
export function departmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Department, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}
