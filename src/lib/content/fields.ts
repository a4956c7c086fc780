/**
 * "Did you mean …?" for an unknown field: the nearest field name of the format (from the zod
 * schemas themselves, so the list never drifts), within two edits. A typo such as `feedbak` then
 * comes with its fix.
 */
import { z } from 'zod';
import { CourseSchema, GuidanceSchema, ScenarioSchema } from './schema';

function fieldNames(schema: z.ZodType, into: Set<string>, seen = new Set<z.ZodType>()): Set<string> {
  if (seen.has(schema)) return into;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const walk = (v: unknown) => v instanceof z.ZodType && fieldNames(v, into, seen);
  if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) (into.add(k), walk(v));
  if (def.type === 'lazy') walk((def.getter as () => unknown)());
  for (const k of ['innerType', 'element', 'in', 'out']) walk(def[k]);
  for (const o of (def.options as unknown[] | undefined) ?? []) walk(o);
  return into;
}

let names: string[] | null = null;

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The field of the format nearest to `key`, if one is within two edits (or differs only in case). */
export function suggestField(key: string): string | null {
  names ??= [...fieldNames(ScenarioSchema, fieldNames(CourseSchema, fieldNames(GuidanceSchema, new Set())))].filter((n) => n !== '$schema');
  let best: string | null = null;
  let bestD = 3;
  for (const n of names) {
    const d = n.toLowerCase() === key.toLowerCase() ? 0.5 : distance(key, n);
    if (d < bestD) (best = n), (bestD = d);
  }
  return best;
}
