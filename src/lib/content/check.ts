/**
 * The content check behind `npm run check:scenarios` and the build: load + validate every file, then
 * compile each scenario and analyse it with xstate/graph (dead ends, loops, score range),
 * and report coverage by guidance section and by theme. Errors (the verdict–points rule among them)
 * stop the build; the gates
 * (gates.ts, where the split is argued) are measured by check:scenarios only.
 */
import { loadCourse, type LoadResult, type Problem } from './load';
import { analyseScenario, type ScenarioAnalysis } from '../engine/analysis';
import type { Course, Scenario } from '../course/types';
import { formatPath, type YamlPath } from './yaml';

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
  /** flags set and never read */
  warnings: Problem[];
  guidanceItems: LoadResult['guidanceItems'];
  locate: LoadResult['locate'];
}

/** A finding left out where the file's own rules already report a problem at the same place. */
type Secondary = Problem & { secondary: true };

/**
 * What playing every state of a scenario finds, each located at the YAML entry to change. The
 * problems are secondary: one the file's own rules already report at the same place is left out.
 */
function stateProblems(s: Scenario, a: ScenarioAnalysis, file: string, pos: (path: YamlPath) => { line: number; column: number }): Secondary[] {
  const out: Secondary[] = [];
  const nodeIndex = new Map(s.nodes.map((n, i) => [n.id, i]));
  const at = (path: YamlPath, message: string) => out.push({ file, ...pos(path), message, secondary: true });
  const node = (id: string): YamlPath => ['nodes', nodeIndex.get(id)!];
  const optionPath = (n: string, o: string): YamlPath => {
    const d = s.nodes[nodeIndex.get(n)!];
    return [...node(n), 'options', d.kind === 'decision' ? d.options.findIndex((x) => x.id === o) : 0];
  };
  const flags = (f: string[]) => (f.length ? `[${f.join(', ')}]` : 'no flags');
  for (const d of a.deadEnds) at([...node(d.node), 'id'], `node "${d.node}" is a dead end when reached with ${flags(d.flags)}: no option's "when" holds`);
  for (const c of a.contradicted) {
    const n = s.nodes[nodeIndex.get(c.node)!];
    const want = [n.expects?.all?.length ? `all of [${n.expects.all.join(', ')}]` : '', n.expects?.none?.length ? `none of [${n.expects.none.join(', ')}]` : ''].filter(Boolean).join(' and ');
    at([...node(c.node), 'id'], `node "${c.node}" is reached with ${flags(c.flags)}, but its "expects" asks for ${want}: a path's story contradicts an earlier choice`);
  }
  for (const t of a.trapped) at([...node(t.node), 'id'], `node "${t.node}" reached with ${flags(t.flags)} has no way to an ending`);
  for (const l of a.loops)
    at(
      [...node(l.node), 'id'],
      `a learner can come back to node "${l.node}" with ${flags(l.flags)} again and again (${l.cycle.join(' → ')}), ${l.earns ? "earning points each time, past the scenario's maximum, " : ''}making the saved progress longer without end: let a choice on the way back set a flag, and offer that way only while the flag is not set (when: {none: [flag]})`,
    );
  for (const r of a.revisits)
    at(
      [...node(r.node), 'id'],
      `one path can meet decision "${r.node}" twice (${r.cycle.join(' → ')}): the learner's record and the ending's list of choices keep one answer per decision, so lead the way back to a new decision instead`,
    );
  for (const o of a.oneOffered)
    at([...node(o.node), 'id'], `decision "${o.node}" reached with ${flags(o.flags)} offers only option ${o.option}: that is no choice; offer at least two options in every case (check the options' "when")`);
  for (const id of a.unreached)
    at([...node(id), 'id'], `no learner can reach node "${id}" under any combination of flags: every way to it depends on a condition that never holds on the way there`);
  for (const o of a.neverOffered)
    at([...optionPath(o.node, o.option), 'when'], `option ${o.option} is never offered: its "when" holds on no path that reaches "${o.node}"`);
  return out;
}

/**
 * Branches that no path takes: their condition never holds where they are met, or an earlier branch
 * always applies first. The player is not harmed, but the branch is dead text that misleads the
 * author about where a path goes (an ending written for a path that never arrives), so these are
 * errors. Each names the field (`nodes[3].options[1].next[2]`) and is located at it; a `when` that
 * the file's own rules already refuse (one that contradicts itself) is reported once, there.
 */
