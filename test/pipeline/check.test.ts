import { describe, expect, it } from 'vitest';
import { checkLoaded } from '../../src/pipeline/check.js';
import { minimalInput } from '../fixtures/minimal.js';

/*
 * The check words what the audit found for the route the data came by: tables by the active
 * set's labels, amounts in its unit, places as paths — no mark left for the reader to see.
 */

describe('an audit finding, as the check says it', () => {
  it('names the table by the set’s label and says the amounts in 万元', async () => {
    const input = minimalInput();
    // a project list that no longer adds up to the project expenditure
    const funds = input.projects[0]!.funds as Record<string, unknown>;
    funds.generalBudget = Number(funds.generalBudget ?? 0) + 1;
    const r = await checkLoaded('x.json', { json: input, positions: new Map(), diagnostics: [] });
    const found = r.diagnostics.find((d) => d.rule === 't12-equals-project-expenditure');
    expect(found?.message).toMatch(/^预算公开表12项目支出与支出表本年项目支出不一致，一般公共预算：预算公开表12 [\d.]+ 万元，支出表 [\d.]+ 万元/);
    expect(r.diagnostics.filter((d) => /[\u27e6\u27e7\u27ea\u27eb]/.test(d.message))).toEqual([]);
  });
});
