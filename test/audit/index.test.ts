import { describe, expect, it } from 'vitest';
import { audit, rules, type Rule } from '../../src/audit/index.js';
import { derive } from '../../src/derive/index.js';
import { DEFAULT_GLOSSARY, minimal } from '../fixtures/minimal.js';
import { auditOf } from './helpers.js';

describe('audit', () => {
  it('finds nothing on the consistent fixture', () => {
    expect(auditOf()).toEqual([]);
  });

  it('has stable, unique, kebab-case rule ids with Chinese titles', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('turns a rule that throws into an error diagnostic of that rule', () => {
    const data = minimal();
    const derived = derive(data, { glossary: DEFAULT_GLOSSARY });
    // A model damaged beyond reading: the audit reports instead of crashing.
    (derived as { threePublic: unknown }).threePublic = undefined;
    const found = audit(data, derived, 'x.json').filter((d) => d.rule === 'three-public-sums');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toMatch(/无法完成/);
  });

  it('is pure: the same input gives the same diagnostics', () => {
    const a = auditOf((i) => {
      i.narrative.performance.managed = { count: 3, amount: '1' };
    });
    const b = auditOf((i) => {
      i.narrative.performance.managed = { count: 3, amount: '1' };
    });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
  });

  it('exports the rule shape', () => {
    const r: Rule = rules[0]!;
    expect(typeof r.check).toBe('function');
  });
});

describe('docs/rules.md', () => {
  it('lists every audit rule with its severity', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    for (const r of rules) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${r.id}\``) || l.includes(`\`${r.id}\` /`) || l.includes(`/ \`${r.id}\``));
      expect(row, r.id).toBeDefined();
      expect(row, r.id).toContain(r.severity === 'error' ? '| 错误 |' : '| 警告 |');
    }
  });
});
