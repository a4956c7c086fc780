/** npm run -s tutor -- FILE --json: the same figures as the library, and clear errors. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFiles, summarise } from '../../../src/lib/tutor/index';
import { course, fixture, FIXTURES, haveFixtures, RECORDED_COURSE } from './fixtures';

const cli = (...args: string[]) => {
  const r = spawnSync('npx', ['tsx', 'scripts/tutor.ts', '--course', RECORDED_COURSE, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
};

describe.skipIf(!haveFixtures)('tutor CLI', () => {
  it('prints the summary JSON for the cohort export, with the keys others build on', () => {
    const r = cli(join(FIXTURES, 'interactions-scorm12-cohort.txt'), '--json');
    expect(r.status, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toEqual({ ...summarise(readFiles(course(), [fixture('interactions-scorm12-cohort.txt')]).insight!), errors: [] });
    expect(json.learners).toBe(8);
    expect(json.decisions).toBe(391);
    for (const key of ['items', 'choices', 'byLearner']) expect(Object.keys(json[key]).length).toBeGreaterThan(0);
    expect(Object.keys(json.byLearner['Ben Carter']).sort()).toEqual(expect.arrayContaining(['decisions', 'scorePercent']));
  });

  it('reads several Track details files at once, and says which file could not be used', () => {
    const r = cli(join(FIXTURES, 'trackdetails-scorm2004-daniel-okoro.csv'), join(FIXTURES, 'trackdetails-scorm2004-daniel-okoro.pdf'), join(FIXTURES, 'trackdetails-scorm12-ellie-marsh.json'), '--json');
    expect(r.status).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.learners).toBe(2);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatch(/^trackdetails-scorm2004-daniel-okoro\.pdf: this is a PDF/);
  });

  it('exits 2 with the reason when nothing can be used, in text and JSON', () => {
    const r = cli(join(FIXTURES, 'basic-scorm12-cohort.txt'));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^error: basic-scorm12-cohort\.txt: this is Moodle's Basic or Objectives SCORM report/);
    const j = cli(join(FIXTURES, 'interactions-scorm2004-cohort.ods'), '--json');
    expect(j.status).toBe(2);
    expect(JSON.parse(j.out).errors[0]).toMatch(/Track details/);
    expect(cli('no-such-file.txt').err).toMatch(/no-such-file\.txt: ENOENT/);
  });

  it('prints a readable summary without --json', () => {
    const r = cli(join(FIXTURES, 'interactions-scorm12-cohort.xlsx'));
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^8 learners, 391 decisions read \(6 in replays, not counted\)$/m);
    expect(r.out).toMatch(/For the next seminar:\n {2}1\. G-/);
  });
});
