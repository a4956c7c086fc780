/**
 * Build step: load and check scenarios/, add each scenario's score range (xstate/graph),
 * and write the course JSON the app imports. Any content problem stops the build with
 * file:line:column messages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkContent } from '../src/lib/content/check';
import { drawPortrait } from '../src/lib/portraits/draw';
import { learnerMap } from '../src/lib/map/learner';
import { readingMinutes } from '../src/lib/cpd/time';

const root = process.argv[2] ?? 'scenarios';
const r = checkContent(root);
if (r.errors.length || !r.course) {
  for (const e of r.errors) console.error(`${e.file}:${e.line}:${e.column}  ${e.message}`);
  console.error(`\nThe course was not built: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} in ${root}/ (npm run check:scenarios shows them too).`);
  process.exit(1);
}
const course = r.course;
for (const s of course.scenarios) {
  const a = r.analysis[s.id];
  s.score = { min: a.min, max: a.max };
  s.bestPath = a.bestPath;
  s.pathDecisions = a.pathDecisions;
  // portraits are drawn here, once per person, and travel with their scenario
  for (const p of s.people ?? []) p.svg = drawPortrait(p.portrait);
  s.readMinutes = readingMinutes(s);
  s.map = await learnerMap(s);
  delete s.file;
}
const out = process.env.COURSE_JSON ?? 'src/lib/generated/course.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(course));
console.log(`course "${course.id}" v${course.version}: ${course.scenarios.length} scenarios, ${r.decisions} decisions → ${out}`);
