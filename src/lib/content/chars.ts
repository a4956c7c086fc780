/**
 * Naming a character an author cannot see: an id that looks right but holds a Cyrillic "о", a
 * non-breaking hyphen or a zero-width space fails to match, and the message must say which
 * character it is and where. Written by hand because the few names needed are a short table, and
 * a full Unicode name database (several MB) is not worth it for them; other characters are named
 * by their script or category from the regex engine's Unicode properties.
 */

/** Names of the characters that most often slip into ids from word processors, PDFs and web pages. */
const NAMES: Record<number, string> = {
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x1680: 'OGHAM SPACE MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2010: 'HYPHEN',
  0x2011: 'NON-BREAKING HYPHEN',
  0x2012: 'FIGURE DASH',
  0x2013: 'EN DASH',
  0x2014: 'EM DASH',
  0x2015: 'HORIZONTAL BAR',
  0x2018: 'LEFT SINGLE QUOTATION MARK',
  0x2019: 'RIGHT SINGLE QUOTATION MARK',
  0x201c: 'LEFT DOUBLE QUOTATION MARK',
  0x201d: 'RIGHT DOUBLE QUOTATION MARK',
  0x2024: 'ONE DOT LEADER',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2212: 'MINUS SIGN',
  0x3000: 'IDEOGRAPHIC SPACE',
  0xfe63: 'SMALL HYPHEN-MINUS',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
  0xff0d: 'FULLWIDTH HYPHEN-MINUS',
};

/** Letters of other scripts that look like a Latin letter or digit. */
const LOOKALIKE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ɑ: 'a', ɡ: 'g', ı: 'i', ℓ: 'l', '０': '0', '１': '1',
};

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** `"о" (U+043E, a Cyrillic letter that looks like Latin "o")`, `U+200B ZERO WIDTH SPACE (invisible)` */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const named = NAMES[cp];
  const space = /\p{Zs}/u.test(ch);
  const invisible = /[\p{Cf}\p{Zl}\p{Zp}\p{Cc}]/u.test(ch);
  if (named) return invisible || space ? `${hex(cp)} ${named} (${space ? 'looks like a space' : 'invisible'})` : `"${ch}" (${hex(cp)} ${named})`;
  if (invisible || space) return `${hex(cp)} (${space ? 'a space character' : 'an invisible character'})`;
  const script = ['Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Latin'].find((s) => new RegExp(`\\p{Script=${s}}`, 'u').test(ch));
  const like = LOOKALIKE[ch] ?? LOOKALIKE[ch.toLowerCase()];
  const kind = script ? (script === 'Latin' ? 'an accented or special Latin letter' : `a ${script} letter`) : /\p{Pd}/u.test(ch) ? 'a dash' : /\p{N}/u.test(ch) ? 'a digit of another script' : /\p{L}/u.test(ch) ? 'a letter of another script' : 'a symbol';
  return `"${ch}" (${hex(cp)}, ${kind}${like ? ` that looks like Latin "${like}"` : ''})`;
}

/** The first character outside printable ASCII, and where it stands (1-based), or null. */
export function firstUnusual(s: string): { ch: string; at: number } | null {
  let at = 0;
  for (const ch of s) {
    at++;
    if (!/^[\x21-\x7e]$/.test(ch)) return { ch, at };
  }
  return null;
}

/** For a value that fails an id pattern: which unusual character it holds, or null if it is plain ASCII. */
export function unusualCharMessage(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const u = firstUnusual(value);
  if (!u || u.ch === ' ') return null;
  return `"${value}" contains ${describeChar(u.ch)} at character ${u.at}: retype it with plain letters, digits and "-"`;
}
