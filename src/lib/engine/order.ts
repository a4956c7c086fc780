/**
 * The order a learner sees a decision's options in: shuffled per learner and attempt, the same
 * every time that attempt meets the decision (a resume, a reload, a replay), and never a cue
 * (authored order is not random: issue 9 found the best option first in 13 of 70 decisions).
 *
 * Each option gets a key, a hash of (attempt seed, scenario id, decision id, option id), and the
 * options are sorted by key. So the order depends only on ids, never on positions: a condition
 * that hides one option leaves the others in the same relative order, and records, saved progress
 * and the map keep option ids. Pure: no randomness here; the seed is drawn once per attempt by the
 * player and kept in the progress code.
 *
 * Hand-written because it is a dozen lines: a shuffle library would need a seeded generator and
 * would tie the order to positions.
 */

/** 32-bit FNV-1a over the UTF-16 code units, then murmur3's finaliser so nearby inputs spread out. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The options in this attempt's order for one decision (a new array; the input is not changed). */
export function orderOptions<T extends { id: string }>(options: readonly T[], seed: number, scenarioId: string, decisionId: string): T[] {
  const keyed = options.map((o) => ({ o, key: hash32(`${seed >>> 0}|${scenarioId}|${decisionId}|${o.id}`) }));
  keyed.sort((a, b) => a.key - b.key || (a.o.id < b.o.id ? -1 : a.o.id > b.o.id ? 1 : 0));
  return keyed.map((k) => k.o);
}


/** 32 random bits for a new attempt's option order. */
export function drawSeed(crypto: Pick<Crypto, 'getRandomValues'>): number {
  const bits = new Uint32Array(1);
  crypto.getRandomValues(bits);
  return bits[0] ?? 0;
}
