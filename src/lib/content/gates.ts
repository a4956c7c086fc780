/**
 * The gates of `npm run check:scenarios`: measures that say whether the course, as written, tests
 * judgement and teaches the whole guidance. They run on a course that already loads with no error.
 *
 * Errors and gates are kept apart on purpose:
 * - An ERROR is content the player cannot play or the engine cannot record truthfully: invalid
 *   YAML or fields, a missing node, a dead end or loop, a "best" option that does not carry its
 *   decision's top points (the record's bestOptionIds and maxPoints would contradict the verdict
 *   shown). Errors stop `npm run build`, because nothing sound can be shipped or played.
 * - A GATE is content that plays and records correctly but does not yet measure what the course
 *   claims: a learner who ignores the situation could pass (test-wise), a point of practice is never
 *   at stake in a decision (taught items), or the points within a decision do not follow the
 *   verdicts (verdict–points). `check:scenarios` exits 1 and names the failed gate, but the build
 *   still builds, so writers can play and judge work in progress; a course that fails a gate is
 *   not ready to release, and the real-course test in tests/unit/coverage.test.ts says so.
 * The verdict–points rule sits with the gates, although it is a scoring rule, for that reason: the
 * engine's record stays true (points and verdict are both reported as written), and the course as
 * this check landed breaks it in 17 options whose verdicts the content writers are re-deciding
 * (issue 9 §2–3), so as an error it would stop every build and every browser test until then. Once the content holds
 * it, moving it to the errors is one line in check.ts (`errors` gets `verdictPoints`).
 *
 * Warnings (printed, in --json, never failing): flags set and never read, branches of a `next` that
 * no path takes (dead text, nine in the course as that rule landed: see check.ts), a unit whose best options
 * sit too often in one position, a test-wise mean above the target margin, an exemption that is no
 * longer needed.
 */
import type { CheckReport } from './check';
import type { Problem } from './load';
import { testwise, TESTWISE_TARGET, type Policy, type PolicyResult } from './testwise';

export type GateName = 'verdict-points' | 'testwise' | 'taught';

export interface Gate {
  name: GateName;
  passed: boolean;
  /** what fails it, each located in the file to change */
  failures: Problem[];
}

export interface ItemCoverage {
  /** "<scenario>.<decision>" where a best option and a poor or harmful option both cite the item */
  taught: string[];
  /** "<scenario>.<decision>" where any option cites it */
  cited: string[];
}

export interface UnitPositions {
  /** authored position (1-based) → decisions whose best option stands there */
  best: Record<string, number>;
  decisions: number;
}

export interface GateReport {
  passMark: number;
  gates: Gate[];
  warnings: Problem[];
  testwise: Record<Policy, PolicyResult>;
  positions: Record<string, UnitPositions>;
  items: Record<string, ItemCoverage>;
  /** guidance id → the reason guidance.yaml gives for not teaching it */
  exemptions: Record<string, string>;
  /** items never taught: gated ones (failing), awareness ones (not gated), exempt ones */
  untaught: { failing: string[]; awareness: string[]; exempt: string[] };
}

/** No position may hold the best option in more than this share of a unit's decisions. */
export const POSITION_MAX_SHARE = 0.4;
/** Items of these forces must be taught, unless exempted with `background`. */
export const TAUGHT_FORCES = ['helpful', 'recommended', 'required'] as const;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Where the best option stands, in authored order, per unit. */
export function positions(r: CheckReport): Record<string, UnitPositions> {
  const course = r.course!;
  const out: Record<string, UnitPositions> = {};
  for (const u of course.units) {
    const decisions = course.scenarios.filter((s) => s.unit === u.id).flatMap((s) => s.nodes.filter((n) => n.kind === 'decision'));
    const most = Math.max(0, ...decisions.map((d) => d.options.length));
    const best: Record<string, number> = Object.fromEntries(Array.from({ length: most }, (_, i) => [String(i + 1), 0]));
    for (const d of decisions) d.options.forEach((o, i) => o.verdict === 'best' && best[String(i + 1)]++);
    out[u.id] = { best, decisions: decisions.length };
  }
  return out;
}

