/**
 * One-off import: turns ../shared/guidance/guidance-map.md into scenarios/guidance.yaml.
 * The map's text is already a paraphrase (no sentences from GPiA 040); the short title is
 * cut from it. Run again only when the map changes: `npx tsx scripts/import-guidance.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const src = readFileSync(new URL('../../shared/guidance/guidance-map.md', import.meta.url), 'utf8');
// the item tables have six cells; the cross-reference table at the end has two
const out = new URL('../scenarios/guidance.yaml', import.meta.url);
// hand-written parts survive a re-import: item titles (and any other field the map does not have), theme names
type Kept = { id: string; title: string; [field: string]: unknown };
const before = existsSync(out) ? (parse(readFileSync(out, 'utf8')) as { themes?: { id: string; title: string; covers: string }[]; items: Kept[] }) : { items: [] };
const kept = new Map<string, Kept>(before.items.map((it) => [it.id, it]));
const themeTitles = new Map((before.themes ?? []).map((t) => [t.id, t.title]));
// the theme table: | `boundaries` | what it covers | count |
const themes = src
  .split('\n')
  .filter((l) => /^\| `[a-z-]+` \|/.test(l))
  .map((l) => {
    const [id, covers] = l.split('|').slice(1, 3).map((c) => c.trim().replace(/`/g, ''));
    const title = themeTitles.get(id) ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    return { id, title, covers };
  });
function efLabel(cell: string): string {
  if (/^EF \(quoted in 3\.4/.test(cell)) return 'commitments on boundaries and the integrity of relationships (quoted in §3.4, not numbered)';
  if (/^Ethical Framework \(whole/.test(cell)) return 'the Framework as a whole';
  if (/quality quoted but not named/.test(cell)) return 'personal moral qualities';
  return cell.replace(/ \((context|as applied by the document)\)$/, '');
}

const rows = src.split('\n').filter((l) => /^\| G-/.test(l) && l.split('|').length >= 8);
const items = rows.map((row) => {
  const cells = row.split('|').slice(1, -1).map((c) => c.trim());
  // the text cell may itself hold a '|': take fixed cells from both ends
  const [id] = cells;
  const [ef, theme, force] = cells.slice(-3);
  const text = cells.slice(2, -3).join('|');
  const section = id.replace(/^G-/, '').replace(/-[a-z]$/, '');
  // the cell as the map gives it ("Good Practice 33c", "Commitment 1a"), minus the map's notes to
  // its reader, so it reads well after "Ethical Framework:"; '—' means none cited
  const efPoints = ef === '—' || ef === '' ? [] : [efLabel(ef)];
  // hand-written short titles survive a re-import; new items get the map's first clause
  const first = text.split(/[;:]\s/)[0].replace(/\.$/, '');
  const title = kept.get(id)?.title ?? (first.length <= 90 ? first : first.slice(0, first.lastIndexOf(' ', 87)) + '…');
  const fresh = { id, section, title, theme: theme.replace(/`/g, ''), force: force.toLowerCase().split(' ')[0], efPoints, summary: text };
  return { ...kept.get(id), ...fresh };
});
const header =
  '# Citable guidance: BACP Good Practice in Action 040 (March 2023), paraphrased item by item.\n' +
  '# Generated from shared/guidance/guidance-map.md by scripts/import-guidance.ts; ids are stable.\n' +
  '# section: the GPiA 040 section; efPoints: Ethical Framework points the document cites for the item.\n' +
  '# background (optional, written by the course authors, kept on re-import): why the item is context and needs no\n' +
  '# decision of its own; it exempts a helpful, recommended or required item from the "taught" gate of check:scenarios.\n';
writeFileSync(out, header + stringify({ themes, items }, { lineWidth: 0 }));
console.log(`${items.length} guidance items written`);
