/**
 * The CPD record for self-directed learners: time spent, when each scenario was finished, the
 * learner's reflections (per scenario, answered at its ending, and notes per unit), a record id and
 * the date they started. Kept on this device only (localStorage), separate from the progress code,
 * and cleared on request. Pure functions over an injected Storage.
 *
 * The record tells the truth about where the learner is: it is titled "Certificate of completion"
 * only when every scenario is finished and the pass mark is reached; otherwise "Progress record
 * (not complete)", with the score labelled as a score so far.
 */
import type { Course } from '../course/types';
import type { CourseState } from '../engine/score';
import { makePdf, type PdfLine } from './pdf';

export interface CpdData {
  /** milliseconds spent per scenario */
  time: Record<string, number>;
  /** ISO date when each scenario was first finished */
  finished: Record<string, string>;
  /** reflection notes per unit id */
  notes: Record<string, string>;
  /** answers to each scenario's reflection prompt, by scenario id */
  reflections: Record<string, string>;
  name: string;
  /** ISO date of the first decision */
  started: string;
  /** shown on the record, so a learner can refer to it ("DB-7K3Q-9XWM") */
  recordId: string;
  /** the "saved in this browser" note was dismissed */
  noteDismissed: boolean;
}

export const emptyCpd = (): CpdData => ({ time: {}, finished: {}, notes: {}, reflections: {}, name: '', started: '', recordId: '', noteDismissed: false });
export const cpdKey = (courseId: string) => `${courseId}:cpd`;

export function readCpd(storage: Storage | undefined, courseId: string): CpdData {
  try {
    const raw = storage?.getItem(cpdKey(courseId));
    if (!raw) return emptyCpd();
    const d = JSON.parse(raw) as Partial<CpdData>;
    const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, never>) : {});
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    return {
      time: obj(d.time),
      finished: obj(d.finished),
      notes: obj(d.notes),
      reflections: obj(d.reflections),
      name: str(d.name),
      started: str(d.started),
      recordId: str(d.recordId),
      noteDismissed: d.noteDismissed === true,
    };
  } catch {
    // an unreadable record is replaced on the next save; nothing else depends on it
    return emptyCpd();
  }
}

