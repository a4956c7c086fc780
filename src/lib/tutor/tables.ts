/**
 * Every table the tutor page shows, as rows for CSV (papaparse's unparse). The page renders the
 * same figures; keeping the columns here means the CSV and the screen cannot drift apart, and the
 * CLI can write them too.
 */
import Papa from 'papaparse';
import { htmlToText } from '../engine/text';
import type { DecisionInsight, Insight, LearnerInsight } from './types';

export interface CsvTable {
  /** file name for the download */
  name: string;
  header: string[];
  rows: (string | number)[][];
}

export const percentOf = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

export function toCsv(t: CsvTable): string {
  // a BOM so that spreadsheet programs read the text as UTF-8 (option texts have curly quotes)
  return `\ufeff${Papa.unparse({ fields: t.header, data: t.rows }, { newline: '\r\n' })}\r\n`;
}

/** "passed", "below the pass mark" (finished) or "not finished" */
export const statusOf = (l: LearnerInsight) => (l.passed ? 'passed' : l.finished < l.scenarios ? 'not finished' : 'below the pass mark');

export function learnersTable(x: Insight): CsvTable {
  return {
    name: 'learners.csv',
    header: ['Learner', 'Decisions read', 'Counted', 'Practice (replays)', 'Scenarios finished', 'Scenarios', 'Score %', 'Status', 'LMS score', 'Weakest themes', 'Note'],
    rows: x.learners.map((l) => [
      l.key,
      l.decisions,
      l.counted,
      l.practice,
      l.finished,
      l.scenarios,
      l.scorePercent,
      statusOf(l),
      l.lmsScores.join('; '),
      l.weakestThemes.map((t) => `${t.title} (${t.earned} of ${t.possible} points)`).join('; '),
      l.lmsNote,
    ]),
  };
}

export function itemsTable(x: Insight): CsvTable {
  return {
    name: 'guidance-items.csv',
    header: ['Item', 'Section', 'Title', 'Theme', 'Learners who met it', 'Learners who chose a poor or harmful option citing it', 'Poor or harmful choices', 'Learners'],
    rows: x.items.map((i) => [i.id, i.section, i.title, i.themeTitle, i.met, i.missed, i.poorChoices, i.missedBy.join('; ')]),
  };
}

export function themesTable(x: Insight): CsvTable {
  return {
    name: 'themes.csv',
    header: ['Theme', 'Learners who met it', 'Learners who chose a poor or harmful option in it', 'Share of learners %', 'Answers at its decisions', 'Poor or harmful answers', 'Share of answers %', 'Guidance items met'],
    rows: x.themes.map((t) => [t.title, t.met, t.missed, percentOf(t.missed, t.met), t.answers, t.poorChoices, percentOf(t.poorChoices, t.answers), t.items]),
  };
}

const choiceHeader = ['Scenario', 'Decision', 'Prompt', 'Option', 'Option text', 'Verdict', 'Points', 'Chosen by', 'Share %', 'Most tempting poor choice'];
function choiceRows(d: DecisionInsight): (string | number)[][] {
  return [
    ...d.options.map((o) => [d.scenarioTitle, d.id, d.prompt, o.id, o.text, o.verdict, o.points, o.count, percentOf(o.count, d.answered), d.tempting === o.id ? 'yes' : '']),
    ...d.unknownOptions.map((o) => [d.scenarioTitle, d.id, d.prompt, o.id, '(not in this course version)', '', '', o.count, percentOf(o.count, d.answered), '']),
  ];
}

export function decisionTable(d: DecisionInsight): CsvTable {
  return { name: `choices-${d.id}.csv`, header: choiceHeader, rows: choiceRows(d) };
}

export function choicesTable(x: Insight): CsvTable {
  return { name: 'choices.csv', header: choiceHeader, rows: x.decisionsMet.flatMap(choiceRows) };
}

export function seminarTable(x: Insight): CsvTable {
  return {
    name: 'next-seminar.csv',
    header: ['Rank', 'Item', 'Section', 'Title', 'Learners who met it', 'Learners who missed it', 'Also cited', 'Scenarios that teach it', 'Choice to discuss', 'Chosen by', 'Verdict', 'Feedback'],
    rows: x.seminar.flatMap((s, k) =>
      (s.points.length ? s.points : [null]).map((p) => [
        k + 1,
        s.item.id,
        s.item.section,
        s.item.title,
        s.item.met,
        s.item.missed,
        s.alsoCited.join('; '),
        s.scenarios.map((sc) => sc.title).join('; '),
        p ? `${p.scenarioTitle}: ${p.option.text}` : '',
        p?.option.count ?? '',
        p?.option.verdict ?? '',
        p ? htmlToText(p.option.feedback) : '',
      ]),
    ),
  };
}