function neverTakenProblems(s: Scenario, a: ScenarioAnalysis, file: string, pos: (path: YamlPath) => { line: number; column: number }): Secondary[] {
  const out: Secondary[] = [];
  const nodeIndex = new Map(s.nodes.map((n, i) => [n.id, i]));
  const at = (path: YamlPath, message: string) => out.push({ file, ...pos(path), message: `${formatPath(path)}: ${message}`, secondary: true });
  for (const b of a.branchesNeverTaken) {
    const n = s.nodes[nodeIndex.get(b.node)!];
    const base: YamlPath = n.kind === 'decision' ? ['nodes', nodeIndex.get(b.node)!, 'options', n.options.findIndex((o) => o.id === b.option), 'next', b.branch] : ['nodes', nodeIndex.get(b.node)!, 'next', b.branch];
    const branch = n.kind === 'scene' ? n.next[b.branch] : n.kind === 'decision' ? n.options.find((o) => o.id === b.option)!.next[b.branch] : null;
    if (b.reason === 'never-holds') at([...base, 'when'], `this condition never holds on any path that reaches "${b.node}", so the branch to "${branch?.to}" is never taken`);
    else at(base, `the branch to "${branch?.to}" is never taken: on every path that reaches "${b.node}" an earlier branch applies; remove it, or change the earlier condition`);
  }
  return out;
}

/** Subsections every library must teach (issue: each is the main subject of at least one scenario). */
export const REQUIRED_SECTIONS = ['3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '5.1', '5.2', '5.3'];

/** `a.localeCompare(b, 'en', { numeric: true })`, with the collator made once (localeCompare makes one per call). */
const numeric = new Intl.Collator('en', { numeric: true });

export function checkContent(root = 'scenarios'): CheckReport {
  const loaded = loadCourse(root);
  const { course, problems, files, scenarioPosition, verdictPoints, warnings, guidanceItems, locate } = loaded;
  // the verdict–points rule is kept out of the way of the file's own scoring rules: where one of
  // those already reports an option's points (a harmful option scoring as much as the best), once
  const errors: (Problem & { secondary?: true })[] = [...problems, ...verdictPoints.map((p): Secondary => ({ ...p, secondary: true }))];
  const analysis: Record<string, ScenarioAnalysis> = {};
  const coverage: Record<string, string[]> = {};
  const themes: Record<string, string[]> = {};
  const focus: Record<string, string[]> = {};
  // every scenario that compiles is analysed, even when another file has errors
  for (const s of loaded.scenarios) {
    const a = analyseScenario(s);
    analysis[s.id] = a;
    const pos = (path: YamlPath) => scenarioPosition(s.id, path);
    errors.push(...stateProblems(s, a, files[s.id] ?? s.id, pos));
    errors.push(...neverTakenProblems(s, a, files[s.id] ?? s.id, pos));
  }
  if (course) {
    const byId = new Map(course.guidance.map((g) => [g.id, g]));
    for (const s of course.scenarios) {
      // scenarios come one at a time, so a list already holds this one only as its last id
      const add = (map: Record<string, string[]>, key: string) => {
        const list = (map[key] ??= []);
        if (list[list.length - 1] !== s.id) list.push(s.id);
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
  // a problem found both in the file and by playing it (a loop with no exit, a condition that
  // contradicts itself), or by the file's scoring rules and the verdict–points rule, is reported
  // once, where the file says it
  const place = (e: Problem) => `${e.file}:${e.line}:${e.column}`;
  const primary = new Set(errors.filter((e) => !e.secondary).map(place));
  const unique = errors.filter((e) => !(e.secondary && primary.has(place(e)))).map(({ secondary: _, ...e }) => e);
  const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => numeric.compare(a, b)));
  return {
    scenarios: course?.scenarios.length ?? Object.keys(files).length,
    decisions: loaded.decisions,
    errors: unique.sort(byPlace),
    coverage: sortKeys(coverage),
    themes: sortKeys(themes),
    focus: sortKeys(focus),
    analysis,
    // a course with any problem is never handed on
    course: unique.length ? null : course,
    warnings: [...warnings].sort(byPlace),
    guidanceItems,
    locate,
  };
}
