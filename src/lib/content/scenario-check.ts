/**
 * The rules on one scenario file that the schema alone cannot express: references (nodes, people,
 * guidance ids, theme tags, flags), scoring that contradicts the verdicts, conditions that can
 * never hold, options that lead back to their own decision, links the player would refuse, and
 * the node graph (reachable from the start, a way to an ending).
 *
 * They run on the file's data as parsed, whether or not it matched the schema, so that a typo in
 * one field never hides a wrong reference in another: every problem is reported at once. Each
 * value is used only where it has the type the schema asks for; a value of the wrong type is left
 * to the schema's own message. What depends on flags (dead ends, loops, guards that never hold) is
 * found by playing every state of the compiled scenario: see src/lib/engine/analysis.ts.
 *
 * Lists made here and read again here are built with Array.from or push, not .map: this runs for
 * every scenario, and V8's optimised .map writes holey arrays where its interpreter writes packed
 * ones, which threw the optimised checkScenario away twice per check of a large library (see
 * src/lib/engine/analysis.ts, "V8").
 */
import { contradictory } from '../engine/analysis';
import { guidanceIdPattern, MAX_POINTS, MIN_POINTS } from './schema';
import { linkProblems } from './markdown';
import type { YamlPath } from './yaml';

export interface Finding {
  path: YamlPath;
  message: string;
  /** the scenario cannot be compiled into a machine at all (a node it names is missing or doubled) */
  blocking?: true;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const points = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= MIN_POINTS && v <= MAX_POINTS ? v : undefined);

const RANK: Record<string, number> = { best: 3, acceptable: 2, poor: 1, harmful: 0 };

/** "G-3.4-a" → "3.4" */
export const sectionOf = (guidanceId: string) => guidanceId.replace(/^G-/, '').replace(/-[a-z]$/, '');

/** A sender written like an id ("tomasz") must be a declared person; anything else is a name shown as written. */
export const PERSON_LIKE = /^[a-z][a-z0-9-]*$/;

export interface ScenarioContext {
  /** null when guidance.yaml could not be read: references to it are not checked then */
  guidanceIds: Set<string> | null;
  themeIds: Set<string> | null;
}

/** Every artefact in a scenario with its YAML path: scenes', decisions' and options' consequence artefacts. */
function artefacts(nodes: unknown[]): { a: Raw; path: YamlPath }[] {
  const out: { a: Raw; path: YamlPath }[] = [];
  nodes.forEach((n, i) => {
    const node = obj(n);
    if (node.artefact !== undefined) out.push({ a: obj(node.artefact), path: ['nodes', i, 'artefact'] });
    list(node.options).forEach((o, j) => obj(o).artefact !== undefined && out.push({ a: obj(obj(o).artefact), path: ['nodes', i, 'options', j, 'artefact'] }));
  });
  return out;
}

