/**
 * npm run bench [-- --quick] [-- --report-only] [-- --out dist/bench.json] [-- --loads N]
 * npx tsx tests/bench/bench.ts --check dist/bench.json [--report-only]
 *
 * What a learner waits for, what the package weighs, how it talks to the LMS and how it scales,
 * measured side by side and printed against the budgets (README, "Benchmark and budgets").
 * A figure over its budget is printed with FAIL and the run exits 1 (0 with --report-only).
 * --check re-reads a bench.json and judges it again without measuring anything.
 *
 * Not a test: `npm test` only checks that a --quick run (a small generated library, 3 loads)
 * writes every key and judges them. The full run measures the real course in scenarios/ with
 * 11 loads each, and beside it a 170-scenario library made of copies of the real scenarios.
 * Timings in the browser: see tests/bench/browser.ts (wall medians, main-thread CPU from traces).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, FrameLocator } from '@playwright/test';
import { allPaths } from '../../src/lib/engine/analysis';
import { encodeProgress } from '../../src/lib/engine/progress';
import { optionTextsAlong } from '../e2e/choices';
import type { Course } from '../../src/lib/course/types';
import { benchResult, BLANK, decisionTarget, frameUrl, homeReadyTarget, homeTarget, launch, load, measure, median, round, serve, type BenchServer, type Figures, type Target } from './browser';
import { BUDGETS, judge, LARGE, type Result } from './budgets';
import { generateLibrary, libraryOf } from './generate';
import { checkLong } from './check-40';
import { measureCompile } from './compile';
import { contentFileScenario } from '../../scorm/package';

const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
const opt = (name: string): string | undefined => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);

function report(r: Result, outFile: string | null): never {
  const verdicts = judge(r);
  const failed = verdicts.filter((v) => !v.ok).map((v) => v.name);
  r.failed = failed;
  if (outFile) {
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(r, null, 2) + '\n');
  }
  const by = new Map(verdicts.map((v) => [v.name, v]));
  const row = (name: string, value: unknown, key = name) => {
    const v = by.get(key);
    const shown = typeof value === 'number' ? String(value) : String(value ?? '–');
    console.log(`${name.padEnd(34)} ${shown.padStart(12)}   ${v ? `${v.below ? '<' : '≤'} ${v.budget}`.padEnd(12) : ''.padEnd(12)} ${v ? (v.ok ? 'pass' : 'FAIL') : ''}`);
  };
  const c = r.course as { scenarios: number; loads: number };
  const L = r[`library_${LARGE}`] as Record<string, number>;
  console.log(`\nBenchmark of ${r.quick ? 'a generated 3-scenario library (--quick)' : `the course (${c.scenarios} scenarios)`}, ${c.loads} loads each\n`);
  console.log(`${'measure'.padEnd(34)} ${'value'.padStart(12)}   ${'budget'.padEnd(12)}`);
  const pb = r.package_bytes as Record<string, number>;
  const per = r.payload_per_scenario as Record<string, number>;
  for (const [name, value, key] of [
    ['blank_page_ms (median)', r.blank_page_ms],
    ['first_content_ms (median)', r.first_content_ms],
    ['first_content_ratio', r.first_content_ratio, 'first_content_ratio'],
    ['home_ready_ms (median)', r.home_ready_ms],
    ['first_decision_ms (median)', r.first_decision_ms],
    ['first_decision_ratio', r.first_decision_ratio, 'first_decision_ratio'],
    ['blank_main_thread_ms (median)', r.blank_main_thread_ms],
    ['main_thread_ms', r.main_thread_ms, 'main_thread_ms'],
    ['decision_main_thread_ms (median)', r.decision_main_thread_ms],
    ['start_bytes', r.start_bytes, 'start_bytes'],
    ['decision_bytes (gzip)', r.decision_bytes],
    [`${LARGE} scenarios: first_content_ms`, L?.first_content_ms],
    [`${LARGE} scenarios: home_ready_ms`, L?.home_ready_ms],
    [`${LARGE} scenarios: first_decision_ms`, L?.first_decision_ms],
    [`${LARGE} scenarios: main_thread_ms`, L?.main_thread_ms],
    [`${LARGE} scenarios: start_bytes`, L?.start_bytes],
    ['first_content_growth', r.first_content_growth, 'first_content_growth'],
    ['main_thread_growth', r.main_thread_growth],
    ['payload_per_scenario median (gzip)', per?.median],
    ['payload_per_scenario max (gzip)', per?.max],
    ['payload_per_scenario: views median (gzip)', per?.views_median],
    ['views_css_bytes (gzip)', r.views_css_bytes],
    ['payload_gzip_bytes (whole site)', r.payload_gzip_bytes],
    ['package_bytes scorm12', pb?.scorm12],
    ['package_bytes scorm2004', pb?.scorm2004],
    ['commits_per_decision', r.commits_per_decision, 'commits_per_decision'],
    ['launch_commits', r.launch_commits],
    ['lms_calls_per_decision', r.lms_calls_per_decision],
    ['suspend_data_chars_max', r.suspend_data_chars_max, 'suspend_data_chars_max'],
    ...['10', '100', '1000'].map((n) => [`compile_ms[${n}] (cpu)`, (r.compile_ms as Record<string, number>)?.[n], n === '1000' ? 'compile_ms.1000' : undefined]),
    ['compile_growth', r.compile_growth, 'compile_growth'],
    ['check_ms_40_decisions', r.check_ms_40_decisions, 'check_ms_40_decisions'],
    ['build_s', r.build_s],
  ] as [string, unknown, string | undefined][])
    row(name, value, key ?? name);
  if (outFile) console.log(`\nwritten to ${outFile}`);
  if (failed.length) console.log(`\n${failed.length} over budget: ${failed.join(', ')}${reportOnly ? ' (--report-only: exit 0)' : ''}`);
  process.exit(failed.length && !reportOnly ? 1 : 0);
}

if (opt('--check')) report(JSON.parse(readFileSync(opt('--check')!, 'utf8')) as Result, null);

const quick = args.includes('--quick');
const outFile = opt('--out') ?? 'dist/bench.json';
const LOADS = Number(opt('--loads') ?? (quick ? 3 : 11));

function sh(cmd: string, env: Record<string, string> = {}): void {
  const r = spawnSync(cmd, { shell: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`"${cmd}" failed:\n${r.stderr}`);
}
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}
const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

// ---- 1. the course, built and packaged (timed), and the large library beside it -------------------
// the generated libraries and the builds made of them are of no use once measured, nor after a run
// that failed or was stopped: removed on any exit (report() ends the process with process.exit).
// The handlers come first, so that no folder is made before they can remove it.
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const work = mkdtempSync(join(tmpdir(), 'bench-'));
made.push(work);
const contentDir = quick ? generateLibrary(3, undefined, (dir) => made.push(dir)) : 'scenarios';
const courseJson = quick ? join(work, 'course.json') : 'src/lib/generated/course.json';
const buildDir = quick ? join(work, 'build') : 'build';
const distDir = quick ? join(work, 'dist') : 'dist';
let t = performance.now();
sh(`npx tsx scripts/build-content.ts ${contentDir}`, { COURSE_JSON: courseJson });
sh('npx vite build', { COURSE_JSON: courseJson, BUILD_DIR: buildDir });
sh(`npx tsx scorm/package.ts --build ${buildDir} --out ${distDir}`);
const build_s = round((performance.now() - t) / 1000, 2);
const course = JSON.parse(readFileSync(courseJson, 'utf8')) as Course;

const largeJson = join(work, `course-${LARGE}.json`);
const largeDir = join(work, `build-${LARGE}`);
const large = libraryOf(course, LARGE);
writeFileSync(largeJson, JSON.stringify(large));
sh('npx vite build', { COURSE_JSON: largeJson, BUILD_DIR: largeDir });

// ---- 2. sizes ------------------------------------------------------------------------------------
const zips = readdirSync(distDir).filter((f) => f.endsWith('.zip'));
const zipOf = (v: string) => zips.find((f) => f.endsWith(`-${v}.zip`) && !f.includes(`-${v}-`)) ?? zips.find((f) => f.endsWith(`-${v}.zip`))!;
const package_bytes = { scorm12: statSync(join(distDir, zipOf('scorm12'))).size, scorm2004: statSync(join(distDir, zipOf('scorm2004'))).size };
const siteFiles = filesUnder(buildDir).filter((f) => /\.(html|js|css|json|svg)$/.test(f));
const payload_gzip_bytes = siteFiles.reduce((sum, f) => sum + gz(f), 0);
// each scenario's own files (written by the build beside index.html): its content, content/<id>.<hash>.js,
// and its opening's views, content/<id>.<hash>.view.js; the views' one stylesheet is not a scenario's
const byScenario = new Map<string, { content: number; views: number }>();
let views_css_bytes = 0;
for (const f of siteFiles) {
  const rel = relative(buildDir, f).split(sep).join('/');
  if (!rel.startsWith('content/')) continue;
  const id = contentFileScenario(rel);
  if (!id) {
    views_css_bytes += gz(f);
    continue;
  }
  const one = byScenario.get(id) ?? { content: 0, views: 0 };
  if (rel.endsWith('.view.js')) one.views += gz(f);
  else one.content += gz(f);
  byScenario.set(id, one);
}
const perScenario = [...byScenario.values()].map((b) => b.content + b.views);
const perViews = [...byScenario.values()].map((b) => b.views);
const payload_per_scenario = {
  files: perScenario.length,
  median: perScenario.length ? median(perScenario) : 0,
  max: perScenario.length ? Math.max(...perScenario) : 0,
  total: perScenario.reduce((a, b) => a + b, 0),
  /** of which the opening's views (drawn before the app: src/lib/boot/boot.ts) */
  views_median: perViews.length ? median(perViews) : 0,
};

