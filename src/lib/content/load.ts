/**
 * Loads scenarios/ (course.yaml, guidance.yaml, <unit>/<scenario>.yaml), validates every file
 * with its zod schema and the cross-file rules, and returns the typed Course.
 * Every problem is reported at once, each with file, YAML path and line:column.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import type { z } from 'zod';
import type { Artefact, ArtefactComment, Branch, Course, GuidanceRef, Person, Scenario, ScenarioNode, Condition, Sender } from '../course/types';
import { ArtefactType, CLOTHING, CourseSchema, GuidanceSchema, HAIR_COLOUR, ScenarioSchema, SKIN, type GuidanceFile, type ScenarioFile } from './schema';
import { unreadFlags, verdictPoints } from './rules';
import { parseYaml, positionOf, problemAt, type ParsedYaml, type Problem, type YamlPath } from './yaml';
import { renderMarkdown } from './markdown';

export type { Problem } from './yaml';

const ARTEFACT_TYPES = ArtefactType.options;

export interface LoadResult {
  course: Course | null;
  problems: Problem[];
  /** scenario file paths (relative to cwd) by scenario id */
  files: Record<string, string>;
  /** where a node's id stands in its file, for problems found after loading (located on demand) */
  nodePosition: (scenarioId: string, nodeId: string) => { line: number; column: number };
  /** a problem at a YAML path of course.yaml or guidance.yaml (at line 1 when the file did not parse) */
  locate: (which: 'course' | 'guidance', path: YamlPath, message: string) => Problem;
  /** guidance.yaml's items as written, with the fields the course JSON leaves out (force, background) */
  guidanceItems: GuidanceFile['items'];
  /** breaches of the verdict–points rule (rules.ts), located at the option's points */
  verdictPoints: Problem[];
  /** flags set and never read (rules.ts), located at the `sets` entry */
  warnings: Problem[];
}

function zodProblems(p: ParsedYaml, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'invalid_union' && issue.path.at(-1) === 'next') message = 'next must be a node id or a list of {to, when} branches';
    if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'required field is missing';
    if (issue.code === 'invalid_union' && issue.path.at(-1) === 'type' && issue.path.includes('artefact'))
      message = `unknown artefact type: use one of ${ARTEFACT_TYPES.join(', ')}`;
    return problemAt(p, issue.path as YamlPath, message);
  });
}

function parseFile<T>(file: string, schema: z.ZodType<T>, problems: Problem[]): { value: T | null; parsed: ParsedYaml | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file, line: 1, column: 1, message: `cannot read file: ${(e as Error).message}` });
    return { value: null, parsed: null };
  }
  const parsed = parseYaml(file, text);
  if (parsed.problems.length) {
    problems.push(...parsed.problems);
    return { value: null, parsed };
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...zodProblems(parsed, result.error));
    return { value: null, parsed };
  }
  return { value: result.data, parsed };
}

/** "G-3.4-a" → "3.4" */
const sectionOf = (guidanceId: string) => guidanceId.replace(/^G-/, '').replace(/-[a-z]$/, '');

const toBranches = (next: string | { to: string; when?: Condition }[]): Branch[] =>
  typeof next === 'string' ? [{ to: next }] : next.map((b) => (b.when ? { to: b.to, when: b.when } : { to: b.to }));

/** A sender written like an id ("tomasz") must be a declared person; anything else is a name shown as written. */
const PERSON_LIKE = /^[a-z][a-z0-9-]*$/;

type ArtefactIn = NonNullable<Extract<ScenarioFile['nodes'][number], { kind: 'scene' }>['artefact']>;
type CommentIn = { from: string; text: string; time?: string; replies?: CommentIn[] };

/** Every artefact in a scenario file with its YAML path (scenes, decisions, and options' consequence artefacts). */
function artefactsOf(s: ScenarioFile): { a: ArtefactIn; path: YamlPath }[] {
  const out: { a: ArtefactIn; path: YamlPath }[] = [];
  s.nodes.forEach((n, i) => {
    if (n.kind !== 'ending' && n.artefact) out.push({ a: n.artefact, path: ['nodes', i, 'artefact'] });
    if (n.kind === 'decision') n.options.forEach((o, j) => o.artefact && out.push({ a: o.artefact, path: ['nodes', i, 'options', j, 'artefact'] }));
  });
  return out;
}

