/**
 * Text helpers for the scenario maps: XML escaping, word wrapping and a rough width estimate
 * (the maps are laid out in Node, where no font metrics are available).
 * Build-time only: nothing in the app imports src/lib/map.
 */

const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe inside XML character data and attribute values: the five special characters are
 * escaped and characters XML 1.0 forbids (C0 controls other than tab, LF and CR, lone
 * surrogates, U+FFFE/U+FFFF) are dropped.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESC[c]);
}

/** Collapses white space. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** At most `max` characters, cut at a word boundary where possible, with "…" when cut. */
export function clip(text: string, max: number): string {
  const t = squash(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/**
 * Greedy word wrap to lines of at most `width` characters (longer words are split), at most
 * `maxLines` lines; text that does not fit ends the last line with "…".
 */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const words = squash(text)
    .split(' ')
    .filter(Boolean)
    .flatMap((w) => (w.length <= width ? [w] : (w.match(new RegExp(`.{1,${width}}`, 'gu')) ?? [w])));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else (lines.push(line), (line = w));
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = clip(`${kept[maxLines - 1]} ${lines[maxLines]}`, width - 1);
  if (!kept[maxLines - 1].endsWith('…')) kept[maxLines - 1] += '…';
  return kept;
}

/** A generous estimate of rendered width for the sans-serif stack the SVG uses. */
export function textWidth(s: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of s) {
    if (/[ il.,:;'|!()[\]·]/.test(ch)) units += 0.32;
    else if (/[mwMW@%—]/.test(ch)) units += 0.9;
    else if (/[A-Z0-9–]/.test(ch)) units += 0.66;
    else units += 0.56;
  }
  return units * size * (bold ? 1.08 : 1);
}
