/**
 * npx tsx tests/bench/coverage.ts <build dir> [--home] [--first <scenario id>]
 *
 * How much of the app's code runs on the way to the first decision (or, with --home, until the home
 * page shows the learner's state): V8's own function coverage of one cold load in the bench's LMS
 * frame, as bytes of the app's file inside functions that were called, by module. It tells what
 * splitting the app could win at most: bytes never called before that point are all a split could
 * keep out of the start. Build with module names kept for the breakdown by module:
 *
 *   BUILD_DIR=/tmp/plain npx vite build --minify false && npx tsx tests/bench/coverage.ts /tmp/plain
 *
 * (a minified build gives the totals only: its modules are not marked).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchResult, decisionTarget, firstScenarioId, frameUrl, homeReadyTarget, launch, serve } from './browser';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { home: { type: 'boolean' }, first: { type: 'string' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx tests/bench/coverage.ts <build dir> [--home] [--first <scenario id>]');
const appFile = readdirSync(join(dir, '_app')).find((f) => /^app\..*\.js$/.test(f));
if (!appFile) throw new Error(`${dir}/_app has no app.<hash>.js: is it a build of this course?`);
const src = readFileSync(join(dir, '_app', appFile), 'utf8');
const first = values.first ?? firstScenarioId();

const { base, server } = await serve({ s: dir });
const browser = await launch();
const target = values.home ? homeReadyTarget('s') : decisionTarget('s', first);
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
await page.goto(frameUrl(base, target), { waitUntil: 'commit' });
await benchResult(page);
const { result } = (await cdp.send('Profiler.takePreciseCoverage')) as { result: { url: string; functions: { ranges: { startOffset: number; endOffset: number; count: number }[] }[] }[] };
await browser.close();
server.close();

const app = result.find((s) => s.url.includes(`/_app/${appFile}`));
if (!app) throw new Error('no coverage for the app: did it load?');
// ranges nest (a function inside a called one): the innermost range decides, so the widest are laid down first
const notRun = new Uint8Array(src.length);
const ranges = app.functions.flatMap((f) => f.ranges).sort((a, b) => b.endOffset - b.startOffset - (a.endOffset - a.startOffset));
for (const r of ranges) notRun.fill(r.count === 0 ? 1 : 0, r.startOffset, r.endOffset);
const sum = (from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n += notRun[i];
  return n;
};
const total = sum(0, src.length);
console.log(`${appFile}: ${src.length} bytes, ${total} (${((100 * total) / src.length).toFixed(1)}%) in functions not called before ${values.home ? "the home page showed the learner's state" : `the first decision of ${first}`}`);

// the unminified build marks each module with a `// <path>` line
const marks: [number, string][] = [];
for (const m of src.matchAll(/^\s*\/\/ ((?:node_modules|src|\.svelte-kit)\/\S*)$/gm)) marks.push([m.index, m[1]]);
if (!marks.length) process.exit(0);
const groups = new Map<string, { bytes: number; notRun: number }>();
marks.forEach(([at, path], k) => {
  const end = k + 1 < marks.length ? marks[k + 1][0] : src.length;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  const key = pkg ? pkg[1] : path.split('/').slice(0, 3).join('/');
  const g = groups.get(key) ?? { bytes: 0, notRun: 0 };
  g.bytes += end - at;
  g.notRun += sum(at, end);
  groups.set(key, g);
});
console.log(`\n${'bytes'.padStart(8)} ${'not run'.padStart(8)}  module`);
for (const [k, g] of [...groups].sort((a, b) => b[1].notRun - a[1].notRun)) console.log(`${String(g.bytes).padStart(8)} ${String(g.notRun).padStart(8)} ${`${Math.round((100 * g.notRun) / g.bytes)}%`.padStart(4)}  ${k}`);
