/**
 * The learner's branch map ("See where other choices led"): decisions and endings only, scenes
 * passed through, one edge per (decision, next decision or ending) however many options take it.
 * Laid out here, at build time, with elkjs (the same layered layout as the authors' maps); the
 * learner's browser gets only the rounded positions (a few hundred bytes per scenario, travelling
 * with its scenario) and draws them with a small component. elkjs never reaches the download.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { BranchMap, Scenario, ScenarioNode } from '../course/types';

/** shapes are drawn this size, centred on their position */
export const MAP_NODE = 30;

/** Where each option (and each branch a scene takes) can lead: the decisions and endings, scenes passed through. */
export function learnerEdges(s: Scenario): { from: string; to: string; options: string[] }[] {
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  const landings = (id: string, seen = new Set<string>()): string[] => {
    const n = byId.get(id) as ScenarioNode;
    if (n.kind !== 'scene') return [id];
    if (seen.has(id)) return [];
    seen.add(id);
    return [...new Set(n.next.flatMap((b) => landings(b.to, seen)))];
  };
  const edges = new Map<string, { from: string; to: string; options: string[] }>();
  for (const n of s.nodes) {
    if (n.kind !== 'decision') continue;
    for (const o of n.options)
      for (const to of new Set(o.next.flatMap((b) => landings(b.to)))) {
        const key = `${n.id}>${to}`;
        const e = edges.get(key) ?? edges.set(key, { from: n.id, to, options: [] }).get(key)!;
        e.options.push(o.id);
      }
  }
  return [...edges.values()];
}

let elk: InstanceType<typeof ELK> | null = null;
const r = (v: number | undefined) => Math.round(v ?? 0);

export async function learnerMap(s: Scenario): Promise<BranchMap> {
  const edges = learnerEdges(s);
  const first = (() => {
    const byId = new Map(s.nodes.map((n) => [n.id, n]));
    let n = byId.get(s.start)!;
    while (n.kind === 'scene') n = byId.get(n.next[0].to)!;
    return n.id;
  })();
  const used = new Set([first, ...edges.flatMap((e) => [e.from, e.to])]);
  const nodes = s.nodes.filter((n) => n.kind !== 'scene' && used.has(n.id));
  elk ??= new ELK();
  const out: ElkNode = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.randomSeed': '1',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.nodeNode': '18',
      'elk.padding': '[top=6,left=6,bottom=6,right=6]',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: MAP_NODE,
      height: MAP_NODE,
      ...(n.id === first ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}),
    })),
    edges: edges.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  const placed = new Map((out.children ?? []).map((c) => [c.id, c]));
  return {
    width: r(out.width),
    height: r(out.height),
    nodes: nodes.map((n) => {
      const c = placed.get(n.id)!;
      return { id: n.id, x: r((c.x ?? 0) + MAP_NODE / 2), y: r((c.y ?? 0) + MAP_NODE / 2) };
    }),
    edges: edges.map((e, i) => {
      const o = (out.edges ?? []).find((x) => x.id === `e${i}`) as ElkExtendedEdge | undefined;
      const pts = (o?.sections ?? []).flatMap((sec) => [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint]).flatMap((p) => [r(p.x), r(p.y)]);
      return { from: e.from, to: e.to, options: e.options, points: pts };
    }),
  };
}
