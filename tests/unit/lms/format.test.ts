import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isoDuration, isoTimestamp, scorm12ClockTime, scorm12Time } from '../../../src/lib/lms/format';

const SCORM12_TIMESPAN = /^\d{4}:[0-5]\d:[0-5]\d\.\d{2}$/;
const ISO_DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?$/;

/** A small ISO 8601 duration parser (hours, minutes, seconds only) → ms. */
function parseIsoDuration(s: string): number {
  const m = ISO_DURATION.exec(s);
  if (!m || s === 'PT') throw new Error(`not a duration: ${s}`);
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

function parseScorm12(s: string): number {
  const [h, m, rest] = s.split(':');
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(rest)) * 1000);
}

const roundedToCs = (ms: number): number => Math.round(ms / 10) * 10;

describe('scorm12Time', () => {
  test('examples', () => {
    expect(scorm12Time(0)).toBe('0000:00:00.00');
    expect(scorm12Time(65_200)).toBe('0000:01:05.20');
    expect(scorm12Time(3_723_456)).toBe('0001:02:03.46');
    expect(scorm12Time(-5)).toBe('0000:00:00.00');
    expect(scorm12Time(Number.NaN)).toBe('0000:00:00.00');
    expect(scorm12Time(1e15)).toBe('9999:59:59.99');
  });
  test('always HHHH:MM:SS.SS and exact to the hundredth, for any ms in 0..10^9', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (ms) => {
        const s = scorm12Time(ms);
        expect(s).toMatch(SCORM12_TIMESPAN);
        expect(parseScorm12(s)).toBe(roundedToCs(ms));
      }),
    );
  });
  test('fractional and huge inputs still match the format', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), (ms) => {
        expect(scorm12Time(ms)).toMatch(SCORM12_TIMESPAN);
      }),
    );
  });
});

describe('isoDuration', () => {
  test('examples', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(4)).toBe('PT0S');
    expect(isoDuration(90_000)).toBe('PT1M30S');
    expect(isoDuration(65_200)).toBe('PT1M5.2S');
    expect(isoDuration(3_723_500)).toBe('PT1H2M3.5S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
    expect(isoDuration(3_600_010)).toBe('PT1H0.01S');
    expect(isoDuration(-1)).toBe('PT0S');
  });
  test('round-trips through a parser to the hundredth, hundredths at most', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (ms) => {
        const s = isoDuration(ms);
        expect(s).toMatch(ISO_DURATION);
        expect(parseIsoDuration(s)).toBe(roundedToCs(ms));
      }),
    );
  });
});

describe('clock times', () => {
  test('scorm12ClockTime is the local HH:MM:SS', () => {
    expect(scorm12ClockTime(new Date(2024, 4, 6, 7, 8, 9, 500))).toBe('07:08:09');
    fc.assert(
      fc.property(fc.date({ min: new Date(1971, 0, 1), max: new Date(2999, 0, 1), noInvalidDate: true }), (d) => {
        expect(scorm12ClockTime(d)).toMatch(/^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
      }),
    );
  });
  test('isoTimestamp is YYYY-MM-DDThh:mm:ss local, no ms, and reads back as the same second', () => {
    expect(isoTimestamp(new Date(2024, 4, 6, 7, 8, 9, 500))).toBe('2024-05-06T07:08:09');
    fc.assert(
      fc.property(fc.date({ min: new Date(1971, 0, 1), max: new Date(2999, 0, 1), noInvalidDate: true }), (d) => {
        const s = isoTimestamp(d);
        expect(s).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        // ECMAScript reads a date-time without zone as local time: it names the same wall-clock second
        // (compared as text, so an hour repeated when the clocks go back cannot make it flaky)
        expect(isoTimestamp(new Date(s))).toBe(s);
        expect(Math.abs(new Date(s).getTime() - d.getTime())).toBeLessThan(3_600_000 + 1000);
      }),
    );
  });
});
