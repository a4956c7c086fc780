/**
 * npm run package [-- --unit <unit-id>]: what a fresh clone needs, in order: the site
 * (npm run build), the SCORM zips (scorm/package.ts, given the arguments), then the tutor page
 * (scripts/build-tutor.ts). Arguments go to the packager only: npm appends them to the last
 * command of a chained script, which would hand "--unit" to the tutor page's build.
 */
import { must } from './setup.mjs';

const args = process.argv.slice(2).map((a) => JSON.stringify(a)).join(' ');
must('npm run -s build');
must(`npx tsx scorm/package.ts ${args}`);
must('npx tsx scripts/build-tutor.ts');
