import { createHash } from 'node:crypto';

/*
 * The preview page: the PDF drawn with pdf.js (served by the preview itself: a new PDF replaces
 * the pages in place, keeping the reader on their page) and, beside it, the audit's errors and
 * warnings, each with a link to the page it concerns where it has one. It is static — no data is templated into the HTML — and learns everything
 * from the `state` server-sent events (the same JSON as /diagnostics.json), writing it with
 * textContent only. Inline script and style are allowed by their hashes in the page's CSP.
 */

const STYLE = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --line: #d9d9d9; --muted: #666; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
@font-face { font-family: "GongkaiUI"; src: url("/assets/ui-font.ttf") format("truetype"); font-display: swap; }
body { display: flex; flex-direction: column; font: 14px/1.5 "GongkaiUI", system-ui, "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #1d1d1d; background: #f3f3f3; }
header { display: flex; gap: 1em; align-items: baseline; padding: 6px 12px; background: #fff; border-bottom: 1px solid var(--line); }
header strong { font-size: 15px; }
#file { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
#status { white-space: nowrap; }
body[data-status="error"] #status { color: var(--err); font-weight: 600; }
body[data-rendering="true"] #status::after { content: " · 正在更新…"; color: var(--muted); font-weight: normal; }
body[data-connected="false"] #status::after { content: " · 与预览服务的连接已断开"; color: var(--err); }
main { flex: 1; display: flex; min-height: 0; }
#viewer { position: relative; flex: 1; min-width: 0; }
#pages { position: absolute; inset: 0; overflow: auto; background: #525659; padding: 8px 0; }
.page { margin: 0 auto 10px; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.5); position: relative; }
.page canvas { display: block; }
.goto { margin-left: 6px; font: inherit; font-size: 12px; color: #0b57d0; background: none; border: 1px solid #c6d3f0; border-radius: 3px; cursor: pointer; padding: 0 6px; }
#forced { color: var(--err); font-weight: 600; }
#empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: #eee; background: #525659; font-size: 16px; }
#overlay { position: absolute; top: 12px; left: 12px; right: 12px; max-height: 60%; overflow: auto; padding: 10px 14px; background: rgba(255, 255, 255, 0.97); border: 2px solid var(--err); border-radius: 6px; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); }
#overlay h2 { margin: 0 0 6px; font-size: 15px; color: var(--err); }
#overlay p { margin: 0 0 6px; color: var(--muted); }
aside { width: min(34rem, 40%); overflow: auto; background: #fff; border-left: 1px solid var(--line); padding: 8px 12px; }
aside h2 { font-size: 15px; margin: 4px 0; }
ol { list-style: none; margin: 0; padding: 0; }
li { padding: 6px 0; border-top: 1px solid var(--line); }
.sev { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 3px; color: #fff; font-size: 12px; }
li.error .sev { background: var(--err); }
li.warning .sev { background: var(--warn); }
.loc, .path { font-family: ui-monospace, "Cascadia Mono", Menlo, monospace; font-size: 12px; margin-right: 6px; }
.path { color: #0b57d0; }
.rule { color: var(--muted); font-size: 12px; }
.msg { white-space: pre-wrap; margin-top: 2px; }
[hidden] { display: none !important; }
`;

const SCRIPT = `
'use strict';
const $ = (id) => document.getElementById(id);
let shownPdf = 0;
let pdfjs = null;
let doc = null;
let latest = null;
const destPages = new Map();

function span(cls, text) {
  const e = document.createElement('span');
  e.className = cls;
  e.textContent = text;
  return e;
}

function where(d) {
  let w = d.file || '';
  if (d.sheet) w += ' › ' + d.sheet + (d.cell ? ' › ' + d.cell : '');
  else if (d.line != null) w += (w ? ':' : '') + d.line + (d.column != null ? ':' + d.column : '');
  return w;
}

function item(d) {
  const li = document.createElement('li');
  li.className = d.severity;
  li.dataset.rule = d.rule;
  if (d.path) li.dataset.path = d.path;
  if (d.dest) li.dataset.dest = d.dest;
  li.append(span('sev', d.severity === 'error' ? '错误' : '警告'));
  const loc = where(d);
  if (loc) li.append(span('loc', loc));
  // a workbook user finds the cell by sheet and address: the data path is not in their words
  if (d.path && !d.sheet) li.append(span('path', d.path));
  li.append(span('rule', '[' + d.rule + ']'));
  const msg = document.createElement('div');
  msg.className = 'msg';
  msg.textContent = d.message;
  li.append(msg);
  if (d.dest) linkItem(li);
  return li;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour12: false }) : '';
}

async function lib() {
  if (!pdfjs) {
    pdfjs = await import('/assets/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.mjs';
  }
  return pdfjs;
}

// where the reader is: the page at the top of the view, and how far into it
function place() {
  const box = $('pages');
  for (const p of box.children) if (p.offsetTop + p.offsetHeight > box.scrollTop) return { page: Number(p.dataset.page), into: (box.scrollTop - p.offsetTop) / p.offsetHeight };
  return null;
}

function goTo(n) {
  const p = $('pages').children[n - 1];
  if (p) $('pages').scrollTop = p.offsetTop - 8;
}

async function pageOfDest(name) {
  if (!doc) return null;
  if (destPages.has(name)) return destPages.get(name);
  let n = null;
  try {
    const d = await doc.getDestination(name);
    if (d) n = (await doc.getPageIndex(d[0])) + 1;
  } catch (e) {}
  destPages.set(name, n);
  return n;
}

async function linkItem(li) {
  const n = await pageOfDest(li.dataset.dest);
  li.querySelector('.goto')?.remove();
  if (!n) return;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'goto';
  b.textContent = '第 ' + n + ' 页';
  b.dataset.page = String(n);
  b.addEventListener('click', () => goTo(n));
  li.append(b);
}

async function draw(v) {
  if (v.drawn) return;
  v.drawn = true;
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(v.viewport.width * dpr);
  canvas.height = Math.floor(v.viewport.height * dpr);
  canvas.style.width = v.viewport.width + 'px';
  canvas.style.height = v.viewport.height + 'px';
  v.div.append(canvas);
  await v.page.render({ canvasContext: canvas.getContext('2d'), viewport: v.viewport, transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0] }).promise;
  v.div.dataset.drawn = 'true';
}

// a new PDF replaces the pages in place: the reader stays on the page (and at the height) they were reading
async function loadPdf(url, version) {
  const { getDocument } = await lib();
  const next = await getDocument({ url, isEvalSupported: false }).promise;
  if (version !== shownPdf) return next.destroy();
  const box = $('pages');
  const at = place();
  const width = Math.max(200, box.clientWidth - 24);
  const views = [];
  for (let i = 1; i <= next.numPages; i++) {
    const page = await next.getPage(i);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(2, width / base.width) });
    const div = document.createElement('div');
    div.className = 'page';
    div.dataset.page = String(i);
    div.style.width = viewport.width + 'px';
    div.style.height = viewport.height + 'px';
    views.push({ page, viewport, div, drawn: false });
  }
  if (version !== shownPdf) return next.destroy();
  const old = doc;
  doc = next;
  destPages.clear();
  box.replaceChildren(...views.map((v) => v.div));
  box.dataset.src = url;
  box.dataset.pages = String(next.numPages);
  if (at) {
    const p = box.children[Math.min(at.page, next.numPages) - 1];
    if (p) box.scrollTop = p.offsetTop + at.into * p.offsetHeight;
  }
  const watch = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) draw(views[Number(e.target.dataset.page) - 1]);
  }, { root: box, rootMargin: '400px 0px' });
  views.forEach((v) => watch.observe(v.div));
  if (old) old.destroy();
  document.body.dataset.pdfVersion = String(version);
  for (const li of document.querySelectorAll('li[data-dest]')) linkItem(li);
}

