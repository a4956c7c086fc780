/**
 * The gates and warnings of check:scenarios (issue 9 §1.2, §1.4, §2, §7; issue 10 §1) on small
 * libraries: tests/fixtures/library passes every gate, and each variant below breaks one thing.
 * Per-file rules (verdict–points, unread flags) use tests/fixtures/gates/, made from the demo.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { runGates } from '../../src/lib/content/gates';
import { cautiousScore, hedgeScore } from '../../src/lib/content/testwise';
import { ScenarioRun } from '../../src/lib/engine/run';
import { courseState } from '../../src/lib/engine/score';
import type { Problem } from '../../src/lib/content/load';
import { tempContent } from './helpers';

const LIB = 'tests/fixtures/library';
const ALPHA = 'unit-a/alpha.yaml';
const BETA = 'unit-b/beta.yaml';

/** A copy of the passing library with some files edited. */
function library(edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'library-'));
  cpSync(LIB, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}
function measure(dir: string) {
  const r = checkContent(dir);
  expect(r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`)).toEqual([]);
  return { r, g: runGates(r) };
}
/** Edits the option whose text is `text`: the lines from its text to the next option or node. */
function option(text: string, edit: (block: string) => string) {
  return (yaml: string) => {
    const at = yaml.indexOf(`text: ${text}\n`);
    if (at < 0) throw new Error(`no option with text "${text}"`);
    const next = yaml.slice(at).search(/\n {2,6}- id:/);
    const end = next < 0 ? yaml.length : at + next;
    return yaml.slice(0, at) + edit(yaml.slice(at, end)) + yaml.slice(end);
  };
}
const rescore = (text: string, verdict: string, points: number) =>
  option(text, (b) => b.replace(/points: \d+/, `points: ${points}`).replace(/verdict: \w+/, `verdict: ${verdict}`));
const recite = (text: string, cite: string) => option(text, (b) => b.replace(/cite: \[.*\]/, `cite: [${cite}]`));
const retext = (text: string, to: string) => option(text, (b) => b.replace(`text: ${text}`, `text: ${to}`));
const all = (...edits: ((s: string) => string)[]) => (s: string) => edits.reduce((acc, e) => e(acc), s);
/** file name:line:column */
const where = (p: Problem) => `${p.file.split('/').pop()}:${p.line}:${p.column}`;
/** alpha d2's longest, most careful-sounding option */
const lengthy = 'I would perhaps explain that I might check our contract and policy with my supervisor, and probably discuss it another time.';

describe('a library built to pass every gate', () => {
  const { r, g } = measure(LIB);

  it('passes every gate with no warning', () => {
    expect(g.gates.map((x) => [x.name, x.passed])).toEqual([
      ['verdict-points', true],
      ['testwise', true],
      ['taught', true],
    ]);
    expect(g.warnings).toEqual([]);
  });

  it('keeps every test-wise policy far below the pass mark, with exact figures where nothing is drawn', () => {
    const { random, ...fixed } = g.testwise;
    // 6 decisions of 3 points: the policies take 2, 4 and 8 of the 18 points available
    expect(fixed).toEqual({
      longest: { meanScaled: 2 / 18, passRate: 0, runs: 1 },
      shortest: { meanScaled: 4 / 18, passRate: 0, runs: 1 },
      cautious: { meanScaled: 2 / 18, passRate: 0, runs: 1 },
      hedged: { meanScaled: 2 / 18, passRate: 0, runs: 1 },
      first: { meanScaled: 8 / 18, passRate: 0, runs: 1 },
      last: { meanScaled: 8 / 18, passRate: 0, runs: 1 },
    });
    // each decision offers 3, 2, 1 and 0 points: a random learner earns half on average
    expect(random.runs).toBe(1000);
    expect(random.meanScaled).toBeGreaterThan(0.46);
    expect(random.meanScaled).toBeLessThan(0.54);
    expect(random.passRate).toBeGreaterThan(0);
    expect(random.passRate).toBeLessThan(0.3);
  });

  it('gives the same random figure on every run (seeded)', () => {
    expect(runGates(checkContent(LIB)).testwise.random).toEqual(g.testwise.random);
  });

  it('scores a policy with the engine: "first" earns what courseState gives the first offered option everywhere', () => {
    const paths: Record<string, string[]> = {};
    const course = { ...r.course!, scenarios: r.course!.scenarios.map((s) => ({ ...s, score: { min: r.analysis[s.id].min, max: r.analysis[s.id].max } })) };
    for (const s of course.scenarios) {
      const run = new ScenarioRun(s);
      for (run.skipScenes(); !run.done; run.skipScenes()) run.choose(run.options[0].id);
      paths[s.id] = run.path;
    }
    expect(paths).toEqual({ alpha: ['a', 'a', 'a'], beta: ['a', 'a', 'a'] });
    expect(g.testwise.first.meanScaled).toBe(courseState(course, { paths }).score.scaled);
  });

  it('reports where the best option stands, per unit', () => {
    expect(g.positions).toEqual({
      'unit-a': { best: { 1: 0, 2: 1, 3: 1, 4: 1 }, decisions: 3 },
      'unit-b': { best: { 1: 1, 2: 1, 3: 1, 4: 0 }, decisions: 3 },
    });
  });

  it('reports per item the decisions that teach it and those that cite it', () => {
    expect(g.items).toEqual({
      'G-3.1-a': { taught: ['alpha.d3', 'beta.e2'], cited: ['alpha.d1', 'alpha.d3', 'beta.e2'] },
      'G-3.2-a': { taught: [], cited: ['alpha.d1', 'alpha.d2', 'alpha.d3', 'beta.e1', 'beta.e2', 'beta.e3'] },
      'G-3.4-a': { taught: ['alpha.d1', 'beta.e1'], cited: ['alpha.d1', 'beta.e1'] },
      'G-3.4-b': { taught: ['alpha.d2', 'beta.e3'], cited: ['alpha.d2', 'beta.e1', 'beta.e3'] },
      'G-6-a': { taught: [], cited: [] },
    });
    expect(g.untaught).toEqual({ failing: [], awareness: ['G-3.2-a'], exempt: ['G-6-a'] });
    expect(g.exemptions).toEqual({ 'G-6-a': 'Context for every decision in the library rather than a choice of its own.' });
  });
});

describe('the test-wise check', () => {
  it('counts cautious wording and hedges by word, not inside other words', () => {
    expect(cautiousScore('I would ask my supervisor, then talk it through and agree a plan.')).toBe(5);
    expect(cautiousScore('Asking, consultation, boundaries and a policy’s limits')).toBe(4);
    expect(cautiousScore('Planet notebook taskbar')).toBe(0);
    expect(hedgeScore("I'd perhaps try to wait, if she might agree, for now.")).toBe(6);
    expect(hedgeScore('I’d say so; justice is done; Mayfair.')).toBe(1);
  });

  const bestTexts: [string, string][] = [
    ['Decline it and name the reason in our next meeting.', ALPHA],
    ['Tell her plainly why you declined, then return to her.', ALPHA],
    ['Remove the tag from your page and mention it next time.', ALPHA],
    ['Reply from the college system and ask her to do the same.', BETA],
    ['Delete the email and tell her how to refer to clients.', BETA],
    ['"Say no: nothing about clients goes on a forum."', BETA],
  ];
  const careful = (t: string) =>
    `${t.replace(/^"|\.?"?$/g, '').replace(/:/g, ',')}, after I would perhaps consult my supervisor and probably talk it through carefully and gently with her for now, if she agrees, so that we might maybe discuss the boundaries of our contract together.`;

  it('fails when the best option is always the longest and most careful-sounding', () => {
    const inFile = (file: string) => all(...bestTexts.filter(([, f]) => f === file).map(([t]) => retext(t, careful(t))));
    const { g } = measure(library({ [ALPHA]: inFile(ALPHA), [BETA]: inFile(BETA) }));
    const gate = g.gates.find((x) => x.name === 'testwise')!;
    expect(gate.passed).toBe(false);
    expect(g.testwise.longest.meanScaled).toBe(1);
    expect(g.testwise.cautious.meanScaled).toBe(1);
    expect(g.testwise.hedged.meanScaled).toBe(1);
    expect(gate.failures.map((f) => f.message.match(/"(\w+)" policy/)![1])).toEqual(['longest', 'cautious', 'hedged']);
    // located at the pass mark in course.yaml
    expect(gate.failures.map(where)).toEqual(['course.yaml:8:11', 'course.yaml:8:11', 'course.yaml:8:11']);
    expect(gate.failures[0].message).toMatch(/scores 100% on average and passes 100% of its runs: its mean reaches the pass mark \(70%\)/);
  });

  it('warns, without failing, when a mean is below the pass mark but not below 55%', () => {
    // the first option of alpha's d1 and d2 becomes acceptable: "first" earns 10 of 18 points (56%)
    const { g } = measure(library({ [ALPHA]: all(rescore('Accept it.', 'acceptable', 2), rescore(lengthy, 'acceptable', 2)) }));
    expect(g.testwise.first.meanScaled).toBeCloseTo(10 / 18, 10);
    expect(g.gates.every((x) => x.passed)).toBe(true);
    expect(g.warnings.map((w) => `${where(w)} ${w.message}`)).toEqual([
      expect.stringMatching(/^course\.yaml:8:11 passMark: the "first" policy, .* scores 56% .* not below the 55% margin/),
    ]);
  });

  it('chooses only among the options offered: a hidden option is never taken, however long', () => {
    // alpha d2's acceptable option becomes the longest, most careful and best, but is offered only
    // once d1's best option has set its flag, which the "longest" policy never chooses at d1
    const text = 'Answer briefly and move on to her agenda.';
    const hidden = (guarded: boolean) =>
      library({
        [ALPHA]: all(
          retext(text, careful(text)),
          rescore(careful(text), 'best', 3),
          guarded ? option(careful(text), (b) => b.replace('\n', '\n        when: { all: [declined-early] }\n')) : (s) => s,
        ),
      });
    expect(measure(hidden(false)).g.testwise.longest.meanScaled).toBeCloseTo(4 / 18, 10);
    expect(measure(hidden(true)).g.testwise.longest.meanScaled).toBeCloseTo(2 / 18, 10);
  });
});

describe('position balance', () => {
  it('warns per unit when one position holds the best option in more than 40% of its decisions', () => {
    // in alpha, d2's and d3's best options move to position 2, where d1's already is
    const { g } = measure(
      library({
        [ALPHA]: all(
          rescore('Answer briefly and move on to her agenda.', 'best', 3),
          rescore('Tell her plainly why you declined, then return to her.', 'acceptable', 2),
          rescore('Leave the tag and say nothing.', 'best', 3),
          rescore('Remove the tag from your page and mention it next time.', 'acceptable', 2),
        ),
      }),
    );
    expect(g.positions['unit-a']).toEqual({ best: { 1: 0, 2: 3, 3: 0, 4: 0 }, decisions: 3 });
    expect(g.warnings.map((w) => `${where(w)} ${w.message}`)).toEqual([
      'course.yaml:10:9 units[0].id: unit "unit-a": position 2 holds the best option in 3 of 3 decisions (100%) in authored order; keep every position at 40% or less',
    ]);
    expect(g.gates.every((x) => x.passed)).toBe(true);
  });
});

/** Fixtures made from the demo, each with one change; the header names the finding and its place. */
describe('per-file rules on fixtures', () => {
  const demo = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
  const key = (p: Problem) => p.message;
  const base = checkContent(tempContent({ demo }));
  const fixtures = readdirSync('tests/fixtures/gates').filter((f) => f.endsWith('.yaml')).sort();
  it('has a fixture for each rule', () => expect(fixtures.length).toBeGreaterThanOrEqual(5));

  for (const f of fixtures)
    it(f, () => {
      const text = readFileSync(`tests/fixtures/gates/${f}`, 'utf8');
      const m = /expect (verdict-points|warning): (\d+):(\d+) (.+)$/.exec(text.split('\n')[0]);
      expect(m, `${f} needs an "expect <verdict-points|warning>: line:col message" header`).toBeTruthy();
      const [, kind, line, column, message] = m!;
      const r = checkContent(tempContent({ demo: text }));
      // a gate or a warning, never an error: the course still loads and builds
      expect(r.errors).toEqual([]);
      expect(r.course).not.toBeNull();
      const list = kind === 'warning' ? r.warnings : r.verdictPoints;
      const before = new Set((kind === 'warning' ? base.warnings : base.verdictPoints).map(key));
      const added = list.filter((p) => !before.has(key(p)));
      expect(added.map(key), `found:\n${list.map(key).join('\n')}`).toEqual([expect.stringContaining(message)]);
      expect(added[0]).toMatchObject({ line: Number(line), column: Number(column) });
      expect(added[0].file).toMatch(/demo\/demo\.yaml$/);
    });

  it('the verdict–points rule fails its gate and names the option’s points, file:line:column', () => {
    const { g } = measure(library({ [ALPHA]: rescore('Decline it without a word.', 'acceptable', 1) }));
    const gate = g.gates.find((x) => x.name === 'verdict-points')!;
    expect(gate.passed).toBe(false);
    expect(gate.failures.map((f) => `${where(f)} ${f.message}`)).toEqual([
      'alpha.yaml:22:17 nodes[1].options[0].points: points must follow the verdicts (best > acceptable > poor > harmful): this "poor" option scores 1, as much as or more than "acceptable" option d (1)',
    ]);
  });

  it('a flag read only by a node\'s "expects" is in use: no warning', () => {
    // e2 asserts it is never reached after "Forward it.", the option that sets the flag
    const { g } = measure(
      library({
        [BETA]: all(
          option('Forward it.', (b) => b.replace('cite: [G-3.1-a]', 'cite: [G-3.1-a]\n        sets: [forwarded]')),
          (s) => s.replace('  - id: e2\n    kind: decision\n', '  - id: e2\n    kind: decision\n    expects: { none: [forwarded] }\n'),
        ),
      }),
    );
    expect(readFileSync(join(LIB, BETA), 'utf8')).toContain('  - id: e2\n    kind: decision\n');
    expect(g.warnings).toEqual([]);
    expect(g.gates.every((x) => x.passed)).toBe(true);
  });

  it('an unread flag is a warning: every gate still passes', () => {
    const { g } = measure(library({ [BETA]: option('Forward it.', (b) => b.replace('cite: [G-3.1-a]', 'cite: [G-3.1-a]\n        sets: [forwarded]')) }));
    expect(g.gates.every((x) => x.passed)).toBe(true);
    expect(g.warnings.map((w) => `${where(w)} ${w.message}`)).toEqual([
      'beta.yaml:88:16 nodes[2].options[3].sets[0]: flag "forwarded" is set here but no "when" in this scenario reads it: let a later branch or option depend on it (or a node\'s "expects"), or remove it',
    ]);
  });
});

describe('items taught', () => {
  // G-3.1-a loses its poor and harmful citations in alpha d3 and beta e2, the decisions that taught it
  const untaught = all(recite('Like it.', 'G-3.2-a'), recite('I would wait and perhaps consult a colleague, then maybe ask her carefully if she might agree to talk it through with me.', 'G-3.2-a'));
  const untaughtBeta = all(
    recite('I would perhaps keep it for now and consult the data protection policy, then maybe discuss it with her supervisor if needed.', 'G-3.2-a'),
    recite('Forward it.', 'G-3.2-a'),
  );

  it('fails when a helpful, recommended or required item is never taught, located in guidance.yaml', () => {
    const { g } = measure(library({ [ALPHA]: untaught, [BETA]: untaughtBeta }));
    const gate = g.gates.find((x) => x.name === 'taught')!;
    expect(gate.passed).toBe(false);
    expect(gate.failures.map((f) => `${where(f)} ${f.message}`)).toEqual([
      'guidance.yaml:3:9 items[0].id: G-3.1-a (helpful) is never taught: no decision has a best option and a poor or harmful option that both cite it (cited at alpha.d1, alpha.d3, beta.e2); teach it, or give it "background: <reason>"',
    ]);
    expect(g.untaught.failing).toEqual(['G-3.1-a']);
    expect(g.items['G-3.1-a'].taught).toEqual([]);
  });

  it('an item exempted with background passes, and the report lists the reason', () => {
    const reason = 'Covered by the others in this library.';
    const { g } = measure(
      library({ [ALPHA]: untaught, [BETA]: untaughtBeta, 'guidance.yaml': (s) => s.replace('summary: A helpful item, taught in alpha.d3 and beta.e2.', `summary: A helpful item.\n    background: ${reason}`) }),
    );
    expect(g.gates.every((x) => x.passed)).toBe(true);
    expect(g.exemptions['G-3.1-a']).toBe(reason);
    expect(g.untaught.exempt).toEqual(['G-3.1-a', 'G-6-a']);
  });

  it('warns when an exempted item is taught after all', () => {
    const { g } = measure(library({ 'guidance.yaml': (s) => s.replace('summary: A required item, taught in alpha.d1 and beta.e1.', 'summary: A required item.\n    background: Thought to be context.') }));
    expect(g.gates.every((x) => x.passed)).toBe(true);
    expect(g.warnings.map((w) => `${where(w)} ${w.message}`)).toEqual([
      'guidance.yaml:24:17 items[2].background: G-3.4-a is taught now (alpha.d1, beta.e1): its exemption is no longer needed',
    ]);
  });

  it('a best option citing an item is not enough: with only an acceptable option citing it too, it is not taught', () => {
    const { g } = measure(
      library({ [ALPHA]: all(recite('Decline it without a word.', 'G-6-a'), recite('Decline it and name the reason in our next meeting.', 'G-3.4-a, G-6-a')) }),
    );
    expect(g.items['G-6-a']).toEqual({ taught: [], cited: ['alpha.d1'] });
    expect(g.untaught.exempt).toEqual(['G-6-a']);
  });
});
