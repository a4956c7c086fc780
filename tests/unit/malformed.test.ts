/**
 * Every malformed fixture is rejected with the expected message at the expected line and column:
 * tests/fixtures/bad (one scenario file each), tests/fixtures/encoding, tests/fixtures/course (whole
 * scenarios/ folders), and generated ones for the size limits.
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { loadCourse } from '../../src/lib/content/load';
import { allPaths, analyseScenario } from '../../src/lib/engine/analysis';
import { ScenarioRun } from '../../src/lib/engine/run';
import { scenarioState } from '../../src/lib/engine/score';
import { tempContent } from './helpers';

const dir = 'tests/fixtures/bad';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('malformed scenario files', () => {
  it('has at least 20 fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it('the valid base they are made from has no problem', () => {
    const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/good/demo.yaml', 'utf8') }));
    expect(r.errors).toEqual([]);
    expect(r.scenarios).toBe(1);
  });

  for (const f of fixtures) {
    it(f, () => {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      // the first line: "# what is wrong | expect: line:col message [| expect: line:col message …]"
      const wants = [...text.split('\n')[0].matchAll(/\| expect: (\d+):(\d+) (.+?)(?=\s+\| expect: |$)/g)];
      expect(wants.length, `${f} needs an "| expect: line:col message" header`).toBeGreaterThan(0);
      const r = checkContent(tempContent({ demo: text }));
      expect(r.course).toBeNull();
      for (const [, line, column, message] of wants) {
        const hit = r.errors.find((e) => e.file.endsWith('demo/demo.yaml') && e.line === Number(line) && e.column === Number(column) && e.message.includes(message));
        expect(hit, `expected ${line}:${column} "${message}" in:\n${r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n')}`).toBeTruthy();
      }
    });
  }
});

describe('course-level problems', () => {
  const good = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
  it('reports a scenario listed in course.yaml with no file, at its line', () => {
    const d = tempContent({ demo: good });
    const course = readFileSync(`${d}/course.yaml`, 'utf8').replace('[demo]', '[demo, ghost]');
    writeFileSync(`${d}/course.yaml`, course);
    const r = checkContent(d);
    expect(r.errors).toContainEqual(expect.objectContaining({ line: 8, message: expect.stringContaining('no scenario file has id "ghost"') }));
  });
  it('reports a file whose id differs from its name, and a duplicate scenario id', () => {
    const r = checkContent(tempContent({ demo: good, other: good }));
    expect(r.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('duplicate scenario id "demo"'), expect.stringContaining('must match its file name')]),
    );
  });
  it('reports a scenario whose unit does not match its folder', () => {
    const r = checkContent(tempContent({ demo: good.replace('unit: demo', 'unit: elsewhere') }));
    expect(r.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringContaining('does not match the folder "demo"')]));
  });
  it('reports every problem at once, not just the first', () => {
    const semantic = good.replace('next: first', 'next: frist').replace('cite: [G-3.4-a]', 'cite: [G-3.4-z]');
    expect(checkContent(tempContent({ demo: semantic })).errors.length).toBe(2);
    const broken = good.replace('points: 0', 'points: 12').replace('minutes: 3', 'minutes: x');
    const r = checkContent(tempContent({ demo: broken }));
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
  });
});

describe('encodings and empty files', () => {
  const dir = 'tests/fixtures/encoding';
  const expected = JSON.parse(readFileSync(`${dir}/expect.json`, 'utf8')) as Record<string, { line: number; column: number; message: string } | null>;
  it('has a fixture for every kind: legacy encoding, UTF-16 with and without a byte order mark, NUL, empty', () =>
    expect(Object.keys(expected).sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()));
  for (const [f, want] of Object.entries(expected))
    it(f, () => {
      const content = tempContent({ demo: '' });
      copyFileSync(`${dir}/${f}`, join(content, 'demo', 'demo.yaml'));
      const r = checkContent(content);
      if (!want) return expect(r.errors).toEqual([]);
      // one problem, where the file goes wrong: no second, misleading one ("required field is missing", "not listed")
      expect(r.errors.map((e) => ({ line: e.line, column: e.column, message: e.message.slice(0, want.message.length) }))).toEqual([want]);
    });
});

describe('course-structure problems across files', () => {
  const dir = 'tests/fixtures/course';
  const cases = readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory());
  it('has the five kinds: wrong folder, empty unit, duplicate unit ids, duplicate guidance ids, section against id', () =>
    expect(cases).toEqual(expect.arrayContaining(['wrong-folder', 'empty-unit', 'duplicate-unit-ids', 'duplicate-guidance-ids', 'guidance-section-mismatch'])));
  for (const c of cases)
    it(c, () => {
      const r = checkContent(join(dir, c));
      expect(r.course).toBeNull();
      const got = r.errors.map((e) => `${relative(join(dir, c), e.file)}:${e.line}:${e.column} ${e.message}`);
      for (const want of readFileSync(join(dir, c, 'expect.txt'), 'utf8').trim().split('\n'))
        expect(got.some((g) => g.startsWith(want)), `expected "${want}" in:\n${got.join('\n')}`).toBe(true);
    });
});

describe('every problem at once', () => {
  it('counts the decisions of a file that has errors (not "0 decisions")', () => {
    const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/bad/every-problem-at-once.yaml', 'utf8') }));
    expect(r.errors).toHaveLength(2);
    expect(r.decisions).toBe(3);
  });
  it('analyses every scenario that compiles, even when another file has errors', () => {
    const good = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
    const looped = readFileSync('tests/fixtures/bad/points-loop.yaml', 'utf8').replace('id: demo', 'id: looped');
    const broken = good.replace('id: demo', 'id: broken').replace('minutes: 3', 'minutes: x');
    const r = checkContent(tempContent({ looped, broken }));
    expect(r.errors.map((e) => `${e.file.split('/').pop()}:${e.line} ${e.message.slice(0, 40)}`)).toEqual([
      'broken.yaml:6 minutes: Invalid input: expected number,',
      'looped.yaml:48 a learner can come back to node "talk" w',
    ]);
  });
});

describe('loops', () => {
  it('a loop a learner can go round for ever is reported as a loop, wherever it is entered, never as "no way to an ending"', () => {
    const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/bad/loop-entered-inside.yaml', 'utf8') }));
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^a learner can come back to node "second-late"/)]);
  });
  it('the engine would let points pile up round such a loop: that is what the check prevents', () => {
    const s = loadCourse(tempContent({ demo: readFileSync('tests/fixtures/bad/points-loop.yaml', 'utf8') })).scenarios[0];
    const a = analyseScenario(s);
    const run = new ScenarioRun(s, () => 0);
    run.skipScenes();
    run.choose('a');
    for (let i = 0; i < 20; i++) (run.skipScenes(), run.choose('b'));
    expect(run.points).toBeGreaterThan(a.max);
  });
  it('a way back that sets a flag and is offered only while it is unset is no loop, and the maximum counts it once; meeting the decision twice is still refused', () => {
    const demo = readFileSync('tests/fixtures/good/demo.yaml', 'utf8').replace(
      '        cite: [G-3.3-a]\n  - id: second-late',
      '        cite: [G-3.3-a]\n      - id: d\n        text: Ask for a moment to think.\n        when: { none: [paused] }\n        next: talk\n        points: 1\n        verdict: poor\n        sets: [paused]\n        consequence: You pause.\n        feedback: A pause is fine, once.\n        cite: [G-3.3-b]\n  - id: second-late',
    );
    const r = checkContent(tempContent({ demo }));
    // the ending lists one choice per decision, and the record keeps one answer per decision
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([expect.stringMatching(/^55:9 one path can meet decision "second" twice \(second → talk → second\)/)]);
    const s = loadCourse(tempContent({ demo })).scenarios[0];
    const a = analyseScenario(s);
    expect(a.loops).toEqual([]);
    // a, then d (1) and round again to second's a (3): 3 + 1 + 3
    expect(a.max).toBe(7);
    expect(Math.max(...allPaths(s).map((p) => scenarioState(s, p).score.raw))).toBe(7);
  });
});

describe('size limits', () => {
  const good = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
  it('rejects a 184,000-character option, at the option text, saying the limit', () => {
    const r = checkContent(tempContent({ demo: good.replace('text: Accept it.', `text: ${'Accept it. '.repeat(16_728).trim()}`) }));
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual(['33:15 nodes[1].options[1].text: is 184,007 characters long: keep it to 300 or fewer']);
  });
  it('rejects a 20 MB file before reading it', () => {
    const dir = tempContent({ demo: good });
    writeFileSync(join(dir, 'demo', 'demo.yaml'), good + `# ${'x'.repeat(20 * 1024 * 1024)}\n`);
    const r = checkContent(dir);
    expect(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([expect.stringMatching(/^1:1 the file is 20\.0 MB: a content file may be at most 256 KB/)]);
  });
});

describe('Markdown in content', () => {
  it('a link whose URL holds stars keeps its URL whole in the compiled course', () => {
    const good = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
    const r = checkContent(tempContent({ demo: good.replace('feedback: Clear and kind.', 'feedback: Clear and kind; see [the guide](https://example.org/*draft*/guide).') }));
    expect(r.errors).toEqual([]);
    const second = r.course!.scenarios[0].nodes.find((n) => n.id === 'second')!;
    expect(second.kind === 'decision' && second.options[0].feedback).toBe(
      '<p>Clear and kind; see <a href="https://example.org/*draft*/guide" rel="noopener noreferrer" target="_blank">the guide</a>.</p>',
    );
  });
});
