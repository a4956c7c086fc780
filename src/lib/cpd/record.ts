/**
 * The CPD record for self-directed learners: time spent, when each scenario was finished, and the
 * learner's own reflection notes per unit. Kept on this device only (localStorage), separate from
 * the progress code, and cleared on request. Pure functions over an injected Storage.
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
  name: string;
}

export const emptyCpd = (): CpdData => ({ time: {}, finished: {}, notes: {}, name: '' });
export const cpdKey = (courseId: string) => `${courseId}:cpd`;

export function readCpd(storage: Storage | undefined, courseId: string): CpdData {
  try {
    const raw = storage?.getItem(cpdKey(courseId));
    if (!raw) return emptyCpd();
    const d = JSON.parse(raw) as Partial<CpdData>;
    const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, never>) : {});
    return { time: obj(d.time), finished: obj(d.finished), notes: obj(d.notes), name: typeof d.name === 'string' ? d.name : '' };
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

export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60000);
  if (min < 1) return 'under a minute';
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h ? `${h} h ${m} min` : `${m} min`;
}

export const formatDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** The lines of the certificate / record, shared by the PDF and the print layout. */
export function certificateLines(course: Course, st: CourseState, d: CpdData, today: string): PdfLine[] {
  const total = Object.values(d.time).reduce((a, b) => a + b, 0);
  const lines: PdfLine[] = [
    { text: 'CPD record', size: 12, align: 'center' },
    { text: course.title, size: 18, bold: true, align: 'center', gap: 6 },
    { text: d.name ? `Completed by ${d.name}` : 'Self-directed learning', size: 13, align: 'center', gap: 10 },
    { text: `Date: ${formatDate(today)}    Time spent: ${formatDuration(total)}`, size: 11, align: 'center', gap: 4 },
    {
      text: `Scenarios finished: ${st.scenarios.filter((s) => s.done).length} of ${st.scenarios.length}    Course score: ${Math.round(st.score.scaled * 100)}% (pass mark ${course.passMark}%)`,
      size: 11,
      align: 'center',
    },
    { text: 'Based on BACP Good Practice in Action 040: Social media, digital technology and the counselling professions (March 2023).', size: 9, align: 'center', gap: 4 },
  ];
  for (const u of course.units) {
    const done = st.scenarios.filter((s) => u.scenarios.includes(s.id));
    if (!done.length) continue;
    lines.push({ text: u.title, size: 12, bold: true, gap: 12 });
    for (const s of done) {
      const sc = course.scenarios.find((x) => x.id === s.id)!;
      const when = d.finished[s.id] ? `, ${formatDate(d.finished[s.id])}` : '';
      lines.push({ text: `${sc.title}: ${s.done ? `${Math.round(s.score.scaled * 100)}%${when}` : 'not finished'}`, size: 10 });
    }
    const note = d.notes[u.id]?.trim();
    if (note) lines.push({ text: `Reflection: ${note}`, size: 10, gap: 3 });
  }
  return lines;
}

export function certificatePdf(course: Course, st: CourseState, d: CpdData, today: string): Uint8Array {
  return makePdf(certificateLines(course, st, d, today), { title: `CPD record: ${course.title}`, border: true });
}
