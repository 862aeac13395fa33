import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewHandler, startPreviewServer, type PreviewServer, type PreviewSource } from '../../src/preview/server.js';
import type { PreviewState } from '../../src/preview/session.js';

const PDF = Buffer.from('%PDF-1.7\n% fake\n%%EOF\n', 'latin1');

function fakeSource(): PreviewSource & { emit(patch: Partial<PreviewState>): void } {
  let state: PreviewState = {
    file: 'dept.json',
    status: 'ok',
    version: 1,
    rendering: false,
    pdf: { version: 1, url: '/document.pdf?v=1', pages: 1, bytes: PDF.length, renderedAt: new Date(0).toISOString(), ms: 1 },
    stale: false,
    diagnostics: [],
    counts: { errors: 0, warnings: 0 },
    checkedAt: new Date(0).toISOString(),
  };
  const listeners = new Set<(s: PreviewState) => void>();
  return {
    state: () => state,
    pdf: () => ({ bytes: PDF, version: 1 }),
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(patch) {
      state = { ...state, ...patch, version: state.version + 1 };
      for (const l of listeners) l(state);
    },
  };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent exactly as given (no normalisation), the Host header as given. */
function raw(port: number, path: string, opts: { method?: string; host?: string | null; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, setHost: opts.host === undefined, agent: false });
    if (opts.host) req.setHeader('Host', opts.host);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('preview server', () => {
  let server: PreviewServer;
  let source: ReturnType<typeof fakeSource>;

  beforeAll(async () => {
    source = fakeSource();
    server = await startPreviewServer(source, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 only, on a free port for port 0', () => {
    const address = server.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1' });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the page with a strict CSP, no-store and no framing', async () => {
    const r = await raw(server.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    // the page's own script by its hash, and pdf.js from the preview's own /assets/
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(Buffer.from(r.body, 'latin1').toString('utf8')).toContain('<div id="pages"');
  });

  it('serves the current PDF (any ?v= query), the diagnostics JSON, with no-store', async () => {
    const pdf = await raw(server.port, '/document.pdf?v=42');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.body).toBe(PDF.toString('latin1'));
    const json = await raw(server.port, '/diagnostics.json');
    expect(json.status).toBe(200);
    expect(json.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(json.body)).toMatchObject({ file: 'dept.json', status: 'ok', pdf: { version: 1 } });
  });

  it('accepts localhost:PORT as Host, case-insensitively', async () => {
    expect((await raw(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await raw(server.port, '/', { host: `LocalHost:${server.port}` })).status).toBe(200);
  });

  it.each([
    ['another name (DNS rebinding)', 'evil.example:PORT'],
    ['another name on the same port', 'attacker.localhost:PORT'],
    ['another port', '127.0.0.1:1'],
    ['no port', '127.0.0.1'],
    ['no port (localhost)', 'localhost'],
    ['0.0.0.0', '0.0.0.0:PORT'],
  ])('refuses Host %s with 403', async (_what, host) => {
    const r = await raw(server.port, '/diagnostics.json', { host: host.replace('PORT', String(server.port)) });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('"diagnostics"');
  });

  it('refuses a request without Host (Node itself answers 400 for HTTP/1.1)', async () => {
    const r = await raw(server.port, '/document.pdf', { host: null });
    expect([400, 403]).toContain(r.status);
    expect(r.body).not.toContain('%PDF');
  });

  it('refuses an HTTP/1.0 request without Host with 403', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('GET /document.pdf HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.setEncoding('latin1').on('data', (c: string) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
    expect(reply).not.toContain('%PDF');
  });

  it('refuses cross-site requests with 403', async () => {
    const r = await raw(server.port, '/diagnostics.json', { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(r.status).toBe(403);
  });

  it.each(['/../package.json', '/%2e%2e/', '/%2e%2e/package.json', '/..%2fpackage.json', '/document.pdf/../../package.json', '//etc/passwd', '/src/cli/index.ts', '/index.html', '/favicon.ico', '/document.pdf/', '/DOCUMENT.PDF', '/events/x', 'http://evil.example/'])(
    'answers 404 for %s (no files, no listing, no traversal)',
    async (path) => {
      const r = await raw(server.port, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('"name"'); // not package.json
      expect(r.body).not.toContain('%PDF');
      expect(r.headers['cache-control']).toBe('no-store');
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const r = await raw(server.port, '/', { method });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD with headers and no body', async () => {
    const r = await raw(server.port, '/document.pdf', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(PDF.length));
    expect(r.body).toBe('');
  });

  it('streams state events: the current state first, then each change', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/events' });
      req.on('response', (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(res.headers['cache-control']).toBe('no-store');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          let i: number;
          while ((i = buf.indexOf('\n\n')) !== -1) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) events.push(data.slice(6));
            if (events.length === 1) source.emit({ status: 'error', stale: true });
            if (events.length === 2) {
              req.destroy();
              resolve();
            }
          }
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(JSON.parse(events[0]!)).toMatchObject({ status: 'ok' });
    expect(JSON.parse(events[1]!)).toMatchObject({ status: 'error', stale: true });
  });

  it('404s the PDF before there is one', async () => {
    const empty = await startPreviewServer({ ...fakeSource(), pdf: () => undefined }, { port: 0 });
    try {
      expect((await raw(empty.port, '/document.pdf')).status).toBe(404);
    } finally {
      await empty.close();
    }
  });

  it('falls back to a free port when the asked one is taken (fallback), fails otherwise', async () => {
    const second = await startPreviewServer(fakeSource(), { port: server.port, fallback: true });
    try {
      expect(second.port).not.toBe(server.port);
      expect((await raw(second.port, '/')).status).toBe(200);
    } finally {
      await second.close();
    }
    await expect(startPreviewServer(fakeSource(), { port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('close() ends open event streams and stops listening', async () => {
    const s = await startPreviewServer(fakeSource(), { port: 0 });
    const ended = new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: s.port, path: '/events' });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('close', () => resolve());
        void s.close();
      });
      req.on('error', () => resolve());
      req.end();
    });
    await ended;
    await s.close();
    await expect(raw(s.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('the preview’s own assets', () => {
  it('serves pdf.js and a CJK web font from the installed packages, nothing else', async () => {
    const { ASSETS, assetBytes } = await import('../../src/preview/assets.js');
    for (const route of Object.keys(ASSETS)) expect((await assetBytes(route)!).length, route).toBeGreaterThan(1000);
    expect(assetBytes('/assets/../package.json')).toBeUndefined();
  });
});

describe('an installation missing an asset (issue 20 F11)', () => {
  it('answers 500 in Chinese for that asset and keeps serving: the handler never throws', async () => {
    const missing = {
      '/assets/pdf.mjs': {
        type: 'text/javascript; charset=utf-8',
        file: (): string => {
          // what require.resolve says when pdfjs-dist is not installed (npm install --omit=dev)
          throw Object.assign(new Error("Cannot find module 'pdfjs-dist/package.json'"), { code: 'MODULE_NOT_FOUND' });
        },
      },
    };
    let port = 0;
    const server = createServer(previewHandler(fakeSource(), () => port, new Set(), 15_000, missing));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    try {
      for (let i = 0; i < 2; i++) {
        const r = await raw(port, '/assets/pdf.mjs');
        expect(r.status).toBe(500);
        const text = Buffer.from(r.body, 'latin1').toString('utf8');
        expect(text).toContain('预览页面所需的文件（pdf.mjs）缺失');
        expect(text).not.toMatch(/Cannot find|MODULE_NOT_FOUND|at /);
      }
      expect((await raw(port, '/')).status).toBe(200);
      expect((await raw(port, '/assets/ui-font.ttf')).status).toBe(404); // not in this server's list
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