export function checkScenario(data: unknown, ctx: ScenarioContext): Finding[] {
  const out: Finding[] = [];
  const at = (path: YamlPath, message: string, blocking = false) => out.push({ path, message, ...(blocking ? { blocking } : {}) });
  const s = obj(data);
  const nodes = list(s.nodes);

  // node ids, and the start
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    const id = str(obj(n).id);
    if (id === undefined) return;
    if (index.has(id)) at(['nodes', i, 'id'], `duplicate node id "${id}" (first used at nodes[${index.get(id)}])`, true);
    else index.set(id, i);
  });
  const start = str(s.start);
  if (start !== undefined && !index.has(start)) at(['start'], `start node "${start}" does not exist`, true);
  if (Array.isArray(s.nodes) && !nodes.some((n) => obj(n).kind === 'decision'))
    at(['nodes'], 'the scenario has no decision, so nothing in it is scored: add at least one decision');

  // theme tags
  if (ctx.themeIds)
    list(s.themes).forEach((t, i) => {
      if (typeof t === 'string' && !ctx.themeIds!.has(t)) at(['themes', i], `unknown theme "${t}": use one of ${[...ctx.themeIds!].join(', ')} (the themes of guidance.yaml)`);
    });

  // people: unique ids, at most one "you", and every id-like sender declared
  const people = new Map<string, number>();
  const yous: number[] = [];
  list(s.people).forEach((p, i) => {
    const id = str(obj(p).id);
    if (obj(p).you === true) yous.push(i);
    if (id === undefined) return;
    if (people.has(id)) at(['people', i, 'id'], `duplicate person id "${id}" (first used at people[${people.get(id)}])`);
    else people.set(id, i);
  });
  if (yous.length > 1) at(['people', yous[1], 'you'], 'only one person can be "you" (the practitioner the learner plays)');
  const sender = (v: unknown, path: YamlPath) => {
    const from = str(v);
    if (from !== undefined && PERSON_LIKE.test(from) && !people.has(from)) at(path, `unknown person "${from}": declare them under "people", or write the name as it should be shown`);
  };
  const comments = (v: unknown, path: YamlPath): void =>
    list(v).forEach((c, k) => {
      sender(obj(c).from, [...path, k, 'from']);
      comments(obj(c).replies, [...path, k, 'replies']);
    });
  for (const { a, path } of artefacts(nodes)) {
    sender(a.from, [...path, 'from']);
    list(a.messages).forEach((m, k) => sender(obj(m).from, [...path, 'messages', k, 'from']));
    comments(a.comments, [...path, 'comments']);
    if (typeof a.body === 'string') for (const m of linkProblems(a.body)) at([...path, 'body'], m);
  }

  // conditions: flags that no option sets, and conditions that contradict themselves
  const flagsSet = new Set<string>();
  const flagUses: { path: YamlPath; flag: string }[] = [];
  const condition = (v: unknown, path: YamlPath) => {
    if (v === undefined) return;
    const c = obj(v);
    const all = list(c.all).filter((f): f is string => typeof f === 'string');
    const none = list(c.none).filter((f): f is string => typeof f === 'string');
    for (const k of ['all', 'none'] as const) list(c[k]).forEach((f, j) => typeof f === 'string' && flagUses.push({ path: [...path, k, j], flag: f }));
    const both = contradictory({ all, none });
    if (both.length) at(path, `this condition can never hold: "${both[0]}" is in both "all" and "none"`);
  };

  // the node graph
  const edges = new Map<string, string[]>();
  let unknownTarget = false;
  const next = (v: unknown, path: YamlPath, from: string | undefined) => {
    const branches = typeof v === 'string' ? [{ to: v, path }] : Array.from(list(v), (b, j) => ({ to: obj(b).to, path: [...path, j, 'to'] as YamlPath }));
    branches.forEach(({ to, path: bp }) => {
      if (typeof to !== 'string') return;
      if (!index.has(to)) (at(bp, `unknown node "${to}"`, true), (unknownTarget = true));
      else if (from !== undefined) (edges.get(from) ?? edges.set(from, []).get(from)!).push(to);
    });
    if (Array.isArray(v)) {
      v.forEach((b, j) => obj(b).when !== undefined && condition(obj(b).when, [...path, j, 'when']));
      if (v.length && obj(v[v.length - 1]).when !== undefined) at([...path, v.length - 1], 'the last branch must have no "when", so there is always a way on');
    }
    return branches;
  };
  /** links the player would refuse in the field `key` of the entry at `base` (its path is made only for a problem) */
  const text = (v: unknown, base: YamlPath, key: string) => {
    const found = typeof v === 'string' ? linkProblems(v) : [];
    if (found.length) {
      const path = [...base, key];
      for (const m of found) at(path, m);
    }
  };

  nodes.forEach((raw, i) => {
    const n = obj(raw);
    const id = str(n.id);
    const np: YamlPath = ['nodes', i];
    if (id !== undefined && !edges.has(id)) edges.set(id, []);
    // a path is made for a condition only where there is one
    if (n.expects !== undefined) condition(n.expects, ['nodes', i, 'expects']);
    if (n.kind === 'scene') {
      text(n.text, np, 'text');
      for (const b of next(n.next, ['nodes', i, 'next'], id))
        if (id !== undefined && b.to === id) at(b.path, `scene "${id}" leads to itself: the learner would press Continue and stay on the same screen`, true);
    }
    if (n.kind === 'ending') text(n.debrief, np, 'debrief');
    if (n.kind !== 'decision') return;
    text(n.prompt, np, 'prompt');
    const options = Array.from(list(n.options), obj);
    const seen = new Set<string>();
    const scored = Array.from(options, (o) => ({ id: str(o.id) ?? '?', verdict: typeof o.verdict === 'string' && o.verdict in RANK ? o.verdict : undefined, points: points(o.points) }));
    const verdictsKnown = Array.isArray(n.options) && scored.every((o) => o.verdict);
    if (verdictsKnown && !scored.some((o) => o.verdict === 'best')) at(['nodes', i, 'options'], 'a decision needs at least one option with verdict "best"');
    const top = scored.reduce((m, o) => Math.max(m, o.points ?? -1), -Infinity);
    options.forEach((o, j) => {
      const op: YamlPath = ['nodes', i, 'options', j];
      const oid = str(o.id);
      if (oid !== undefined) {
        if (seen.has(oid)) at([...op, 'id'], `duplicate option id "${oid}" in decision "${id}"`, true);
        seen.add(oid);
      }
      for (const b of next(o.next, [...op, 'next'], id))
        if (id !== undefined && b.to === id)
          at(b.path, `option ${oid ?? j + 1} leads back to its own decision "${id}": choosing it would change nothing on screen; send it to another node`, true);
      if (o.when !== undefined) condition(o.when, [...op, 'when']);
      list(o.sets).forEach((f) => typeof f === 'string' && flagsSet.add(f));
      text(o.consequence, op, 'consequence');
      text(o.feedback, op, 'feedback');
      const me = scored[j];
      if (me.points !== undefined && me.verdict) {
        if (me.verdict === 'best' && me.points !== top) at([...op, 'points'], `a "best" option must carry the top points in its decision (${top}), not ${me.points}`);
        if ((me.verdict === 'poor' || me.verdict === 'harmful') && me.points >= top) at([...op, 'points'], `a "${me.verdict}" option must score below the best option (${top})`);
        // a worse verdict scoring more than a better one (best is covered above): the record would reward the worse choice
        const beaten = scored.find((q) => q.verdict && q.verdict !== 'best' && q.points !== undefined && RANK[q.verdict] > RANK[me.verdict!] && q.points < me.points!);
        if (beaten && me.points < top)
          at([...op, 'points'], `this "${me.verdict}" option scores more (${me.points}) than the "${beaten.verdict}" option ${beaten.id} (${beaten.points}): a worse choice must never earn more points than a better one`);
      }
      const cited = new Map<string, number>();
      list(o.cite).forEach((g, k) => {
        if (typeof g !== 'string') return;
        if (cited.has(g)) at([...op, 'cite', k], `"${g}" is cited twice in this option (also at cite[${cited.get(g)}]): cite each guidance id once`);
        else cited.set(g, k);
        if (ctx.guidanceIds && guidanceIdPattern.test(g) && !ctx.guidanceIds.has(g)) at([...op, 'cite', k], `unknown guidance id "${g}" (see scenarios/guidance.yaml)`);
      });
    });
  });
  for (const u of flagUses) if (!flagsSet.has(u.flag)) at(u.path, `flag "${u.flag}" is never set by any option`);

  // a focus section must be what some decision's best answer rests on
  const bestSections = new Set(
    nodes.flatMap((n) => (obj(n).kind === 'decision' ? list(obj(n).options).filter((o) => obj(o).verdict === 'best').flatMap((o) => list(obj(o).cite).filter((g): g is string => typeof g === 'string').map(sectionOf)) : [])),
  );
  list(s.focus).forEach((sec, i) => {
    if (typeof sec === 'string' && !bestSections.has(sec)) at(['focus', i], `focus section ${sec} is not cited by any "best" option, so it is not what the decisions teach`);
  });

  // a missing target makes everything after it look unreachable: report the cause only
  if (unknownTarget || start === undefined || !index.has(start)) return out;
  const reached = new Set<string>();
  for (const stack = [start]; stack.length; ) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  const endings: string[] = [];
  for (const n of nodes) if (obj(n).kind === 'ending' && typeof obj(n).id === 'string') endings.push(obj(n).id as string);
  if (!endings.length) at(['nodes'], 'the scenario has no ending node');
  const canEnd = new Set(endings);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, tos] of edges) if (!canEnd.has(from) && tos.some((t) => canEnd.has(t))) (canEnd.add(from), (changed = true));
  }
  nodes.forEach((n, i) => {
    const id = str(obj(n).id);
    if (id === undefined || index.get(id) !== i) return;
    if (!reached.has(id)) at(['nodes', i, 'id'], `node "${id}" is unreachable from start "${start}"`);
    else if (endings.length && !canEnd.has(id) && (edges.get(id)?.length ?? 0) > 0) at(['nodes', i, 'id'], `node "${id}" has no way to an ending (a loop with no exit)`);
  });
  return out;
}
