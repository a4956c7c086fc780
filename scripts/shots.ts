/**
 * npm run shots [-- --only showcase|course] [-- --out dist/shots]
 *
 * Screenshots of every kind of screen, so a reviewer can look without playing: at 1280×800 and
 * 390×844, light and dark, full page, as PNG in dist/shots/<course>/ (not committed). Two courses:
 * - course: the real course (scenarios/), its first scenario played along its longest path, then
 *   results, the CPD record, About and "not found";
 * - showcase: tests/fixtures/showcase, where every artefact kind and the cast appear, every
 *   scenario played, the branch view open, and the record once the course is complete.
 * Both are built into temporary folders with COURSE_JSON and BUILD_DIR; nothing is served, the
 * pages open from file://. Playwright drives Debian's Chromium (CHROMIUM_PATH to change it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import type { Course, Scenario } from '../src/lib/course/types';
import { allPaths } from '../src/lib/engine/analysis';
import { optionTextsAlong } from '../tests/e2e/choices';

const { values } = parseArgs({ options: { only: { type: 'string' }, out: { type: 'string', default: 'dist/shots' } } });
const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

function sh(cmd: string, env: Record<string, string>) {
  const r = spawnSync(cmd, { shell: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`"${cmd}" failed:\n${r.stderr}`);
}

function build(name: string, contentDir: string): { dir: string; course: Course } {
  const work = mkdtempSync(join(tmpdir(), `shots-${name}-`));
  const json = join(work, 'course.json');
  const dir = join(work, 'build');
  sh(`npx tsx scripts/build-content.ts ${contentDir}`, { COURSE_JSON: json });
  sh('npx vite build', { COURSE_JSON: json, BUILD_DIR: dir });
  return { dir, course: JSON.parse(readFileSync(json, 'utf8')) as Course };
}

let count = 0;
async function shoot(page: Page, outDir: string, name: string) {
  const original = page.viewportSize()!;
  for (const v of VIEWPORTS)
    for (const scheme of SCHEMES) {
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: join(outDir, `${name}-${v.name}-${scheme}.png`), fullPage: true });
      count++;
    }
  await page.setViewportSize(original);
  await page.emulateMedia({ colorScheme: 'light' });
}

const heading = async (page: Page) => ((await page.locator('#step-heading').textContent()) ?? '').trim();
async function waitNewStep(page: Page) {
  await page.waitForFunction(() => {
    const h = document.querySelector('#step-heading') as (HTMLElement & { shotOld?: boolean }) | null;
    return !!h && !h.shotOld;
  });
}
async function markStep(page: Page) {
  await page.locator('#step-heading').evaluate((e) => ((e as HTMLElement & { shotOld?: boolean }).shotOld = true));
}

/** Plays a scenario along a path, calling `at` on each step with its kind and a running number. */
async function play(page: Page, s: Scenario, path: string[], at: (kind: string, n: number) => Promise<void>) {
  const texts = optionTextsAlong(s, path);
  let i = 0;
  for (let n = 0; n < 100; n++) {
    const h = await heading(page);
    const kind = h === 'The situation' ? 'scene' : h === 'Your decision' ? 'decision' : h === 'What happened' ? 'feedback' : 'ending';
    const pick = kind === 'decision' ? page.getByRole('radio', { name: texts[i++], exact: true }) : null;
    await pick?.check();
    await at(kind, n);
    // stepping back and forth re-creates the form: pick again
    await pick?.check();
    if (kind === 'ending') return;
    await markStep(page);
    await page.getByRole('button', { name: kind === 'decision' ? 'Choose this response' : 'Continue', exact: true }).click();
    await waitNewStep(page);
  }
}

const longest = (s: Scenario) => allPaths(s).reduce((a, b) => (b.length > a.length ? b : a));

async function walkCourse(page: Page, dir: string, course: Course, out: string, showcase: boolean) {
  const url = (hash: string) => pathToFileURL(join(dir, 'index.html')).href + hash;
  const go = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(url(hash));
    await page.locator('main h1').first().waitFor();
  };
  await go('#/');
  await shoot(page, out, '01-home');
  const scenarios = showcase ? course.scenarios : [course.scenarios.find((s) => s.id === course.units[0].scenarios[0])!];
  let first = true;
  for (const s of scenarios) {
    await go(`#/s/${s.id}`);
    const seen = new Set<string>();
    await play(page, s, showcase ? longest(s) : longest(s), async (kind, n) => {
      // the real course: one shot per kind of step; the showcase: every step (each shows other artefacts)
      if (!showcase && seen.has(kind)) return;
      seen.add(kind);
      const name = `${showcase ? `02-${s.id}-${String(n).padStart(2, '0')}` : '02'}-${kind}`;
      if (kind === 'feedback' && (first || showcase)) {
        await shoot(page, out, name);
        await page.locator('.why summary').click();
        await page.locator('.cite-chip').first().click();
        await shoot(page, out, `${name}-why-open`);
        return;
      }
      if (kind === 'decision' && first) {
        await shoot(page, out, name);
        const look = page.locator('.look-again summary');
        if (await look.count()) {
          await look.click();
          await shoot(page, out, `${name}-look-again`);
        }
        const back = page.getByRole('button', { name: 'Step back' });
        if (await back.count()) {
          await back.click();
          await page.locator('#past-heading').waitFor();
          await shoot(page, out, `${name}-step-back`);
          await page.getByRole('button', { name: 'Back to where I am' }).first().click();
          await page.locator('#step-heading').waitFor();
          await page.getByRole('radio').first().waitFor();
        }
        return;
      }
      if (kind === 'ending') {
        await shoot(page, out, name);
        await page.locator('.branches summary').click();
        await shoot(page, out, `${name}-branches`);
        return;
      }
      await shoot(page, out, name);
    });
    first = false;
  }
  await go('#/results');
  await shoot(page, out, '03-results');
  await go('#/record');
  await shoot(page, out, showcase ? '04-record-complete' : '04-record-progress');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(out, '04-record-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await go('#/about');
  await shoot(page, out, '05-about');
  await go('#/s/no-such-scenario');
  await shoot(page, out, '06-not-found');
}

const targets = [
  { name: 'course', dir: 'scenarios', showcase: false },
  { name: 'showcase', dir: 'tests/fixtures/showcase', showcase: true },
].filter((t) => !values.only || values.only === t.name);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const t of targets) {
    const { dir, course } = build(t.name, t.dir);
    const out = resolve(values.out!, t.name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await walkCourse(page, dir, course, out, t.showcase);
    await context.close();
    console.log(`${t.name}: screenshots in ${out}`);
  }
} finally {
  await browser.close();
}
console.log(`${count} screenshots written`);
