/**
 * The showcase course (tests/fixtures/showcase: every artefact kind, a cast with portraits,
 * takeaways, reflections, a scene after the last decision, one scenario with no optional field),
 * built once per run into test-results/showcase/ with the COURSE_JSON and BUILD_DIR variables the
 * build reads; the first worker to ask builds it, the others wait.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Course } from '../../../src/lib/course/types';

export const showcaseDir = resolve('test-results/showcase');
export const showcaseBuild = join(showcaseDir, 'build');
const json = join(showcaseDir, 'course.json');

const lock = join(showcaseDir, '.building');
const done = join(showcaseDir, '.built');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds the showcase once per run (Playwright empties test-results/ as a run starts); other workers wait for it. */
export function buildShowcase(): Course {
  mkdirSync(showcaseDir, { recursive: true });
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    /* another worker is building it */
  }
  if (mine && !existsSync(done)) {
    const env = { ...process.env, COURSE_JSON: json, BUILD_DIR: showcaseBuild };
    for (const cmd of ['npx tsx scripts/build-content.ts tests/fixtures/showcase', 'npx vite build']) {
      const r = spawnSync(cmd, { shell: true, env, stdio: ['ignore', 'ignore', 'pipe'] });
      if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stderr}`);
    }
    if (!existsSync(join(showcaseBuild, 'index.html'))) throw new Error('the showcase build wrote no index.html');
    writeFileSync(done, new Date().toISOString());
  }
  for (let waited = 0; !existsSync(done); waited += 500) {
    if (waited > 240_000) throw new Error('the showcase build did not finish in 4 minutes');
    sleep(500);
  }
  return JSON.parse(readFileSync(json, 'utf8')) as Course;
}
