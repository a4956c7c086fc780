/**
 * Pure SCORM time formats. Durations are rounded to hundredths of a second,
 * the finest precision both SCORM versions accept.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Whole hundredths of a second in a duration; negatives, NaN and infinities count as 0. */
function centiseconds(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms / 10) : 0;
}

/** The largest SCORM 1.2 CMITimespan: 9999:59:59.99. */
const MAX_SCORM12_CS = (9999 * 3600 + 59 * 60 + 59) * 100 + 99;

/**
 * SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (the spec allows 2 to 4 hour digits; we always write 4),
 * e.g. 65 200 ms → "0000:01:05.20". Capped at 9999:59:59.99.
 */
export function scorm12Time(ms: number): string {
  const cs = Math.min(centiseconds(ms), MAX_SCORM12_CS);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${pad(h, 4)}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
}

/** SCORM 1.2 CMITime, the learner's local time of day: HH:MM:SS. */
export function scorm12ClockTime(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * ISO 8601 duration for SCORM 2004 timeinterval (second,10,2), hours as the largest unit:
 * 0 → "PT0S", 90 000 → "PT1M30S", 3 723 500 → "PT1H2M3.5S" (hundredths at most).
 */
export function isoDuration(ms: number): string {
  const cs = centiseconds(ms);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const secCs = cs % 6000;
  let out = 'PT';
  if (h > 0) out += `${h}H`;
  if (m > 0) out += `${m}M`;
  if (secCs > 0 || cs === 0) {
    const whole = Math.floor(secCs / 100);
    const frac = secCs % 100;
    out += frac === 0 ? `${whole}S` : `${whole}.${pad(frac).replace(/0$/, '')}S`;
  }
  return out;
}

/**
 * SCORM 2004 time(second,10,0): YYYY-MM-DDThh:mm:ss in the learner's local time, no fraction and
 * no zone designator (ISO 8601 reads that as local time; scorm-again 3.4 only accepts a zone
 * designator after a fraction of a second, so leaving both out is the portable form).
 */
export function isoTimestamp(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
