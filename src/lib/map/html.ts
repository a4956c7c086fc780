/**
 * dist/maps/index.html: every scenario map as an <img> with alt text, plus a text version of
 * each map (every node and where each option leads) for anyone who cannot use the picture.
 * Build-time only.
 */
import { describeGraph, type MapEdge, type ScenarioGraph } from './graph';
import { formatRange } from './ranges';
import { escapeXml as h } from './text';

export interface IndexEntry {
  graph: ScenarioGraph;
  /** the SVG's file name, relative to index.html */
  file: string;
  unit?: string;
}

/** Anchors: "map-<id>" for a section, "<id>/<node>" for a node of its text version (ids have no "/"). */
const nodeAnchor = (g: ScenarioGraph, node: string) => `${g.id}/${node}`;

function edgeText(g: ScenarioGraph, e: MapEdge): string {
  const cond = [e.option?.offered, e.condition].filter(Boolean).join('; ');
  const where = `→ <a href="#${h(nodeAnchor(g, e.to))}">${h(e.to)}</a>${cond ? ` (${h(cond)})` : ''}`;
  if (!e.option) return where;
  const o = e.option;
  return `<strong>${h(o.id)}</strong> · ${h(o.verdict)} · ${o.points} ${o.points === 1 ? 'pt' : 'pts'}: ${h(o.text)} ${where}`;
}

function textVersion(g: ScenarioGraph): string {
  const items = g.nodes.map((n) => {
    const out = g.edges.filter((e) => e.from === n.id);
    const label = `${n.kind === 'ending' ? 'Ending' : n.kind === 'decision' ? 'Decision' : 'Scene'} ${n.id}${n.start ? ' (start)' : ''}`;
    const body =
      n.kind === 'ending' ? `${h(n.lines.join(' '))}: ${n.range ? `points ${formatRange(n.range)} over ${n.range.paths} ${n.range.paths === 1 ? 'path' : 'paths'}` : 'no path reaches it'}` : h(n.full);
    const list = out.length ? `<ul>${out.map((e) => `<li>${edgeText(g, e)}</li>`).join('')}</ul>` : '';
    return `<li id="${h(nodeAnchor(g, n.id))}"><strong>${h(label)}</strong>: ${body}${list}</li>`;
  });
  return `<ol class="outline">${items.join('\n')}</ol>`;
}

export function renderIndex(entries: IndexEntry[], title = 'Scenario maps'): string {
  const nav = entries.map((e) => `<li><a href="#map-${h(e.graph.id)}">${h(e.graph.title)}</a>${e.unit ? ` <span class="unit">(${h(e.unit)})</span>` : ''}</li>`).join('\n');
  const sections = entries.map((e) => {
    const g = e.graph;
    const decisions = g.nodes.filter((n) => n.kind === 'decision').length;
    const facts = [e.unit ? `Unit ${e.unit}` : '', `id ${g.id}`, `${decisions} ${decisions === 1 ? 'decision' : 'decisions'}`, g.score ? `total points ${formatRange(g.score)}` : '']
      .filter(Boolean)
      .join(' · ');
    return [
      `<section id="map-${h(g.id)}" aria-labelledby="map-${h(g.id)}-title">`,
      `<h2 id="map-${h(g.id)}-title">${h(g.title)}</h2>`,
      `<p class="facts">${h(facts)}</p>`,
      `<figure>`,
      `<a href="${h(encodeURIComponent(e.file))}"><img src="${h(encodeURIComponent(e.file))}" alt="${h(describeGraph(g))}"></a>`,
      `<figcaption>Map of “${h(g.title)}”. Select the map to open it full size.</figcaption>`,
      `</figure>`,
      `<details>`,
      `<summary>Text version of this map</summary>`,
      textVersion(g),
      `</details>`,
      `</section>`,
    ].join('\n');
  });
  return [
    `<!doctype html>`,
    `<html lang="en-GB">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${h(title)}</title>`,
    `<style>`,
    `body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1f2328; background: #fff; margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; line-height: 1.5; }`,
    `a { color: #0550ae; }`,
    `a:focus-visible, summary:focus-visible { outline: 3px solid #0550ae; outline-offset: 2px; }`,
    `section { border-top: 1px solid #d0d7de; margin-top: 2rem; padding-top: 1rem; }`,
    `figure { margin: 1rem 0; }`,
    `img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }`,
    `.facts, .unit, figcaption { color: #57606a; }`,
    `.outline li { margin: 0.25rem 0; }`,
    `</style>`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<h1>${h(title)}</h1>`,
    `<p>Each map shows a scenario’s branches: scenes, decisions and endings, with every option’s verdict and points, the conditions on guarded branches, and the range of total points on the paths that reach each ending. Colours are backed up by line styles and labels; each map also has a text version.</p>`,
    entries.length ? `<nav aria-label="Scenarios"><ol>\n${nav}\n</ol></nav>` : `<p>No scenario maps yet.</p>`,
    `</header>`,
    `<main>`,
    ...sections,
    `</main>`,
    `</body>`,
    `</html>`,
    ``,
  ].join('\n');
}
