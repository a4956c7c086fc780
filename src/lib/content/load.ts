/**
 * Loads scenarios/ (course.yaml, guidance.yaml, <unit>/<scenario>.yaml), validates every file
 * with its zod schema and the cross-file rules, and returns the typed Course.
 *
 * Every problem is reported at once, each with file, YAML path and line:column: a file that breaks
 * its schema still has its references, scoring and graph checked (scenario-check.ts,
 * course-check.ts run on the data as parsed), and every scenario that compiles is handed on for
 * the state analysis even when another file has errors. Files are read through read.ts (size,
 * encoding, control characters, empty files).
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import type { z } from 'zod';
import type { Course, GuidanceRef, Scenario } from '../course/types';
import { ArtefactType, CourseSchema, GuidanceSchema, ScenarioSchema, type GuidanceFile } from './schema';
import { unreadFlags, verdictPoints } from './rules';
import { formatPath, keyPositionOf, parseYaml, positionOf, problemAt, type ParsedYaml, type Problem, type YamlPath } from './yaml';
import { readContentFile } from './read';
import { unusualCharMessage } from './chars';
import { checkScenario, type Finding } from './scenario-check';
import { checkCourseFile, checkGuidanceFile } from './course-check';
import { compileNodes, compilePeople } from './compile';
import { suggestField } from './fields';
import { renderMarkdown } from './markdown';

export type { Problem } from './yaml';

const ARTEFACT_TYPES = ArtefactType.options;

export interface LoadResult {
  course: Course | null;
  problems: Problem[];
  /** scenario file paths (relative to cwd) by scenario id */
  files: Record<string, string>;
  /** every scenario that compiled with no problem of its own, whether or not the course as a whole loads */
  scenarios: Scenario[];
  /** decision nodes written in every scenario file that parsed, valid or not */
  decisions: number;
  /** where a node's id stands in its file, for problems found after loading (located on demand) */
  nodePosition: (scenarioId: string, nodeId: string) => { line: number; column: number };
  /** where a YAML path of a scenario stands in its file */
  scenarioPosition: (scenarioId: string, path: YamlPath) => { line: number; column: number };
  /** a problem at a YAML path of course.yaml or guidance.yaml (at line 1 when the file did not parse) */
  locate: (which: 'course' | 'guidance', path: YamlPath, message: string) => Problem;
  /** guidance.yaml's items as written, with the fields the course JSON leaves out (force, background) */
  guidanceItems: GuidanceFile['items'];
  /** breaches of the verdict–points rule (rules.ts), located at the option's points */
  verdictPoints: Problem[];
  /** flags set and never read (rules.ts), located at the `sets` entry */
  warnings: Problem[];
}

const valueAt = (data: unknown, path: YamlPath): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);

/** zod's issues in an author's words, each where the author must look; `paths` collects the paths reported. */
function zodProblems(p: ParsedYaml, error: z.ZodError, paths: Set<string>): Problem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path as YamlPath;
    paths.add(formatPath(path));
    if (issue.code === 'unrecognized_keys') {
      // one problem per unknown field, at the field's name (not at the start of the object holding it)
      return issue.keys.map((k) => {
        const hint = suggestField(k);
        const pos = keyPositionOf(p, path, k);
        const where = formatPath([...path, k]);
        return { file: p.file, ...pos, message: `${where}: unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}` };
      });
    }
    let message = issue.message;
    if (issue.code === 'invalid_union' && path.at(-1) === 'next') message = 'next must be a node id or a list of {to, when} branches';
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'required field is missing';
    if (issue.code === 'invalid_type' && path.length === 0)
      message = `the file must be a set of fields ("id: …", "title: …" on lines of their own), not ${Array.isArray(p.data) ? 'a list' : `a single ${typeof p.data}`}`;
    if (issue.code === 'invalid_union' && path.at(-1) === 'type' && path.includes('artefact')) message = `unknown artefact type: use one of ${ARTEFACT_TYPES.join(', ')}`;
    if (issue.code === 'invalid_format') {
      const unusual = unusualCharMessage(valueAt(p.data, path));
      if (unusual) message = `${message}: ${unusual}`;
    }
    return [problemAt(p, path, message)];
  });
}

interface Parsed<T> {
  value: T | null;
  parsed: ParsedYaml | null;
  /** the data as parsed, before the schema (for the rules that still run on a file that breaks it) */
  data: unknown;
  /** formatted YAML paths the schema already reported */
  schemaPaths: Set<string>;
}

