/**
 * npm run bench [-- --quick] [-- --out dist/bench.json]
 *
 * Size, speed, LMS traffic and scale, measured side by side and printed against the budgets.
 * Not a test: `npm test` only checks that a --quick run (a small generated library, 3 loads)
 * writes every key. The full run measures the real course in scenarios/ with 7 loads each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type FrameLocator } from '@playwright/test';
import { checkContent } from '../../src/lib/content/check';
import { allPaths } from '../../src/lib/engine/analysis';
import { encodeProgress } from '../../src/lib/engine/progress';
import { optionTextsAlong } from '../e2e/choices';
import type { Course } from '../../src/lib/course/types';
import { generateLibrary } from './generate';
import { CHECK_40_BUDGET_MS, checkLong } from './check-40';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const outFile = outAt >= 0 ? args[outAt + 1] : 'dist/bench.json';
const LOADS = quick ? 3 : 7;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const BUDGETS = {
  payload_gzip_bytes: 120 * 1024,
  first_decision_ratio: 2,
  commits_per_decision: 1,
  suspend_data_chars_max: 1000,
  compile_ms_1000: 2000,
  compile_growth: 12,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function sh(cmd: string, env: Record<string, string> = {}): void {
  const r = spawnSync(cmd, { shell: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`"${cmd}" failed:\n${r.stderr}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

// ---- 1. which course, built and packaged (timed) ---------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'bench-'));
const contentDir = quick ? generateLibrary(3) : 'scenarios';
const courseJson = quick ? join(work, 'course.json') : 'src/lib/generated/course.json';
const buildDir = quick ? join(work, 'build') : 'build';
const distDir = quick ? join(work, 'dist') : 'dist';
let t = performance.now();
sh(`npx tsx scripts/build-content.ts ${contentDir}`, { COURSE_JSON: courseJson });
sh('npx vite build', { COURSE_JSON: courseJson, BUILD_DIR: buildDir });
sh(`npx tsx scorm/package.ts --build ${buildDir} --out ${distDir}`);
const build_s = round((performance.now() - t) / 1000, 2);
const course = JSON.parse(readFileSync(courseJson, 'utf8')) as Course;

// ---- 2. sizes ------------------------------------------------------------------------------------
const zips = readdirSync(distDir).filter((f) => f.endsWith('.zip'));
const zipOf = (v: string) => zips.find((f) => f.endsWith(`-${v}.zip`) && !f.includes(`-${v}-`)) ?? zips.find((f) => f.endsWith(`-${v}.zip`))!;
const package_bytes = { scorm12: statSync(join(distDir, zipOf('scorm12'))).size, scorm2004: statSync(join(distDir, zipOf('scorm2004'))).size };
const payload_gzip_bytes = filesUnder(buildDir)
  .filter((f) => ['.html', '.js', '.css'].includes(extname(f)))
  .reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);

// ---- 3. the longest progress code over every path -------------------------------------------------
const longest: Record<string, string[]> = {};
for (const s of course.scenarios) longest[s.id] = allPaths(s).reduce((a, b) => (b.join('.').length > a.join('.').length ? b : a), []);
const suspend_data_chars_max = encodeProgress(course, { paths: longest }).length;

// ---- 4. compile time at scale ---------------------------------------------------------------------
checkContent(generateLibrary(10)); // warm the JIT once, so the 10 is not mostly start-up
const compile_ms: Record<string, number> = {};
for (const n of [10, 100, 1000]) {
  const dir = generateLibrary(n);
  t = performance.now();
  const r = checkContent(dir);
  compile_ms[n] = round(performance.now() - t);
  if (r.errors.length || r.scenarios !== n) throw new Error(`generated library of ${n} did not compile: ${r.errors[0]?.message}`);
}
const compile_growth = round(compile_ms[1000] / compile_ms[100], 2);
// one long scenario: 40 decisions, each setting a flag nothing reads (see check-40.ts)
const check40 = checkLong(40, quick ? 3 : 7);
const check_ms_40_decisions = check40.ms;

// ---- 5. in the browser: first decision vs blank page, LMS traffic over a playthrough --------------
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = decodeURIComponent(url.pathname);
  let file: string | null = null;
  if (path === '/frame.html') file = resolve('tests/bench/frame.html');
  else if (path === '/scorm-again.min.js') file = resolve('node_modules/scorm-again/dist/scorm-again.min.js');
  else if (path === '/lms/content/blank.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><title>Blank</title></html>');
    return;
  } else if (path.startsWith('/lms/content/')) file = join(resolve(buildDir), path.slice('/lms/content/'.length));
  if (!file || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
  const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

async function timeLoad(src: string, until: string): Promise<number> {
  const context = await browser.newContext(); // cold: no cache, no storage
  const page = await context.newPage();
  await page.goto(`${base}/frame.html?src=${encodeURIComponent(src)}&until=${encodeURIComponent(until)}`);
  const ms = (await page.waitForFunction(() => (window as unknown as { benchResult?: number }).benchResult, null, { timeout: 30_000 })).jsonValue();
  const v = (await ms) as number;
  await context.close();
  return v;
}

const first = course.scenarios[0].id;
const blank: number[] = [];
const firstDecision: number[] = [];
await timeLoad('/lms/content/blank.html', 'load'); // warm the browser process once
for (let i = 0; i < LOADS; i++) {
  blank.push(await timeLoad('/lms/content/blank.html', 'load'));
  firstDecision.push(await timeLoad(`/lms/content/index.html#/s/${first}`, '#step-heading'));
}
const blank_page_ms = round(median(blank));
const first_decision_ms = round(median(firstDecision));
const first_decision_ratio = round(first_decision_ms / blank_page_ms, 2);

/** Plays every scenario along its strongest path through the UI, counting decisions. */
async function playCourse(view: FrameLocator): Promise<number> {
  let decisions = 0;
  for (const s of course.scenarios) {
    // through the course's own links, as a learner does (editing the hash from outside reloads the page)
    await view.locator(`.scenario-card a[href="#/s/${s.id}"]`).click();
    for (const text of optionTextsAlong(s, s.bestPath ?? [])) {
      while ((await view.locator('#step-heading').textContent()) !== 'Your decision') await view.getByRole('button', { name: 'Continue', exact: true }).click();
      await view.getByRole('radio', { name: text, exact: true }).check();
      await view.getByRole('button', { name: 'Choose this response', exact: true }).click();
      await view.getByRole('heading', { name: 'What happened' }).waitFor();
      await view.getByRole('button', { name: 'Continue', exact: true }).click();
      decisions++;
    }
    // scenes may follow the last decision
    while (!((await view.locator('#step-heading').textContent()) ?? '').startsWith('Outcome')) await view.getByRole('button', { name: 'Continue', exact: true }).click();
    await view.getByRole('link', { name: 'Back to scenarios', exact: true }).click();
  }
  return decisions;
}

