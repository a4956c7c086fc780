/**
 * npm run check:scenarios [-- --json] [-- --dir scenarios]
 * Prints every error with file:line:column, score ranges and coverage, then the gates (test-wise
 * policies, items taught) and the warnings. Exits 1 on any error or failed gate
 * (see src/lib/content/gates.ts for which is which; only errors stop the build).
 *
 * --json prints one JSON object and nothing else. Under npm, use `npm run -s check:scenarios -- --json`:
 * npm itself prints a banner on stdout before any script unless it runs silent, and no script can
 * stop that (see scenarios/README.md).
 */
import { checkContent, REQUIRED_SECTIONS } from '../src/lib/content/check';
import { runGates, type Gate, type GateReport } from '../src/lib/content/gates';
import type { Problem } from '../src/lib/content/load';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirAt = args.indexOf('--dir');
const root = dirAt >= 0 ? args[dirAt + 1] : 'scenarios';
const r = checkContent(root);
// the gates measure a course that loads
const g: GateReport | null = r.course ? runGates(r) : null;
const gates: Gate[] = g?.gates ?? [];
const warnings = g?.warnings ?? r.warnings;
const failed = gates.filter((x) => !x.passed).map((x) => x.name);
const located = ({ file, line, column, message }: Problem) => ({ file, line, column, message });
const round = (x: number) => Math.round(x * 10000) / 10000;

if (json) {
  const out = {
    scenarios: r.scenarios,
    decisions: r.decisions,
    errors: r.errors.map(located),
    coverage: r.coverage,
    gates: Object.fromEntries(gates.map((x) => [x.name, { passed: x.passed, failures: x.failures.map(located) }])),
    failedGates: failed,
    warnings: warnings.map(located),
    ...(g && {
      passMark: g.passMark,
      testwise: Object.fromEntries(Object.entries(g.testwise).map(([p, v]) => [p, { meanScaled: round(v.meanScaled), passRate: round(v.passRate), runs: v.runs }])),
      positions: g.positions,
      items: g.items,
      untaught: g.untaught,
      exemptions: g.exemptions,
    }),
  };
  console.log(JSON.stringify(out, null, 2));
  // npm has already printed its banner on stdout unless it runs silent: say how to get JSON alone
  if (process.env.npm_lifecycle_event && process.env.npm_config_loglevel !== 'silent' && process.env.npm_config_json !== 'true')
    console.error('note: npm printed its banner before this JSON on stdout; run `npm run -s check:scenarios -- --json` for JSON alone');
} else {
  const line = (p: Problem) => `${p.file}:${p.line}:${p.column}  ${p.message}`;
  for (const e of r.errors) console.log(line(e));
  if (r.errors.length) console.log('');
  console.log(`${r.scenarios} scenarios, ${r.decisions} decisions, ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`);
  if (r.course) {
    console.log('\nScore range per scenario (min–max over every path):');
    for (const s of r.course.scenarios) {
      const a = r.analysis[s.id];
      console.log(`  ${s.id.padEnd(24)} ${String(a.min).padStart(3)}–${String(a.max).padEnd(3)} ${a.states} states`);
    }
    console.log('\nCoverage by guidance section: main subject of (focus) | cited by');
    const sections = [...new Set([...REQUIRED_SECTIONS, ...Object.keys(r.coverage)])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const sec of sections) {
      const main = r.focus[sec] ?? [];
      const cited = r.coverage[sec] ?? [];
      const flag = REQUIRED_SECTIONS.includes(sec) && main.length === 0 ? '  <- no scenario teaches it as its main subject' : '';
      console.log(`  §${sec.padEnd(4)} ${main.length ? main.join(', ') : '-'} | ${cited.length} scenario${cited.length === 1 ? '' : 's'}${flag}`);
    }
    console.log('\nCoverage by theme:');
    for (const [t, list] of Object.entries(r.themes)) console.log(`  ${t.padEnd(24)} ${list.length}: ${list.join(', ')}`);
    const uncovered = REQUIRED_SECTIONS.filter((sec) => !r.focus[sec]?.length);
    if (uncovered.length) console.log(`\nNot yet the main subject of any scenario: §${uncovered.join(', §')}`);
  }
  if (g) {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
    console.log(`\nTest-wise policies (never read the situation); pass mark ${g.passMark}%, aim below 55%:`);
    console.log('  policy      mean   passes  runs');
    for (const [p, v] of Object.entries(g.testwise)) {
      const mark = v.meanScaled * 100 >= g.passMark ? '  <- FAILS: reaches the pass mark' : v.meanScaled >= 0.55 ? '  <- warning: not below 55%' : '';
      console.log(`  ${p.padEnd(9)} ${pct(v.meanScaled)}  ${pct(v.passRate)}  ${String(v.runs).padStart(4)}${mark}`);
    }
    console.log('\nPosition of the best option in authored order, per unit (share of decisions; at most 40%):');
    for (const [u, { best, decisions }] of Object.entries(g.positions))
      console.log(`  ${u.padEnd(24)} ${decisions} decisions  ${Object.entries(best).map(([at, n]) => `${at}: ${decisions ? Math.round((n / decisions) * 100) : 0}%${decisions && n / decisions > 0.4 ? ' (!)' : ''}`).join('  ')}`);
    const total = Object.keys(g.items).length;
    const taught = Object.values(g.items).filter((i) => i.taught.length).length;
    console.log(`\nGuidance items taught (a best and a poor or harmful option in one decision both cite it): ${taught} of ${total}`);
    const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
    console.log(`  never taught, helpful/recommended/required (fail the gate): ${list(g.untaught.failing)}`);
    console.log(`  never taught, awareness only (not gated): ${list(g.untaught.awareness)}`);
    const ex = Object.entries(g.exemptions);
    console.log(`  exempt (guidance.yaml "background"):${ex.length ? "" : " none"}`);
    for (const [id, why] of ex) console.log(`    ${id}: ${why}`);
  }
  if (warnings.length) {
    console.log(`\n${warnings.length} warning${warnings.length === 1 ? '' : 's'} (they do not fail the check):`);
    for (const w of warnings) console.log(`  ${line(w)}`);
  }
  console.log('\nGates:');
  for (const x of gates) {
    console.log(`  ${x.passed ? 'passed' : 'FAILED'}  ${x.name}${x.passed ? '' : ` (${x.failures.length})`}`);
    for (const f of x.failures) console.log(`    ${line(f)}`);
  }
  if (!g) console.log('  (test-wise and taught items are measured once the course loads with no error)');
  if (r.errors.length) console.log(`\nThe check failed: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'} (these also stop npm run build).`);
  if (failed.length) console.log(`\nThe check failed: gate${failed.length === 1 ? '' : 's'} ${failed.join(', ')} (npm run build still builds).`);
  else if (!r.errors.length) console.log('\nEvery gate passed.');
}
// exitCode, not exit(): a large JSON report to a pipe is written asynchronously and must not be cut short
process.exitCode = r.errors.length || failed.length ? 1 : 0;
