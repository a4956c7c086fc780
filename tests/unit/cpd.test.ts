/** The CPD record and its PDF certificate. */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { certificatePdf, emptyCpd, formatDuration, readCpd, writeCpd } from '../../src/lib/cpd/record';
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
    expect(doc.getTitle()).toBe('CPD record: Test');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('(Completed by Zo\\353 O\\222Brien \\(trainee\\)) Tj');
    expect(text).toContain('Course score: 100%');
    expect(text).toContain('Talk about requests at contracting \\226 every time.');
    expect(text).toContain('Time spent: 10 min');
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
});
