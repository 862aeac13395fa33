import { createHash } from 'node:crypto';

/*
 * The preview page: the PDF in the browser's own viewer (an <iframe>) and, beside it, the audit's
 * errors and warnings. It is static — no data is templated into the HTML — and learns everything
 * from the `state` server-sent events (the same JSON as /diagnostics.json), writing it with
 * textContent only. Inline script and style are allowed by their hashes in the page's CSP.
 */

const STYLE = `
:root { color-scheme: light; --err: #b3261e; --warn: #8a5a00; --line: #d9d9d9; --muted: #666; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px/1.5 system-ui, "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #1d1d1d; background: #f3f3f3; }
header { display: flex; gap: 1em; align-items: baseline; padding: 6px 12px; background: #fff; border-bottom: 1px solid var(--line); }
header strong { font-size: 15px; }
#file { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
#status { white-space: nowrap; }
body[data-status="error"] #status { color: var(--err); font-weight: 600; }
body[data-rendering="true"] #status::after { content: " · 正在更新…"; color: var(--muted); font-weight: normal; }
body[data-connected="false"] #status::after { content: " · 与预览服务的连接已断开"; color: var(--err); }
main { flex: 1; display: flex; min-height: 0; }
#viewer { position: relative; flex: 1; min-width: 0; }
#pdf { width: 100%; height: 100%; border: 0; background: #525659; display: block; }
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
  li.append(span('sev', d.severity === 'error' ? '错误' : '警告'));
  const loc = where(d);
  if (loc) li.append(span('loc', loc));
  if (d.path) li.append(span('path', d.path));
  li.append(span('rule', '[' + d.rule + ']'));
  const msg = document.createElement('div');
  msg.className = 'msg';
  msg.textContent = d.message;
  li.append(msg);
  return li;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour12: false }) : '';
}

function show(s) {
  const body = document.body;
  body.dataset.status = s.status;
  body.dataset.version = String(s.version);
  body.dataset.rendering = String(s.rendering);
  $('file').textContent = s.file;
  document.title = '预览 · ' + s.file;

  if (s.pdf && s.pdf.version !== shownPdf) {
    shownPdf = s.pdf.version;
    $('pdf').src = s.pdf.url;
    body.dataset.pdfVersion = String(s.pdf.version);
  }
  $('empty').hidden = !!s.pdf;
  $('empty').textContent = s.status === 'pending' ? '正在生成……' : '尚无可显示的 PDF：请先改正右侧的错误。';

  if (s.status === 'pending') $('status').textContent = '正在生成……';
  else if (s.status === 'ok') $('status').textContent = '已更新 ' + time(s.pdf && s.pdf.renderedAt) + ' · ' + (s.pdf ? s.pdf.pages : 0) + ' 页 · ' + (s.pdf ? (s.pdf.ms / 1000).toFixed(2) : '0') + ' 秒';
  else $('status').textContent = s.pdf ? '有错误：显示的是 ' + time(s.pdf.renderedAt) + ' 生成的 PDF' : '有错误，未生成 PDF';

  const errors = s.diagnostics.filter((d) => d.severity === 'error');
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

const BODY = `<header><strong>gongkai 预览</strong><span id="file"></span><span id="status">正在连接……</span></header>
<main>
<section id="viewer">
<iframe id="pdf" title="PDF 预览（草稿）"></iframe>
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
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "frame-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