const page = await (await browser.newContext()).newPage();
await page.goto(`${base}/frame.html?src=${encodeURIComponent('/lms/content/index.html#/')}&until=h1`);
await page.waitForFunction(() => (window as unknown as { benchResult?: number }).benchResult);
// the launch commits once (status "incomplete", exit "suspend") before any decision: counted apart
await page.frameLocator('iframe').locator('.scenario-card').first().waitFor();
const launchCommits = (await page.evaluate(() => (window as unknown as { benchCalls: { commits: number } }).benchCalls.commits)) as number;
const decisions = await playCourse(page.frameLocator('iframe'));
const calls = (await page.evaluate(() => (window as unknown as { benchCalls: { total: number; commits: number; errors: number } }).benchCalls)) as {
  total: number;
  commits: number;
  errors: number;
};
await browser.close();
server.close();

// ---- 6. report -----------------------------------------------------------------------------------
const result = {
  quick,
  course: { id: course.id, scenarios: course.scenarios.length, loads: LOADS },
  package_bytes,
  payload_gzip_bytes,
  first_decision_ms,
  blank_page_ms,
  first_decision_ratio,
  // commits made while playing (after the launch's own commit), per decision
  commits_per_decision: round((calls.commits - launchCommits) / decisions, 3),
  launch_commits: launchCommits,
  commits_total: calls.commits,
  lms_calls_per_decision: round(calls.total / decisions, 2),
  lms_errors: calls.errors,
  suspend_data_chars_max,
  compile_ms,
  compile_growth,
  check_ms_40_decisions,
  build_s,
  budgets: { ...BUDGETS, check_ms_40_decisions: CHECK_40_BUDGET_MS },
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');

const row = (name: string, value: string, budget: string, ok: boolean | null) =>
  console.log(`${name.padEnd(26)} ${value.padStart(18)}   ${budget.padEnd(16)} ${ok === null ? '' : ok ? 'pass' : 'FAIL'}`);
console.log(`\nBenchmark of ${quick ? 'a generated 3-scenario library (--quick)' : `the course (${course.scenarios.length} scenarios)`}, ${LOADS} loads each\n`);
row('measure', 'value', 'budget', null);
row('package_bytes scorm12', `${package_bytes.scorm12}`, '', null);
row('package_bytes scorm2004', `${package_bytes.scorm2004}`, '', null);
row('payload_gzip_bytes', `${payload_gzip_bytes}`, `≤ ${BUDGETS.payload_gzip_bytes}`, payload_gzip_bytes <= BUDGETS.payload_gzip_bytes);
row('blank_page_ms (median)', `${blank_page_ms}`, '', null);
row('first_decision_ms (median)', `${first_decision_ms}`, '', null);
row('first_decision_ratio', `${first_decision_ratio}`, `≤ ${BUDGETS.first_decision_ratio}`, first_decision_ratio <= BUDGETS.first_decision_ratio);
row('commits_per_decision', `${result.commits_per_decision}`, `≤ ${BUDGETS.commits_per_decision}`, result.commits_per_decision <= BUDGETS.commits_per_decision);
row('launch_commits', `${launchCommits}`, '', null);
row('lms_calls_per_decision', `${result.lms_calls_per_decision}`, '', null);
row('suspend_data_chars_max', `${suspend_data_chars_max}`, `≤ ${BUDGETS.suspend_data_chars_max}`, suspend_data_chars_max <= BUDGETS.suspend_data_chars_max);
for (const n of ['10', '100', '1000']) row(`compile_ms[${n}]`, `${compile_ms[n]}`, n === '1000' ? `≤ ${BUDGETS.compile_ms_1000}` : '', n === '1000' ? compile_ms[n] <= BUDGETS.compile_ms_1000 : null);
row('compile_growth', `${compile_growth}`, `≤ ${BUDGETS.compile_growth}`, compile_growth <= BUDGETS.compile_growth);
row('check_ms_40_decisions', `${check_ms_40_decisions}`, `< ${CHECK_40_BUDGET_MS}`, check_ms_40_decisions < CHECK_40_BUDGET_MS);
row('build_s', `${build_s}`, '', null);
console.log(`\nwritten to ${outFile}`);
