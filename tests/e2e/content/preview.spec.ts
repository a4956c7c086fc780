/**
 * The live preview of `npm run dev`, in Chromium: a dev server on a scratch scenarios/ folder
 * (CONTENT_DIR) is opened on a scenario; saving a mistake shows Vite's error overlay with the
 * problem at file:line:column (also after a reload); fixing it takes the overlay away and the page
 * shows the new text. Only stable things are read: the overlay element Vite defines, the page's
 * level-1 heading.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, scratchContent, scratchProject } from './scratch';

let dir = '';
let file = '';
let base = '';
let server: ChildProcess | null = null;
let log = '';
const demo = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'preview-'));
  const sc = scratchContent({ demo }, dir);
  file = join(sc, 'demo', 'demo.yaml');
  const proj = scratchProject(dir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn('npx', ['vite', 'dev', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: proj,
    env: { ...process.env, CONTENT_DIR: sc, COURSE_JSON: join(dir, 'course.json') },
    detached: true,
  });
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  await expect.poll(() => log.replace(/\x1b\[[0-9;]*m/g, ''), { timeout: 150_000, message: 'the dev server starts' }).toMatch(/Local:\s+http/);
});

test.afterAll(() => {
  // the dev server was started in its own process group: end it and its children
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('saving a mistake shows it as an overlay at file:line; fixing it shows the new page', async ({ page }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/#/s/demo`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo scenario', { timeout: 60_000 });
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toHaveCount(0);

  // a new title, and a typo in the scene's next (line 18, column 11 of the file)
  const broken = demo.replace('title: Demo scenario', 'title: Demo scenario, revised').replace('    next: first\n', '    next: frist\n');
  expect(broken.split('\n')[17]).toBe('    next: frist');
  writeFileSync(file, broken);
  await expect(overlay).toHaveCount(1, { timeout: 30_000 });
  await expect(overlay.locator('.message-body')).toContainText(`demo/demo.yaml:18:11  nodes[0].next: unknown node "frist"`);
  await expect(overlay.locator('.file')).toContainText(`${file}:18:11`);
  await expect(overlay.locator('.frame')).toContainText('next: frist');

  // a page opened while the problem remains shows it too
  await page.reload();
  await expect(overlay).toHaveCount(1, { timeout: 30_000 });
  await expect(overlay.locator('.message-body')).toContainText('unknown node "frist"');

  // fixed: the overlay goes, and the same scenario opens with the new title
  writeFileSync(file, broken.replace('    next: frist\n', '    next: first\n'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo scenario, revised', { timeout: 30_000 });
  await expect(overlay).toHaveCount(0);
  expect(page.url()).toContain('#/s/demo');
  expect(errors).toEqual([]);
});
