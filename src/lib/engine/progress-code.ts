/**
 * The progress code's text (engine/progress.ts has the format): read without replaying anything,
 * so the boot (src/lib/boot/boot.ts), which runs before the engine is loaded, can read it too.
 */

export const CODEC_VERSION = '2';

export class ProgressCodeError extends Error {
  override name = 'ProgressCodeError';
}

/** FNV-1a, 32 bit, as 7 base-36 characters: catches truncation and damage, not tampering. */
export function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

export interface Parsed {
  version: number;
  seed: number;
  entries: { id: string; counted: string[] | null; current: string[] }[];
}

const PATH = '[a-z0-9.]+';

function parsePath(raw: string, id: string): string[] {
  const path = raw === '' ? [] : raw.split('.');
  if (path.some((o) => o === '')) throw new ProgressCodeError(`saved progress has an empty choice in "${id}"`);
  return path;
}

export function parse(code: string): Parsed {
  const parts = code.split('~');
  const fmt = parts[0];
  if (fmt !== '1' && fmt !== CODEC_VERSION) {
    throw new ProgressCodeError(`saved progress uses format "${fmt.slice(0, 10)}", this course reads formats 1 and ${CODEC_VERSION}`);
  }
  const expected = fmt === '1' ? 4 : 5;
  if (parts.length !== expected) throw new ProgressCodeError(`saved progress is not in a known format (expected ${expected} parts, found ${parts.length})`);
  const check = parts[parts.length - 1];
  if (checksum(parts.slice(0, -1).join('~')) !== check) throw new ProgressCodeError('saved progress is damaged (its check code does not match)');
  const version = Number(parts[1]);
  if (!Number.isInteger(version) || version < 1) throw new ProgressCodeError(`saved progress has an invalid course version "${parts[1]}"`);
  // format 1 had no seed: one drawn from its check, the same each time the code is read
  const seed = fmt === '1' ? parseInt(check, 36) >>> 0 : parseInt(parts[2], 36);
  if (!/^[0-9a-z]{1,7}$/.test(fmt === '1' ? check : parts[2]) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new ProgressCodeError(`saved progress has an invalid seed "${(parts[2] ?? '').slice(0, 10)}"`);
  }
  const body = fmt === '1' ? parts[2] : parts[3];
  const entry = fmt === '1' ? new RegExp(`^([a-z0-9][a-z0-9-]*):(${PATH})$`) : new RegExp(`^([a-z0-9][a-z0-9-]*):(${PATH})(?:/([a-z0-9.]*))?$`);
  const seen = new Set<string>();
  const entries = (body ? body.split(';') : []).map((text) => {
    const m = entry.exec(text);
    if (!m) throw new ProgressCodeError(`saved progress has an unreadable entry "${text.slice(0, 40)}"`);
    const [, id, first, second] = m;
    if (seen.has(id)) throw new ProgressCodeError(`saved progress lists scenario "${id}" twice`);
    seen.add(id);
    return second === undefined
      ? { id, counted: null, current: parsePath(first, id) }
      : { id, counted: parsePath(first, id), current: parsePath(second, id) };
  });
  return { version, seed, entries };
}

/**
 * What a code says before it is replayed: the course version it was saved under, its seed and the
 * scenarios it names. Throws ProgressCodeError as decodeProgress does; null when there is no code.
 * For the boot, which must not replay anything.
 */
export function peekProgress(code: string): { version: number; seed: number; ids: string[] } | null {
  if (typeof code !== 'string' || code.trim() === '') return null;
  const { version, seed, entries } = parse(code);
  return { version, seed, ids: entries.map((e) => e.id) };
}
