/**
 * Places a scenario graph with elkjs (layered, top to bottom or left to right, orthogonal edges,
 * edge labels given room between layers). Sizes come from the text (textWidth), coordinates are
 * rounded to 0.1 px and elk's own bookkeeping ($H ids, sections' ids) is dropped, so the same
 * scenario always gives the same layout.
 * Build-time only: elkjs is 1.6 MB and must stay out of the learner's download.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Scenario } from '../course/types';
import { scenarioGraph, type MapEdge, type MapNode, type ScenarioGraph } from './graph';
import { textWidth } from './text';

export type Direction = 'DOWN' | 'RIGHT';

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  width: number;
  height: number;
}
export interface PlacedNode extends MapNode, Box {}
export interface PlacedEdge extends MapEdge {
  /** start, bends, end */
  points: Point[];
  /** where the label goes (absent when the edge has no label) */
  labelBox?: Box;
}

export interface ScenarioLayout {
  graph: ScenarioGraph;
  direction: Direction;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Sizes and type metrics shared with svg.ts. */
export const METRICS = {
  caption: 10,
  text: 12,
  label: 11,
  captionLine: 14,
  textLine: 16,
  labelLine: 14,
  padX: 14,
  padY: 9,
  /** extra room either side of a decision for its pointed ends */
  decisionPoint: 14,
  minWidth: 120,
} as const;

export function nodeSize(n: MapNode): { width: number; height: number } {
  const m = METRICS;
  const bold = n.kind !== 'scene';
  const widths = [textWidth(n.caption, m.caption), ...n.lines.map((l) => textWidth(l, m.text, bold)), n.score ? textWidth(n.score, m.label) : 0];
  const extra = n.kind === 'decision' ? 2 * m.decisionPoint : 0;
  const width = Math.max(m.minWidth, Math.ceil(Math.max(...widths) + 2 * m.padX + extra));
  const height = Math.ceil(2 * m.padY + m.captionLine + n.lines.length * m.textLine + (n.score ? m.textLine : 0));
  return { width, height };
}

/** An edge label's box; an option's first line (id · verdict · points) is bold. */
export function labelSize(lines: string[], boldFirst: boolean): { width: number; height: number } {
  const m = METRICS;
  const widths = lines.map((l, i) => textWidth(l, m.label, boldFirst && i === 0));
  return { width: Math.ceil(Math.max(...widths) + 12), height: lines.length * m.labelLine + 6 };
}

const round = (v: number) => Math.round(v * 10) / 10 + 0; // + 0 turns -0 into 0

let elk: InstanceType<typeof ELK> | null = null;

export async function layoutScenario(scenario: Scenario, opts: { direction?: Direction; graph?: ScenarioGraph } = {}): Promise<ScenarioLayout> {
  const graph = opts.graph ?? scenarioGraph(scenario);
  const direction = opts.direction ?? 'DOWN';
  const nid = (id: string) => `n:${id}`;
  const eid = (id: string) => `e:${id}`;
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.randomSeed': '1',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeNode': '16',
      'elk.spacing.edgeEdge': '10',
      'elk.spacing.edgeLabel': '4',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: graph.nodes.map((n) => ({
      id: nid(n.id),
      ...nodeSize(n),
      ...(n.start ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}),
    })),
    edges: graph.edges.map(
      (e): ElkExtendedEdge => ({
        id: eid(e.id),
        sources: [nid(e.from)],
        targets: [nid(e.to)],
        ...(e.label.length ? { labels: [{ id: `${eid(e.id)}:label`, text: e.label.join('\n'), ...labelSize(e.label, e.kind === 'option'), layoutOptions: { 'elk.edgeLabels.inline': 'true' } }] } : {}),
      }),
    ),
  };
  elk ??= new ELK();
  const out = await elk.layout(root);

  const nodeOut = new Map((out.children ?? []).map((c) => [c.id, c]));
  const edgeOut = new Map((out.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const nodes: PlacedNode[] = graph.nodes.map((n) => {
    const c = nodeOut.get(nid(n.id));
    if (!c) throw new Error(`elk lost node "${n.id}"`);
    return { ...n, x: round(c.x ?? 0), y: round(c.y ?? 0), width: round(c.width ?? 0), height: round(c.height ?? 0) };
  });
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const o = edgeOut.get(eid(e.id));
    if (!o) throw new Error(`elk lost edge "${e.id}"`);
    const points: Point[] = [];
    for (const s of o.sections ?? [])
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
        const q = { x: round(p.x), y: round(p.y) };
        const last = points.at(-1);
        if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
      }
    const l = o.labels?.[0];
    return {
      ...e,
      points,
      ...(l ? { labelBox: { x: round(l.x ?? 0), y: round(l.y ?? 0), width: round(l.width ?? 0), height: round(l.height ?? 0) } } : {}),
    };
  });
  return { graph, direction, width: round(out.width ?? 0), height: round(out.height ?? 0), nodes, edges };
}
