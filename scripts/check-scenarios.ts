/**
 * npm run check:scenarios [-- --json] [-- --dir scenarios]
 * Prints every problem with file:line:column, then coverage by guidance section and theme.
 * Exits 1 on any error.
 */
import { checkContent, REQUIRED_SECTIONS } from '../src/lib/content/check';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirAt = args.indexOf('--dir');
const root = dirAt >= 0 ? args[dirAt + 1] : 'scenarios';
const r = checkContent(root);

if (json) {
  const out = {
    scenarios: r.scenarios,
    decisions: r.decisions,
    errors: r.errors.map(({ file, line, column, message }) => ({ file, line, column, message })),
    coverage: r.coverage,
  };
  console.log(JSON.stringify(out, null, 2));
} else {
  for (const e of r.errors) console.log(`${e.file}:${e.line}:${e.column}  ${e.message}`);
  if (r.errors.length) console.log('');
  console.log(`${r.scenarios} scenarios, ${r.decisions} decisions, ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`);
  if (r.course) {
    console.log('\nScore range per scenario (min–max over every path):');
    for (const s of r.course.scenarios) {
      const a = r.analysis[s.id];
      console.log(`  ${s.id.padEnd(24)} ${String(a.min).padStart(3)}–${String(a.max).padEnd(3)} ${a.states} states`);
    }
    console.log('\nCoverage by guidance section (scenarios whose options cite it):');
    const sections = [...new Set([...REQUIRED_SECTIONS, ...Object.keys(r.coverage)])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const sec of sections) {
      const list = r.coverage[sec] ?? [];
      const flag = REQUIRED_SECTIONS.includes(sec) && list.length === 0 ? '  <- not covered' : '';
      console.log(`  §${sec.padEnd(4)} ${list.length ? list.join(', ') : '-'}${flag}`);
    }
    console.log('\nCoverage by theme:');
    for (const [t, list] of Object.entries(r.themes)) console.log(`  ${t.padEnd(24)} ${list.length}: ${list.join(', ')}`);
  }
}
process.exit(r.errors.length ? 1 : 0);
