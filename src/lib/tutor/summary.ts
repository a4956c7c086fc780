/**
 * The insight as plain JSON for scripts (`npm run -s tutor -- FILE --json`). The page offers the
 * same object as a download, so the two can be compared figure by figure.
 *
 *   learners    learners with at least one recorded decision
 *   decisions   interaction records read, replays included
 *   items       per guidance item met by anyone: learners who met a decision citing it (in any
 *               option), and learners who chose a poor or harmful option citing it
 *   choices     per decision, how many counted answers chose each option
 *   byLearner   per learner (keyed by the export's name): records read and the course percentage
 */
import type { Insight } from './types';

export interface Summary {
  course: { id: string; version: number; scenarios: number; attemptRule: string; unit: string | null };
  files: Insight['files'];
  learners: number;
  decisions: number;
  counted: number;
  practice: number;
  items: Record<string, { met: number; missed: number }>;
  themes: Record<string, { met: number; missed: number }>;
  choices: Record<string, Record<string, number>>;
  byLearner: Record<
    string,
    { decisions: number; counted: number; practice: number; finished: number; scorePercent: number; passed: boolean; lmsScore: string | null; weakestThemes: string[] }
  >;
  seminar: string[];
  notices: string[];
}

export function summarise(x: Insight): Summary {
  const items: Summary['items'] = {};
  for (const i of [...x.items].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) items[i.id] = { met: i.met, missed: i.missed };
  const themes: Summary['themes'] = {};
  for (const t of [...x.themes].sort((a, b) => a.theme.localeCompare(b.theme))) themes[t.theme] = { met: t.met, missed: t.missed };
  const choices: Summary['choices'] = {};
  for (const d of [...x.decisionsMet].sort((a, b) => a.id.localeCompare(b.id))) {
    const c: Record<string, number> = {};
    for (const o of d.options) if (o.count) c[o.id] = o.count;
    for (const o of d.unknownOptions) c[o.id] = o.count;
    choices[d.id] = c;
  }
  const byLearner: Summary['byLearner'] = {};
  for (const l of x.learners) {
    byLearner[l.key] = {
      decisions: l.decisions,
      counted: l.counted,
      practice: l.practice,
      finished: l.finished,
      scorePercent: l.scorePercent,
      passed: l.passed,
      lmsScore: l.lmsScores.at(-1) ?? null,
      weakestThemes: l.weakestThemes.map((t) => t.theme),
    };
  }
  return {
    course: { id: x.course.id, version: x.course.version, scenarios: x.course.scenarios, attemptRule: x.course.attemptRule, unit: x.course.scope },
    files: x.files,
    learners: x.learners.length,
    decisions: x.decisions,
    counted: x.counted,
    practice: x.practice,
    items,
    themes,
    choices,
    byLearner,
    seminar: x.seminar.map((s) => s.item.id),
    notices: x.notices.map((n) => n.text),
  };
}
