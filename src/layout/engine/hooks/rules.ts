import { jobOf, type Job } from '../job.js';
import { load } from '../runtime.js';
import type { Kit } from './render.js';

/*
 * Table rules, one path per run. pdfmake draws every cell border as a vector of its own — line
 * width, dash, join, cap, colour and opacity set again, then one segment stroked — and a tagged
 * document wraps each in an artifact: 6,272 segments were 41% of the reference's page content
 * (800 KB of 2 MB before compression). Consecutive rules of one style become one artifact, one
 * set of state operators, their segments and one stroke: the same segments, drawn in the same
 * order with the same pen (opaque only, where stroking together and apart are the same ink).
 * Text does not draw them (issue 24, ≤ 400 KB): text never crosses a rule (cells keep it inside
 * their padding), so rules pending across a table's text are the same ink drawn later — and a
 * table's grid becomes one path, where a column's border is one segment instead of one per row
 * (collinear segments that touch or overlap merged: the same union of the same pen, undashed
 * only; the reference's rules 48 KB → 10 KB compressed). Anything else written to the page — an
 * artifact (a background, a vector, a page's header), a write outside text, a new page, the end —
 * draws the pending rules before it; inside a structure element's marked content they wait for
 * its end (an artifact begun there would close it).
 */
interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth?: number;
  lineColor?: unknown;
  lineJoin?: string;
  lineCap?: string;
  dash?: { length: number; space?: number; phase?: number };
}
interface PendingRules {
  key: string;
  tagged: boolean;
  first: Rule;
  segments: number[];
}
type RuleKit = Kit & {
  lineWidth(w: number): void;
  dash(length: number, options: { space: number; phase: number }): void;
  undash(): void;
  lineJoin(j: string): void;
  lineCap(c: string): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  strokeColor(color: unknown, opacity: number): void;
  resolveColor(color: unknown, fallback: string): unknown;
  stroke(): void;
};

function ruleKey(v: Record<string, unknown>): string | undefined {
  if (v.type !== 'line' || v.color !== undefined || v.linearGradient !== undefined) return undefined;
  if (v.strokeOpacity !== undefined && v.strokeOpacity !== 1) return undefined;
  if (typeof v.lineColor !== 'string' && v.lineColor !== undefined) return undefined;
  const d = v.dash as Rule['dash'];
  return `${String(v.lineWidth ?? '')}|${d ? `${d.length},${String(d.space ?? '')},${String(d.phase ?? '')}` : ''}|${String(v.lineJoin ?? '')}|${String(v.lineCap ?? '')}|${String(v.lineColor ?? '')}`;
}

/**
 * Horizontal and vertical segments on one line merged where they touch or overlap (the union of
 * their strokes is the same); others kept as they are. Sorted by line, then start: deterministic.
 */
export function mergeSegments(s: readonly number[]): number[] {
  const lines = new Map<string, { horizontal: boolean; at: number; spans: Array<[number, number]> }>();
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const [x1, y1, x2, y2] = [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!];
    const horizontal = y1 === y2;
    if (!horizontal && x1 !== x2) {
      out.push(x1, y1, x2, y2);
      continue;
    }
    const at = horizontal ? y1 : x1;
    const key = `${horizontal ? 'h' : 'v'}${at}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { horizontal, at, spans: [] }));
    const [a, b] = horizontal ? [x1, x2] : [y1, y2];
    line.spans.push(a <= b ? [a, b] : [b, a]);
  }
  const merged: number[] = [];
  for (const line of [...lines.values()].sort((p, q) => Number(p.horizontal) - Number(q.horizontal) || p.at - q.at)) {
    line.spans.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    let [a, b] = line.spans[0]!;
    const emit = () => merged.push(...(line.horizontal ? [a, line.at, b, line.at] : [line.at, a, line.at, b]));
    for (const [c, d] of line.spans.slice(1)) {
      if (c <= b) b = Math.max(b, d);
      else {
        emit();
        [a, b] = [c, d];
      }
    }
    emit();
  }
  return [...merged, ...out];
}

function drawRules(kit: RuleKit, job: Job): void {
  const p = job.rules as PendingRules | undefined;
  if (!p) return;
  job.rules = undefined; // before drawing: these writes must not flush again
  const v = p.first;
  if (p.tagged) kit.markContent('Artifact', { type: 'Layout' });
  // exactly pdfmake's Renderer.renderVector for a line, with the segments of the run in its middle
  kit.lineWidth(v.lineWidth || 1);
  if (v.dash) kit.dash(v.dash.length, { space: v.dash.space || v.dash.length, phase: v.dash.phase || 0 });
  else kit.undash();
  kit.lineJoin(v.lineJoin || 'miter');
  kit.lineCap(v.lineCap || 'butt');
  const s = v.dash ? p.segments : mergeSegments(p.segments);
  for (let i = 0; i < s.length; i += 4) {
    kit.moveTo(s[i]!, s[i + 1]!);
    kit.lineTo(s[i + 2]!, s[i + 3]!);
  }
  kit.strokeColor(kit.resolveColor(v.lineColor, 'black'), 1);
  kit.stroke();
  if (p.tagged) kit.endMarkedContent();
}

/** Do the pending rules wait past this write? Text, and whatever is inside a structure element's marked content. */
function waits(kit: { page?: { markings?: Array<{ structContent?: unknown }> } }, job: Job, name: string, args: unknown[]): boolean {
  if (name === 'markContent') return args[0] !== 'Artifact'; // a structure element's content begins
  if (name !== 'addContent') return false;
  if (kit.page?.markings?.some((m) => m.structContent)) return true;
  if (job.penWriting) return true;
  // the marked-content operators themselves (BDC/EMC of a structure element)
  return typeof args[0] === 'string' && /(?:^|\s)(?:BDC|BMC|EMC)$/.test(args[0]);
}

export function installRuleHooks(): void {
  const proto = load<{ prototype: { renderVector(v: unknown): void } }>('Renderer').prototype;
  const render = proto.renderVector;
  proto.renderVector = function (this: { pdfDocument: RuleKit }, v: unknown) {
    const kit = this.pdfDocument;
    const job = jobOf(kit);
    const rule = v as Rule & Record<string, unknown>;
    const key = job?.has('mergeRules') ? ruleKey(rule) : undefined;
    if (key === undefined || !job) return render.call(this, v);
    const tagged = job.leaves !== undefined;
    const pending = job.rules as PendingRules | undefined;
    if (pending && (pending.key !== key || pending.tagged !== tagged)) drawRules(kit, job);
    const p = (job.rules ??= { key, tagged, first: rule, segments: [] }) as PendingRules;
    p.segments.push(rule.x1, rule.y1, rule.x2, rule.y2);
  };
  // anything else written, or a page change, draws the pending rules first; text does not
  const Kit = load<{ prototype: Record<string, (...a: unknown[]) => unknown> }>('PDFDocument').prototype;
  // (marked content first of all: pdfkit keeps a stack of it, and closes open artifacts when one begins)
  for (const name of ['markContent', 'addContent', 'addPage', 'switchToPage', 'flushPages', 'end']) {
    const original = Kit[name]!;
    Kit[name] = function (this: RuleKit & { page?: { markings?: Array<{ structContent?: unknown }> } }, ...args: unknown[]) {
      const job = jobOf(this);
      if (job?.rules && !waits(this, job, name, args)) drawRules(this, job);
      return original.apply(this, args);
    };
  }
}
