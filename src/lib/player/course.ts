/**
 * The course as the browser sees it. The app carries only the course index (units, each scenario's
 * card and score range; see src/lib/course/split.ts); a scenario's content (its nodes, cast and the
 * guidance it cites) is a classic-script file in the package, loaded by loadScenario() when the
 * scenario is opened, so start-up costs the same however large the library grows.
 *
 * `course` keeps the Course shape the engine and the pages use: `course.scenarios` holds one object
 * per scenario, and loading a scenario fills that same object in (and adds its guidance to
 * `course.guidance`). Until then reading its `nodes` throws, so nothing can replay, score or report
 * a scenario from its card alone: the session loads every scenario the saved progress names before
 * it restores anything (loadScenarios), and the scenario page awaits loadScenario().
 *
 * Plus the unit scope when the package was built for one unit (`<meta name="course-unit">`,
 * injected by the packager).
 */
import type { Course, GuidanceRef, Scenario, Unit } from '../course/types';
import { SCENARIO_CALLBACK, type CourseIndex, type ScenarioContent } from '../course/split';
// '$course-data' is the index of src/lib/generated/course.json, or of COURSE_JSON (scripts/vite-course.ts)
import data from '$course-data';

const index = data as unknown as CourseIndex;

/** Reading a scenario's play fields before it is loaded is a bug: say so, naming the scenario. */
function guard(s: object, id: string): void {
  Object.defineProperty(s, 'nodes', {
    configurable: true,
    enumerable: false,
    get() {
      throw new Error(`scenario "${id}" is not loaded yet: await loadScenario("${id}") first`);
    },
  });
}
for (const s of index.scenarios) guard(s, s.id);

export const course = { ...index, guidance: [] as GuidanceRef[] } as unknown as Course;
const cards = new Map(index.scenarios.map((s) => [s.id, s]));
const guidance = new Map<string, GuidanceRef>();
const loaded = new Set<string>();
const loading = new Map<string, Promise<Scenario>>();

export function unitScope(doc: Document | undefined = globalThis.document): string | null {
  const id = doc?.querySelector('meta[name="course-unit"]')?.getAttribute('content') ?? null;
  return id && course.units.some((u) => u.id === id) ? id : null;
}

/** Units in this package (all, or the one unit it was built for). */
export function unitsInScope(scope: string | null): Unit[] {
  return scope ? course.units.filter((u) => u.id === scope) : course.units;
}

/** A scenario's card (title, objective, minutes, score range…); its nodes once it is loaded. */
export const scenarioById = (id: string): Scenario | undefined => cards.get(id) as unknown as Scenario | undefined;
export const guidanceById = (id: string): GuidanceRef | undefined => guidance.get(id);

/** "GPiA 040 §3.4; Ethical Framework: Good Practice 33c" */
export function citationLabel(g: GuidanceRef): string {
  const ef = g.efPoints.length ? `; Ethical Framework: ${g.efPoints.join(', ')}` : '';
  return `GPiA 040 §${g.section}${ef}`;
}

export class ContentLoadError extends Error {
  override name = 'ContentLoadError';
}

function install(id: string, content: ScenarioContent): void {
  const card = cards.get(id);
  if (!card || loaded.has(id)) return;
  const { guidance: cited, ...play } = content;
  Object.defineProperty(card, 'nodes', { configurable: true, enumerable: true, writable: true, value: play.nodes });
  Object.assign(card, play);
  for (const g of cited) {
    if (guidance.has(g.id)) continue;
    guidance.set(g.id, g);
    course.guidance.push(g);
  }
  loaded.add(id);
}

/**
 * What the page's head script left (scripts/first-screen.ts): on a scenario's address it asks for that
 * scenario's file before the app runs, and keeps what the file gives it until the app takes over.
 */
interface EarlyRequest {
  (id: string, content: ScenarioContent): void;
  queued: [string, ScenarioContent][];
  id: string;
  script: HTMLScriptElement;
  /** the script's 'load' or 'error', once it has fired */
  done?: string;
}
let early: EarlyRequest | null = null;

// the scenario files call this (see src/lib/course/split.ts)
if (typeof window !== 'undefined') {
  const w = window as unknown as Record<string, unknown>;
  const left = w[SCENARIO_CALLBACK] as EarlyRequest | undefined;
  w[SCENARIO_CALLBACK] = install;
  if (typeof left === 'function' && Array.isArray(left.queued)) {
    for (const [id, content] of left.queued) install(id, content);
    if (!loaded.has(left.id)) early = left;
  }
}

/**
 * The scenario with its content, loaded once (its file is injected as a classic script, which works
 * from file:// and from any LMS path: it resolves against index.html). A failed load rejects with a
 * ContentLoadError naming the file, and is tried again on the next call.
 */
export function loadScenario(id: string): Promise<Scenario> {
  const card = cards.get(id);
  if (!card) return Promise.reject(new ContentLoadError(`there is no scenario "${id}" in this course`));
  if (loaded.has(id)) return Promise.resolve(card as unknown as Scenario);
  const pending = loading.get(id);
  if (pending) return pending;
  const p = new Promise<Scenario>((ok, fail) => {
    if (typeof document === 'undefined') return fail(new ContentLoadError(`scenario "${id}" can only be loaded in a browser`));
    // the head script's request for this file, if it made one: used once, never asked for twice
    const pre = early?.id === id ? early : null;
    if (pre) early = null;
    const script = pre?.script ?? document.createElement('script');
    const loadedNow = () => {
      script.remove();
      if (loaded.has(id)) ok(card as unknown as Scenario);
      else fail(new ContentLoadError(`${card.content} did not hold the scenario "${id}"`));
    };
    const failedNow = () => {
      script.remove();
      fail(new ContentLoadError(`the file ${card.content} of scenario "${id}" could not be loaded`));
    };
    if (pre?.done) return void (pre.done === 'load' ? loadedNow() : failedNow());
    script.onload = loadedNow;
    script.onerror = failedNow;
    if (pre) return;
    script.src = card.content;
    script.async = true;
    document.head.append(script);
  });
  loading.set(id, p);
  p.catch(() => loading.delete(id));
  return p;
}

/** Loads every scenario named (unknown ids are left to whoever reads them: a course update may have removed one). */
export async function loadScenarios(ids: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(ids)].filter((id) => cards.has(id)).map(loadScenario));
}

// a deep link opens a scenario: start fetching its file while the app starts
if (typeof location !== 'undefined') {
  const m = /^#\/s\/([^/?#]+)/.exec(location.hash);
  if (m) loadScenario(decodeURIComponent(m[1])).catch(() => {});
}
