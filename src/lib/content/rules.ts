/**
 * Two rules on one scenario file that go beyond "the player can play it", each located at the
 * YAML entry to change:
 * - verdict–points: within a decision the points follow the verdicts (an error, see check.ts);
 * - unread flags: a flag an option sets that no `when` in the scenario reads (a warning).
 */
import type { Condition } from '../course/types';
import type { ScenarioFile } from './schema';
import { problemAt, type ParsedYaml, type Problem } from './yaml';

const RANK = { best: 3, acceptable: 2, poor: 1, harmful: 0 } as const;
type Verdict = keyof typeof RANK;

/**
 * Within every decision, points strictly follow the verdict: best > acceptable > poor > harmful,
 * only a harmful option may score 0, and options that share a verdict share their points.
 *
 * Why equal points for an equal verdict, not only the ordering across verdicts: the verdict is what
 * the learner is told and what the tutor reads per decision. Two "poor" options worth 0 and 1 make
 * a distinction the learner is never shown and cannot learn from; if the guidance really tells them
 * apart, the worse one deserves the other verdict, and if it does not, the rule of the course is to
 * score the reasoned options the same. So within a decision the verdict alone fixes the points
 * (across decisions the scale may differ: one decision may weigh 3 points, another 2).
 * Why 0 is harmful's alone: a learner's record of 0 points must mean one thing across the course.
 *
 * Where a "best" option is not on top, or a poor or harmful one reaches the top, the loader already
 * reports an error (that breaks the engine's own record); those pairs are not repeated here.
 */
export function verdictPoints(s: ScenarioFile, p: ParsedYaml): Problem[] {
  const out: Problem[] = [];
  s.nodes.forEach((n, i) => {
    if (n.kind !== 'decision') return;
    const at = (j: number, msg: string) => out.push(problemAt(p, ['nodes', i, 'options', j, 'points'], msg));
    const byVerdict = new Map<Verdict, { id: string; points: number }[]>();
    for (const o of n.options) (byVerdict.get(o.verdict) ?? byVerdict.set(o.verdict, []).get(o.verdict)!).push(o);
    n.options.forEach((o, j) => {
      const same = byVerdict.get(o.verdict)!;
      if (o.verdict !== 'best' && o.points !== same[0].points) {
        at(j, `options sharing a verdict share their points: "${o.verdict}" option ${o.id} scores ${o.points}, "${o.verdict}" option ${same[0].id} scores ${same[0].points} (give them the same points, or a different verdict)`);
        return;
      }
      if (o.points === 0 && o.verdict !== 'harmful') {
        at(j, `only a "harmful" option may score 0: give this "${o.verdict}" option at least 1 point (and the options above it more)`);
        return;
      }
      // the nearest higher verdict present must score more; the ones above it then do too, or are reported themselves
      for (const higher of (['poor', 'acceptable', 'best'] as const).filter((v) => RANK[v] > RANK[o.verdict])) {
        const above = byVerdict.get(higher);
        if (!above) continue;
        const reached = above.find((q) => q.points <= o.points);
        const coveredByLoader = higher === 'best' && (o.verdict === 'poor' || o.verdict === 'harmful');
        if (reached && !coveredByLoader)
          at(j, `points must follow the verdicts (best > acceptable > poor > harmful): this "${o.verdict}" option scores ${o.points}, as much as or more than "${higher}" option ${reached.id} (${reached.points})`);
        break;
      }
    });
  });
  return out;
}

/**
 * Flags set by an option and never read by any `when` of this scenario (flags do not cross scenarios).
 * A node's `expects` counts as a read too: a flag kept to assert what a path's story must have is in use.
 */
export function unreadFlags(s: ScenarioFile, p: ParsedYaml): Problem[] {
  const read = new Set<string>();
  const reads = (c: Condition | undefined) => [...(c?.all ?? []), ...(c?.none ?? [])].forEach((f) => read.add(f));
  const readNext = (next: string | { when?: Condition }[]) => typeof next !== 'string' && next.forEach((b) => reads(b.when));
  for (const n of s.nodes) {
    reads(n.expects);
    if (n.kind === 'scene') readNext(n.next);
    if (n.kind === 'decision') for (const o of n.options) (reads(o.when), readNext(o.next));
  }
  const out: Problem[] = [];
  s.nodes.forEach((n, i) => {
    if (n.kind !== 'decision') return;
    n.options.forEach((o, j) =>
      o.sets?.forEach((f, k) => {
        if (!read.has(f))
          out.push(problemAt(p, ['nodes', i, 'options', j, 'sets', k], `flag "${f}" is set here but no "when" in this scenario reads it: let a later branch or option depend on it (or a node's "expects"), or remove it`));
      }),
    );
  });
  return out;
}
