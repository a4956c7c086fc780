/**
 * npm run -s tutor -- FILE… [--json] [--unit <unit-id>] [--course course.json] [--csv DIR]
 *
 * Reads Moodle SCORM exports (the Interactions report as text, .xlsx or .ods; Track details as CSV,
 * JSON, .xlsx or .ods) with the course data and prints what the tutor page shows: a short text
 * summary, or with --json the summary object (src/lib/tutor/summary.ts). --csv DIR writes every
 * table of the page as CSV files. The course data is the built course JSON
 * (src/lib/generated/course.json), built first when missing.
 * Exit status: 0 when every file was read, 1 when some could not be used, 2 when none could.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Course } from '../src/lib/course/types';
import { choicesTable, itemsTable, learnersTable, readFiles, seminarTable, summarise, themesTable, toCsv } from '../src/lib/tutor/index';

const DEFAULT_COURSE = 'src/lib/generated/course.json';

/** The one place the CLI gets the course from. */
function loadCourse(file: string): Course {
  if (!existsSync(file) && file === DEFAULT_COURSE) {
    const r = spawnSync('npx', ['tsx', 'scripts/build-content.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('the course could not be built (see above)');
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Course;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, unit: { type: 'string' }, course: { type: 'string' }, csv: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    console.error('usage: npm run -s tutor -- FILE… [--json] [--unit <unit-id>] [--course course.json] [--csv DIR]');
    return values.help ? 0 : 2;
  }
  const course = loadCourse(values.course ?? DEFAULT_COURSE);
  const files = positionals.map((p) => {
    try {
      return { name: basename(p), bytes: new Uint8Array(readFileSync(p)) };
    } catch (e) {
      return { name: basename(p), bytes: new Uint8Array(), error: (e as Error).message };
    }
  });
  const missing = files.filter((f) => 'error' in f).map((f) => `${f.name}: ${(f as { error: string }).error}`);
  const reading = readFiles(course, files.filter((f) => !('error' in f)), { unit: values.unit ?? null });
  const errors = [...missing, ...reading.errors];
  const x = reading.insight;
  if (values.json) {
    console.log(JSON.stringify(x ? { ...summarise(x), errors } : { errors }, null, 2));
  } else {
    for (const e of errors) console.error(`error: ${e}`);
    if (x) {
      console.log(`${x.course.title} (version ${x.course.version}, ${x.course.scenarios} scenarios; the ${x.course.attemptRule} finished play of a scenario counts)`);
      console.log(`${x.learners.length} learners, ${x.decisions} decisions read (${x.practice} in replays, not counted)\n`);
      for (const n of x.notices) console.log(`note: ${n.text}`);
      console.log('\nFor the next seminar:');
      x.seminar.forEach((s, i) => console.log(`  ${i + 1}. ${s.item.id} §${s.item.section} ${s.item.title}: ${s.item.missed} of ${s.item.met} learners chose a poor or harmful option (${s.scenarios.map((c) => c.title).join(', ')})`));
      console.log('\nLearners:');
      for (const l of x.learners) console.log(`  ${l.key}: ${l.scorePercent}%, ${l.finished} of ${l.scenarios} scenarios, ${l.decisions} decisions${l.weakestThemes.length ? `; weakest: ${l.weakestThemes.map((t) => t.title).join(', ')}` : ''}`);
    }
  }
  if (x && values.csv) {
    mkdirSync(values.csv, { recursive: true });
    for (const t of [learnersTable(x), itemsTable(x), themesTable(x), choicesTable(x), seminarTable(x)]) writeFileSync(join(values.csv, t.name), toCsv(t));
  }
  return !x ? 2 : errors.length ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 2;
}
