/**
 * npm run bench is not a timed test: here it only has to run on a small generated library, write
 * every key, print each budgeted figure with pass or FAIL, and exit non-zero exactly when one fails
 * (re-judging its own JSON with --check; --report-only exits 0 either way).
 */
import { expect, test } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bench = (...args: string[]) => spawnSync('npx', ['tsx', 'tests/bench/bench.ts', ...args], { encoding: 'utf8' });

test('the benchmark runs on a small generated library, writes JSON with every key and judges it against the budgets', async () => {
  test.setTimeout(900_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-json-'));
  const out = join(dir, 'bench.json');
  const r = bench('--quick', '--report-only', '--out', out);
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(readFileSync(out, 'utf8'));
  for (const key of [
    'blank_page_ms',
    'first_content_ms',
    'first_content_ratio',
    'first_decision_ms',
    'first_decision_ratio',
    'blank_main_thread_ms',
    'main_thread_ms',
    'decision_main_thread_ms',
    'main_thread_breakdown',
    'start_bytes',
    'start_files',
    'decision_bytes',
    'library_170',
    'first_content_growth',
    'main_thread_growth',
    'payload_gzip_bytes',
    'payload_per_scenario',
    'package_bytes',
    'commits_per_decision',
    'lms_calls_per_decision',
    'suspend_data_chars_max',
    'compile_ms',
    'compile_growth',
    'check_ms_40_decisions',
    'build_s',
    'budgets',
    'failed',
  ])
    expect(j, key).toHaveProperty(key);
  expect(Object.keys(j.package_bytes).sort()).toEqual(['scorm12', 'scorm2004']);
  expect(Object.keys(j.compile_ms).sort()).toEqual(['10', '100', '1000']);
  expect(j.library_170.scenarios).toBe(170);
  for (const k of ['first_content_ms', 'first_decision_ms', 'main_thread_ms', 'start_bytes']) expect(j.library_170[k], k).toBeGreaterThan(0);
  for (const v of [j.check_ms_40_decisions, j.payload_gzip_bytes, j.first_content_ms, j.first_decision_ms, j.blank_page_ms, j.main_thread_ms, j.start_bytes, j.build_s, j.package_bytes.scorm12]) expect(v).toBeGreaterThan(0);
  expect(j.first_content_ratio).toBeCloseTo(j.first_content_ms / j.blank_page_ms, 1);
  expect(j.first_decision_ratio).toBeCloseTo(j.first_decision_ms / j.blank_page_ms, 1);
  // every scenario has its own file, and first content needs the page alone
  expect(j.payload_per_scenario.files).toBe(3);
  // each has its opening's views too (src/lib/boot/boot.ts), and they share one stylesheet
  expect(j.payload_per_scenario.views_median).toBeGreaterThan(0);
  expect(j.views_css_bytes).toBeGreaterThan(0);
  expect(j.start_files).toEqual(['index.html']);
  expect(j.lms_errors).toBe(0);
  // the table is printed with a pass/fail beside each budgeted figure
  for (const name of ['first_content_ratio', 'first_decision_ratio', 'main_thread_ms', 'start_bytes', 'first_content_growth', 'commits_per_decision'])
    expect(r.stdout).toMatch(new RegExp(`${name}\\s+[\\d.]+\\s+≤ [\\d.]+\\s+(pass|FAIL)`));
  expect(r.stdout).toMatch(/check_ms_40_decisions\s+[\d.]+\s+< 2000\s+(pass|FAIL)/);

  // judged again from the JSON: exit 1 exactly when a figure is over budget, 0 with --report-only
  const check = bench('--check', out);
  expect(check.status, check.stdout).toBe(j.failed.length ? 1 : 0);
  const over = join(dir, 'over.json');
  writeFileSync(over, JSON.stringify({ ...j, main_thread_ms: 10_000 }));
  const fails = bench('--check', over);
  expect(fails.status).toBe(1);
  expect(fails.stdout).toMatch(/main_thread_ms\s+10000\s+≤ 40\s+FAIL/);
  expect(bench('--check', over, '--report-only').status).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

test('a benchmark stopped part way leaves none of its generated libraries or builds behind', async () => {
  test.setTimeout(300_000);
  // its own temporary folder, so that what it made (bench-*, lib-*) can be told apart from anything else's
  const tmp = mkdtempSync(join(tmpdir(), 'bench-stop-'));
  const made = () => readdirSync(tmp).filter((n) => /^(bench|lib)-/.test(n));
  const child = spawn('npx', ['tsx', 'tests/bench/bench.ts', '--quick', '--report-only', '--out', join(tmp, 'out.json')], { env: { ...process.env, TMPDIR: tmp }, detached: true, stdio: 'ignore' });
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  // stopped once it has made both its generated library and its work folder
  await expect.poll(made, { timeout: 120_000, intervals: [200] }).toHaveLength(2);
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  await expect.poll(made, { timeout: 30_000 }).toEqual([]);
  expect(existsSync(join(tmp, 'out.json'))).toBe(false);
  rmSync(tmp, { recursive: true, force: true });
});

test('the trace tool shows where a cold load of the first decision goes: its timeline, and its CPU by function', async () => {
  test.setTimeout(300_000);
  // `npm test` builds the course into build/ before the browser tests
  const trace = (...args: string[]) => spawnSync('npx', ['tsx', 'tests/bench/trace.ts', 'build', ...args], { encoding: 'utf8' });
  const t = trace();
  expect(t.status, t.stderr).toBe(0);
  // the app's file and the scenario's views asked for, the views parsed off the main thread, and the decision
  // shown after them (drawn by the boot before the app: src/lib/boot/boot.ts)
  expect(t.stdout).toMatch(/ResourceSendRequest _app\/app\.\w+\.js/);
  expect(t.stdout).toMatch(/ResourceSendRequest content\/[\w-]+\.\w+\.view\.js/);
  expect(t.stdout).toMatch(/v8\.(parseOnBackground|compile) [\d.]+ ms content\/[\w-]+\.\w+\.view\.js/);
  const at = (re: RegExp) => Number(re.exec(t.stdout)?.[1]);
  expect(at(/^\s*([\d.]+)\s+bench-done/m)).toBeGreaterThan(at(/^\s*([\d.]+)\s+ResourceReceiveResponse content\/[\w-]+\.\w+\.view\.js/m));
  // the home page's first screen: painted from the HTML, while the app's file is still on its way
  const home = trace('--home');
  expect(home.status, home.stderr).toBe(0);
  expect(home.stdout).toMatch(/ResourceSendRequest _app\/app\.\w+\.js/);
  expect(home.stdout).toMatch(/ParseHTML [\d.]+ ms[\s\S]*bench-done/);
  const c = trace('--cpu', '--loads', '2', '--min', '0.5');
  expect(c.status, c.stderr).toBe(0);
  // functions of the course's page, each with its inclusive and self ms
  expect(c.stdout).toMatch(/^\s+[\d.]+\s+[\d.]+\s+\S+ (index\.html|app\.\w+\.js|[\w-]+\.\w+(\.view|\.css)?\.js):\d+$/m);
});
