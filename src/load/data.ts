import { parse as parseAst, type AnyNode, type ValueNode } from '@humanwhocodes/momoa';
import { formatPath, type Diagnostic } from '../diagnostics/index.js';
import { LIMITS } from '../schema/common.js';
import { readBounded } from './read-bounded.js';

/** 1-based position of a value in the source text; `key` is where its member name starts. */
export interface SourcePosition {
  line: number;
  column: number;
  /** A value read from a workbook: its sheet and cell (A1); line and column are the cell's row and column. */
  sheet?: string;
  cell?: string;
  key?: { line: number; column: number };
}

/** JSON path (as printed by `formatPath`: `a.b[0].c`; '' = the whole document) → position. */
export type JsonPositions = Map<string, SourcePosition>;

export interface ParsedJson {
  /** Absent when the text is not JSON at all (rule `json-syntax`). */
  json?: unknown;
  positions: JsonPositions;
  diagnostics: Diagnostic[];
}

export interface LoadedDataFile extends ParsedJson {
  file: string;
  text?: string;
}

/** Keys that could reach a prototype: never built, always an error. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const TOKEN_NAMES: Record<string, string> = {
  LBrace: '“{”',
  RBrace: '“}”',
  LBracket: '“[”',
  RBracket: '“]”',
  Colon: '“:”',
  Comma: '“,”',
  String: '字符串',
  Number: '数字',
  Boolean: '布尔值',
  Null: 'null',
  Identifier: '标识符',
  LineComment: '注释',
  BlockComment: '注释',
  NaN: 'NaN',
  Infinity: 'Infinity',
};

function syntaxMessage(error: Error & { line?: number; column?: number }, text: string): string {
  const original = error.message.replace(/\s*\(\d+:\d+\)\s*$/, '');
  let m: RegExpMatchArray | null;
  let what: string;
  if (/^Unexpected end of input/.test(original)) {
    what = text.trim() === '' ? '文件没有内容' : '文件意外结束（可能缺少“}”或“]”）';
  } else if ((m = original.match(/^Unexpected token (\w+) found/))) {
    const token = m[1] ?? '';
    what = `此处不应出现${TOKEN_NAMES[token] ?? token}`;
    const before = textBefore(text, error.line, error.column);
    if ((token === 'RBrace' || token === 'RBracket') && before.endsWith(',')) what += '（最后一项后面多了逗号）';
    else if (token === 'String' || token === 'Number' || token === 'LBrace' || token === 'LBracket') {
      if (/["\d\]}el]$/.test(before)) what += '（前一项后面可能缺少逗号）';
    }
  } else if ((m = original.match(/^Unexpected character '([\s\S]*)' found/))) {
    const ch = m[1] ?? '';
    if (ch === "'") what = '此处不应出现单引号（JSON 字符串须用双引号）';
    else if (ch === '/') what = '此处不应出现“/”（JSON 不允许注释）';
    else what = `此处不应出现字符“${ch}”`;
  } else if ((m = original.match(/^Unexpected identifier '(.*)' found/))) {
    what = `此处不应出现“${m[1] ?? ''}”（字符串须加双引号；布尔值和空值须写作 true、false、null）`;
  } else {
    what = original;
  }
  return `JSON 语法错误：${what}（${original}）`;
}

/** The source text before a 1-based line/column, trailing whitespace removed. */
function textBefore(text: string, line?: number, column?: number): string {
  if (!line || !column) return '';
  const lines = text.split(/\r\n|\r|\n/);
  const head = lines.slice(0, line - 1).join('\n') + (line > 1 ? '\n' : '') + (lines[line - 1] ?? '').slice(0, column - 1);
  return head.trimEnd();
}