function show(s) {
  latest = s;
  const body = document.body;
  body.dataset.status = s.status;
  body.dataset.version = String(s.version);
  body.dataset.rendering = String(s.rendering);
  $('file').textContent = s.file;
  document.title = '预览 · ' + s.file;

  if (s.pdf && s.pdf.version !== shownPdf) {
    shownPdf = s.pdf.version;
    loadPdf(s.pdf.url, s.pdf.version).catch((e) => { $('status').textContent = 'PDF 显示失败：' + e.message; });
  }
  $('empty').hidden = !!s.pdf;
  $('empty').textContent = s.status === 'pending' ? '正在生成……' : '尚无可显示的 PDF：请先改正右侧的错误。';

  const errors = s.diagnostics.filter((d) => d.severity === 'error');
  if (s.status === 'pending') $('status').textContent = '正在生成……';
  else if (s.status === 'ok') $('status').textContent = '已更新 ' + time(s.pdf && s.pdf.renderedAt) + ' · ' + (s.pdf ? s.pdf.pages : 0) + ' 页 · ' + (s.pdf ? (s.pdf.ms / 1000).toFixed(2) : '0') + ' 秒';
  else $('status').textContent = s.pdf ? '有错误：显示的是 ' + time(s.pdf.renderedAt) + ' 生成的 PDF' : '有错误，未生成 PDF';
  // audit errors while drafting: the PDF is shown, marked 未通过审核, the errors beside it
  $('forced').hidden = !(s.status === 'ok' && errors.length);
  $('forced').textContent = '未通过审核：' + errors.length + ' 个错误（PDF 每页已标注，改正后即可正式生成）';

  const overlay = $('overlay');
  overlay.hidden = s.status !== 'error';
  $('overlay-title').textContent = '数据有 ' + errors.length + ' 个错误，未能更新 PDF';
  $('overlay-note').textContent = s.pdf ? '下面仍是上一次成功生成的 PDF（' + time(s.pdf.renderedAt) + '）。改正后保存即可刷新。' : '改正后保存即可生成。';
  $('overlay-list').replaceChildren(...errors.map(item));

  $('summary').textContent = s.status === 'pending' ? '正在检查……' : s.counts.errors + ' 个错误，' + s.counts.warnings + ' 个警告' + (s.checkedAt ? '（' + time(s.checkedAt) + ' 检查）' : '');
  $('diagnostics').replaceChildren(...s.diagnostics.map(item));
}