// ---- 3. the longest progress code over every path -------------------------------------------------
const longest: Record<string, string[]> = {};
for (const s of course.scenarios) longest[s.id] = allPaths(s).reduce((a, b) => (b.join('.').length > a.join('.').length ? b : a), []);
const suspend_data_chars_max = encodeProgress(course, { paths: longest }).length;

// ---- 4. compile time at scale: CPU time of this process (wall time on a shared machine is noise) ----
const { ms: compile_ms, wallMs: compile_wall_ms } = measureCompile();
const compile_growth = round(compile_ms[1000] / compile_ms[100], 2);
// one long scenario: 40 decisions, each setting a flag nothing reads (see check-40.ts)
const check40 = checkLong(40, quick ? 3 : 7);
const check_ms_40_decisions = check40.ms;

// ---- 5. in the browser ----------------------------------------------------------------------------
const srv = await serve({ course: buildDir, large: largeDir });
const browser = await launch();
const first = course.units[0].scenarios[0];
const home = homeTarget;
const decision = (site: string): Target => decisionTarget(site, first);
const targets: Record<string, Target> = {
  blank: BLANK,
  home: home('course'),
  homeReady: homeReadyTarget('course'),
  decision: decision('course'),
  largeHome: home('large'),
  largeHomeReady: homeReadyTarget('large'),
  largeDecision: decision('large'),
};
const f: Record<string, Figures> = await measure(browser, srv.base, targets, LOADS);

