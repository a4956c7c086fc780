/**
 * The scenario map's model: one node per scenario node and one edge per (option, branch) of a
 * decision or per branch of a scene, with the text each will show. Pure data; layout.ts places
 * it with elkjs and svg.ts draws it.
 * Build-time only.
 */
import type { Condition, Scenario, Verdict } from '../course/types';
import { htmlToText } from '../engine/text';
import { endingRanges, formatRange, type EndingRanges, type ScoreRange } from './ranges';
import { clip, squash, wrap } from './text';

export type MapNodeKind = 'scene' | 'decision' | 'ending';

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  /** the scenario's start node */
  start: boolean;
  /** small first line: "Scene · intro" */
  caption: string;
  /** the wrapped text shown in the shape */
  lines: string[];
  /** endings: the score line, e.g. "points 2–6 · 3 paths" */
  score?: string;
  /** endings: the range, or null when no path reaches it */
  range?: ScoreRange | null;
  /** full plain text, for the SVG <title> tooltip and the text version */
  full: string;
}

export interface MapOption {
  id: string;
  text: string;
  verdict: Verdict;
  points: number;
  /** the option is only offered when this holds: "offered unless talked" */
  offered?: string;
}

export interface MapEdge {
  /** unique in the scenario: "<from>/<option id or next>/<branch index>" */
  id: string;
  from: string;
  to: string;
  kind: 'option' | 'next';
  /** option edges only */
  option?: MapOption;
  /** the branch's condition ("if accepted", "unless held"), "otherwise" for the unguarded last branch after guarded ones */
  condition?: string;
  /** the label's lines */
  label: string[];
}

export interface ScenarioGraph {
  id: string;
  title: string;
  start: string;
  nodes: MapNode[];
  edges: MapEdge[];
  /** lowest and highest total over every path (from the ending ranges) */
  score: { min: number; max: number } | null;
}

export const VERDICTS: readonly Verdict[] = ['best', 'acceptable', 'poor', 'harmful'];

/** "if a and b, unless c or d": every flag in `all` set and none of `none`. */
export function conditionText(c: Condition | undefined): string | undefined {
  if (!c) return undefined;
  const parts = [c.all?.length ? `if ${c.all.join(' and ')}` : '', c.none?.length ? `unless ${c.none.join(' or ')}` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

const points = (n: number) => `${n} ${Math.abs(n) === 1 ? 'pt' : 'pts'}`;
const LINE = 30;

export function scenarioGraph(scenario: Scenario, ranges: EndingRanges = endingRanges(scenario)): ScenarioGraph {
  const nodes: MapNode[] = scenario.nodes.map((n) => {
    const start = n.id === scenario.start;
    const caption = `${start ? 'Start · ' : ''}${n.kind[0].toUpperCase()}${n.kind.slice(1)} · ${n.id}`;
    if (n.kind === 'scene') {
      const text = htmlToText(n.text);
      const a = n.artefact;
      const artefact = a ? squash(`${a.type.replace(/-/g, ' ')}${a.from ? ` from ${a.from}` : a.title ? `: ${a.title}` : ''}`) : '';
      return {
        id: n.id,
        kind: 'scene',
        start,
        caption,
        lines: [...wrap(clip(text, 70), LINE, 2), ...(artefact ? [clip(`[${artefact}]`, LINE)] : [])],
        full: clip(`${text}${artefact ? ` [${artefact}]` : ''}`, 400),
      };
    }
    if (n.kind === 'decision') {
      const text = htmlToText(n.prompt);
      return { id: n.id, kind: 'decision', start, caption, lines: wrap(clip(text, 80), LINE, 3), full: clip(text, 400) };
    }
    const range = ranges[n.id] ?? null;
    const score = range ? `points ${formatRange(range)} · ${range.paths} ${range.paths === 1 ? 'path' : 'paths'}` : 'no path reaches it';
    const outcome = squash(n.outcome);
    return { id: n.id, kind: 'ending', start, caption, lines: wrap(outcome, LINE, 3), score, range, full: `${clip(outcome, 400)} (${score})` };
  });

  const edges: MapEdge[] = [];
  const branchConditions = (next: { when?: Condition }[]) => {
    const guarded = next.some((b) => b.when);
    return next.map((b) => conditionText(b.when) ?? (guarded ? 'otherwise' : undefined));
  };
  for (const n of scenario.nodes) {
    if (n.kind === 'scene') {
      const conds = branchConditions(n.next);
      n.next.forEach((b, i) =>
        edges.push({ id: `${n.id}/next/${i}`, from: n.id, to: b.to, kind: 'next', ...(conds[i] ? { condition: conds[i] } : {}), label: conds[i] ? [conds[i]!] : [] }),
      );
    }
    if (n.kind === 'decision')
      for (const o of n.options) {
        const conds = branchConditions(o.next);
        const offered = conditionText(o.when);
        const option: MapOption = { id: o.id, text: squash(o.text), verdict: o.verdict, points: o.points, ...(offered ? { offered: `offered ${offered}` } : {}) };
        o.next.forEach((b, i) =>
          edges.push({
            id: `${n.id}/${o.id}/${i}`,
            from: n.id,
            to: b.to,
            kind: 'option',
            option,
            ...(conds[i] ? { condition: conds[i] } : {}),
            label: [`${o.id} · ${o.verdict} · ${points(o.points)}`, ...(option.offered ? [option.offered] : []), ...(conds[i] ? [conds[i]!] : [])],
          }),
        );
      }
  }

  const reached = Object.values(ranges).filter((r): r is ScoreRange => !!r);
  return {
    id: scenario.id,
    title: squash(scenario.title),
    start: scenario.start,
    nodes,
    edges,
    score: reached.length ? { min: Math.min(...reached.map((r) => r.min)), max: Math.max(...reached.map((r) => r.max)) } : null,
  };
}

/** One sentence per part, for the SVG <desc>, the <img> alt text and the index page. */
export function describeGraph(g: ScenarioGraph): string {
  const count = (kind: MapNodeKind) => g.nodes.filter((n) => n.kind === kind).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const endings = g.nodes
    .filter((n) => n.kind === 'ending')
    .map((n) => `“${squash(n.lines.join(' '))}” (${n.range ? `points ${formatRange(n.range)}` : 'not reached'})`);
  const options = g.edges.filter((e) => e.kind === 'option');
  const byVerdict = VERDICTS.map((v) => [v, new Set(options.filter((e) => e.option!.verdict === v).map((e) => `${e.from}/${e.option!.id}`)).size] as const)
    .filter(([, c]) => c > 0)
    .map(([v, c]) => `${c} ${v}`)
    .join(', ');
  return [
    `Branching map of the scenario “${g.title}”: ${plural(count('scene'), 'scene', 'scenes')}, ${plural(count('decision'), 'decision', 'decisions')} and ${plural(count('ending'), 'ending', 'endings')}, starting at “${g.start}”.`,
    options.length ? `Options by verdict: ${byVerdict}.` : '',
    g.score ? `Total points range from ${g.score.min} to ${g.score.max}.` : '',
    endings.length ? `Endings: ${endings.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
