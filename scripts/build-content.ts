/**
 * Build step: load and check scenarios/, add each scenario's score range (xstate/graph),
 * and write the course JSON the app imports. Any content problem stops the build with
 * file:line:column messages.
 */
import { checkContent } from '../src/lib/content/check';
import { courseJson, forPlayer, DEFAULT_COURSE_JSON, writeCourseJson } from '../src/lib/content/build';

const root = process.argv[2] ?? 'scenarios';
const r = checkContent(root);
if (r.errors.length || !r.course) {
  for (const e of r.errors) console.error(`${e.file}:${e.line}:${e.column}  ${e.message}`);
  console.error(`\nThe course was not built: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} in ${root}/ (npm run check:scenarios shows them too).`);
  process.exit(1);
}
const course = await forPlayer(courseJson(r));
const out = process.env.COURSE_JSON ?? DEFAULT_COURSE_JSON;
writeCourseJson(course, out);
console.log(`course "${course.id}" v${course.version}: ${course.scenarios.length} scenarios, ${r.decisions} decisions → ${out}`);
