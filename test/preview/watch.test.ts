import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeReason } from '../../src/preview/scheduler.js';
import { watchPreview, type PreviewWatcher } from '../../src/preview/watch.js';

/*
 * The real chokidar watcher on a temporary package root (templates/<set>/, fonts/) and data file.
 * No timing assertions: each test waits (bounded) for the event it expects.
 */

describe('watchPreview (chokidar)', () => {
  let root: string;
  let file: string;
  let watcher: PreviewWatcher | undefined;
  let events: Array<{ reason: ChangeReason; file: string }>;
  let waiters: Array<() => void>;

  const until = (pred: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (pred()) return resolve();
      const timer = setTimeout(() => reject(new Error(`no ${what}: saw ${JSON.stringify(events)}`)), 15_000);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      waiters.push(check);
    });
  const saw = (reason: ChangeReason, name: string) => until(() => events.some((e) => e.reason === reason && path.basename(e.file) === name), `${reason} event for ${name}`);

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gongkai-watch-'));
    await mkdir(path.join(root, 'templates', 'a', 'partials'), { recursive: true });
    await mkdir(path.join(root, 'templates', 'b'), { recursive: true });
    await mkdir(path.join(root, 'fonts'), { recursive: true });
    await mkdir(path.join(root, 'work'));
    await writeFile(path.join(root, 'templates', 'a', 'theme.json'), '{}');
    await writeFile(path.join(root, 'templates', 'a', 'partials', 'cover.hbs'), 'x');
    await writeFile(path.join(root, 'templates', 'b', 'theme.json'), '{}');
    await writeFile(path.join(root, 'fonts', 'roles.json'), '{}');
    file = path.join(root, 'work', 'dept.json');
    await writeFile(file, '{}');
    events = [];
    waiters = [];
    watcher = watchPreview({
      file,
      templateSet: 'a',
      root,
      onChange: (reason, changed) => {
        events.push({ reason, file: changed });
        for (const w of waiters.splice(0)) w();
      },
    });
    await watcher.ready;
  });

  afterEach(async () => {
    await watcher?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('reports a data save, a template or theme edit and a font change, each by kind', async () => {
    await writeFile(file, '{"a":1}');
    await saw('data', 'dept.json');
    await writeFile(path.join(root, 'templates', 'a', 'partials', 'cover.hbs'), 'y');
    await saw('templates', 'cover.hbs');
    await writeFile(path.join(root, 'templates', 'a', 'theme.json'), '{"x":1}');
    await saw('templates', 'theme.json');
    await writeFile(path.join(root, 'fonts', 'roles.json'), '{"x":1}');
    await saw('fonts', 'roles.json');
    await writeFile(path.join(root, 'fonts', 'Extra.ttf'), 'not really a font');
    await saw('fonts', 'Extra.ttf');
  });

  it('notices a save by rename (write a temporary file, rename it over the data file)', async () => {
    const tmp = path.join(root, 'work', 'dept.json.tmp');
    await writeFile(tmp, '{"saved":"by rename"}');
    await rename(tmp, file);
    await saw('data', 'dept.json');
    // and keeps watching the new file
    events = [];
    await writeFile(file, '{"again":true}');
    await saw('data', 'dept.json');
  });

  it('notices the data file deleted and created again', async () => {
    await unlink(file);
    await saw('data', 'dept.json');
    events = [];
    await writeFile(file, '{"back":true}');
    await saw('data', 'dept.json');
  });

  it('ignores other files and other template sets; follows a change of template set', async () => {
    await writeFile(path.join(root, 'work', 'other.json'), '{}');
    await writeFile(path.join(root, 'templates', 'b', 'theme.json'), '{"b":1}');
    await writeFile(file, '{"marker":1}');
    await saw('data', 'dept.json');
    expect(events.filter((e) => e.reason !== 'data')).toEqual([]);

    watcher!.setTemplateSet('b');
    // chokidar has no "added" promise: poll until set b's edits arrive
    for (let i = 0; i < 50 && !events.some((e) => e.reason === 'templates'); i++) {
      await writeFile(path.join(root, 'templates', 'b', 'theme.json'), `{"b":${i + 2}}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await saw('templates', 'theme.json');
    expect(events.every((e) => e.reason !== 'templates' || e.file.includes(`${path.sep}b${path.sep}`))).toBe(true);
  });
});
