/**
 * npx tsx tests/bench/compile.ts [rounds]
 *
 * The bench's compile figures (section 4 of bench.ts calls measureCompile): checkContent warmed once
 * on 10 generated scenarios, then its CPU time (this process, every thread: V8 compiles hot code on
 * worker threads, and that counts) on fresh generated libraries of 10, 100 and 1,000. Run alone, with
 * rounds > 1 the three are measured again in the same process, warm; the first round is the bench's
 * figure. No browser, so it can run while browser timings are measured elsewhere.
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkContent } from '../../src/lib/content/check';
import { BUDGETS } from './budgets';
import { generateLibrary } from './generate';

const round1 = (x: number) => Math.round(x * 10) / 10;
let warmed = false;

/** `check` run on a generated library of n scenarios, which is removed afterwards (it is of no use once checked) */
function withLibrary<T>(n: number, check: (dir: string) => T): T {
  const dir = generateLibrary(n);
  try {
    return check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU and wall ms of checking generated libraries of 10, 100 and 1,000 scenarios. */
export function measureCompile(): { ms: Record<number, number>; wallMs: Record<number, number> } {
  if (!warmed) (withLibrary(10, checkContent), (warmed = true)); // warm the JIT once, so the 10 is not mostly start-up
  const ms: Record<number, number> = {};
  const wallMs: Record<number, number> = {};
  for (const n of [10, 100, 1000]) {
    const report = withLibrary(n, (dir) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const r = checkContent(dir);
      const used = process.cpuUsage(cpu);
      wallMs[n] = round1(performance.now() - t);
      ms[n] = round1((used.user + used.system) / 1000);
      return r;
    });
    if (report.errors.length || report.scenarios !== n) throw new Error(`generated library of ${n} did not compile: ${report.errors[0]?.message}`);
  }
  return { ms, wallMs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rounds = Number(process.argv[2] ?? 1);
  for (let r = 1; r <= rounds; r++) {
    const { ms } = measureCompile();
    const growth = Math.round((ms[1000] / ms[100]) * 100) / 100;
    const verdict = ms[1000] <= BUDGETS.compile_ms_1000 && growth <= BUDGETS.compile_growth ? 'pass' : 'FAIL';
    console.log(`round ${r}${r === 1 ? ' (the bench)' : ' (warm)'}: compile_ms[10] ${ms[10]}  [100] ${ms[100]}  [1000] ${ms[1000]} (≤ ${BUDGETS.compile_ms_1000})  compile_growth ${growth} (≤ ${BUDGETS.compile_growth})  ${verdict}`);
  }
}
