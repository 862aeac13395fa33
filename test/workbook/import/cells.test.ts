import { describe, expect, it } from 'vitest';
import type { BookCell } from '../../../src/load/workbook.js';
import { readCell } from '../../../src/workbook/import/cells.js';

/* A printed cell read back through its declared format: one dispatch for every format. */

const s = (v: string): BookCell => ({ t: 's', v });
const n = (v: number): BookCell => ({ t: 'n', v });

describe('readCell', () => {
  it('reads an amount exact, in the unit the table states', () => {
    expect(readCell('wan', n(12.345678), '万元')).toEqual({ kind: 'amount', value: '12.345678' });
    expect(readCell('wan', s('1,234.50'), '元')).toEqual({ kind: 'amount', value: '1234.50' });
  });

  it('reads a code printed with spaces as its digits', () => {
    expect(readCell('code', s('212 01 01'), '元')).toEqual({ kind: 'text', text: '2120101' });
  });

  it('reads text as its text, and a blank cell as empty', () => {
    expect(readCell(undefined, s(' 公务接待费 '), '万元')).toEqual({ kind: 'text', text: '公务接待费' });
    expect(readCell('wan', s('  '), '万元')).toEqual({ kind: 'empty' });
    expect(readCell('text', undefined, '万元')).toEqual({ kind: 'empty' });
  });

  it('says, in Chinese, what is wrong with an amount it cannot read', () => {
    const r = readCell('wan', s('约三万'), '万元');
    expect(r.kind).toBe('problem');
    expect(r.kind === 'problem' && r.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
