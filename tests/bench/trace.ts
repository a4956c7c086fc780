/**
 * npx tsx tests/bench/trace.ts <build dir> [--home] [--first <scenario id>] [--cpu [--loads 5]] [--min <ms>]
 *
 * Where one cold load's time goes, for finding a lever (the bench and profile.ts give the figures; this
 * gives the why). Loads the first decision (or with --home the home page's first screen) in the bench's
 * LMS frame and prints, in ms from creating the course's iframe:
 *   - without --cpu, the timeline of one traced load (after one warm-up): each request, its response
 *     and its end; the scripts V8 parses or compiles off the main thread; and on the renderer's main
 *     thread each task over 3 ms, script, style, layout, paint and garbage collection over 0.8 ms;
 *   - with --cpu, V8's sampled CPU profile (every 50 µs) of --loads loads (5 by default): ms per load
 *     spent in each function while it is on the stack (inclusive; a function counted once per sample
 *     however deep its recursion), from the course's first sample on, over --min ms (1 by default). Names
 *     are the minified ones unless the build kept them: `BUILD_DIR=/tmp/plain npx vite build --minify false`.
 *     Native work a function causes (a forced layout inside focus(), say) counts as that function's.
 * Sampling and tracing both slow the page: compare loads measured the same way, not these with the bench.
 */
import { parseArgs } from 'node:util';
import { benchResult, CATEGORIES, decisionTarget, firstScenarioId, frameUrl, homeTarget, launch, serve, type TraceEvent } from './browser';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { home: { type: 'boolean' }, first: { type: 'string' }, cpu: { type: 'boolean' }, loads: { type: 'string', default: '5' }, min: { type: 'string', default: '1' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx tests/bench/trace.ts <build dir> [--home] [--first <scenario id>] [--cpu [--loads 5]] [--min <ms>]');
const { base, server } = await serve({ s: dir });
const target = values.home ? homeTarget('s') : decisionTarget('s', values.first ?? firstScenarioId());
const browser = await launch();

const THREAD_EVENTS = new Set(['ParseHTML', 'EvaluateScript', 'v8.compile', 'v8.parseOnBackground', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'MinorGC', 'MajorGC']);
const REQUEST_EVENTS = new Set(['ResourceSendRequest', 'ResourceReceiveResponse', 'ResourceFinish']);

async function timeline(): Promise<void> {
  for (const warm of [true, false]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await browser.startTracing(undefined, { categories: CATEGORIES });
    await page.goto(frameUrl(base, target), { waitUntil: 'commit' });
    const ms = await benchResult(page);
    const json = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    await context.close();
    if (warm) continue;
    const events = json.traceEvents;
    const start = events.find((e) => e.name === 'bench-start');
    if (!start) throw new Error('the trace lacks the bench-start mark');
    const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name)]));
    // a request's address is on its send; the response and the end carry only its id
    const urls = new Map<string, string>();
    const rows: [number, string][] = [];
    for (const e of events) {
      const data = (e.args?.data ?? {}) as { url?: string; requestId?: string };
      if (data.url && data.requestId) urls.set(data.requestId, data.url);
      if (e.ts < start.ts) continue;
      const url = (data.url ?? urls.get(data.requestId ?? '') ?? '').split('/').slice(-2).join('/');
      const thread = threads.get(`${e.pid}:${e.tid}`) ?? '?';
      const dur = (e.dur ?? 0) / 1000;
      if (REQUEST_EVENTS.has(e.name)) rows.push([e.ts, `${e.name} ${url}`]);
      else if (e.name === 'bench-done') rows.push([e.ts, 'bench-done (the awaited content visible)']);
      else if (e.ph !== 'X') continue;
      else if (e.name === 'v8.parseOnBackground' || (thread !== 'CrRendererMain' && e.name === 'v8.compile')) rows.push([e.ts, `${thread}: ${e.name} ${dur.toFixed(1)} ms ${url}`]);
      else if (thread !== 'CrRendererMain') continue;
      else if (e.name === 'ThreadControllerImpl::RunTask' && dur > 3) rows.push([e.ts, `main: task ${dur.toFixed(1)} ms, CPU ${((e.tdur ?? 0) / 1000).toFixed(1)} ms`]);
      else if (THREAD_EVENTS.has(e.name) && dur > 0.8) rows.push([e.ts, `main:   ${e.name} ${dur.toFixed(1)} ms ${url}`]);
    }
    console.log(`one traced load of ${target.src}: ${ms.toFixed(1)} ms (traced; the bench's untraced medians are lower)\n`);
    for (const [ts, text] of rows.sort((a, b) => a[0] - b[0])) console.log(`${((ts - start.ts) / 1000).toFixed(1).padStart(7)}  ${text}`);
  }
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

async function cpu(loads: number, min: number): Promise<void> {
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (let k = 0; k < loads; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.goto(frameUrl(base, target), { waitUntil: 'commit' });
    await benchResult(page);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    await context.close();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()?.split('?')[0] ?? ''}:${n.callFrame.lineNumber + 1}`;
    const stackOf = (id: number) => {
      const s: ProfileNode[] = [];
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) s.push(nodes.get(x)!);
      return s;
    };
    let counting = false;
    profile.samples.forEach((id, i) => {
      const stack = stackOf(id);
      // from the course's first script on (its page's own, a content file's or the app's), not the harness's
      counting ||= stack.some((n) => n.callFrame.url.includes('/lms/'));
      if (!counting) return;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000 / loads;
      const names = new Set(stack.map(name));
      for (const n of names) inclusive.set(n, (inclusive.get(n) ?? 0) + ms);
      self.set(name(stack[0]), (self.get(name(stack[0])) ?? 0) + ms);
    });
  }
  console.log(`CPU profile of ${target.src}, ${loads} loads, from the course's first sample: ms per load\n\n inclusive    self  function`);
  for (const [n, ms] of [...inclusive].filter(([, ms]) => ms >= min).sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(1).padStart(10)} ${(self.get(n) ?? 0).toFixed(1).padStart(7)}  ${n}`);
}

try {
  if (values.cpu) await cpu(Number(values.loads), Number(values.min));
  else await timeline();
} finally {
  await browser.close();
  server.close();
}