function defineValue(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Parses JSON text with momoa, keeping every value's position. Pure: no disk, no exceptions for
 * bad data. Objects are built with `Object.defineProperty` and forbidden keys are never built, so
 * no input can reach a prototype. Duplicate keys: the first occurrence is kept.
 */
export function parseJson(text: string, file: string): ParsedJson {
  const diagnostics: Diagnostic[] = [];
  const positions: JsonPositions = new Map();
  // A UTF-8 byte-order mark (Windows editors) is not JSON but is not the author's mistake either.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let body: ValueNode;
  try {
    body = parseAst(source, { mode: 'json' }).body;
  } catch (err) {
    const e = err as Error & { line?: number; column?: number };
    const d: Diagnostic = { file, path: '', rule: 'json-syntax', severity: 'error', message: syntaxMessage(e, source) };
    if (typeof e.line === 'number' && typeof e.column === 'number') {
      d.line = e.line;
      d.column = e.column;
    } else if (err instanceof RangeError) {
      d.message = 'JSON 无法解析：嵌套层次过深';
    }
    diagnostics.push(d);
    return { positions, diagnostics };
  }

  const build = (node: AnyNode, path: Array<string | number>, key?: SourcePosition['key']): unknown => {
    const here = formatPath(path);
    const pos: SourcePosition = { line: node.loc.start.line, column: node.loc.start.column };
    if (key) pos.key = key;
    positions.set(here, pos);
    switch (node.type) {
      case 'Object': {
        const out: Record<string, unknown> = {};
        const seen = new Map<string, { line: number; column: number }>();
        for (const member of node.members) {
          const name = member.name.type === 'String' ? member.name.value : member.name.name;
          const keyPos = { line: member.name.loc.start.line, column: member.name.loc.start.column };
          const childPath = [...path, name];
          if (FORBIDDEN_KEYS.has(name)) {
            diagnostics.push({
              file,
              path: formatPath(childPath),
              rule: 'forbidden-key',
              severity: 'error',
              message: `不允许使用键“${name}”（可能被用来篡改程序对象）；请删除或改名`,
              line: keyPos.line,
              column: keyPos.column,
            });
            continue;
          }
          const first = seen.get(name);
          if (first) {
            diagnostics.push({
              file,
              path: formatPath(childPath),
              rule: 'duplicate-key',
              severity: 'error',
              message: `键“${name}”重复出现（第一次在第 ${first.line} 行第 ${first.column} 列）；同一对象中每个键只能出现一次`,
              line: keyPos.line,
              column: keyPos.column,
              related: [formatPath(childPath)],
            });
            continue;
          }
          seen.set(name, keyPos);
          defineValue(out, name, build(member.value, childPath, keyPos));
        }
        return out;
      }
      case 'Array':
        return node.elements.map((el, i) => build(el.value, [...path, i]));
      case 'String':
      case 'Number':
      case 'Boolean':
        return node.value;
      case 'Null':
        return null;
      default:
        // JSON mode never produces the JSON5 node types; treat anything else as absent.
        return undefined;
    }
  };

  const json = build(body, []);
  return { json, positions, diagnostics };
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function tooLarge(file: string, size: number): Diagnostic {
  return ioDiagnostic(file, 'file-too-large', `数据文件“${file}”有 ${mb(size)} MB，超过上限 ${mb(LIMITS.fileBytes)} MB：一个部门的数据远小于此（参考部门约 0.1 MB），请检查是否选错了文件`);
}

function tooLargeStream(file: string): Diagnostic {
  return ioDiagnostic(file, 'file-too-large', `数据文件“${file}”读到 ${mb(LIMITS.fileBytes)} MB 仍未结束，超过上限：一个部门的数据远小于此（参考部门约 0.1 MB），请检查是否选错了文件`);
}

function ioDiagnostic(file: string, rule: string, message: string): Diagnostic {
  return { file, path: '', rule, severity: 'error', message };
}

/**
 * Reads and parses one data file. Every problem (missing, a directory, unreadable, not UTF-8,
 * empty, not JSON) is a diagnostic, never an exception.
 */
export async function loadDataFile(file: string, options: { bytes?: Uint8Array } = {}): Promise<LoadedDataFile> {
  const positions: JsonPositions = new Map();
  let bytes: Buffer;
  if (options.bytes) {
    // the bytes a caller already read (and hashed): exactly these are checked and rendered
    if (options.bytes.length > LIMITS.fileBytes) return { file, positions, diagnostics: [tooLarge(file, options.bytes.length)] };
    bytes = Buffer.from(options.bytes.buffer, options.bytes.byteOffset, options.bytes.byteLength);
  } else {
    // counted as read: a pipe, /dev/stdin or a device reports no size and may never end
    const read = await readBounded(file, LIMITS.fileBytes);
    switch (read.kind) {
      case 'bytes':
        bytes = read.bytes;
        break;
      case 'too-large':
        return { file, positions, diagnostics: [read.size === undefined ? tooLargeStream(file) : tooLarge(file, read.size)] };
      case 'directory':
        return { file, positions, diagnostics: [ioDiagnostic(file, 'is-directory', `“${file}”是目录，不是数据文件`)] };
      case 'error': {
        const code = read.error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          return { file, positions, diagnostics: [ioDiagnostic(file, 'file-not-found', `找不到数据文件“${file}”`)] };
        }
        const reason = code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `系统错误 ${code ?? read.error.message}`;
        return { file, positions, diagnostics: [ioDiagnostic(file, 'read-error', `无法读取数据文件“${file}”：${reason}`)] };
      }
    }
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      file,
      positions,
      diagnostics: [ioDiagnostic(file, 'encoding', `数据文件“${file}”不是 UTF-8 编码（可能是 GBK）；请用 UTF-8 另存`)],
    };
  }

  if (text.replace(/^\ufeff/, '').trim() === '') {
    return { file, text, positions, diagnostics: [ioDiagnostic(file, 'empty-file', `数据文件“${file}”是空的`)] };
  }

  return { file, text, ...parseJson(text, file) };
}