/** Calls `visit` with every `from` in the scenario's artefacts (the artefact's own, messages', comments'). */
function walkSenders(s: ScenarioFile, visit: (from: string, path: YamlPath) => void): void {
  const comments = (list: CommentIn[] | undefined, path: YamlPath) =>
    list?.forEach((c, k) => {
      visit(c.from, [...path, k, 'from']);
      comments(c.replies, [...path, k, 'replies']);
    });
  for (const { a, path } of artefactsOf(s)) {
    if ('from' in a && a.from) visit(a.from, [...path, 'from']);
    if (a.type === 'message-thread') a.messages.forEach((m, k) => visit(m.from, [...path, 'messages', k, 'from']));
    if ('comments' in a) comments(a.comments, [...path, 'comments']);
  }
}

/** Rules on one scenario that the schema alone cannot express. */
export function checkScenario(s: ScenarioFile, p: ParsedYaml, guidanceIds: Set<string>): Problem[] {
  const out: Problem[] = [];
  const at = (path: YamlPath, msg: string) => out.push(problemAt(p, path, msg));
  const index = new Map<string, number>();
  s.nodes.forEach((n, i) => {
    if (index.has(n.id)) at(['nodes', i, 'id'], `duplicate node id "${n.id}" (first used at nodes[${index.get(n.id)}])`);
    else index.set(n.id, i);
  });
  if (!index.has(s.start)) at(['start'], `start node "${s.start}" does not exist`);

  // people: unique ids, at most one "you", and every id-like sender declared
  const people = new Map<string, number>();
  s.people?.forEach((p, i) => {
    if (people.has(p.id)) at(['people', i, 'id'], `duplicate person id "${p.id}" (first used at people[${people.get(p.id)}])`);
    else people.set(p.id, i);
  });
  const yous = (s.people ?? []).flatMap((p, i) => (p.you ? [i] : []));
  if (yous.length > 1) at(['people', yous[1], 'you'], 'only one person can be "you" (the practitioner the learner plays)');
  walkSenders(s, (from, path) => {
    if (PERSON_LIKE.test(from) && !people.has(from)) at(path, `unknown person "${from}": declare them under "people", or write the name as it should be shown`);
  });

  const flagsSet = new Set<string>();
  const flagUses: { path: YamlPath; flag: string }[] = [];
  const useCondition = (c: Condition | undefined, path: YamlPath) => {
    for (const k of ['all', 'none'] as const) c?.[k]?.forEach((flag, j) => flagUses.push({ path: [...path, k, j], flag }));
  };
  const edges = new Map<string, string[]>();
  const checkNext = (next: string | { to: string; when?: Condition }[], path: YamlPath, from: string) => {
    const list = toBranches(next);
    list.forEach((b, j) => {
      const bp = typeof next === 'string' ? path : [...path, j, 'to'];
      if (!index.has(b.to)) at(bp, `unknown node "${b.to}"`);
      else (edges.get(from) ?? edges.set(from, []).get(from)!).push(b.to);
      if (typeof next !== 'string') useCondition(b.when, [...path, j, 'when']);
    });
    if (typeof next !== 'string' && list[list.length - 1].when)
      at([...path, list.length - 1], 'the last branch must have no "when", so there is always a way on');
  };

  s.nodes.forEach((n, i) => {
    if (!edges.has(n.id)) edges.set(n.id, []);
    useCondition(n.expects, ['nodes', i, 'expects']);
    if (n.kind === 'scene') checkNext(n.next, ['nodes', i, 'next'], n.id);
    if (n.kind === 'decision') {
      const seen = new Set<string>();
      const top = Math.max(...n.options.map((o) => o.points));
      if (!n.options.some((o) => o.verdict === 'best')) at(['nodes', i, 'options'], 'a decision needs at least one option with verdict "best"');
      n.options.forEach((o, j) => {
        const op: YamlPath = ['nodes', i, 'options', j];
        if (seen.has(o.id)) at([...op, 'id'], `duplicate option id "${o.id}" in decision "${n.id}"`);
        seen.add(o.id);
        checkNext(o.next, [...op, 'next'], n.id);
        useCondition(o.when, [...op, 'when']);
        o.sets?.forEach((f) => flagsSet.add(f));
        if (o.verdict === 'best' && o.points !== top) at([...op, 'points'], `a "best" option must carry the top points in its decision (${top}), not ${o.points}`);
        if ((o.verdict === 'poor' || o.verdict === 'harmful') && o.points >= top)
          at([...op, 'points'], `a "${o.verdict}" option must score below the best option (${top})`);
        o.cite.forEach((g, k) => {
          if (!guidanceIds.has(g)) at([...op, 'cite', k], `unknown guidance id "${g}" (see scenarios/guidance.yaml)`);
        });
      });
    }
  });
  for (const u of flagUses) if (!flagsSet.has(u.flag)) at(u.path, `flag "${u.flag}" is never set by any option`);
  // a focus section must be what some decision's best answer rests on
  const bestSections = new Set(
    s.nodes.flatMap((n) => (n.kind === 'decision' ? n.options.filter((o) => o.verdict === 'best').flatMap((o) => o.cite.map(sectionOf)) : [])),
  );
  s.focus.forEach((sec, i) => {
    if (!bestSections.has(sec)) at(['focus', i], `focus section ${sec} is not cited by any "best" option, so it is not what the decisions teach`);
  });

  // a missing target makes everything after it look unreachable: report the cause only
  if (out.some((e) => /unknown node|start node/.test(e.message))) return out;
  // reachability from start, ignoring conditions
  const reached = new Set<string>();
  const stack = index.has(s.start) ? [s.start] : [];
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(edges.get(id) ?? []));
  }
  // which nodes can still reach an ending
  const canEnd = new Set(s.nodes.filter((n) => n.kind === 'ending').map((n) => n.id));
  if (canEnd.size === 0) at(['nodes'], 'the scenario has no ending node');
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, tos] of edges) if (!canEnd.has(from) && tos.some((t) => canEnd.has(t))) (canEnd.add(from), (changed = true));
  }
  s.nodes.forEach((n, i) => {
    if (!index.has(n.id) || index.get(n.id) !== i) return;
    if (!reached.has(n.id)) at(['nodes', i, 'id'], `node "${n.id}" is unreachable from start "${s.start}"`);
    else if (!canEnd.has(n.id) && (edges.get(n.id)?.length ?? 0) > 0)
      at(['nodes', i, 'id'], `node "${n.id}" has no way to an ending (a loop with no exit)`);
  });
  return out;
}

