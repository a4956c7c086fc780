/**
 * The bench's browser half: a local server that plays an LMS (tests/bench/frame.html with scorm-again
 * as window.API, the course in an iframe), cold loads timed in that frame, and main-thread CPU read
 * from Chromium traces.
 *
 * Why a trace: on a shared machine the wall time of a load swings with whatever else runs, while the
 * CPU time the renderer's main thread spends (each task's thread time, `tdur`) barely moves. The bench
 * counts every top-level task on the renderer main thread between the marks frame.html sets when it
 * creates the iframe (bench-start) and when the awaited content has been rendered (bench-done). The
 * harness page and the course share that thread (same origin), so the harness's own small share is
 * in the blank page's figure too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const BLANK_HTML = '<!doctype html><html lang="en"><title>Blank</title><p>Blank page</p></html>';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

export interface BenchServer {
  base: string;
  server: Server;
  /** every path asked for, in order */
  requests: string[];
  /** while set, requests it matches are held (never answered): for proving what first content needs */
  stall: ((path: string) => boolean) | null;
}

/** Serves /frame.html, scorm-again, /lms/blank.html and each build directory under /lms/<name>/. */
export async function serve(sites: Record<string, string>): Promise<BenchServer> {
  const out: BenchServer = { base: '', server: null as unknown as Server, requests: [], stall: null };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    out.requests.push(path);
    if (out.stall?.(path)) return void setTimeout(() => res.destroy(), 30_000);
    let file: string | null = null;
    if (path === '/frame.html') file = resolve('tests/bench/frame.html');
    else if (path === '/scorm-again.min.js') file = resolve('node_modules/scorm-again/dist/scorm-again.min.js');
    else if (path === '/lms/blank.html') return void res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(BLANK_HTML);
    else {
      const m = /^\/lms\/([^/]+)\/(.*)$/.exec(path);
      if (m && sites[m[1]]) file = join(resolve(sites[m[1]]), m[2] || 'index.html');
    }
    if (!file || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  out.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  out.server = server;
  return out;
}

/**
 * Chromium's own address-bar popup, a WebUI page it loads into every new window (each cold load here is
 * a new context, so a new window). In a trace it is hundreds of chrome:// scripts parsed on the same two
 * cores while the measured page loads, doubling some loads' wall time at random: the learner's browser
 * has long since loaded it. Turning it off measures the page alone, the blank page included (whose
 * median fell from about 60 to 40 ms with it, which makes every ratio stricter, not looser).
 */
const CHROMIUM_OWN_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', `--disable-features=${CHROMIUM_OWN_UI.join(',')}`],
  });
}

/** What to load and when it counts as shown. */
export interface Target {
  /** path on the server, e.g. /lms/course/index.html#/ */
  src: string;
  /** CSS selector in the course's document */
  until: string;
  /** button text to click through on the way (scenes before a decision) */
  click?: string;
}

/** An empty page with one line of text, served the same way: the physical limit. */
export const BLANK: Target = { src: '/lms/blank.html', until: 'p' };
/** The home page's first screen: its heading, painted with whatever else the page shows at once. */
export const homeTarget = (site: string): Target => ({ src: `/lms/${site}/index.html#/`, until: 'main h1' });
/** The home page complete: the scenario cards, with the learner's state on them (the app has started and read the LMS). */
export const homeReadyTarget = (site: string): Target => ({ src: `/lms/${site}/index.html#/`, until: 'main .scenario-card[data-state]' });
/** A scenario opened by its link, clicked through its scenes until the first decision's options are there. */
export const decisionTarget = (site: string, scenarioId: string): Target => ({
  src: `/lms/${site}/index.html#/s/${scenarioId}`,
  until: 'main input[type="radio"]',
  click: 'Continue',
});

/** The harness frame's address for a target (tests/bench/frame.html reads these parameters). */
export function frameUrl(base: string, target: Target): string {
  const q = new URLSearchParams({ src: target.src, until: target.until, ...(target.click ? { click: target.click } : {}) });
  return `${base}/frame.html?${q}`;
}

