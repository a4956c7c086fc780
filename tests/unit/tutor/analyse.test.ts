/**
 * The cohort insight on the real exports. Figures that depend on the course (scores, verdicts,
 * citations) are computed here from the course data with the engine, so the tests hold when
 * scenarios are added; the fixture's own facts (who played what, the LMS's scores for the 17
 * scenarios it was recorded with) are checked against the fixture README.
 */
import { describe, expect, it } from 'vitest';
import { courseState } from '../../../src/lib/engine/score';
import { interactionId } from '../../../src/lib/lms/cmi';
import { readFiles, summarise } from '../../../src/lib/tutor/index';
import { attemptRuleOf, DEFAULT_ATTEMPT_RULE } from '../../../src/lib/tutor/course';
import type { Course } from '../../../src/lib/course/types';
import { cohortRows, course, fixture, haveFixtures } from './fixtures';

const COHORT = 'interactions-scorm12-cohort.txt';
const ELLIE = 'Ellie Marsh';
const enc = (s: string) => new TextEncoder().encode(s);
const cohortText = () => new TextDecoder().decode(fixture(COHORT).bytes);

/** The 17 scenarios the fixtures were recorded with: every scenario some learner met. */
function recordedScenarios(): string[] {
  const ids = new Set<string>();
  for (const recs of cohortRows().values()) for (const r of recs) ids.add(r.id.split('.')[0]);
  return [...ids];
}

/** A learner's path per scenario straight from the rows (for learners who replayed nothing). */
function pathsOf(recs: { id: string; response: string }[]): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const r of recs) (paths[r.id.split('.')[0]] ??= []).push(r.response);
  return paths;
}

