/**
 * Property, in Chromium: random scenarios that pass the content check play through the built page.
 * Random scenarios (tests/unit/random-scenarios.ts, a fixed seed) are checked one by one; the first
 * four the check accepts with two decisions or more on some path become a course, which is built (content build + vite build) and played,
 * each along two random paths, in a fresh browser context each time. The page must show every
 * option the engine offers, take each choice, reach the ending, raise no error, and save progress
 * whose score lies within the scenario's [min, max].
 *
 * Only stable things are used, as the screens are being redesigned: the option radio buttons by
 * their text, the "Continue" button, the submit button by a name pattern, and the authored texts.
 * The unit version (many more scenarios, same data paths, no browser) is tests/unit/property.test.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { checkContent } from '../../../src/lib/content/check';
import type { Course } from '../../../src/lib/course/types';
import { decodeProgress } from '../../../src/lib/engine/progress';
import { memoryStorage, readProgress } from '../../../src/lib/lms/local';
import { ScenarioRun } from '../../../src/lib/engine/run';
import { scenarioState } from '../../../src/lib/engine/score';
import { htmlToText } from '../../../src/lib/engine/text';
import { tempContent } from '../../unit/helpers';
import { randomScenario } from '../../unit/random-scenarios';
import { scratchContent, scratchProject, sh } from './scratch';

const SEED = 20240601;
let dir = '';
let site = '';
let course: Course;


test.beforeAll(() => {
  test.setTimeout(400_000);
  const accepted: Record<string, string> = {};
  for (const sc of fc.sample(randomScenario('rand'), { numRuns: 300, seed: SEED })) {
    const r = checkContent(tempContent({ rand: sc.yaml }));
    // at least two decisions on some path, so that a choice changes what follows
    if (!r.errors.length && r.analysis.rand.pathDecisions.max >= 2) accepted[`rand-${Object.keys(accepted).length}`] = sc.yaml;
    if (Object.keys(accepted).length === 4) break;
  }
  expect(Object.keys(accepted)).toHaveLength(4);
  dir = mkdtempSync(join(tmpdir(), 'property-'));
  const files = Object.fromEntries(Object.entries(accepted).map(([id, yaml]) => [id, yaml.replace(/^id: rand$/m, `id: ${id}`)]));
  const sc = scratchContent(files, dir);
  const courseJson = join(dir, 'course.json');
  site = join(dir, 'build');
  sh('npx', ['tsx', resolve('scripts/build-content.ts'), sc], resolve('.'), { COURSE_JSON: courseJson });
  sh('npx', ['vite', 'build'], scratchProject(dir), { COURSE_JSON: courseJson, BUILD_DIR: site });
  course = JSON.parse(readFileSync(courseJson, 'utf8'));
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32), so the paths are the same on every run. */
function random(seed: number) {
  return (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Plays the open scenario in the page along random choices, the engine alongside saying what must show. */
async function play(page: Page, run: ScenarioRun, pick: (n: number) => number) {
  const shown = (text: string) => expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  for (let guard = 0; guard < 80; guard++) {
    const node = run.node;
    if (node.kind === 'scene') {
      await shown(htmlToText(node.text));
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      run.next();
    } else if (node.kind === 'decision') {
      const offered = run.options;
      await expect(page.getByRole('radio')).toHaveCount(offered.length);
      for (const o of offered) await expect(page.getByRole('radio', { name: o.text, exact: true })).toBeVisible();
      const o = offered[pick(offered.length)];
      await page.getByRole('radio', { name: o.text, exact: true }).check();
      await page.getByRole('button', { name: /choose|confirm|submit|answer/i }).click();
      run.choose(o.id);
      await shown(htmlToText(o.consequence));
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    } else {
      await shown(htmlToText(node.debrief));
      return;
    }
  }
  throw new Error('no ending after 80 steps');
}

for (let k = 0; k < 4; k++)
  test(`random scenario ${k + 1} of 4 plays along random paths with no error, scores within [min, max]`, async ({ browser }) => {
    test.setTimeout(120_000);
    const s = course.scenarios[k];
    for (let round = 0; round < 2; round++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(pathToFileURL(join(site, 'index.html')).href + `#/s/${s.id}`);
      const run = new ScenarioRun(s);
      await play(page, run, random(SEED + k * 10 + round));
      expect(run.done).toBe(true);

      // what the page saved decodes to the path played, and its score lies within the range
      const storage = memoryStorage();
      for (const [k, v] of Object.entries(await page.evaluate(() => ({ ...localStorage })))) storage.setItem(k, v);
      const saved = readProgress(storage, course.id);
      expect(saved, 'progress saved on the device').not.toBeNull();
      // a finished play reads back as the play that counts (progress code 2)
      expect(decodeProgress(course, saved!.suspendData).progress.scored?.[s.id]).toEqual(run.path);
      const st = scenarioState(s, run.path);
      expect(st.done).toBe(true);
      expect(st.score.raw).toBeGreaterThanOrEqual(s.score!.min);
      expect(st.score.raw).toBeLessThanOrEqual(s.score!.max);

      // the results page opens on that record
      await page.goto('about:blank');
      await page.goto(pathToFileURL(join(site, 'index.html')).href + '#/results');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(errors).toEqual([]);
      await context.close();
    }
  });
