/**
 * Draws a laid-out scenario map as a standalone SVG 1.1 document: a heading and legend on top,
 * then the graph. Scenes are rounded rectangles, decisions bold-bordered hexagons, endings
 * double-bordered boxes with their score range. Option edges are coloured by verdict and also
 * differ in dash pattern and label text, so colour is never the only signal.
 * Everything is written from the layout in model order, numbers are rounded and all text is
 * escaped, so the same layout always gives byte-identical output.
 * Build-time only.
 */
import type { Verdict } from '../course/types';
import { describeGraph, VERDICTS } from './graph';
import { METRICS, type PlacedEdge, type PlacedNode, type Point, type ScenarioLayout } from './layout';
import { escapeXml as x, textWidth } from './text';

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

interface Stroke {
  colour: string;
  width: number;
  /** SVG stroke-dasharray, '' for solid */
  dash: string;
  /** the dash pattern in words, for the legend */
  pattern: string;
}

/** Colours pass 4.5:1 on white (they are also used for label text). */
export const VERDICT_STROKE: Record<Verdict, Stroke> = {
  best: { colour: '#1a7f37', width: 2.5, dash: '', pattern: 'solid' },
  acceptable: { colour: '#0550ae', width: 2, dash: '8 4', pattern: 'dashed' },
  poor: { colour: '#9a6700', width: 2, dash: '2 4', pattern: 'dotted' },
  harmful: { colour: '#cf222e', width: 2.5, dash: '10 4 2 4', pattern: 'dash-dot' },
};
export const NEXT_STROKE: Stroke = { colour: '#57606a', width: 1.5, dash: '', pattern: 'thin grey' };

const INK = '#1f2328';
const MUTED = '#57606a';
const NODE_STYLE = {
  scene: { fill: '#f6f8fa', stroke: '#57606a', width: 1.5 },
  decision: { fill: '#fff8c5', stroke: '#1f2328', width: 2.5 },
  ending: { fill: '#ddf4ff', stroke: '#0550ae', width: 1.5 },
} as const;

const n = (v: number) => String(Math.round(v * 10) / 10 + 0);
const strokeAttrs = (s: Stroke) => `stroke="${s.colour}" stroke-width="${n(s.width)}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}`;
const text = (px: number, py: number, size: number, fill: string, body: string, extra = '') =>
  `<text x="${n(px)}" y="${n(py)}" font-size="${size}" fill="${fill}"${extra}>${x(body)}</text>`;

function nodeShape(node: PlacedNode): string {
  const s = NODE_STYLE[node.kind];
  const { x: l, y: t, width: w, height: h } = node;
  const paint = `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${n(s.width)}"`;
  if (node.kind === 'decision') {
    const p = METRICS.decisionPoint;
    const pts = [
      [l + p, t],
      [l + w - p, t],
      [l + w, t + h / 2],
      [l + w - p, t + h],
      [l + p, t + h],
      [l, t + h / 2],
    ];
    return `<polygon points="${pts.map(([a, b]) => `${n(a)},${n(b)}`).join(' ')}" ${paint}/>`;
  }
  if (node.kind === 'ending')
    return (
      `<rect x="${n(l)}" y="${n(t)}" width="${n(w)}" height="${n(h)}" rx="12" ${paint}/>` +
      `<rect x="${n(l + 3.5)}" y="${n(t + 3.5)}" width="${n(w - 7)}" height="${n(h - 7)}" rx="9" fill="none" stroke="${s.stroke}" stroke-width="1"/>`
    );
  return `<rect x="${n(l)}" y="${n(t)}" width="${n(w)}" height="${n(h)}" rx="8" ${paint}/>`;
}

function nodeText(node: PlacedNode): string[] {
  const m = METRICS;
  const cx = node.x + node.width / 2;
  const bold = node.kind !== 'scene' ? ' font-weight="bold"' : '';
  let y = node.y + m.padY + m.caption;
  const out = [text(cx, y, m.caption, MUTED, node.caption)];
  y += m.captionLine - m.caption + m.text - 1;
  for (const line of node.lines) {
    out.push(text(cx, y, m.text, INK, line, bold));
    y += m.textLine;
  }
  if (node.score) out.push(text(cx, y, m.label, INK, node.score));
  return out;
}

