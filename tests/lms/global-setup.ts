/**
 * Once per run of the real-LMS suite: start Moodle, package the course the way a user does on a
 * fresh clone (`npm run package`, issue 11 §2.8), and build one test site: a course with the
 * packages as activities and one student per test. Writes what the tests need to
 * test-results/lms/site.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findMoodle, Moodle, REPO } from './moodle';
import { ACTIVITIES, OUT, STUDENT_PASSWORD, STUDENTS, TUTOR, TUTOR_PASSWORD, type Site } from './site';

const UNIT = 'client-care';

/** The repository as a fresh clone has it: tracked files and new ones not ignored (no build/, dist/, generated/). */
function freshCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lms-clone-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(REPO, f))) continue; // deleted in the work tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(REPO, f), join(dir, f));
  }
  // installed dependencies are not part of a clone's sources; `npm ci` would give the same tree
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface Packaged {
  ok: boolean;
  command: string;
  output: string;
  zips: Record<string, string>;
}

/** `npm run package` on the fresh copy, then the one-unit package; the zips are kept in test-results/lms. */
function packageFromFreshClone(): Packaged {
  const dir = freshCopy();
  const zips: Record<string, string> = {};
  const command = 'npm run package';
  try {
    const r = spawnSync('npm', ['run', 'package'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
    const output = `${r.stdout}\n${r.stderr}`.trim();
    if (r.status !== 0) return { ok: false, command, output, zips };
    const unit = spawnSync('npx', ['tsx', 'scorm/package.ts', '--unit', UNIT], { cwd: dir, encoding: 'utf8' });
    if (unit.status !== 0) return { ok: false, command: `npx tsx scorm/package.ts --unit ${UNIT}`, output: `${unit.stdout}\n${unit.stderr}`, zips };
    const id = JSON.parse(readFileSync(join(dir, 'src/lib/generated/course.json'), 'utf8')).id as string;
    mkdirSync(join(OUT, 'packages'), { recursive: true });
    for (const [key, name] of Object.entries({ full12: `${id}-scorm12`, full2004: `${id}-scorm2004`, unit12: `${id}-${UNIT}-scorm12`, unit2004: `${id}-${UNIT}-scorm2004` })) {
      const to = join(OUT, 'packages', `${name}.zip`);
      cpSync(join(dir, 'dist', `${name}.zip`), to);
      zips[key] = to;
    }
    return { ok: true, command, output, zips };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** When the fresh-clone packaging fails, the other tests still get packages: built here, as npm test does. */
function packageHere(): Record<string, string> {
  for (const args of [['run', 'build', '--silent'], ['exec', '--', 'tsx', 'scorm/package.ts'], ['exec', '--', 'tsx', 'scorm/package.ts', '--unit', UNIT]]) {
    execFileSync('npm', args, { cwd: REPO, stdio: 'inherit' });
  }
  const id = JSON.parse(readFileSync(join(REPO, 'src/lib/generated/course.json'), 'utf8')).id as string;
  const d = (n: string) => join(REPO, 'dist', `${n}.zip`);
  return { full12: d(`${id}-scorm12`), full2004: d(`${id}-scorm2004`), unit12: d(`${id}-${UNIT}-scorm12`), unit2004: d(`${id}-${UNIT}-scorm2004`) };
}

export default function globalSetup(): void {
  const source = findMoodle();
  if ('missing' in source) throw new Error(`no Moodle for the real-LMS suite: ${source.missing}`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const moodle = Moodle.start(source);

  const packaged = packageFromFreshClone();
  writeFileSync(join(OUT, 'fresh-clone.json'), JSON.stringify(packaged, null, 2));
  const zips = packaged.ok ? packaged.zips : packageHere();

  // a new course each run: every test starts with no attempts, whatever earlier runs left
  const run = Date.now().toString(36);
  const plan = {
    course: `lms-${run}`,
    users: [
      ...STUDENTS.map((s) => ({ username: `${s}-${run}`, password: STUDENT_PASSWORD, role: 'student', firstname: s, lastname: `Run ${run}` })),
      { username: `${TUTOR}-${run}`, password: TUTOR_PASSWORD, role: 'teacher', firstname: 'Tutor', lastname: `Run ${run}` },
    ],
    activities: ACTIVITIES.map((a) => ({ key: a.key, zip: zips[a.package], name: a.name, settings: a.settings ?? {} })),
  };
  const planFile = join(OUT, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan, null, 2));
  const ids = moodle.plan(planFile);
  const site: Site = { url: moodle.url, source, run, ids, packages: zips, freshClone: { ok: packaged.ok, command: packaged.command, output: packaged.output.slice(-4000) } };
  writeFileSync(join(OUT, 'site.json'), JSON.stringify(site, null, 2));
}
