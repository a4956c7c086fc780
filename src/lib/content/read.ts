/**
 * Reading one content file as text, refusing what would reach learners garbled or not at all:
 * a file too large to be a scenario, a file saved as UTF-16 or in a legacy encoding (its accented
 * letters would show as "�"), NUL and other control characters, and an empty file. Each problem
 * names the line and column of the first bad byte, counted the way an editor counts them.
 *
 * The UTF-8 check is by hand: `TextDecoder` with `fatal` says only that a file is invalid, not
 * where, and a file that is invalid must be located to be fixed.
 */
import { readFileSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Problem } from './yaml';

/** The largest content file accepted. The largest file of the course is about 42 KB. */
export const MAX_FILE_BYTES = 256 * 1024;

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (!n || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f) || (c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset, counting only the valid text before it. */
function placeOfByte(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) (line++, (start = i + 1));
  return { line, column: [...Buffer.from(b.subarray(start, offset)).toString('utf8')].length + 1 };
}

/** Line and column (1-based) of a character index in a string. */
export function placeOfIndex(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1 };
}

/** Characters YAML does not allow in a file: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE, U+FFFF. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f\ufffe\uffff]/;

function looksUtf16(b: Uint8Array): 'LE' | 'BE' | null {
  if (b[0] === 0xff && b[1] === 0xfe) return 'LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'BE';
  // no byte order mark: ASCII text in UTF-16 has a NUL in every other byte
  const n = Math.min(b.length, 400) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) (b[i] === 0 && even++, b[i + 1] === 0 && odd++);
  if (n >= 4 && odd > n / 2 / 2 && even === 0) return 'LE';
  if (n >= 4 && even > n / 2 / 2 && odd === 0) return 'BE';
  return null;
}

/** The file's text, or the problems that stop it being read. A UTF-8 byte order mark is accepted and dropped. */
export function readContentFile(file: string): { text: string | null; problems: Problem[] } {
  const at = (line: number, column: number, message: string) => ({ text: null, problems: [{ file, line, column, message }] });
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    return at(1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  if (size > MAX_FILE_BYTES)
    return at(1, 1, `the file is ${kb(size)}: a content file may be at most ${kb(MAX_FILE_BYTES)} (the largest scenario today is about 42 KB); split it, or look for text pasted in by mistake`);
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch (e) {
    return at(1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  const utf16 = looksUtf16(b);
  if (utf16) return at(1, 1, `the file is saved as UTF-16 (${utf16 === 'LE' ? 'little' : 'big'}-endian), not UTF-8: save it again as UTF-8 ("UTF-8" in your editor's encoding menu)`);
  if (!isUtf8(b)) {
    const bad = firstInvalidUtf8(b);
    const { line, column } = placeOfByte(b, bad);
    const legacy = new TextDecoder('windows-1252').decode(b.subarray(bad, bad + 1));
    return at(
      line,
      column,
      `the file is not valid UTF-8: byte 0x${b[bad].toString(16).toUpperCase().padStart(2, '0')} here is not part of any character (in the older Windows-1252 encoding it would be "${legacy}"), so learners would see "�"; save the file as UTF-8 and retype the character`,
    );
  }
  let text = b.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const control = CONTROL.exec(text);
  if (control) {
    const { line, column } = placeOfIndex(text, control.index);
    const cp = control[0].codePointAt(0)!;
    const name = cp === 0 ? 'a NUL character (U+0000)' : `a control character (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
    return at(line, column, `the file contains ${name}, which YAML does not allow and no one can see: delete it (it often comes from a copy out of a PDF or a damaged save)`);
  }
  if (!text.trim()) return at(1, 1, 'the file is empty');
  return { text, problems: [] };
}
