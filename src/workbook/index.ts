import type { Diagnostic } from '../diagnostics/index.js';
import type { JsonPositions } from '../load/data.js';
import { loadBook } from '../load/workbook.js';
import { readWorkbook } from './read.js';

/*
 * A workbook as a data source: read from disk (load/workbook.ts), then turned into the data
 * file it stands for (read.ts). `build`, `validate`, `batch` and `preview` take it wherever they
 * take a JSON file.
 */

export interface LoadedWorkbookData {
  json?: unknown;
  /**
   * When some cells were refused (each said with its cell): the data read from the other cells,
   * for checks that can still run in the same pass. Never imported or printed.
   */
  partial?: unknown;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
  /** The workbook's bytes as read: the PDF carries them beside the data. */
  bytes?: Uint8Array;
}

export async function loadWorkbookData(file: string, options: { bytes?: Uint8Array } = {}): Promise<LoadedWorkbookData> {
  const { book, diagnostics, bytes } = await loadBook(file, options);
  if (!book) return { positions: new Map(), diagnostics };
  const read = readWorkbook(book, file);
  // a workbook whose own cells are wrong is not validated further: its data is incomplete
  const bad = read.diagnostics.some((d) => d.severity === 'error');
  return { ...(bad ? { partial: read.json } : { json: read.json }), positions: read.positions, diagnostics: [...diagnostics, ...read.diagnostics], ...(bytes ? { bytes } : {}) };
}