describe.skipIf(!haveFixtures)('cohort insight from the 1.2 Interactions report', () => {
  const c = course();
  const reading = readFiles(c, [fixture(COHORT)]);
  const x = reading.insight!;
  const s = summarise(x);

  it('counts learners and records as exported, replays included, the tutor left out', () => {
    expect(reading.errors).toEqual([]);
    expect(s.learners).toBe(8);
    expect(s.decisions).toBe(391);
    expect(Object.keys(s.byLearner).sort()).toEqual(['Aisha Rahman', 'Ben Carter', 'Chloe Nguyen', 'Daniel Okoro', ELLIE, 'Farid Haddad', 'Grace Whitfield', 'Harry Lindqvist']);
    for (const [name, recs] of cohortRows()) {
      if (name === 'Tu Tor') expect(s.byLearner[name]).toBeUndefined();
      else expect(s.byLearner[name].decisions, name).toBe(recs.length);
    }
    expect(x.notices.some((n) => /Tu Tor \(not attempted\)/.test(n.text))).toBe(true);
  });

  it("Ellie Marsh's replays are practice: the first finished play of each scenario counts", () => {
    expect(DEFAULT_ATTEMPT_RULE).toBe('first');
    expect(attemptRuleOf(c)).toBe((c as Course & { scoredAttempt?: string }).scoredAttempt ?? 'first');
    const e = s.byLearner[ELLIE];
    expect(e.decisions).toBe(58);
    expect(e.counted).toBe(52);
    expect(e.practice).toBe(6);
    expect(s.practice).toBe(6);
    expect(s.counted).toBe(385);
    const ellie = x.learners.find((l) => l.key === ELLIE)!;
    expect(ellie.replayed.sort()).toEqual(['business-page-review', 'offline-client']);
    expect(x.notices.some((n) => n.text.startsWith(`${ELLIE} replayed 2 scenarios`))).toBe(true);
  });

  it('scores each learner with the engine; the points behind the score are the ones Moodle recorded', () => {
    const scope = recordedScenarios();
    expect(scope).toHaveLength(17);
    const scoped = readFiles(c, [fixture(COHORT)], { scenarios: scope }).insight!;
    const recorded = Object.fromEntries(cohortText().trimEnd().split('\n').slice(1).map((l) => l.split('\t')).map((cells) => [cells[0].replace(/"/g, ''), cells[5]]));
    // The fixtures were recorded by an earlier course version, whose 1.2 percentage was
    // (raw − min) ÷ (max − min) with unfinished scenarios counted at their minimum. Put through that
    // formula, the points the engine gives each learner's choices are the grade Moodle stored.
    const then = (raw: number, min: number, max: number) => Math.round(((raw - min) / (max - min)) * 100);
    for (const [name, recs] of cohortRows()) {
      if (name === 'Tu Tor' || name === ELLIE) continue;
      // the page's figure is the engine's, over the whole course as it is now
      const whole = courseState(c, { paths: pathsOf(recs) });
      expect(s.byLearner[name].scorePercent, name).toBe(Math.round(whole.score.scaled * 100));
      const st = courseState(c, { paths: pathsOf(recs) }, scope);
      const l = scoped.learners.find((q) => q.key === name)!;
      expect(l.points, name).toEqual({ raw: st.score.raw, min: st.score.min, max: st.score.max });
      const unfinishedMin = st.scenarios.filter((q) => !q.done).reduce((n, q) => n + q.score.min, 0);
      expect(then(l.points.raw + unfinishedMin, l.points.min, l.points.max), name).toBe(Number(recorded[name]));
    }
    // Ellie: the README's "finished at 61 %" is her first plays; Moodle holds 68, her replays having replaced them
    const ellie = scoped.learners.find((q) => q.key === ELLIE)!;
    expect(ellie.finished).toBe(17);
    expect(then(ellie.points.raw, ellie.points.min, ellie.points.max)).toBe(61);
    expect(ellie.lmsScores).toEqual(['68']);
    const best = readFiles(c, [fixture(COHORT)], { scenarios: scope, rule: 'best' }).insight!.learners.find((q) => q.key === ELLIE)!;
    expect(then(best.points.raw, best.points.min, best.points.max)).toBe(68);
    expect(best.points.raw).toBeGreaterThan(ellie.points.raw);
    expect(x.learners.find((l) => l.key === ELLIE)!.lmsNote).toMatch(/^The LMS recorded 68/);
    // Harry stopped after unit 1
    expect(s.byLearner['Harry Lindqvist'].finished).toBe(7);
  });

  it('choices: every counted answer, by option, at the decision it was made', () => {
    const expected: Record<string, Record<string, number>> = {};
    for (const [name, recs] of cohortRows()) {
      if (name === 'Tu Tor' || name === ELLIE) continue;
      for (const r of recs) (expected[r.id] ??= {})[r.response] = (expected[r.id]?.[r.response] ?? 0) + 1;
    }
    const ellie = cohortRows().get(ELLIE)!.slice(0, 52); // her replays came after all 17 scenarios
    for (const r of ellie) (expected[r.id] ??= {})[r.response] = (expected[r.id]?.[r.response] ?? 0) + 1;
    expect(s.choices).toEqual(Object.fromEntries(Object.keys(expected).sort().map((k) => [k, expected[k]])));
    expect(Object.keys(s.choices)).toHaveLength(69);
  });

  it('items: met = learners at a decision citing it in any option; missed = learners choosing a poor or harmful option citing it', () => {
    const byId = new Map<string, { node: (typeof c.scenarios)[number]['nodes'][number] }>();
    for (const sc of c.scenarios) for (const n of sc.nodes) if (n.kind === 'decision') byId.set(interactionId({ scenarioId: sc.id, decisionId: n.id }), { node: n });
    const met = new Map<string, Set<string>>();
    const missed = new Map<string, Set<string>>();
    for (const [name, all] of cohortRows()) {
      if (name === 'Tu Tor') continue;
      const recs = name === ELLIE ? all.slice(0, 52) : all;
      for (const r of recs) {
        const node = byId.get(r.id)!.node;
        if (node.kind !== 'decision') throw new Error('not a decision');
        for (const o of node.options) for (const g of o.citations) met.set(g, (met.get(g) ?? new Set()).add(name));
        const chosen = node.options.find((o) => o.id === r.response)!;
        if (chosen.verdict === 'poor' || chosen.verdict === 'harmful') for (const g of chosen.citations) missed.set(g, (missed.get(g) ?? new Set()).add(name));
      }
    }
    expect(Object.keys(s.items).sort()).toEqual([...met.keys()].sort());
    for (const [g, who] of met) expect(s.items[g], g).toEqual({ met: who.size, missed: missed.get(g)?.size ?? 0 });
  });

  it('per decision: option texts and verdicts from the course, the most tempting poor choice marked', () => {
    for (const d of x.decisionsMet) {
      const sc = c.scenarios.find((q) => q.id === d.scenarioId)!;
      const node = sc.nodes.find((n) => n.id === d.decisionId)!;
      if (node.kind !== 'decision') throw new Error('not a decision');
      expect(d.options.map((o) => [o.id, o.text, o.verdict, o.points])).toEqual(node.options.map((o) => [o.id, o.text, o.verdict, o.points]));
      expect(d.options.reduce((n, o) => n + o.count, 0)).toBe(d.answered);
      const poor = d.options.filter((o) => (o.verdict === 'poor' || o.verdict === 'harmful') && o.count > 0);
      if (!poor.length) expect(d.tempting).toBeNull();
      else expect(d.options.find((o) => o.id === d.tempting)!.count).toBe(Math.max(...poor.map((o) => o.count)));
    }
    // most poor or harmful answers first
    const ph = x.decisionsMet.map((d) => d.poorOrHarmful);
    expect(ph).toEqual([...ph].sort((a, b) => b - a));
  });

  it('next seminar: the three most-missed items, the scenarios where they were missed, choices not repeated', () => {
    expect(x.seminar).toHaveLength(3);
    const top = Math.max(...x.items.map((i) => i.missed));
    expect(x.seminar[0].item.missed).toBe(top);
    const shown = x.seminar.flatMap((t) => t.points.map((p) => `${p.decision}/${p.option.id}`));
    expect(new Set(shown).size).toBe(shown.length);
    for (const t of x.seminar) {
      expect(t.scenarios.length).toBeGreaterThan(0);
      for (const p of t.points) {
        expect(['poor', 'harmful']).toContain(p.option.verdict);
        expect(p.option.citations).toContain(t.item.id);
        expect(p.option.count).toBeGreaterThan(0);
        expect(p.best.every((b) => b.verdict === 'best')).toBe(true);
        expect(t.scenarios.map((sc) => sc.title)).toContain(p.scenarioTitle);
      }
    }
    expect(s.seminar).toEqual(x.seminar.map((t) => t.item.id));
  });

  it('per learner: weakest themes are below full marks, weakest first', () => {
    for (const l of x.learners) {
      const r = l.weakestThemes.map((t) => t.earned / t.possible);
      expect(r).toEqual([...r].sort((a, b) => a - b));
      expect(r.every((v) => v < 1)).toBe(true);
    }
    expect(x.learners.find((l) => l.key === 'Aisha Rahman')!.weakestThemes).toEqual([]);
  });

  it('the same figures from the .xlsx and .ods downloads', () => {
    for (const f of ['interactions-scorm12-cohort.xlsx', 'interactions-scorm12-cohort.ods']) {
      const other = summarise(readFiles(c, [fixture(f)]).insight!);
      expect({ ...other, files: [], notices: [] }).toEqual({ ...s, files: [], notices: [] });
    }
  });
});

describe.skipIf(!haveFixtures)('messy input', () => {
  const c = course();
  const base = summarise(readFiles(c, [fixture(COHORT)]).insight!);

  it('verdicts never come from the result column: neutral, numeric or missing results give the same figures', () => {
    for (const replacement of ['neutral', '0.5', '', 'incorrect']) {
      const changed = cohortText().replace(/\t(correct|wrong)(?=\t|\n)/g, `\t${replacement}`);
      const s = summarise(readFiles(c, [{ name: COHORT, bytes: enc(changed) }]).insight!);
      expect(s, replacement).toEqual(base);
    }
  });

  it('ids from another course version: a notice, and what still fits is read', () => {
    const changed = cohortText()
      .replace(/\tfriend-request\.respond\t/g, '\told-scenario.respond\t') // a scenario this version lacks
      .replace(/(client-blog\.invitation\t)a/g, '$1z'); // an option it lacks
    const r = readFiles(c, [{ name: 'old.txt', bytes: enc(changed) }]);
    expect(r.errors).toEqual([]);
    const x = r.insight!;
    expect(x.learners).toHaveLength(8);
    expect(x.decisions).toBe(391);
    const texts = x.notices.map((n) => n.text).join('\n');
    expect(texts).toMatch(/1 decision id in the file is not in this version of the course \(version \d+\): old-scenario\.respond/);
    expect(texts).toMatch(/client-blog\.invitation → "z"/);
    expect(texts).toMatch(/no longer follow the scenario/);
    const inv = x.decisionsMet.find((d) => d.id === 'client-blog.invitation')!;
    expect(inv.unknownOptions.find((o) => o.id === 'z')!.count).toBeGreaterThan(0);
    for (const l of x.learners) expect(l.unreadable, l.key).toBeGreaterThan(0);
    // the rest still counts: a learner's scenarios other than the two touched score as before
    expect(summarise(x).choices['closed-group-case.draft']).toEqual(base.choices['closed-group-case.draft']);
  });

  it('best answers recorded by an older course version are pointed out', () => {
    const changed = cohortText().replace(/(friend-request\.respond\t[a-d]\t)c\t/g, '$1a\t');
    const x = readFiles(c, [{ name: 'v0.txt', bytes: enc(changed) }]).insight!;
    expect(x.notices.some((n) => /recorded other best answers .*friend-request\.respond: recorded a, now c/.test(n.text))).toBe(true);
  });

  it('a second Moodle attempt replays every scenario: under "first" the first attempt counts', () => {
    const lines = cohortText().trimEnd().split('\n');
    const grace = lines.find((l) => l.startsWith('"Grace Whitfield"'))!;
    const aisha = lines.find((l) => l.startsWith('"Aisha Rahman"'))!;
    // Grace's second attempt plays Aisha's choices
    const again = [grace.split('\t').slice(0, 7), aisha.split('\t').slice(7)].flat();
    again[2] = '2';
    const text = [lines[0], grace, again.join('\t')].join('\n') + '\n';
    const first = summarise(readFiles(c, [{ name: 'two.txt', bytes: enc(text) }]).insight!);
    expect(first.learners).toBe(1);
    expect(first.byLearner['Grace Whitfield']).toMatchObject({ decisions: 104, counted: 52, practice: 52, scorePercent: base.byLearner['Grace Whitfield'].scorePercent });
    const best = summarise(readFiles(c, [{ name: 'two.txt', bytes: enc(text) }], { rule: 'best' }).insight!);
    expect(best.byLearner['Grace Whitfield'].scorePercent).toBe(base.byLearner['Aisha Rahman'].scorePercent);
  });

  it('a partial attempt is scored as far as it goes', () => {
    const harry = summarise(readFiles(c, [fixture(COHORT)]).insight!).byLearner['Harry Lindqvist'];
    // the fixture was recorded when client-care was the first unit: Harry finished all of it and nothing else
    const clientCare = c.units.find((u) => u.id === 'client-care')!.scenarios.length;
    expect(harry.finished).toBe(clientCare);
    expect(harry.passed).toBe(false);
  });

  it('Track details: several files are several learners; a file repeating a learner is read once', () => {
    const r = readFiles(c, [fixture('trackdetails-scorm2004-daniel-okoro.csv'), fixture('trackdetails-scorm12-ellie-marsh.json')]);
    const s = summarise(r.insight!);
    expect(s.learners).toBe(2);
    expect(s.decisions).toBe(110);
    expect(Object.keys(s.byLearner)).toEqual(['trackdetails-scorm2004-daniel-okoro', 'trackdetails-scorm12-ellie-marsh']);
    expect(s.byLearner['trackdetails-scorm12-ellie-marsh'].scorePercent).toBe(base.byLearner[ELLIE].scorePercent);
    const both = readFiles(c, [fixture(COHORT), fixture('trackdetails-scorm12-ellie-marsh.csv')]).insight!;
    expect(both.learners).toHaveLength(8);
    expect(both.notices.some((n) => /holds the same decisions as Ellie Marsh/.test(n.text))).toBe(true);
  });

  it('SCORM 2004 Track details: the engine gives the points Moodle stored', () => {
    const x = readFiles(c, [fixture('trackdetails-scorm2004-daniel-okoro.json')], { scenarios: recordedScenarios() }).insight!;
    const d = x.learners[0];
    expect(d.lmsScores).toEqual(['119 of 156']);
    expect(d.points).toEqual({ raw: 119, min: 17, max: 156 });
    expect(d.lmsNote).toBe('');
  });

  it('files that cannot be used are reported and the others still count', () => {
    const r = readFiles(c, [fixture(COHORT), fixture('basic-scorm12-cohort.txt'), { name: 'x.csv', bytes: enc('a,b\n1,2\n') }]);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^basic-scorm12-cohort\.txt: /);
    expect(r.errors[1]).toMatch(/^x\.csv: this is not a Moodle SCORM interactions export/);
    expect(r.insight!.learners).toHaveLength(8);
    const none = readFiles(c, [fixture('interactions-scorm2004-cohort.txt')]);
    expect(none.insight).toBeNull();
    expect(none.errors[0]).toMatch(/Track details/);
  });
});
