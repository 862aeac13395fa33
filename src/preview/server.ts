import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ASSETS, assetBytes, type Asset } from './assets.js';
import { PAGE_CSP, PAGE_HTML } from './page.js';
import { PDF_ROUTE, type PreviewState } from './session.js';

/*
 * The preview's HTTP server: four fixed routes, nothing else.
 *
 *   /                   the page
 *   /events             server-sent `state` events (the page reloads its viewer on a new PDF)
 *   /document.pdf       the PDF on screen (any ?v=… is only the page's cache-buster)
 *   /diagnostics.json   the state: status, PDF info, diagnostics
 *
 * Bound to 127.0.0.1 only. Requests whose Host is not 127.0.0.1:PORT or localhost:PORT are refused
 * (403: a DNS-rebinding page would send its own host name), as are cross-site requests; only GET
 * and HEAD; the URL is never mapped to a file, so there is nothing to list or traverse.
 */

export const HOST = '127.0.0.1';

/** What the server shows: a session, or a fake in tests. */
export interface PreviewSource {
  state(): PreviewState;
  pdf(): { bytes: Buffer; version: number } | undefined;
  subscribe(listener: (state: PreviewState) => void): () => void;
}

export interface PreviewServer {
  server: Server;
  port: number;
  url: string;
  /** Ends the event streams and every connection; resolves when the server has closed. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 = any free port. */
  port: number;
  /** When `port` is taken, take any free port instead of failing (the default port only). */
  fallback?: boolean;
  /** Seconds between SSE keep-alive comments. */
  heartbeatSeconds?: number;
}

const COMMON_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function send(res: ServerResponse, head: boolean, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...COMMON_HEADERS, ...headers, 'Content-Length': String(bytes.length) });
  res.end(head ? undefined : bytes);
}

function plain(res: ServerResponse, head: boolean, status: number, text: string, extra: Record<string, string> = {}): void {
  send(res, head, status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }, text + '\n');
}

/** The request handler, for a server whose port is `port()` (known once it listens). */
export function previewHandler(source: PreviewSource, port: () => number, streams: Set<ServerResponse>, heartbeatMs = 15_000, assets: Record<string, Asset> = ASSETS) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const head = req.method === 'HEAD';
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts(port()).has(host)) return plain(res, head, 403, '403 Forbidden：只接受 127.0.0.1 或 localhost 上的本机请求');
    if (req.headers['sec-fetch-site'] === 'cross-site') return plain(res, head, 403, '403 Forbidden：拒绝跨站请求');
    if (req.method !== 'GET' && !head) return plain(res, head, 405, '405 Method Not Allowed：只支持 GET 和 HEAD', { Allow: 'GET, HEAD' });

    const raw = req.url ?? '';
    const q = raw.indexOf('?');
    const route = q === -1 ? raw : raw.slice(0, q);
    switch (route) {
      case '/':
        return send(
          res,
          head,
          200,
          { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'X-Frame-Options': 'DENY', 'Cross-Origin-Opener-Policy': 'same-origin' },
          PAGE_HTML,
        );
      case '/diagnostics.json':
        return send(res, head, 200, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(source.state(), null, 2));
      case PDF_ROUTE: {
        const pdf = source.pdf();
        if (!pdf) return plain(res, head, 404, '404：尚无可显示的 PDF');
        return send(
          res,
          head,
          200,
          {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'inline; filename="preview-draft.pdf"',
            'X-Frame-Options': 'SAMEORIGIN',
            'X-Preview-Pdf-Version': String(pdf.version),
          },
          pdf.bytes,
        );
      }
      case '/events':
        return events(source, req, res, head, streams, heartbeatMs);
      default: {
        const asset = assetBytes(route, assets);
        if (!asset) return plain(res, head, 404, '404：没有这个地址');
        asset.then(
          (bytes) => send(res, head, 200, { 'Content-Type': assets[route]!.type, 'Cache-Control': 'max-age=3600' }, bytes),
          // the installation lacks a file the page needs: the server and the other routes carry on
          () => plain(res, head, 500, `500：预览页面所需的文件（${route.slice('/assets/'.length)}）缺失，gongkai 的安装不完整；请重新安装 gongkai`),
        );
        return;
      }
    }
  };
}

function events(source: PreviewSource, req: IncomingMessage, res: ServerResponse, head: boolean, streams: Set<ServerResponse>, heartbeatMs: number): void {
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  if (head) {
    res.end();
    return;
  }
  const write = (state: PreviewState) => res.write(`event: state\nid: ${state.version}\ndata: ${JSON.stringify(state)}\n\n`);
  res.write('retry: 1000\n\n');
  write(source.state());
  const unsubscribe = source.subscribe(write);
  const beat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  beat.unref();
  streams.add(res);
  const done = () => {
    clearInterval(beat);
    unsubscribe();
    streams.delete(res);
  };
  req.on('close', done);
  res.on('close', done);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/** Starts the server on 127.0.0.1. */
export async function startPreviewServer(source: PreviewSource, options: ListenOptions): Promise<PreviewServer> {
  let port = 0;
  const streams = new Set<ServerResponse>();
  const server = createServer(previewHandler(source, () => port, streams, (options.heartbeatSeconds ?? 15) * 1000));
  try {
    await listen(server, options.port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.fallback || options.port === 0) throw err;
    await listen(server, 0);
  }
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url: `http://${HOST}:${port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
