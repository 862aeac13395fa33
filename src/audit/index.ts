import type { Derived } from '../derive/types.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Catalogue } from '../schema/catalogue.js';
import type { Department } from '../schema/index.js';
import { catalogueRules } from './catalogue.js';
import { crossRules } from './cross.js';
import { emptyRules } from './empty.js';
import { narrativeRules } from './narrative.js';
import { partsRules } from './parts.js';
import { projectRules } from './projects.js';
import { rollupRules } from './rollups.js';
import type { AuditContext, Rule } from './rule.js';
import { sheetRules } from './sheets.js';
import { textRules } from './text.js';
import { totalsRules } from './totals.js';
import { collapseYearFindings, yearRules } from './years.js';

export type { AuditContext, Finding, Rule } from './rule.js';

/**
 * Every audit rule, in report order: the standard catalogue, totals across tables, rollups, projects and units,
 * the optional parts (by unit, by kind, statements), performance sheets, narrative figures, years, empty tables.
 */
export const rules: readonly Rule[] = [...catalogueRules, ...totalsRules, ...crossRules, ...rollupRules, ...projectRules, ...partsRules, ...sheetRules, ...narrativeRules, ...yearRules, ...textRules, ...emptyRules];

/**
 * The finance bureau's review before printing: cross-checks between tables, the figures typed by
 * hand against the derived ones, and the consistency of the derived model itself. Pure; exact
 * arithmetic. A rule that throws (a bug, or a model too damaged to read) becomes an error
 * diagnostic of that rule rather than an exception.
 */
export function audit(data: Department, derived: Derived, file: string, reference: { catalogue?: Catalogue | null; printed?: (source: string) => boolean } = {}): Diagnostic[] {
  const ctx: AuditContext = { data, derived, file, ...('catalogue' in reference ? { catalogue: reference.catalogue } : {}), ...(reference.printed ? { printed: reference.printed } : {}) };
  return collapseYearFindings(runRules(ctx), data, file);
}

function runRules(ctx: AuditContext): Diagnostic[] {
  const { file } = ctx;
  return rules.flatMap((rule) => {
    try {
      return rule.check(ctx);
    } catch (e) {
      return [
        {
          file,
          path: '',
          rule: rule.id,
          severity: 'error' as const,
          message: `审核规则“${rule.title}”无法完成：${e instanceof Error ? e.message : String(e)}`,
        },
      ];
    }
  });
}
