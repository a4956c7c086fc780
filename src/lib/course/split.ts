/**
 * How the built course reaches the browser in pieces, so that start-up does not grow with the
 * library: a small course index that travels with the app (units, each scenario's card, its score
 * range), and one classic-script file per scenario with everything needed to play it (the nodes, the
 * cast and its portraits, the guidance it cites), loaded when the scenario is opened.
 *
 * Why classic scripts: the package must run from file:// (a CPD learner double-clicking index.html),
 * where fetch() and module scripts of other files are refused but `<script src>` is not. Each file
 * calls one global function with its scenario's data as a JSON string literal (JSON.parse of a
 * string is cheaper to parse than the same object as a literal). File names carry a hash of their
 * content, so an LMS or a browser cache can never pair an old file with a new index.
 *
 * Pure and free of Node APIs: used by the build (scripts/vite-course.ts) and by its tests; the
 * browser side (src/lib/player/course.ts) shares its names.
 */
import type { Course, GuidanceRef, Scenario } from './types';

/** The global the scenario files call: `__courseScenario(id, data)`. */
export const SCENARIO_CALLBACK = '__courseScenario';
/** Folder of the scenario files, beside index.html. */
export const CONTENT_DIR = 'content';

/** Fields of a scenario that stay out of the index: what only playing it needs. Everything else is on the card. */
export const PLAY_FIELDS = ['start', 'nodes', 'people', 'map', 'bestPath'] as const;

/** A scenario as the index has it: what the home page, results and record show, and its score range. */
export type ScenarioCard = Omit<Scenario, (typeof PLAY_FIELDS)[number] | 'file'> & {
  /** the file with the rest, relative to index.html: content/<id>.<hash>.js */
  content: string;
};

/** What a scenario file carries: the play fields, and the guidance its options cite. */
export type ScenarioContent = Pick<Scenario, Extract<(typeof PLAY_FIELDS)[number], keyof Scenario>> & { guidance: GuidanceRef[] };

/** The course without its scenarios' play fields and without the guidance (which travels with the scenarios citing it). */
export type CourseIndex = Omit<Course, 'scenarios' | 'guidance'> & { scenarios: ScenarioCard[] };

export interface ContentFile {
  scenarioId: string;
  /** relative to index.html: content/<id>.<hash>.js */
  path: string;
  /** the hash in its name (the page's head script builds the path from it, scripts/first-screen.ts) */
  hash: string;
  source: string;
}

/** The JS string literal for a JSON value (JSON text is valid JS; U+2028/9 are escaped for old parsers). */
export function jsonLiteral(value: unknown): string {
  return JSON.stringify(JSON.stringify(value)).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** 53-bit string hash (cyrb53) as base 36: names a file by its content; not for security. */
export function contentHash(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function citedBy(s: Scenario): Set<string> {
  const ids = new Set<string>();
  for (const n of s.nodes) if (n.kind === 'decision') for (const o of n.options) for (const c of o.citations) ids.add(c);
  return ids;
}

export function splitCourse(course: Course): { index: CourseIndex; files: ContentFile[] } {
  const guidance = new Map(course.guidance.map((g) => [g.id, g]));
  const files: ContentFile[] = [];
  const cards: ScenarioCard[] = course.scenarios.map((s) => {
    const card: Record<string, unknown> = {};
    const content: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'file') continue;
      ((PLAY_FIELDS as readonly string[]).includes(k) ? content : card)[k] = v;
    }
    content.guidance = [...citedBy(s)].map((id) => guidance.get(id)).filter((g): g is GuidanceRef => !!g);
    const source = `${SCENARIO_CALLBACK}(${JSON.stringify(s.id)},JSON.parse(${jsonLiteral(content)}));\n`;
    const hash = contentHash(source);
    const path = `${CONTENT_DIR}/${s.id}.${hash}.js`;
    files.push({ scenarioId: s.id, path, hash, source });
    return { ...(card as Omit<ScenarioCard, 'content'>), content: path };
  });
  const { scenarios: _s, guidance: _g, ...rest } = course;
  return { index: { ...rest, scenarios: cards }, files };
}
