/**
 * The course as the browser sees it: the JSON written at build time by scripts/build-content.ts,
 * already validated, plus the unit scope when the package was built for one unit
 * (`<meta name="course-unit">`, injected by the packager).
 */
import type { Course, GuidanceRef, Scenario, Unit } from '../course/types';
// '$course-data' is src/lib/generated/course.json unless COURSE_JSON says otherwise (see vite.config.ts)
import data from '$course-data';

export const course = data as unknown as Course;

export function unitScope(doc: Document | undefined = globalThis.document): string | null {
  const id = doc?.querySelector('meta[name="course-unit"]')?.getAttribute('content') ?? null;
  return id && course.units.some((u) => u.id === id) ? id : null;
}

/** Units in this package (all, or the one unit it was built for). */
export function unitsInScope(scope: string | null): Unit[] {
  return scope ? course.units.filter((u) => u.id === scope) : course.units;
}

export const scenarioById = (id: string): Scenario | undefined => course.scenarios.find((s) => s.id === id);
const guidance = new Map(course.guidance.map((g) => [g.id, g]));
export const guidanceById = (id: string): GuidanceRef | undefined => guidance.get(id);

/** "GPiA 040 §3.4; Ethical Framework: Good Practice 33c" */
export function citationLabel(g: GuidanceRef): string {
  const ef = g.efPoints.length ? `; Ethical Framework: ${g.efPoints.join(', ')}` : '';
  return `GPiA 040 §${g.section}${ef}`;
}