/**
 * gzip bytes of the files first content needs: of the site's files requested while it loads, those
 * it cannot be shown without (each is held back in turn; the page itself always counts).
 */
async function startBytes(b: Browser, s: BenchServer, site: string, dir: string): Promise<{ bytes: number; files: string[] }> {
  const prefix = `/lms/${site}/`;
  s.requests.length = 0;
  await load(b, s.base, home(site), false);
  const asked = [...new Set(s.requests.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length) || 'index.html'))];
  const needed = ['index.html'];
  const others = asked.filter((p) => p !== 'index.html');
  const shownWithout = async (held: string[]): Promise<boolean> => {
    s.stall = (p) => held.includes(p.slice(prefix.length));
    try {
      await load(b, s.base, home(site), false, 15_000);
      return true;
    } catch {
      return false;
    } finally {
      s.stall = null;
    }
  };
  if (others.length && !(await shownWithout(others))) for (const p of others) if (!(await shownWithout([p]))) needed.push(p);
  return { bytes: needed.reduce((sum, p) => sum + gz(join(dir, p)), 0), files: needed };
}
const start = await startBytes(browser, srv, 'course', buildDir);
const startLarge = await startBytes(browser, srv, 'large', largeDir);
srv.requests.length = 0;
await load(browser, srv.base, decision('course'), false);
const decisionFiles = [...new Set(srv.requests.filter((p) => p.startsWith('/lms/course/')).map((p) => p.slice('/lms/course/'.length) || 'index.html'))];
const decision_bytes = decisionFiles.filter((p) => existsSync(join(buildDir, p))).reduce((sum, p) => sum + gz(join(buildDir, p)), 0);

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
await page.goto(frameUrl(srv.base, { src: '/lms/course/index.html#/', until: 'main .scenario-card' }));
await benchResult(page, 30_000);
// the launch commits once (status "incomplete", exit "suspend") before any decision: counted apart
await page.frameLocator('iframe').locator('.scenario-card').first().waitFor();
await page.waitForTimeout(1000); // a launch save deferred until after first paint lands by then
const launchCommits = (await page.evaluate(() => (window as unknown as { benchCalls: { commits: number } }).benchCalls.commits)) as number;
const decisions = await playCourse(page.frameLocator('iframe'));
const calls = (await page.evaluate(() => (window as unknown as { benchCalls: { total: number; commits: number; errors: number } }).benchCalls)) as {
  total: number;
  commits: number;
  errors: number;
};
await browser.close();
srv.server.close();

