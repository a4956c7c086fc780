/**
 * Rules on course.yaml and guidance.yaml beyond their schemas, run on the parsed data whether or
 * not it matched the schema (every problem at once): units that are duplicated or empty, guidance
 * items that are duplicated, filed under the wrong section, or tagged with a theme that does not
 * exist, and themes declared twice.
 */
import type { Finding } from './scenario-check';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reports the second and later uses of each id in a list of objects. */
function duplicates(items: unknown[], path: (i: number) => (string | number)[], what: string, out: Finding[]): Map<string, number> {
  const first = new Map<string, number>();
  items.forEach((x, i) => {
    const id = obj(x).id;
    if (typeof id !== 'string') return;
    if (first.has(id)) out.push({ path: path(i), message: `duplicate ${what} "${id}" (first used at ${String(path(first.get(id)!).slice(0, -1).join('.')).replace(/\.(\d+)/g, '[$1]')})` });
    else first.set(id, i);
  });
  return first;
}

export function checkCourseFile(data: unknown): Finding[] {
  const out: Finding[] = [];
  const units = list(obj(data).units);
  duplicates(units, (i) => ['units', i, 'id'], 'unit id', out);
  units.forEach((u, i) => {
    const scenarios = obj(u).scenarios;
    if (Array.isArray(scenarios) && scenarios.length === 0)
      out.push({ path: ['units', i, 'scenarios'], message: `unit "${String(obj(u).id)}" has no scenarios: a package of it could never be completed; list its scenarios, or remove the unit` });
  });
  return out;
}

export function checkGuidanceFile(data: unknown): Finding[] {
  const out: Finding[] = [];
  const g = obj(data);
  const themes = duplicates(list(g.themes), (i) => ['themes', i, 'id'], 'theme id', out);
  const items = list(g.items);
  duplicates(items, (i) => ['items', i, 'id'], 'guidance id', out);
  items.forEach((raw, i) => {
    const it = obj(raw);
    if (typeof it.id === 'string' && typeof it.section === 'string') {
      const fromId = /^G-(.+)-[a-z]$/.exec(it.id)?.[1];
      if (fromId && fromId !== it.section) out.push({ path: ['items', i, 'section'], message: `section "${it.section}" disagrees with the id ${it.id}, which says section ${fromId}: correct one of them` });
    }
    if (typeof it.theme === 'string' && themes.size && !themes.has(it.theme))
      out.push({ path: ['items', i, 'theme'], message: `unknown theme "${it.theme}": use one of ${[...themes.keys()].join(', ')} (the themes listed at the top of this file)` });
  });
  return out;
}