function compilePeople(people: ScenarioFile['people']): Person[] | undefined {
  return people?.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.age !== undefined ? { age: p.age } : {}),
    ...(p.pronouns ? { pronouns: p.pronouns } : {}),
    ...(p.role ? { role: p.role } : {}),
    ...(p.you ? { you: true } : {}),
    portrait: {
      skin: SKIN[p.portrait.skin],
      hair: p.portrait.hair,
      ...(p.portrait.hairColour ? { hairColour: HAIR_COLOUR[p.portrait.hairColour] } : {}),
      ...(p.portrait.facialHair ? { facialHair: p.portrait.facialHair } : {}),
      ...(p.portrait.glasses ? { glasses: p.portrait.glasses } : {}),
      ...(p.portrait.face ? { face: p.portrait.face } : {}),
      ...(p.portrait.clothing ? { clothing: CLOTHING[p.portrait.clothing] } : {}),
    },
  }));
}

/** Compiles one scenario's nodes: Markdown to HTML, senders resolved to the declared people. */
function compileNodes(s: ScenarioFile): ScenarioNode[] {
  const md = renderMarkdown;
  const people = new Map((s.people ?? []).map((p) => [p.id, p]));
  const sender = (from: string): Sender => {
    const p = people.get(from);
    if (p) return { from: p.name, person: p.id, ...(p.you ? { mine: true } : {}) };
    // "You" is the older way to write the learner's own messages
    return from === 'You' ? { from, mine: true } : { from };
  };
  const comments = (list: CommentIn[] | undefined): ArtefactComment[] | undefined =>
    list?.map((c) => ({ ...sender(c.from), text: c.text, ...(c.time ? { time: c.time } : {}), ...(c.replies ? { replies: comments(c.replies) } : {}) }));
  const artefact = (a: ArtefactIn): Artefact => {
    const { from, body, ...rest } = a as ArtefactIn & { from?: string; body?: string; comments?: CommentIn[] };
    const out: Artefact = { ...(rest as Omit<Artefact, 'from'>), ...(from ? sender(from) : {}), ...(body ? { body: md(body) } : {}) };
    if (a.type === 'message-thread') out.messages = a.messages.map((m) => ({ ...m, ...sender(m.from) }));
    if ('comments' in a && a.comments) out.comments = comments(a.comments);
    return out;
  };
  return s.nodes.map((n): ScenarioNode => {
    const expects = n.expects ? { expects: n.expects } : {};
    if (n.kind === 'scene') return { kind: 'scene', id: n.id, text: md(n.text), ...(n.artefact ? { artefact: artefact(n.artefact) } : {}), ...expects, next: toBranches(n.next) };
    if (n.kind === 'ending') return { kind: 'ending', id: n.id, outcome: n.outcome, debrief: md(n.debrief), ...expects };
    return {
      kind: 'decision',
      id: n.id,
      ...expects,
      prompt: md(n.prompt),
      ...(n.artefact ? { artefact: artefact(n.artefact) } : {}),
      options: n.options.map((o) => ({
        id: o.id,
        text: o.text,
        next: toBranches(o.next),
        points: o.points,
        verdict: o.verdict,
        consequence: md(o.consequence),
        ...(o.artefact ? { artefact: artefact(o.artefact) } : {}),
        ...(o.takeaway ? { takeaway: o.takeaway } : {}),
        feedback: md(o.feedback),
        citations: o.cite,
        ...(o.when ? { when: o.when } : {}),
        ...(o.sets ? { sets: o.sets } : {}),
      })),
    };
  });
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return listYaml(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

export function loadCourse(root = 'scenarios'): LoadResult {
  const problems: Problem[] = [];
  const rel = (f: string) => relative(process.cwd(), f) || f;
  const courseFile = rel(join(root, 'course.yaml'));
  const guidanceFile = rel(join(root, 'guidance.yaml'));
  const { value: courseData, parsed: courseParsed } = parseFile(courseFile, CourseSchema, problems);
  const { value: guidanceData, parsed: guidanceParsed } = parseFile(guidanceFile, GuidanceSchema, problems);
  const parsedOf = { course: courseParsed, guidance: guidanceParsed };
  const locate: LoadResult['locate'] = (which, path, message) => {
    const p = parsedOf[which];
    return p ? problemAt(p, path, message) : { file: which === 'course' ? courseFile : guidanceFile, line: 1, column: 1, message };
  };
  const verdict: Problem[] = [];
  const warnings: Problem[] = [];
  const guidance: GuidanceRef[] = (guidanceData?.items ?? []).map((g) => ({
    id: g.id,
    section: g.section,
    title: g.title,
    theme: g.theme,
    efPoints: g.efPoints,
    summary: g.summary,
  }));
  const guidanceIds = new Set(guidance.map((g) => g.id));

  const scenarios: Scenario[] = [];
  const files: Record<string, string> = {};
  const parsedById = new Map<string, { parsed: ParsedYaml; nodes: string[] }>();
  const nodePosition: LoadResult['nodePosition'] = (sid, nid) => {
    const p = parsedById.get(sid);
    const i = p?.nodes.indexOf(nid) ?? -1;
    return p && i >= 0 ? positionOf(p.parsed, ['nodes', i, 'id']) : { line: 1, column: 1 };
  };
  const unitIds = new Set(courseData?.units.map((u) => u.id) ?? []);
  const scenarioFiles = listYaml(root).filter((f) => rel(f) !== courseFile && rel(f) !== guidanceFile && f.includes('/', root.length + 1));
  for (const full of scenarioFiles) {
    const file = rel(full);
    const { value, parsed } = parseFile(file, ScenarioSchema, problems);
    if (!value || !parsed) {
      // still note the file's id, so course.yaml is not also told the file is missing
      const id = (parsed?.data as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string' && !files[id]) files[id] = file;
      else if (!parsed?.data) files[basename(file).replace(/\.ya?ml$/, '')] ??= file;
      continue;
    }
    const own = checkScenario(value, parsed, guidanceIds);
    verdict.push(...verdictPoints(value, parsed));
    warnings.push(...unreadFlags(value, parsed));
    if (files[value.id]) own.push(problemAt(parsed, ['id'], `duplicate scenario id "${value.id}" (also in ${files[value.id]})`));
    if (basename(file).replace(/\.ya?ml$/, '') !== value.id) own.push(problemAt(parsed, ['id'], `scenario id "${value.id}" must match its file name`));
    const folder = basename(join(full, '..'));
    if (folder !== value.unit) own.push(problemAt(parsed, ['unit'], `unit "${value.unit}" does not match the folder "${folder}"`));
    if (courseData && !unitIds.has(value.unit)) own.push(problemAt(parsed, ['unit'], `unknown unit "${value.unit}" (course.yaml has ${[...unitIds].join(', ')})`));
    problems.push(...own);
    if (files[value.id]) continue;
    files[value.id] = file;
    parsedById.set(value.id, { parsed, nodes: value.nodes.map((n) => n.id) });
    if (own.length) continue;
    scenarios.push({
      id: value.id,
      title: value.title,
      unit: value.unit,
      objective: value.objective,
      minutes: value.minutes,
      themes: value.themes,
      focus: value.focus,
      ...(value.people ? { people: compilePeople(value.people) } : {}),
      ...(value.reflection ? { reflection: value.reflection } : {}),
      start: value.start,
      nodes: compileNodes(value),
      file,
    });
  }

  if (courseData && courseParsed) {
    const listed = new Map<string, string>();
    courseData.units.forEach((u, i) =>
      u.scenarios.forEach((sid, j) => {
        if (listed.has(sid)) problems.push(problemAt(courseParsed, ['units', i, 'scenarios', j], `scenario "${sid}" is listed twice (also in unit "${listed.get(sid)}")`));
        listed.set(sid, u.id);
        if (!files[sid]) problems.push(problemAt(courseParsed, ['units', i, 'scenarios', j], `no scenario file has id "${sid}"`));
      }),
    );
    for (const [sid, file] of Object.entries(files)) {
      const sc = scenarios.find((s) => s.id === sid);
      if (!listed.has(sid)) problems.push({ file, line: 1, column: 1, message: `scenario "${sid}" is not listed in any unit of ${courseFile}` });
      else if (sc && listed.get(sid) !== sc.unit) problems.push({ file, line: 1, column: 1, message: `scenario "${sid}" is in unit "${sc.unit}" but course.yaml lists it under "${listed.get(sid)}"` });
    }
  }

  const found = { files, nodePosition, locate, guidanceItems: guidanceData?.items ?? [], verdictPoints: verdict, warnings };
  if (problems.length || !courseData) return { course: null, problems, ...found };
  const order = courseData.units.flatMap((u) => u.scenarios);
  scenarios.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return {
    course: {
      id: courseData.id,
      title: courseData.title,
      version: courseData.version,
      passMark: courseData.passMark,
      reportFailed: courseData.reportFailed,
      ...(courseData.outcomes ? { outcomes: courseData.outcomes } : {}),
      ...(courseData.contentNote ? { contentNote: renderMarkdown(courseData.contentNote) } : {}),
      units: courseData.units.map((u) => ({ id: u.id, title: u.title, ...(u.description ? { description: u.description } : {}), scenarios: u.scenarios })),
      scenarios,
      guidance,
      themes: guidanceData?.themes ?? [],
    },
    problems,
    ...found,
  };
}
