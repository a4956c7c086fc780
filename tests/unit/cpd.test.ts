/** The CPD record and its PDF certificate. */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { certificatePdf, cpdHours, emptyCpd, formatDuration, newRecordId, readCpd, recordSummary, writeCpd } from '../../src/lib/cpd/record';
import { makePdf, textWidth, wrap } from '../../src/lib/cpd/pdf';
import { courseState } from '../../src/lib/engine/score';
import { tempContent } from './helpers';

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/good/demo.yaml', 'utf8') }));
const course = r.course!;
course.scenarios[0].score = { min: 0, max: 6 };

describe('CPD record', () => {
  it('round-trips through storage and survives a corrupt entry', () => {
    const s = memory();
    const d = { ...emptyCpd(), name: 'Ama Mensah', notes: { demo: 'Add a social media section to my contract.' }, time: { demo: 125000 } };
    writeCpd(s, 'c', d);
    expect(readCpd(s, 'c')).toEqual(d);
    s.setItem('c:cpd', '{not json');
    expect(readCpd(s, 'c')).toEqual(emptyCpd());
  });

  it('formats durations for people', () => {
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration(125_000)).toBe('2 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });

  it('writes a one-page PDF that a PDF library opens, with the course, score, notes and name', async () => {
    const st = courseState(course, { paths: { demo: ['a', 'a'] } });
    const d = { ...emptyCpd(), name: 'Zoë O’Brien (trainee)', notes: { demo: 'Talk about requests at contracting – every time.' }, time: { demo: 600_000 }, finished: { demo: '2026-11-20T10:00:00.000Z' } };
    const bytes = certificatePdf(course, st, d, '2026-11-24T12:00:00.000Z');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Certificate of completion: Test');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('(Certificate of completion) Tj');
    expect(text).toContain('(Learner: Zo\\353 O\\222Brien \\(trainee\\)) Tj');
    expect(text).toContain('Course score: 6 of 6 points \\(100%\\)');
    expect(text).toContain('Talk about requests at contracting \\226 every time.');
    expect(text).toContain('Time recorded on this device: 10 min');
    // deterministic: same input, same bytes
    expect(Buffer.from(certificatePdf(course, st, d, '2026-11-24T12:00:00.000Z')).equals(Buffer.from(bytes))).toBe(true);
  });

  it('shows characters the standard fonts lack as "?" instead of failing', async () => {
    const bytes = makePdf([{ text: 'Arrows → and ticks ✓ and emoji 🙂' }], { title: 'x' });
    await expect(PDFDocument.load(bytes)).resolves.toBeTruthy();
    expect(Buffer.from(bytes).toString('latin1')).toContain('(Arrows ? and ticks ? and emoji ?) Tj');
  });

  it('wraps long lines to the page width', () => {
    const lines = wrap('word '.repeat(200), 11, 480);
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(textWidth(l, 11)).toBeLessThanOrEqual(480);
  });

  it('is titled a certificate only when every scenario is finished and the pass mark reached', () => {
    const today = '2026-11-24T12:00:00.000Z';
    const d = { ...emptyCpd(), started: '2026-11-01T09:00:00.000Z', finished: { demo: '2026-11-20T10:00:00.000Z' } };
    // part-way: a progress record, with the score said to be a score so far
    const partway = recordSummary(course, courseState(course, { paths: { demo: ['a'] } }), d, today);
    expect(partway.title).toBe('Progress record (not complete)');
    expect(partway.facts.find((f) => f.label === 'Status')?.value).toBe('Not complete: 0 of 1 scenarios finished');
    expect(partway.facts.map((f) => f.label)).not.toContain('Course score');
    // finished but below the pass mark (50% here): still a progress record
    const low = recordSummary(course, courseState(course, { paths: { demo: ['b', 'b'] } }), d, today);
    expect(low.title).toBe('Progress record (not complete)');
    expect(low.facts.find((f) => f.label === 'Status')?.value).toContain('the pass mark of 50% is not reached yet');
    // finished and passed: a certificate, with its dates, CPD hours and the guidance it is based on
    const done = recordSummary(course, courseState(course, { paths: { demo: ['a', 'a'] } }), { ...d, recordId: 'DB-2345-6789' }, today);
    expect(done.title).toBe('Certificate of completion');
    const fact = (l: string) => done.facts.find((f) => f.label === l)?.value;
    expect(fact('Course score')).toBe('6 of 6 points (100%); pass mark 50%');
    expect(fact('Started')).toBe('1 November 2026');
    expect(fact('Completed')).toBe('20 November 2026');
    expect(fact('Issued')).toBe('24 November 2026');
    expect(fact('Record id')).toBe('DB-2345-6789');
    expect(fact('CPD hours')).toMatch(/^0\.5 hours/);
    expect(fact('Based on')).toContain('Good Practice in Action 040');
  });

  it('rounds CPD hours up to the half hour and makes readable record ids', () => {
    expect(cpdHours(10)).toBe('0.5 hours');
    expect(cpdHours(30)).toBe('0.5 hours');
    expect(cpdHours(31)).toBe('1 hour');
    expect(cpdHours(116)).toBe('2 hours');
    expect(cpdHours(125)).toBe('2.5 hours');
    let i = 0;
    const seq = () => [0, 0.5, 0.99][i++ % 3];
    expect(newRecordId(seq)).toBe('DB-2JZ2-JZ2J');
    expect(newRecordId()).toMatch(/^DB-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  });

  it('keeps reflections per scenario and older records without them still read', () => {
    const s = memory();
    s.setItem('c:cpd', JSON.stringify({ time: { demo: 5 }, finished: {}, notes: {}, name: 'A' }));
    expect(readCpd(s, 'c')).toEqual({ ...emptyCpd(), time: { demo: 5 }, name: 'A' });
    const d = { ...emptyCpd(), reflections: { demo: 'Say it at contracting.' }, recordId: 'DB-2345-6789', noteDismissed: true };
    writeCpd(s, 'c', d);
    expect(readCpd(s, 'c')).toEqual(d);
  });
});
