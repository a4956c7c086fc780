/**
 * The course in pieces (src/lib/course/split.ts): an index for start-up and one classic-script file
 * per scenario. Put back together they are the course the build checked, to the byte of JSON; the
 * engine scores every path the same on both; the index holds no scenario's play fields.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { courseJson, forPlayer } from '../../src/lib/content/build';
import { checkContent } from '../../src/lib/content/check';
import { PLAY_FIELDS, SCENARIO_CALLBACK, splitCourse, type ScenarioContent } from '../../src/lib/course/split';
import type { Course, Scenario } from '../../src/lib/course/types';
import { allPaths } from '../../src/lib/engine/analysis';
import { courseState } from '../../src/lib/engine/score';
import { encodeProgress, scenarioIdsIn } from '../../src/lib/engine/progress';

const r = checkContent('scenarios');
const course = r.course as Course;
for (const s of course.scenarios) Object.assign(s, { score: { min: r.analysis[s.id].min, max: r.analysis[s.id].max }, bestPath: r.analysis[s.id].bestPath });
for (const s of course.scenarios) delete s.file;

/** Runs a scenario file the way a browser would, catching what it hands to the callback. */
function run(source: string): { id: string; content: ScenarioContent } {
  let got: { id: string; content: ScenarioContent } | null = null;
  runInNewContext(source, { [SCENARIO_CALLBACK]: (id: string, content: ScenarioContent) => (got = { id, content }) });
  if (!got) throw new Error('the file did not call back');
  return got;
}

describe('splitCourse', () => {
  const { index, files } = splitCourse(course);

  it('keeps every play field and the guidance out of the index, and names one file per scenario', () => {
    expect(index.scenarios.map((s) => s.id)).toEqual(course.scenarios.map((s) => s.id));
    expect('guidance' in index).toBe(false);
    for (const s of index.scenarios) for (const f of PLAY_FIELDS) expect(s, `${s.id}.${f}`).not.toHaveProperty(f);
    expect(files.map((f) => f.path)).toEqual(index.scenarios.map((s) => s.content));
    for (const f of files) expect(f.path).toMatch(new RegExp(`^content/${f.scenarioId}\\.[a-z0-9]+\\.js$`));
    // the index is a small fraction of the course
    expect(JSON.stringify(index).length).toBeLessThan(JSON.stringify(course).length / 8);
  });

  it('puts each scenario back together exactly, with the guidance its options cite', () => {
    const back: Course = { ...course, scenarios: [], guidance: course.guidance };
    for (const f of files) {
      const { id, content } = run(f.source);
      expect(id).toBe(f.scenarioId);
      const card = index.scenarios.find((s) => s.id === id)!;
      const { content: _path, ...rest } = card;
      const { guidance, ...play } = content;
      const original = course.scenarios.find((s) => s.id === id)!;
      const whole = { ...rest, ...play } as Scenario;
      expect(JSON.stringify(Object.fromEntries(Object.entries(whole).sort()))).toBe(JSON.stringify(Object.fromEntries(Object.entries(original).sort())));
      const cited = new Set(original.nodes.flatMap((n) => (n.kind === 'decision' ? n.options.flatMap((o) => o.citations) : [])));
      expect(guidance.map((g) => g.id).sort()).toEqual([...cited].sort());
      back.scenarios.push(whole);
    }
    // the engine gives the same state for the longest path of every scenario on both
    const paths = Object.fromEntries(course.scenarios.map((s) => [s.id, allPaths(s).reduce((a, b) => (b.length > a.length ? b : a), [])]));
    expect(courseState(back, { paths })).toEqual(courseState(course, { paths }));
  });

  it('names a file by its content: a change to a scenario renames its file only', () => {
    const changed = structuredClone(course);
    const d = changed.scenarios[0].nodes.find((n) => n.kind === 'decision')!;
    if (d.kind === 'decision') d.prompt += ' (revised)';
    const again = splitCourse(changed).files;
    expect(again[0].path).not.toBe(files[0].path);
    expect(again.slice(1).map((f) => f.path)).toEqual(files.slice(1).map((f) => f.path));
  });

  it('escapes what would end a JS string early', () => {
    const odd = structuredClone(course);
    const s = odd.scenarios[0].nodes.find((n) => n.kind === 'scene')!;
    const text = 'quote " backslash \\ line\u2028separator\u2029 </script>';
    if (s.kind === 'scene') s.text = text;
    const f = splitCourse(odd).files[0];
    expect(f.source).not.toMatch(/[\u2028\u2029]/);
    expect(run(f.source).content.nodes.find((n) => n.id === s.id)).toMatchObject({ text });
  });
});

describe('scenarioIdsIn', () => {
  it('lists the scenarios a progress code names, in format 1 and in format 2', () => {
    const code = encodeProgress(course, { paths: { 'friend-request': ['a'], 'client-blog': ['b', 'c'] } });
    expect(new Set(scenarioIdsIn(code))).toEqual(new Set(['friend-request', 'client-blog']));
    expect(scenarioIdsIn('2~3~k1~friend-request:a.b/c;one-account:d~0abcdef')).toEqual(['friend-request', 'one-account']);
    // format 2 with a seed: the plays that count and the plays in progress (a replay after a counted play too)
    const two = encodeProgress(course, { paths: { 'client-blog': ['b'], 'friend-request': [] }, scored: { 'friend-request': ['a', 'c'], 'one-account': ['d'] }, seed: 123456789 });
    expect(new Set(scenarioIdsIn(two))).toEqual(new Set(['friend-request', 'client-blog', 'one-account']));
    expect(scenarioIdsIn('')).toEqual([]);
    expect(scenarioIdsIn('nonsense')).toEqual([]);
  });
});

it('the course as the build hands it to the player (portraits, reading time, maps) splits into one file per scenario', async () => {
  // built here, as scripts/build-content.ts does, so the test needs no earlier build
  const built = await forPlayer(courseJson(checkContent('scenarios')));
  const { files } = splitCourse(built);
  expect(files.length).toBe(built.scenarios.length);
  expect(files.map((f) => run(f.source).id).sort()).toEqual(built.scenarios.map((s) => s.id).sort());
});
