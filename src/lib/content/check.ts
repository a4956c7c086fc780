/**
 * The content check behind `npm run check:scenarios` and the build: load + validate every file, then
 * compile each scenario and analyse it with xstate/graph (dead ends, loops, score range),
 * and report coverage by guidance section and by theme. Errors stop the build; the gates
 * (gates.ts, where the split is argued) are measured by check:scenarios only.
 */
import { loadCourse, type LoadResult, type Problem } from './load';
import { analyseScenario, type ScenarioAnalysis } from '../engine/analysis';
import type { Course } from '../course/types';

export interface CheckReport {
  scenarios: number;
  decisions: number;
  errors: Problem[];
  /** guidance section → scenario ids whose options cite it */
  coverage: Record<string, string[]>;
  /** guidance theme → scenario ids whose options cite it */
  themes: Record<string, string[]>;
  /** guidance section → scenario ids that teach it as their main subject (their `focus`) */
  focus: Record<string, string[]>;
  analysis: Record<string, ScenarioAnalysis>;
  course: Course | null;
  /** breaches of the verdict–points rule: a gate, not an error (see gates.ts) */
  verdictPoints: Problem[];
  /** flags set and never read */
  warnings: Problem[];
  guidanceItems: LoadResult['guidanceItems'];
  locate: LoadResult['locate'];
}

/** Subsections every library must teach (issue: each is the main subject of at least one scenario). */
export const REQUIRED_SECTIONS = ['3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '5.1', '5.2', '5.3'];

export function checkContent(root = 'scenarios'): CheckReport {
  const { course, problems, files, nodePosition, verdictPoints, warnings, guidanceItems, locate } = loadCourse(root);
  const errors = [...problems];
  const analysis: Record<string, ScenarioAnalysis> = {};
  const coverage: Record<string, string[]> = {};
  const themes: Record<string, string[]> = {};
  const focus: Record<string, string[]> = {};
  let decisions = 0;
  if (course) {
    const byId = new Map(course.guidance.map((g) => [g.id, g]));
    for (const s of course.scenarios) {
      const a = analyseScenario(s);
      analysis[s.id] = a;
      decisions += s.nodes.filter((n) => n.kind === 'decision').length;
      const file = files[s.id] ?? s.id;
      const pos = (node: string) => nodePosition(s.id, node);
      const flags = (f: string[]) => (f.length ? `[${f.join(', ')}]` : 'no flags');
      for (const d of a.deadEnds)
        errors.push({ file, ...pos(d.node), message: `node "${d.node}" is a dead end when reached with ${flags(d.flags)}: no option's "when" holds` });
      for (const c of a.contradicted) {
        const n = s.nodes.find((x) => x.id === c.node)!;
        const want = [n.expects?.all?.length ? `all of [${n.expects.all.join(', ')}]` : '', n.expects?.none?.length ? `none of [${n.expects.none.join(', ')}]` : ''].filter(Boolean).join(' and ');
        errors.push({ file, ...pos(c.node), message: `node "${c.node}" is reached with ${flags(c.flags)}, but its "expects" asks for ${want}: a path's story contradicts an earlier choice` });
      }
      for (const t of a.trapped)
        errors.push({ file, ...pos(t.node), message: `node "${t.node}" reached with ${flags(t.flags)} has no way to an ending` });
      const add = (map: Record<string, string[]>, key: string) => {
        const list = (map[key] ??= []);
        if (!list.includes(s.id)) list.push(s.id);
      };
      for (const sec of s.focus) add(focus, sec);
      for (const n of s.nodes)
        if (n.kind === 'decision')
          for (const o of n.options)
            for (const c of o.citations) {
              const g = byId.get(c);
              if (g) (add(coverage, g.section), add(themes, g.theme));
            }
    }
  }
  const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  return {
    scenarios: course?.scenarios.length ?? Object.keys(files).length,
    decisions,
    errors: errors.sort(byPlace),
    coverage: sortKeys(coverage),
    themes: sortKeys(themes),
    focus: sortKeys(focus),
    analysis,
    // a course with any problem is never handed on
    course: errors.length ? null : course,
    verdictPoints: verdictPoints.sort(byPlace),
    warnings: warnings.sort(byPlace),
    guidanceItems,
    locate,
  };
}
