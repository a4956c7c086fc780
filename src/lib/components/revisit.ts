/**
 * What to revisit, each with its reason: a finished scenario below the pass mark, or one whose
 * decisions teach a theme that is below the pass mark where the learner lost points. A scenario
 * with every point earned is never suggested.
 */
import type { Course } from '$lib/course/types';
import type { CourseState } from '$lib/engine/score';
import { pct, themeTitle } from './summary';
import { pointsText } from './verdict';

export function revisitList(course: Course, st: CourseState): { id: string; reason: string }[] {
  const weak = new Map(st.themes.filter((t) => t.possible > 0 && pct(t.earned, t.possible) < course.passMark).map((t) => [t.theme, pct(t.earned, t.possible)]));
  const guidance = new Map(course.guidance.map((g) => [g.id, g]));
  const out: { id: string; reason: string }[] = [];
  for (const s of st.scenarios) {
    if (!s.done || s.score.raw >= s.score.max) continue;
    const p = pct(s.score.raw, s.score.max);
    if (p < course.passMark) {
      out.push({ id: s.id, reason: `You earned ${s.score.raw} of ${pointsText(s.score.max)} (${p}%), below the pass mark of ${course.passMark}%.` });
      continue;
    }
    // themes of the decisions where this scenario lost points
    const themes = new Set<string>();
    const sc = course.scenarios.find((x) => x.id === s.id)!;
    for (const r of s.records) {
      if (r.points >= r.maxPoints) continue;
      const node = sc.nodes.find((n) => n.id === r.decisionId);
      if (node?.kind !== 'decision') continue;
      for (const o of node.options) if (r.bestOptionIds.includes(o.id)) for (const c of o.citations) { const t = guidance.get(c)?.theme; if (t && weak.has(t)) themes.add(t); }
    }
    if (themes.size) {
      const named = [...themes].map((t) => `${themeTitle(course, t)} (${weak.get(t)}%)`);
      out.push({ id: s.id, reason: `You lost points on ${named.length === 1 ? 'a theme' : 'themes'} below the pass mark: ${named.join(', ')}.` });
    }
  }
  return out;
}
