/**
 * A scenario's own file (content/<id>.<hash>.js, src/lib/player/course.ts): asked for once, when its
 * scenario is opened and never for the home page; a file that cannot be had is named on the page, the
 * learner's progress is untouched, and "Try again" asks for it again. Served over HTTP here (file://
 * requests cannot be failed on purpose).
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';

const root = resolve('build');
let server: Server;
let base = '';
/** paths asked for, and how many of the next requests for a content file to fail */
const asked: string[] = [];
let failContent = 0;
/** while set, the app's script is refused: the page stays as its HTML drew it */
let refuseApp = false;
/** ms by which each content file's answer is held back */
let delayContent = 0;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    asked.push(path);
    if (refuseApp && path.startsWith('/_app/app.')) return void res.writeHead(404).end();
    if (path.startsWith('/content/') && failContent > 0) {
      failContent--;
      return void res.writeHead(503).end();
    }
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.svg': 'image/svg+xml' }[extname(file)] ?? 'application/octet-stream';
    const answer = () => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
    if (path.startsWith('/content/') && delayContent) setTimeout(answer, delayContent);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => server.close());
test.beforeEach(() => {
  asked.length = 0;
  failContent = 0;
  refuseApp = false;
  delayContent = 0;
});

const contentAsks = () => asked.filter((p) => p.startsWith('/content/'));

test("a scenario's address asks for its file once and opens the scenario", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/index.html#/s/friend-request`);
  await expect(page.locator('#step-heading')).toBeVisible();
  const files = contentAsks();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^\/content\/friend-request\.[a-z0-9]+\.js$/);
  // the home page asks for no scenario file at all
  asked.length = 0;
  await page.goto(`${base}/index.html#/`);
  // an address change from outside is stepped back and then made as the router's own navigation
  // (src/lib/player/hash-guard.ts), so wait for the home page before reloading it: a reload in
  // between would reload the scenario's address
  await expect(page.locator('main .scenario-card[data-state]').first()).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await page.reload();
  await expect(page.locator('main .scenario-card[data-state]').first()).toBeVisible();
  expect(contentAsks()).toEqual([]);
  expect(errors).toEqual([]);
});

// The page's head script asks for the scenario's file as the HTML is parsed, while the app's own file
// is still on its way (scripts/first-screen.ts); the app takes that request over (src/lib/player/course.ts).
test("a scenario's address asks for its file before the app has run", async ({ page }) => {
  refuseApp = true;
  await page.goto(`${base}/index.html#/s/friend-request`);
  await expect.poll(contentAsks).toEqual([expect.stringMatching(/^\/content\/friend-request\.[a-z0-9]+\.js$/)]);
  // the home page's address asks for none, and an address that names no scenario asks for none
  for (const hash of ['#/', '#/s/no-such-scenario', '#/s/constructor', '#/s/%E0%A4%A']) {
    asked.length = 0;
    await page.goto(`${base}/index.html${hash}`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    expect(contentAsks(), hash).toEqual([]);
  }
});

test("a scenario's file that arrives after the app has started is used, and asked for once", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  delayContent = 1500;
  await page.goto(`${base}/index.html#/s/friend-request`);
  await expect(page.locator('#step-heading')).toBeVisible({ timeout: 10_000 });
  expect(contentAsks()).toHaveLength(1);
  expect(errors).toEqual([]);
});

test("a scenario's address never draws the home page painted before the app starts", async ({ page }) => {
  // what the page holds when its HTML has been parsed, before the app has run (scripts/first-screen.ts)
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const screen = document.getElementById('first-screen');
      (window as unknown as { parsed: unknown }).parsed = {
        display: screen && getComputedStyle(screen).display,
        heroBoxes: document.getElementById('course-title')?.getClientRects().length ?? -1,
      };
    });
  });
  const parsed = () => page.evaluate(() => (window as unknown as { parsed: unknown }).parsed);
  await page.goto(`${base}/index.html#/s/friend-request`);
  await expect(page.locator('#step-heading')).toBeVisible();
  expect(await parsed()).toEqual({ display: 'none', heroBoxes: 0 });
  // the home page's own address does show it at once
  await page.goto(`${base}/index.html`);
  await expect(page.locator('main .scenario-card[data-state]').first()).toBeVisible();
  expect(await parsed()).toEqual({ display: 'contents', heroBoxes: 1 });
});