/** The course's first scenario (its first unit's first), from the course JSON the build reads. */
export function firstScenarioId(courseJson = 'src/lib/generated/course.json'): string {
  return (JSON.parse(readFileSync(courseJson, 'utf8')) as { units: { scenarios: string[] }[] }).units[0].scenarios[0];
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

/** Main-thread CPU (ms) between the bench-start and bench-done marks, and where it went. */
export interface MainThread {
  ms: number;
  /** wall time of the same span (ms), for reference */
  wallMs: number;
  /** thread time by kind of work, inside the counted tasks (ms) */
  breakdown: Record<string, number>;
}

const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/** the timeline events whose own (self) thread time a breakdown names */
const KINDS: Record<string, string> = {
  'v8.compile': 'compile',
  'V8.CompileCode': 'compile',
  'v8.compileModule': 'compile',
  'V8.ScriptCompiler': 'compile',
  'v8.parseOnBackground': 'compile',
  EvaluateScript: 'script',
  'v8.run': 'script',
  FunctionCall: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  'v8.evaluateModule': 'script',
  ParseHTML: 'parse HTML',
  ParseAuthorStyleSheet: 'parse CSS',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  'MajorGC': 'gc',
  'MinorGC': 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
};

export function mainThreadOf(events: TraceEvent[]): MainThread {
  const start = events.find((e) => e.name === 'bench-start' && e.cat.includes('blink.user_timing'));
  const done = events.find((e) => e.name === 'bench-done' && e.cat.includes('blink.user_timing'));
  if (!start || !done) throw new Error('trace lacks the bench-start/bench-done marks');
  const { pid, tid } = start;
  const t0 = start.ts;
  const t1 = done.ts;
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && TASK.has(e.name) && e.ts < t1 && e.ts + (e.dur ?? 0) > t0)
    .sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  let end = -Infinity;
  const counted: TraceEvent[] = [];
  for (const t of tasks) {
    if (t.ts < end) continue; // nested inside a task already counted
    end = t.ts + (t.dur ?? 0);
    counted.push(t);
    const dur = t.dur ?? 0;
    // a task that straddles a mark counts for the part inside the span
    const inside = dur > 0 ? (Math.min(end, t1) - Math.max(t.ts, t0)) / dur : 1;
    cpu += (t.tdur ?? dur) * inside;
  }
  // self thread time per kind, inside counted tasks
  const breakdown: Record<string, number> = {};
  const timeline = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && KINDS[e.name] && e.ts >= t0 && e.ts < t1)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= upTo) {
      const { e, child } = stack.pop()!;
      const self = (e.tdur ?? e.dur ?? 0) - child;
      breakdown[KINDS[e.name]] = (breakdown[KINDS[e.name]] ?? 0) + Math.max(0, self);
      if (stack.length) stack[stack.length - 1].child += e.tdur ?? e.dur ?? 0;
    }
  };
  for (const e of timeline) {
    close(e.ts);
    stack.push({ e, child: 0 });
  }
  close(Infinity);
  for (const k of Object.keys(breakdown)) breakdown[k] = round(breakdown[k] / 1000, 2);
  const other = cpu / 1000 - Object.values(breakdown).reduce((a, b) => a + b, 0);
  breakdown.other = round(Math.max(0, other), 2);
  return { ms: round(cpu / 1000, 2), wallMs: round((t1 - t0) / 1000, 2), breakdown };
}

/** the trace categories the bench records (the timeline, V8 and the page's own marks) */
export const CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', '__metadata'];

/** A network to emulate (Chromium's own throttling, as in its DevTools): latency per request, bandwidth each way. */
export interface Network {
  latencyMs: number;
  kbps: number;
}

/** "40,10000" → 40 ms latency, 10,000 kbit/s */
export function parseNetwork(spec: string): Network {
  const [latencyMs, kbps] = spec.split(',').map(Number);
  if (!(latencyMs >= 0) || !(kbps > 0)) throw new Error(`--network wants <latency ms>,<kbit/s>, e.g. 40,10000 (got "${spec}")`);
  return { latencyMs, kbps };
}

/** Waits until the harness frame has seen the target shown, and returns its ms (window.benchResult, set by frame.html). */
export async function benchResult(page: Page, timeout = 60_000): Promise<number> {
  return (await (await page.waitForFunction(() => (window as unknown as { benchResult?: number }).benchResult, null, { timeout })).jsonValue()) as number;
}

/** One cold load (new context: no cache, no storage). Returns wall ms and, when traced, the main thread. */
export async function load(browser: Browser, base: string, target: Target, traced: boolean, timeout = 60_000, network?: Network): Promise<{ ms: number; main?: MainThread }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (network.kbps * 1000) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  }
  if (traced) await browser.startTracing(undefined, { categories: CATEGORIES });
  // not until 'load': the frame's load waits for the iframe's, and a held file would hold it
  await page.goto(frameUrl(base, target), { waitUntil: 'commit' });
  let ms: number;
  try {
    ms = await benchResult(page, timeout);
  } catch (e) {
    if (traced) await browser.stopTracing();
    await context.close();
    throw e;
  }
  let main: MainThread | undefined;
  if (traced) {
    const buf = await browser.stopTracing();
    const json = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    main = mainThreadOf(Array.isArray(json) ? json : json.traceEvents);
  }
  await context.close();
  return { ms, main };
}

export interface Figures {
  /** median wall ms over the untraced loads */
  ms: number;
  runs: number[];
  /** median main-thread CPU ms over the traced loads */
  mainMs: number;
  mainRuns: number[];
  /** the breakdown of the traced load with the median CPU */
  breakdown: Record<string, number>;
}

/**
 * `loads` untraced loads of every target, interleaved (so a busy spell hits all alike), then
 * `loads` traced ones. Wall times come from the untraced loads (tracing has a cost of its own).
 */
export async function measure(browser: Browser, base: string, targets: Record<string, Target>, loads: number, network?: Network): Promise<Record<string, Figures>> {
  const names = Object.keys(targets);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const mains: Record<string, MainThread[]> = Object.fromEntries(names.map((n) => [n, []]));
  const one = (n: string, traced: boolean) => load(browser, base, targets[n], traced, 60_000, network);
  for (const n of names) await one(n, false); // warm the browser and the server once
  for (let i = 0; i < loads; i++) for (const n of names) wall[n].push(round((await one(n, false)).ms));
  for (let i = 0; i < loads; i++) for (const n of names) mains[n].push((await one(n, true)).main!);
  const out: Record<string, Figures> = {};
  for (const n of names) {
    const cpu = mains[n].map((m) => m.ms);
    const mid = median(cpu);
    const closest = mains[n].reduce((a, b) => (Math.abs(b.ms - mid) < Math.abs(a.ms - mid) ? b : a));
    out[n] = { ms: round(median(wall[n])), runs: wall[n], mainMs: round(mid), mainRuns: cpu, breakdown: closest.breakdown };
  }
  return out;
}
