/**
 * npx tsx tests/bench/profile.ts [name=]<build dir>… [--loads 7] [--first <scenario id>] [--only home|decision] [--until <selector>] [--network <latency ms>,<kbit/s>]
 *
 * The bench's load measurements alone, on builds that already exist: for comparing a change
 * (a lever) against the build before it without rebuilding anything. For each build: the home
 * page's first content and the first decision, against the blank page; wall ms (median), main-thread
 * CPU ms from Chromium traces (median) and where that CPU went. With --network, every load (the blank
 * page's too) goes over an emulated network (Chromium's throttling: each request's latency, and the
 * bandwidth), as a learner's does; without it, over this machine's loopback.
 */
import { parseArgs } from 'node:util';
import { BLANK, decisionTarget, firstScenarioId, homeTarget, launch, measure, parseNetwork, round, serve, type Target } from './browser';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { loads: { type: 'string', default: '7' }, first: { type: 'string' }, only: { type: 'string' }, until: { type: 'string' }, network: { type: 'string' } },
});
const loads = Number(values.loads);
const first = values.first ?? firstScenarioId();
const sites = Object.fromEntries(positionals.map((p, i) => (p.includes('=') ? (p.split('=', 2) as [string, string]) : [`b${i}`, p])));

const { base, server } = await serve(sites);
const browser = await launch();
const targets: Record<string, Target> = { blank: BLANK };
for (const s of Object.keys(sites)) {
  if (values.only !== 'decision') targets[`${s} home`] = values.until ? { ...homeTarget(s), until: values.until } : homeTarget(s);
  if (values.only !== 'home') targets[`${s} decision`] = decisionTarget(s, first);
}
const network = values.network ? parseNetwork(values.network) : undefined;
const r = await measure(browser, base, targets, loads, network);
await browser.close();
server.close();
const blank = r.blank;
console.log(`${loads} loads each${network ? `, over ${network.latencyMs} ms latency and ${network.kbps} kbit/s` : ''}; wall = median ms (÷ blank), cpu = median main-thread ms (÷ blank)\n`);
for (const [n, f] of Object.entries(r)) {
  console.log(
    `${n.padEnd(28)} wall ${String(f.ms).padStart(7)} (${round(f.ms / blank.ms, 2)}×)  cpu ${String(f.mainMs).padStart(7)} (${round(f.mainMs / blank.mainMs, 2)}×)  runs ${f.runs.join(' ')} | cpu ${f.mainRuns.map((x) => round(x)).join(' ')}`,
  );
  console.log(`${''.padEnd(28)} ${Object.entries(f.breakdown).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
