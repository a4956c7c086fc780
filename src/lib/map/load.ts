/**
 * The scenarios to map. When the whole course loads cleanly, its scenarios in course order.
 * Otherwise (say course.yaml already lists scenarios that are still being written) each scenario
 * file is loaded on its own from a temp copy with a one-unit course.yaml, so every file that is
 * valid by itself still gets a map; files with their own problems are reported and skipped.
 * Build-time only.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadCourse, type Problem } from '../content/load';
import type { Scenario } from '../course/types';

export interface MapSource {
  scenarios: Scenario[];
  /** problems with the course as a whole: the scenarios were then loaded one by one */
  courseProblems: Problem[];
  /** problems in scenario files: those scenarios have no map */
  problems: Problem[];
}

/** Scenario ids in the order course.yaml lists them (empty if it cannot be read). */
function courseOrder(root: string): string[] {
  try {
    const data = parse(readFileSync(join(root, 'course.yaml'), 'utf8')) as { units?: { scenarios?: unknown }[] } | null;
    return (data?.units ?? []).flatMap((u) => (Array.isArray(u.scenarios) ? u.scenarios.filter((s): s is string => typeof s === 'string') : []));
  } catch {
    return [];
  }
}

/** Loads one scenario file on its own; problems name the original file. */
export function loadScenarioFile(root: string, file: string): { scenario: Scenario | null; problems: Problem[] } {
  const unit = basename(dirname(file));
  const dir = mkdtempSync(join(tmpdir(), 'map-content-'));
  try {
    mkdirSync(join(dir, unit));
    const guidance = join(root, 'guidance.yaml');
    if (existsSync(guidance)) copyFileSync(guidance, join(dir, 'guidance.yaml'));
    const copy = join(dir, unit, basename(file));
    copyFileSync(file, copy);
    const id = basename(file).replace(/\.ya?ml$/, '');
    // JSON strings are valid YAML scalars, so odd folder or file names cannot break this file
    writeFileSync(
      join(dir, 'course.yaml'),
      `id: map-check\ntitle: Map check\nversion: 1\npassMark: 50\nunits:\n  - id: ${JSON.stringify(unit)}\n    title: Map check\n    scenarios: [${JSON.stringify(id)}]\n`,
    );
    const r = loadCourse(dir);
    const tempCopy = resolve(copy);
    const problems = r.problems
      .filter((p) => resolve(p.file) === tempCopy)
      .map((p) => ({ ...p, file }))
      // the temp course.yaml only lists the file-name id; a file whose id differs is already told so
      .filter((p) => !/is not listed in any unit/.test(p.message));
    const scenario = r.course?.scenarios[0];
    if (scenario) return { scenario: { ...scenario, file }, problems: [] };
    if (!problems.length) problems.push({ file, line: 1, column: 1, message: r.problems.map((p) => p.message).join('; ') || 'could not be loaded on its own' });
    return { scenario: null, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function loadScenariosForMaps(root = 'scenarios'): MapSource {
  const r = loadCourse(root);
  if (r.course) return { scenarios: r.course.scenarios, courseProblems: [], problems: [] };
  const order = courseOrder(root);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const ids = Object.keys(r.files).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const inFiles = new Set(Object.values(r.files).map((f) => resolve(f)));
  const scenarios: Scenario[] = [];
  const problems: Problem[] = [];
  for (const id of ids) {
    const one = loadScenarioFile(root, r.files[id]);
    if (one.scenario) scenarios.push(one.scenario);
    problems.push(...one.problems);
  }
  // what is left is about the course as a whole (course.yaml, guidance.yaml, listing)
  const crossFile = /is not listed in any unit|but course\.yaml lists it|unknown unit|duplicate scenario id/;
  const courseProblems = r.problems.filter((p) => !inFiles.has(resolve(p.file)) || crossFile.test(p.message));
  return { scenarios, courseProblems, problems };
}
