import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { gongkai, STACK } from '../cli/run.js';

describe('gongkai preview (usage)', () => {
  it('is listed in gongkai --help', async () => {
    const r = await gongkai(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/preview \[options\] \[file\]/);
  });

  it.each([['abc'], ['-1'], ['70000'], ['1.5']])('refuses --port %s (exit 2)', async (port) => {
    const r = await gongkai(['preview', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('端口应为 0–65535 的整数');
    expect(r.stderr).not.toMatch(STACK);
  });

  it('refuses a PDF as the data file (exit 2)', async () => {
    const r = await gongkai(['preview', 'out/2026/x.pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('preview 的参数是数据文件');
  });

  it('refuses a directory (exit 2)', async () => {
    const r = await gongkai(['preview', 'data']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是文件');
  });

  it('says so when an explicit --port is taken (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await gongkai(['preview', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`端口 ${port} 已被占用`);
      expect(r.stderr).not.toMatch(STACK);
    } finally {
      blocker.close();
    }
  });
});