const strokeOf = (e: PlacedEdge) => (e.option ? VERDICT_STROKE[e.option.verdict] : NEXT_STROKE);
const markerId = (e: PlacedEdge) => `arrow-${e.option ? e.option.verdict : 'next'}`;
const pathOf = (pts: Point[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join(' ');

function edgeTitle(e: PlacedEdge): string {
  const cond = [e.option?.offered, e.condition].filter(Boolean).join('; ');
  const tail = `→ ${e.to}${cond ? ` (${cond})` : ''}`;
  if (!e.option) return `${e.from} ${tail}`;
  const o = e.option;
  return `Option ${o.id} at ${e.from} (${o.verdict}, ${o.points} ${o.points === 1 ? 'point' : 'points'}): ${o.text} ${tail}`;
}

function edgeLabel(e: PlacedEdge): string {
  const b = e.labelBox;
  if (!b || !e.label.length) return '';
  const s = strokeOf(e);
  const m = METRICS;
  const lines = e.label.map((line, i) =>
    text(b.x + b.width / 2, b.y + 3 + (i + 1) * m.labelLine - 3.5, m.label, i === 0 && e.option ? s.colour : INK, line, i === 0 && e.option ? ' font-weight="bold"' : ''),
  );
  return (
    `<g class="edge-label" data-label-for="${x(e.id)}">` +
    `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="3" fill="#ffffff" fill-opacity="0.94" stroke="${s.colour}" stroke-width="0.75"/>` +
    lines.join('') +
    `</g>`
  );
}

interface Legend {
  height: number;
  width: number;
  body: string[];
}

/** Heading, then a key that flows into rows no wider than `maxWidth`. */
function legend(layout: ScenarioLayout, maxWidth: number): Legend {
  const g = layout.graph;
  const pad = 12;
  const body: string[] = [];
  const decisions = g.nodes.filter((v) => v.kind === 'decision').length;
  body.push(text(pad, 24, 16, INK, `Scenario map: ${g.title}`, ' font-weight="bold"'));
  const sub = `${g.id} · ${decisions} ${decisions === 1 ? 'decision' : 'decisions'}${g.score ? ` · total points ${g.score.min}–${g.score.max} over every path` : ''}`;
  body.push(text(pad, 42, 12, MUTED, sub));
  let widest = Math.max(textWidth(`Scenario map: ${g.title}`, 16, true), textWidth(sub, 12)) + 2 * pad;

  // key items: [width, draw(x, y) where y is the row's middle]
  const items: [number, (ix: number, iy: number) => string][] = [];
  const shape = (kind: 'scene' | 'decision' | 'ending', label: string) => {
    const w = 34 + 6 + textWidth(label, 11);
    items.push([
      w,
      (ix, iy) => {
        const s = NODE_STYLE[kind];
        const paint = `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${n(s.width)}"`;
        const shapeSvg =
          kind === 'decision'
            ? `<polygon points="${n(ix + 7)},${n(iy - 9)} ${n(ix + 27)},${n(iy - 9)} ${n(ix + 34)},${n(iy)} ${n(ix + 27)},${n(iy + 9)} ${n(ix + 7)},${n(iy + 9)} ${n(ix)},${n(iy)}" ${paint}/>`
            : kind === 'ending'
              ? `<rect x="${n(ix)}" y="${n(iy - 9)}" width="34" height="18" rx="6" ${paint}/><rect x="${n(ix + 3)}" y="${n(iy - 6)}" width="28" height="12" rx="4" fill="none" stroke="${s.stroke}" stroke-width="1"/>`
              : `<rect x="${n(ix)}" y="${n(iy - 9)}" width="34" height="18" rx="5" ${paint}/>`;
        return shapeSvg + text(ix + 40, iy + 4, 11, INK, label);
      },
    ]);
  };
  shape('scene', 'scene');
  shape('decision', 'decision (prompt’s first words)');
  shape('ending', 'ending (points range · paths)');
  const line = (s: Stroke, marker: string, label: string, bold: boolean) => {
    const w = 40 + 6 + textWidth(label, 11, bold);
    items.push([
      w,
      (ix, iy) =>
        `<path d="M${n(ix)} ${n(iy)} L${n(ix + 36)} ${n(iy)}" fill="none" ${strokeAttrs(s)} marker-end="url(#${marker})"/>` +
        text(ix + 46, iy + 4, 11, bold ? s.colour : INK, label, bold ? ' font-weight="bold"' : ''),
    ]);
  };
  for (const v of VERDICTS) line(VERDICT_STROKE[v], `arrow-${v}`, `${v} (${VERDICT_STROKE[v].pattern})`, true);
  line(NEXT_STROKE, 'arrow-next', 'scene continues', false);

  const notes = [
    'Edge labels: option id · verdict · points. “if flag” / “unless flag”: that branch is taken only when the flag is set / not set;',
    '“otherwise”: when no earlier branch applies; “offered if …” / “offered unless …”: the option is shown only then.',
  ];
  const rowHeight = 26;
  let ix = pad;
  let iy = 66;
  const limit = Math.max(maxWidth, ...notes.map((t) => textWidth(t, 11) + 2 * pad));
  for (const [w, draw] of items) {
    if (ix > pad && ix + w > limit - pad) (ix = pad), (iy += rowHeight);
    body.push(draw(ix, iy));
    widest = Math.max(widest, ix + w + pad);
    ix += w + 18;
  }
  iy += rowHeight - 4;
  for (const note of notes) {
    body.push(text(pad, iy, 11, MUTED, note));
    widest = Math.max(widest, textWidth(note, 11) + 2 * pad);
    iy += 15;
  }
  return { height: Math.ceil(iy + 4), width: Math.ceil(widest), body };
}

export function renderSvg(layout: ScenarioLayout): string {
  const key = legend(layout, layout.width);
  const width = Math.ceil(Math.max(layout.width, key.width));
  const dx = Math.round((width - layout.width) / 2);
  const dy = key.height;
  const height = Math.ceil(dy + layout.height);
  const g = layout.graph;
  const desc =
    `${describeGraph(g)} Scenes are rounded boxes, decisions bold-bordered hexagons and endings double-bordered boxes showing the range of total points over the paths that reach them. ` +
    `Arrows show where each option leads, labelled with the option id, verdict and points; best options are solid green lines, acceptable dashed blue, poor dotted amber, harmful dash-dot red.`;

  const markers = [...VERDICTS.map((v) => [`arrow-${v}`, VERDICT_STROKE[v].colour] as const), ['arrow-next', NEXT_STROKE.colour] as const].map(
    ([id, colour]) =>
      `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`,
  );

  const edges = layout.edges.map((e) => {
    const s = strokeOf(e);
    const attrs = [
      `class="edge ${e.kind}${e.option ? ` ${e.option.verdict}` : ''}"`,
      `data-edge="${x(e.id)}"`,
      `data-from="${x(e.from)}"`,
      `data-to="${x(e.to)}"`,
      ...(e.option ? [`data-option="${x(e.option.id)}"`, `data-verdict="${e.option.verdict}"`] : []),
    ].join(' ');
    return `<g ${attrs}><title>${x(edgeTitle(e))}</title><path d="${pathOf(e.points)}" fill="none" ${strokeAttrs(s)} stroke-linejoin="round" marker-end="url(#${markerId(e)})"/></g>`;
  });
  const nodes = layout.nodes.map(
    (v) => `<g class="node ${v.kind}${v.start ? ' start' : ''}" data-node="${x(v.id)}"><title>${x(`${v.caption}: ${v.full}`)}</title>${nodeShape(v)}${nodeText(v).join('')}</g>`,
  );
  const labels = layout.edges.map(edgeLabel).filter(Boolean);

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" xml:lang="en-GB" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc" font-family="${x(FONT)}" text-rendering="geometricPrecision">`,
    `<title id="map-title">${x(`Scenario map: ${g.title}`)}</title>`,
    `<desc id="map-desc">${x(desc)}</desc>`,
    `<defs>`,
    ...markers,
    `</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="legend">`,
    ...key.body,
    `</g>`,
    `<g class="graph" transform="translate(${dx} ${dy})" text-anchor="middle">`,
    `<g class="edges">`,
    ...edges,
    `</g>`,
    `<g class="nodes">`,
    ...nodes,
    `</g>`,
    `<g class="edge-labels">`,
    ...labels,
    `</g>`,
    `</g>`,
    `</svg>`,
    ``,
  ].join('\n');
}