export function writeCpd(storage: Storage | undefined, courseId: string, d: CpdData): boolean {
  try {
    storage?.setItem(cpdKey(courseId), JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

/** A record id such as "DB-7K3Q-9XWM" (no 0/O or 1/I, to read aloud). */
export function newRecordId(random: () => number = Math.random): string {
  const abc = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const part = () => Array.from({ length: 4 }, () => abc[Math.floor(random() * abc.length)]).join('');
  return `DB-${part()}-${part()}`;
}

export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60000);
  if (min < 1) return 'under a minute';
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h ? `${h} h ${m} min` : `${m} min`;
}

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** Suggested CPD hours for some minutes of measured learning: rounded up to the half hour. */
export function cpdHours(minutes: number): string {
  const halves = Math.max(1, Math.ceil(minutes / 30));
  const h = halves / 2;
  return `${h % 1 ? h.toFixed(1) : h} ${h === 1 ? 'hour' : 'hours'}`;
}

export const GPIA_REFERENCE = 'BACP Good Practice in Action 040: Social media, digital technology and the counselling professions (March 2023)';

/** What the record says, screen and PDF alike: its title and one label and value per line. */
export interface RecordSummary {
  complete: boolean;
  title: string;
  facts: { label: string; value: string }[];
}

export function recordSummary(course: Course, st: CourseState, d: CpdData, today: string): RecordSummary {
  const inScope = course.scenarios.filter((s) => st.scenarios.some((x) => x.id === s.id));
  const done = st.scenarios.filter((s) => s.done);
  const earned = done.reduce((n, s) => n + s.score.raw, 0);
  const available = done.reduce((n, s) => n + s.score.max, 0);
  const pct = (a: number, b: number) => Math.round((b ? a / b : 0) * 100);
  const minutes = (ids: string[]) => inScope.filter((s) => ids.includes(s.id)).reduce((n, s) => n + (s.readMinutes ?? s.minutes), 0);
  const spent = Object.values(d.time).reduce((a, b) => a + b, 0);
  const complete = st.completed && st.passed;
  const finishedDates = done.map((s) => d.finished[s.id]).filter(Boolean).sort();
  const status = complete
    ? `Complete: all ${st.scenarios.length} scenarios finished and the pass mark reached`
    : st.completed
      ? `Not complete: all ${st.scenarios.length} scenarios finished, but the pass mark of ${course.passMark}% is not reached yet`
      : `Not complete: ${done.length} of ${st.scenarios.length} scenarios finished`;
  const facts = [
    { label: 'Learner', value: d.name.trim() || 'Name not given' },
    { label: 'Course', value: course.title },
    { label: 'Status', value: status },
    st.completed
      ? { label: 'Course score', value: `${st.score.raw} of ${st.score.max} points (${pct(st.score.raw, st.score.max)}%); pass mark ${course.passMark}%` }
      : { label: 'Score so far', value: done.length ? `${earned} of ${available} points in the finished scenarios (${pct(earned, available)}%); pass mark ${course.passMark}% of the whole course` : 'No scenario finished yet' },
    complete
      ? { label: 'CPD hours', value: `${cpdHours(minutes(inScope.map((s) => s.id)))} (suggested, from the measured reading and decision time of the course)` }
      : { label: 'CPD time so far', value: `${cpdHours(minutes(done.map((s) => s.id)))} suggested for the finished scenarios` },
    { label: 'Time recorded on this device', value: formatDuration(spent) },
    { label: 'Based on', value: GPIA_REFERENCE },
    { label: 'Record id', value: d.recordId || 'not yet assigned' },
    ...(d.started ? [{ label: 'Started', value: formatDate(d.started) }] : []),
    ...(complete && finishedDates.length ? [{ label: 'Completed', value: formatDate(finishedDates.at(-1)!) }] : []),
    { label: 'Issued', value: formatDate(today) },
  ];
  return { complete, title: complete ? 'Certificate of completion' : 'Progress record (not complete)', facts };
}

/** The lines of the certificate / record PDF: the same content as the print page. */
export function certificateLines(course: Course, st: CourseState, d: CpdData, today: string): PdfLine[] {
  const sum = recordSummary(course, st, d, today);
  const lines: PdfLine[] = [
    { text: sum.title, size: 20, bold: true, align: 'center' },
    { text: course.title, size: 13, align: 'center', gap: 4 },
    ...sum.facts.map((f, i) => ({ text: `${f.label}: ${f.value}`, size: 10.5, gap: i === 0 ? 14 : 2 })),
  ];
  if (course.outcomes?.length) {
    lines.push({ text: 'Learning outcomes', size: 12, bold: true, gap: 10 });
    for (const o of course.outcomes) lines.push({ text: `• ${o}`, size: 10 });
  }
  for (const u of course.units) {
    const states = st.scenarios.filter((s) => u.scenarios.includes(s.id));
    if (!states.length) continue;
    lines.push({ text: u.title, size: 12, bold: true, gap: 10 });
    for (const s of states) {
      const sc = course.scenarios.find((x) => x.id === s.id)!;
      const when = d.finished[s.id] ? `, finished ${formatDate(d.finished[s.id])}` : '';
      lines.push({ text: `${sc.title}: ${s.done ? `${s.score.raw} of ${s.score.max} points${when}` : 'not finished'}`, size: 10 });
      const answer = d.reflections[s.id]?.trim();
      if (answer) lines.push({ text: `Reflection: ${answer}`, size: 9.5, gap: 1 });
    }
    const note = d.notes[u.id]?.trim();
    if (note) lines.push({ text: `Notes for this unit: ${note}`, size: 10, gap: 3 });
  }
  return lines;
}

export function certificatePdf(course: Course, st: CourseState, d: CpdData, today: string): Uint8Array {
  return makePdf(certificateLines(course, st, d, today), { title: `${recordSummary(course, st, d, today).title}: ${course.title}`, border: true });
}
