/**
 * npm run map [-- --out dist/maps] [-- --scenario <id>]... [-- --dir scenarios] [-- --direction DOWN|RIGHT]
 * Draws every scenario's branches as dist/maps/<scenario-id>.svg (elkjs layout) and writes
 * dist/maps/index.html listing the maps. With --scenario only those SVGs are (re)drawn; the
 * index lists every map present in the folder. The preview server (npm run preview) serves
 * dist/ under /packages/, so the maps are at /packages/maps/index.html.
 * Exits 1 if a scenario file could not be loaded (the others are still drawn) or none could, 2 on bad usage.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { layoutScenario, loadScenariosForMaps, renderIndex, renderSvg, scenarioGraph } from '../src/lib/map';

const usage = 'usage: tsx scripts/map.ts [--out dist/maps] [--scenario <id>]... [--dir scenarios] [--direction DOWN|RIGHT]';
let values: { out: string; scenario?: string[]; dir: string; direction: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string', default: 'dist/maps' },
      scenario: { type: 'string', multiple: true },
      dir: { type: 'string', default: 'scenarios' },
      direction: { type: 'string', default: 'DOWN' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }) as { values: typeof values });
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const direction = values.direction.toUpperCase();
if (direction !== 'DOWN' && direction !== 'RIGHT') {
  console.error(`--direction must be DOWN or RIGHT, not "${values.direction}"\n${usage}`);
  process.exit(2);
}

const started = Date.now();
const { scenarios, courseProblems, problems } = loadScenariosForMaps(values.dir);
if (courseProblems.length) {
  console.warn(`The course in ${values.dir}/ does not check clean (${courseProblems.length} problem${courseProblems.length === 1 ? '' : 's'}), so each scenario file was loaded on its own:`);
  for (const p of courseProblems.slice(0, 5)) console.warn(`  ${p.file}:${p.line}:${p.column}  ${p.message}`);
  if (courseProblems.length > 5) console.warn(`  … and ${courseProblems.length - 5} more (npm run check:scenarios lists them all)`);
}
for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}  ${p.message}`);

if (!scenarios.length) {
  console.error(`no scenario in ${values.dir}/ could be loaded: nothing to draw`);
  process.exit(1);
}
const known = new Set(scenarios.map((s) => s.id));
const wanted = values.scenario ?? [];
const unknown = wanted.filter((id) => !known.has(id));
if (unknown.length) {
  console.error(`no loadable scenario with id ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${[...known].join(', ') || 'none'}`);
  process.exit(2);
}

const out = values.out;
mkdirSync(out, { recursive: true });
const selected = wanted.length ? scenarios.filter((s) => wanted.includes(s.id)) : scenarios;
for (const s of selected) {
  const graph = scenarioGraph(s);
  const layout = await layoutScenario(s, { graph, direction });
  const file = join(out, `${s.id}.svg`);
  writeFileSync(file, renderSvg(layout));
  const decisions = graph.nodes.filter((n) => n.kind === 'decision').length;
  console.log(`${s.id.padEnd(24)} ${String(graph.nodes.length).padStart(3)} nodes (${decisions} decisions), ${String(graph.edges.length).padStart(3)} edges → ${relative(process.cwd(), file) || file}`);
}

// a full run removes maps of scenarios that no longer exist; only <id>.svg files are touched
if (!wanted.length && !problems.length)
  for (const name of readdirSync(out))
    if (name.endsWith('.svg') && !known.has(name.slice(0, -4))) {
      rmSync(join(out, name));
      console.log(`removed stale ${join(out, name)}`);
    }

const listed = scenarios.filter((s) => existsSync(join(out, `${s.id}.svg`)));
writeFileSync(join(out, 'index.html'), renderIndex(listed.map((s) => ({ graph: scenarioGraph(s), file: `${s.id}.svg`, unit: s.unit }))));
console.log(`${selected.length} map${selected.length === 1 ? '' : 's'} drawn, ${listed.length} listed in ${join(out, 'index.html')} (${Date.now() - started} ms)`);
console.log('With npm run preview running, open /packages/maps/index.html.');
process.exit(problems.length ? 1 : 0);
