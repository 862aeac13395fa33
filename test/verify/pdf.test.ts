import { describe, expect, it } from 'vitest';
import { pdfDate, readBack } from '../../src/verify/pdf.js';

describe('reading a PDF back', () => {
  it('PDF dates, with and without an offset', () => {
    expect(pdfDate('D:20260204000000Z')?.toISOString()).toBe('2026-02-04T00:00:00.000Z');
    expect(pdfDate("D:20260204080000+08'00'")?.toISOString()).toBe('2026-02-04T00:00:00.000Z');
    expect(pdfDate('yesterday')).toBeUndefined();
  });

  it('what is not a PDF is not read', async () => {
    expect(await readBack(Buffer.from('hello'))).toBeUndefined();
  });
});
