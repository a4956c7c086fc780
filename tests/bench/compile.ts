/**
 * npx tsx tests/bench/compile.ts [rounds]
 *
 * The bench's compile figures alone (section 4 of bench.ts, the same steps): checkContent warmed
 * once on 10 generated scenarios, then its CPU time (this process, every thread: V8 compiles hot
 * code on worker threads, and that counts) on fresh generated libraries of 10, 100 and 1,000.
 * With rounds > 1 the three are measured again in the same process, warm; the first round is the
 * bench's figure. No browser, so it can run while browser timings are measured elsewhere.
 */
import { checkContent } from '../../src/lib/content/check';
import { BUDGETS } from './budgets';
import { generateLibrary } from './generate';

const rounds = Number(process.argv[2] ?? 1);
const round1 = (x: number) => Math.round(x * 10) / 10;
checkContent(generateLibrary(10));
for (let r = 1; r <= rounds; r++) {
  const ms: Record<number, number> = {};
  for (const n of [10, 100, 1000]) {
    const dir = generateLibrary(n);
    const cpu = process.cpuUsage();
    const report = checkContent(dir);
    const used = process.cpuUsage(cpu);
    ms[n] = round1((used.user + used.system) / 1000);
    if (report.errors.length || report.scenarios !== n) throw new Error(`generated library of ${n} did not compile: ${report.errors[0]?.message}`);
  }
  const growth = Math.round((ms[1000] / ms[100]) * 100) / 100;
  const verdict = ms[1000] <= BUDGETS.compile_ms_1000 && growth <= BUDGETS.compile_growth ? 'pass' : 'FAIL';
  console.log(`round ${r}${r === 1 ? ' (the bench)' : ' (warm)'}: compile_ms[10] ${ms[10]}  [100] ${ms[100]}  [1000] ${ms[1000]} (≤ ${BUDGETS.compile_ms_1000})  compile_growth ${growth} (≤ ${BUDGETS.compile_growth})  ${verdict}`);
}
