/**
 * Figures the home, results and record pages share, worded so that none misleads part-way:
 * a score "so far" counts finished scenarios only; the course score (the LMS grade) counts every
 * scenario and is shown as such.
 */
import type { Course, Scenario } from '$lib/course/types';
import type { CourseState } from '$lib/engine/score';

export const pct = (a: number, b: number) => Math.round((b ? a / b : 0) * 100);

export function soFar(st: CourseState) {
  const done = st.scenarios.filter((s) => s.done);
  const earned = done.reduce((n, s) => n + s.score.raw, 0);
  const available = done.reduce((n, s) => n + s.score.max, 0);
  return { finished: done.length, total: st.scenarios.length, earned, available, pct: pct(earned, available) };
}

/** minutes to work through these scenarios (measured reading and decision time, else the author's estimate) */
export const minutesOf = (scenarios: Scenario[]) => scenarios.reduce((n, s) => n + (s.readMinutes ?? s.minutes), 0);

export function formatMinutes(m: number): string {
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest >= 8 && rest <= 52 ? `${h} h ${rest} min` : `${rest > 52 ? h + 1 : h} ${rest > 52 || h > 1 ? 'hours' : 'hour'}`;
}

export const themeTitle = (course: Course, id: string) => course.themes.find((t) => t.id === id)?.title ?? id.replace(/-/g, ' ');