/** Per guidance item, the decisions that teach it and the decisions that cite it. */
export function itemCoverage(r: CheckReport): Record<string, ItemCoverage> {
  const out: Record<string, ItemCoverage> = Object.fromEntries(r.course!.guidance.map((g) => [g.id, { taught: [], cited: [] }]));
  for (const s of r.course!.scenarios)
    for (const n of s.nodes) {
      if (n.kind !== 'decision') continue;
      const where = `${s.id}.${n.id}`;
      const citedBy = (verdicts: string[]) => new Set(n.options.filter((o) => verdicts.includes(o.verdict)).flatMap((o) => o.citations));
      const wrong = citedBy(['poor', 'harmful']);
      for (const id of citedBy(['best'])) if (wrong.has(id)) out[id]?.taught.push(where);
      for (const id of citedBy(['best', 'acceptable', 'poor', 'harmful'])) out[id]?.cited.push(where);
    }
  return out;
}

export function runGates(r: CheckReport): GateReport {
  if (!r.course) throw new Error('the gates measure a course that loads: fix the errors first');
  const course = r.course;
  const warnings: Problem[] = [...r.warnings];

  // test-wise: every scenario carries its score range, as in the built course
  const scored = { ...course, scenarios: course.scenarios.map((s) => ({ ...s, score: { min: r.analysis[s.id].min, max: r.analysis[s.id].max } })) };
  const choices = Object.fromEntries(course.scenarios.map((s) => [s.id, r.analysis[s.id].choices]));
  const tw = testwise(scored, choices);
  const testwiseFailures: Problem[] = [];
  for (const [policy, res] of Object.entries(tw)) {
    const mean = `the "${policy}" policy, which never reads the situation, scores ${pct(res.meanScaled)} on average and passes ${pct(res.passRate)} of its runs`;
    if (res.meanScaled * 100 >= course.passMark)
      testwiseFailures.push(r.locate('course', ['passMark'], `${mean}: its mean reaches the pass mark (${course.passMark}%)`));
    else if (res.meanScaled >= TESTWISE_TARGET)
      warnings.push(r.locate('course', ['passMark'], `${mean}: below the pass mark, but not below the ${pct(TESTWISE_TARGET)} margin the course aims for`));
  }

  const pos = positions(r);
  course.units.forEach((u, i) => {
    const { best, decisions } = pos[u.id];
    for (const [at, n] of Object.entries(best))
      if (decisions && n / decisions > POSITION_MAX_SHARE)
        warnings.push(
          r.locate('course', ['units', i, 'id'], `unit "${u.id}": position ${at} holds the best option in ${n} of ${decisions} decisions (${pct(n / decisions)}) in authored order; keep every position at ${pct(POSITION_MAX_SHARE)} or less`),
        );
  });

  const items = itemCoverage(r);
  const exemptions: Record<string, string> = {};
  const untaught: GateReport['untaught'] = { failing: [], awareness: [], exempt: [] };
  const taughtFailures: Problem[] = [];
  r.guidanceItems.forEach((g, i) => {
    if (g.background) exemptions[g.id] = g.background;
    const taught = (items[g.id]?.taught.length ?? 0) > 0;
    if (taught) {
      if (g.background) warnings.push(r.locate('guidance', ['items', i, 'background'], `${g.id} is taught now (${items[g.id].taught.join(', ')}): its exemption is no longer needed`));
      return;
    }
    if (g.background) untaught.exempt.push(g.id);
    else if ((TAUGHT_FORCES as readonly string[]).includes(g.force)) {
      untaught.failing.push(g.id);
      const cited = items[g.id]?.cited ?? [];
      taughtFailures.push(
        r.locate(
          'guidance',
          ['items', i, 'id'],
          `${g.id} (${g.force}) is never taught: no decision has a best option and a poor or harmful option that both cite it${cited.length ? ` (cited at ${cited.join(', ')})` : ', and nothing cites it'}; teach it, or give it "background: <reason>"`,
        ),
      );
    } else untaught.awareness.push(g.id);
  });

  const gate = (name: GateName, failures: Problem[]): Gate => ({ name, passed: failures.length === 0, failures });
  return {
    passMark: course.passMark,
    gates: [gate('verdict-points', r.verdictPoints), gate('testwise', testwiseFailures), gate('taught', taughtFailures)],
    warnings,
    testwise: tw,
    positions: pos,
    items,
    exemptions,
    untaught,
  };
}