// The HTML carries only the first screen's styles; the app puts the whole stylesheet back as it starts
// (scripts/first-screen.ts). What the first screen looks like must not change when it does.
const LOOKS = ['display', 'position', 'visibility', 'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing', 'text-transform', 'margin-top', 'margin-bottom', 'margin-left', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'border-radius', 'width', 'height', 'gap', 'list-style-type', 'text-decoration-line'];
const PARTS = ['a.skip', 'header.site', '.brand', '.brand .long', '.brand-mark', 'nav a[aria-current]', 'nav li:last-child a', 'main', '.hero', '.hero .kicker', '#course-title', '.lede', '.facts-row', '.facts-row li', '.facts-row strong', '.orient', 'details.orient-part', 'details.orient-part summary', '#outcomes-heading', '.outcomes li', '.content-note', '.content-note h2', '.content-note p'];
for (const [width, scheme] of [[1280, 'light'], [390, 'light'], [1280, 'dark']] as const) {
  test(`the first screen looks the same before the app starts and after (${width} px, ${scheme})`, async ({ browser }) => {
    const looks = async (withApp: boolean) => {
      refuseApp = !withApp;
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(`${base}/index.html`);
      if (withApp) await expect(page.locator('main .scenario-card[data-state]').first()).toBeVisible();
      else await expect(page.locator('#first-screen #course-title')).toBeVisible();
      const out = await page.evaluate(
        ({ parts, props }) =>
          Object.fromEntries(
            parts.map((sel) => {
              const el = document.querySelector(sel);
              if (!el) return [sel, null];
              const cs = getComputedStyle(el);
              return [sel, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
            }),
          ),
        { parts: PARTS, props: LOOKS },
      );
      await page.close();
      return out;
    };
    const before = await looks(false);
    const after = await looks(true);
    for (const part of PARTS) expect(before[part], part).not.toBeNull();
    // the app adds what the HTML could not know (the learner's state, a note about saving) below these two
    for (const grows of ['main', '.hero']) for (const looks of [before, after]) delete (looks[grows] as Record<string, string> | null)?.height;
    expect(before).toEqual(after);
  });
}

test('a scenario file that cannot be had is named on the page; "Try again" opens the scenario once it can', async ({ page }) => {
  failContent = 3;
  await page.goto(`${base}/index.html#/s/client-blog`);
  await expect(page.getByRole('heading', { name: 'This scenario could not be opened' })).toBeVisible();
  await expect(page.getByText(/content\/client-blog\.[a-z0-9]+\.js of scenario "client-blog" could not be loaded/)).toBeVisible();
  await expect(page.getByText('Your progress is unchanged')).toBeVisible();
  failContent = 0;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('#step-heading')).toBeVisible();
});

test('saved progress whose scenario file cannot be had: a notice, nothing written, and no page "loading" for ever', async ({ page }) => {
  // some progress on this device: one decision in a scenario
  await page.goto(`${base}/index.html#/s/friend-request`);
  while ((await page.locator('#step-heading').textContent()) !== 'Your decision') await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Choose this response' }).click();
  await expect(page.locator('#step-heading')).toHaveText('What happened');
  // leave it (its own page-hide writes land), and read what the device holds
  await page.goto('about:blank');
  await page.goto(`${base}/favicon.svg`);
  const saved = await page.evaluate(() => JSON.stringify(localStorage));
  expect(saved).toContain('friend-request');
  // the course opens again, and the file of the scenario it must replay cannot be had
  failContent = 1000;
  await page.goto(`${base}/index.html#/`);
  await expect(page.locator('.notices')).toContainText('because part of the course did not load');
  await expect(page.locator('.notices')).toContainText('Nothing has been changed');
  await page.getByRole('link', { name: 'Results', exact: true }).click();
  await expect(page.locator('.start-failed')).toContainText('cannot be shown until the course has started');
  await expect(page.getByText('Loading the course…')).toHaveCount(0);
  // nothing was written, leaving included
  await page.goto('about:blank');
  await page.goto(`${base}/favicon.svg`);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(saved);
  // and once the file can be had, the course resumes with no notice
  failContent = 0;
  await page.goto(`${base}/index.html#/`);
  await expect(page.locator('main .scenario-card[data-state]').first()).toBeVisible();
  await expect(page.locator('.notices')).toHaveCount(0);
});