function parseFile<T>(file: string, schema: z.ZodType<T>, problems: Problem[]): Parsed<T> {
  const schemaPaths = new Set<string>();
  const { text, problems: unreadable } = readContentFile(file);
  if (text === null) {
    problems.push(...unreadable);
    return { value: null, parsed: null, data: undefined, schemaPaths };
  }
  const parsed = parseYaml(file, text);
  if (parsed.problems.length) {
    problems.push(...parsed.problems);
    return { value: null, parsed, data: undefined, schemaPaths };
  }
  if (parsed.data === null || parsed.data === undefined) {
    problems.push({ file, line: 1, column: 1, message: 'the file has no content: only comments or blank lines' });
    return { value: null, parsed, data: undefined, schemaPaths };
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...zodProblems(parsed, result.error, schemaPaths));
    return { value: null, parsed, data: parsed.data, schemaPaths };
  }
  return { value: result.data, parsed, data: parsed.data, schemaPaths };
}

/** Findings of a rule check as problems, leaving out any the schema already reported at the same path. */
function located(p: ParsedYaml, findings: Finding[], schemaPaths: Set<string>): Problem[] {
  const out: Problem[] = [];
  for (const f of findings) if (!schemaPaths.has(formatPath(f.path))) out.push(problemAt(p, f.path, f.message));
  return out;
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return listYaml(full);
      return /\.ya?ml$/i.test(name) ? [full] : [];
    });
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function loadCourse(root = 'scenarios'): LoadResult {
  const problems: Problem[] = [];
  const rel = (f: string) => relative(process.cwd(), f) || f;
  const courseFile = rel(join(root, 'course.yaml'));
  const guidanceFile = rel(join(root, 'guidance.yaml'));
  const courseIn = parseFile(courseFile, CourseSchema, problems);
  const guidanceIn = parseFile(guidanceFile, GuidanceSchema, problems);
  if (courseIn.parsed && courseIn.data !== undefined) problems.push(...located(courseIn.parsed, checkCourseFile(courseIn.data), courseIn.schemaPaths));
  if (guidanceIn.parsed && guidanceIn.data !== undefined) problems.push(...located(guidanceIn.parsed, checkGuidanceFile(guidanceIn.data), guidanceIn.schemaPaths));
  const courseData = courseIn.value;
  const guidanceData = guidanceIn.value;
  const parsedOf = { course: courseIn.parsed, guidance: guidanceIn.parsed };
  const locate: LoadResult['locate'] = (which, path, message) => {
    const p = parsedOf[which];
    return p ? problemAt(p, path, message) : { file: which === 'course' ? courseFile : guidanceFile, line: 1, column: 1, message };
  };

  // what the other files are checked against, from the data as parsed even if it breaks its schema
  const rawGuidance = obj(guidanceIn.data);
  const ids = (v: unknown) => new Set(list(v).map((x) => obj(x).id).filter((id): id is string => typeof id === 'string'));
  const guidanceIds = guidanceIn.data !== undefined ? ids(rawGuidance.items) : null;
  const themeIds = guidanceIn.data !== undefined && list(rawGuidance.themes).length ? ids(rawGuidance.themes) : null;
  const rawUnits = list(obj(courseIn.data).units).map(obj);
  const unitIds = courseIn.data !== undefined ? new Set(rawUnits.map((u) => u.id).filter((id): id is string => typeof id === 'string')) : null;

  const verdict: Problem[] = [];
  const warnings: Problem[] = [];
  const guidance: GuidanceRef[] = (guidanceData?.items ?? []).map((g) => ({ id: g.id, section: g.section, title: g.title, theme: g.theme, efPoints: g.efPoints, summary: g.summary }));

  const scenarios: Scenario[] = [];
  const files: Record<string, string> = {};
  let decisions = 0;
  const parsedById = new Map<string, { parsed: ParsedYaml; nodes: string[] }>();
  const scenarioPosition: LoadResult['scenarioPosition'] = (sid, path) => {
    const p = parsedById.get(sid);
    return p ? positionOf(p.parsed, path) : { line: 1, column: 1 };
  };
  const nodePosition: LoadResult['nodePosition'] = (sid, nid) => {
    const i = parsedById.get(sid)?.nodes.indexOf(nid) ?? -1;
    return i >= 0 ? scenarioPosition(sid, ['nodes', i, 'id']) : { line: 1, column: 1 };
  };
  const all = listYaml(root).filter((f) => rel(f) !== courseFile && rel(f) !== guidanceFile);
  for (const full of all) {
    const file = rel(full);
    // a scenario file lies in its unit's folder: one beside course.yaml would never be read
    if (!relative(root, full).includes('/')) {
      problems.push({ file, line: 1, column: 1, message: `this file is not read: a scenario file goes in its unit's folder (${root}/<unit>/${basename(file)}), and only course.yaml and guidance.yaml stand here` });
      continue;
    }
    const { value, parsed, data, schemaPaths } = parseFile(file, ScenarioSchema, problems);
    const raw = obj(data);
    decisions += list(raw.nodes).filter((n) => obj(n).kind === 'decision').length;
    const findings = parsed && data !== undefined ? checkScenario(data, { guidanceIds, themeIds }) : [];
    const own: Problem[] = parsed ? located(parsed, findings, schemaPaths) : [];
    const id = typeof raw.id === 'string' ? raw.id : undefined;
    const unit = typeof raw.unit === 'string' ? raw.unit : undefined;
    if (parsed && id !== undefined) {
      if (files[id]) own.push(problemAt(parsed, ['id'], `duplicate scenario id "${id}" (also in ${files[id]})`));
      if (basename(file).replace(/\.ya?ml$/i, '') !== id) own.push(problemAt(parsed, ['id'], `scenario id "${id}" must match its file name`));
    }
    if (parsed && unit !== undefined) {
      const folder = basename(join(full, '..'));
      if (folder !== unit) own.push(problemAt(parsed, ['unit'], `unit "${unit}" does not match the folder "${folder}"`));
      if (unitIds && !unitIds.has(unit)) own.push(problemAt(parsed, ['unit'], `unknown unit "${unit}" (course.yaml has ${[...unitIds].join(', ')})`));
    }
    problems.push(...own);
    if (value && parsed) {
      verdict.push(...verdictPoints(value, parsed));
      warnings.push(...unreadFlags(value, parsed));
    }
    // note the file's id even when it has errors, so course.yaml is not also told the file is missing
    const key = id ?? basename(file).replace(/\.ya?ml$/i, '');
    if (files[key]) continue;
    files[key] = file;
    if (!value || !parsed) continue;
    parsedById.set(value.id, { parsed, nodes: value.nodes.map((n) => n.id) });
    // kept for positions, which need the text only: the data as parsed goes now, not with the library
    parsed.data = undefined;
    // a scenario whose nodes all exist is compiled and analysed even with other problems, so that
    // what depends on flags is reported too; the course as a whole is only handed on with none
    if (findings.some((f) => f.blocking)) continue;
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

  if (courseIn.parsed && courseIn.data !== undefined) {
    const listed = new Map<string, string>();
    rawUnits.forEach((u, i) =>
      list(u.scenarios).forEach((sid, j) => {
        if (typeof sid !== 'string') return;
        if (listed.has(sid)) problems.push(problemAt(courseIn.parsed!, ['units', i, 'scenarios', j], `scenario "${sid}" is listed twice (also in unit "${listed.get(sid)}")`));
        else listed.set(sid, String(u.id));
        if (!files[sid]) problems.push(problemAt(courseIn.parsed!, ['units', i, 'scenarios', j], `no scenario file has id "${sid}"`));
      }),
    );
    const compiled = new Map<string, Scenario>();
    for (const s of scenarios) if (!compiled.has(s.id)) compiled.set(s.id, s);
    for (const [sid, file] of Object.entries(files)) {
      const sc = compiled.get(sid);
      if (!listed.has(sid)) problems.push({ file, line: 1, column: 1, message: `scenario "${sid}" is not listed in any unit of ${courseFile}` });
      else if (sc && listed.get(sid) !== sc.unit) problems.push({ file, line: 1, column: 1, message: `scenario "${sid}" is in unit "${sc.unit}" but course.yaml lists it under "${listed.get(sid)}"` });
    }
  }

  const found = { files, scenarios, decisions, nodePosition, scenarioPosition, locate, guidanceItems: guidanceData?.items ?? [], verdictPoints: verdict, warnings };
  if (problems.length || !courseData || !guidanceData) return { course: null, problems, ...found };
  const order = new Map<string, number>();
  courseData.units.flatMap((u) => u.scenarios).forEach((id, i) => order.has(id) || order.set(id, i));
  const rank = (id: string) => order.get(id) ?? -1;
  scenarios.sort((a, b) => rank(a.id) - rank(b.id));
  return {
    course: {
      id: courseData.id,
      title: courseData.title,
      version: courseData.version,
      passMark: courseData.passMark,
      scoredAttempt: courseData.scoredAttempt,
      ...(courseData.outcomes ? { outcomes: courseData.outcomes } : {}),
      ...(courseData.contentNote ? { contentNote: renderMarkdown(courseData.contentNote) } : {}),
      units: courseData.units.map((u) => ({ id: u.id, title: u.title, ...(u.description ? { description: u.description } : {}), scenarios: u.scenarios })),
      scenarios,
      guidance,
      themes: guidanceData.themes,
    },
    problems,
    ...found,
  };
}