// ---- 6. report -----------------------------------------------------------------------------------
const ratio = (a: number, b: number) => round(a / b, 2);
const result: Result = {
  quick,
  course: { id: course.id, scenarios: course.scenarios.length, loads: LOADS },
  blank_page_ms: f.blank.ms,
  first_content_ms: f.home.ms,
  first_content_ratio: ratio(f.home.ms, f.blank.ms),
  // the home page complete: its scenario cards with the learner's state (the app started, the LMS read)
  home_ready_ms: f.homeReady.ms,
  home_ready_ratio: ratio(f.homeReady.ms, f.blank.ms),
  first_decision_ms: f.decision.ms,
  first_decision_ratio: ratio(f.decision.ms, f.blank.ms),
  blank_main_thread_ms: f.blank.mainMs,
  main_thread_ms: f.home.mainMs,
  decision_main_thread_ms: f.decision.mainMs,
  // where the main thread's time went before first content (the traced load with the median CPU)
  main_thread_breakdown: f.home.breakdown,
  decision_main_thread_breakdown: f.decision.breakdown,
  start_bytes: start.bytes,
  start_files: start.files,
  decision_bytes,
  decision_files: decisionFiles,
  [`library_${LARGE}`]: {
    scenarios: large.scenarios.length,
    first_content_ms: f.largeHome.ms,
    first_content_ratio: ratio(f.largeHome.ms, f.blank.ms),
    home_ready_ms: f.largeHomeReady.ms,
    first_decision_ms: f.largeDecision.ms,
    first_decision_ratio: ratio(f.largeDecision.ms, f.blank.ms),
    main_thread_ms: f.largeHome.mainMs,
    decision_main_thread_ms: f.largeDecision.mainMs,
    start_bytes: startLarge.bytes,
  },
  first_content_growth: ratio(f.largeHome.ms, f.home.ms),
  main_thread_growth: ratio(f.largeHome.mainMs, f.home.mainMs),
  runs: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, { wall_ms: v.runs, main_thread_ms: v.mainRuns }])),
  payload_gzip_bytes,
  payload_per_scenario,
  views_css_bytes,
  package_bytes,
  // commits made while playing (after the launch's own commit), per decision
  commits_per_decision: round((calls.commits - launchCommits) / decisions, 3),
  launch_commits: launchCommits,
  commits_total: calls.commits,
  lms_calls_per_decision: round(calls.total / decisions, 2),
  lms_errors: calls.errors,
  suspend_data_chars_max,
  compile_ms,
  compile_wall_ms,
  compile_growth,
  check_ms_40_decisions,
  build_s,
  budgets: BUDGETS,
};
report(result, outFile);