const events = new EventSource('/events');
events.addEventListener('state', (e) => show(JSON.parse(e.data)));
events.addEventListener('open', () => { document.body.dataset.connected = 'true'; });
events.addEventListener('error', () => { document.body.dataset.connected = 'false'; });
`;

const BODY = `<header><strong>gongkai 预览</strong><span id="file"></span><span id="forced" hidden></span><span id="status">正在连接……</span></header>
<main>
<section id="viewer">
<div id="pages" role="document" aria-label="PDF 预览（草稿）"></div>
<div id="empty">正在生成……</div>
<div id="overlay" role="alert" hidden><h2 id="overlay-title"></h2><p id="overlay-note"></p><ol id="overlay-list"></ol></div>
</section>
<aside><h2>审核结果</h2><p id="summary"></p><ol id="diagnostics"></ol></aside>
</main>`;

export const PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gongkai 预览</title>
<style>${STYLE}</style>
</head>
<body data-status="pending" data-version="0" data-connected="false">
${BODY}
<script>${SCRIPT}</script>
</body>
</html>
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Nothing but this page's own inline script and style, its own event stream and JSON, and its own
 * PDF in a frame; no plugins in the page itself, no base, no forms, never framed.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  // 'self': pdf.js, loaded by the page's script from /assets/
  `script-src 'self' ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "worker-src 'self'",
  "font-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
