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
  }
}
const uncovered = r.course ? REQUIRED_SECTIONS.filter((sec) => !r.focus[sec]?.length) : [];
if (uncovered.length && !json) console.log(`\nNot yet the main subject of any scenario: §${uncovered.join(', §')}`);
process.exit(r.errors.length ? 1 : 0);
