/** Scenario maps (npm run map) on the demo fixture: model, score ranges, SVG structure, escaping, determinism. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XmlDocument, type XmlElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { loadCourse } from '../../src/lib/content/load';
import type { Scenario } from '../../src/lib/course/types';
import { allPaths } from '../../src/lib/engine/analysis';
import { scenarioState } from '../../src/lib/engine/score';
import { endingRanges, escapeXml, layoutScenario, renderIndex, renderSvg, scenarioGraph } from '../../src/lib/map';
import { tempContent } from './helpers';

const DEMO = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');

function load(yaml: string): Scenario {
  const r = checkContent(tempContent({ demo: yaml }));
  if (!r.course) throw new Error(r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.course.scenarios[0];
}
const demo = load(DEMO);
/** A scenario as compiled, even when the check reports problems found by playing it (a loop, an option never offered). */
function loadAny(yaml: string): Scenario {
  const r = loadCourse(tempContent({ demo: yaml }));
  if (!r.scenarios[0]) throw new Error(r.problems.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.scenarios[0];
}

const SVG_NS = { svg: 'http://www.w3.org/2000/svg' };
/** Parses with libxml2 (throws on malformed XML) and hands the document to `use`. */
function withXml<T>(xml: string, use: (doc: XmlDocument) => T): T {
  const doc = XmlDocument.fromString(xml);
  try {
    return use(doc);
  } finally {
    doc.dispose();
  }
}
const attr = (n: unknown, name: string) => (n as XmlElement).attr(name)?.value ?? null;

async function svgOf(s: Scenario): Promise<string> {
  return renderSvg(await layoutScenario(s));
}

/** Every path's total, grouped by the ending it reaches: the reference for endingRanges. */
function enumeratedRanges(s: Scenario) {
  const out: Record<string, { min: number; max: number; paths: number }> = {};
  for (const p of allPaths(s)) {
    const st = scenarioState(s, p);
    const r = (out[st.ending!] ??= { min: Infinity, max: -Infinity, paths: 0 });
    r.min = Math.min(r.min, st.score.raw);
    r.max = Math.max(r.max, st.score.raw);
    r.paths++;
  }
  return out;
}

describe('scenarioGraph', () => {
  const g = scenarioGraph(demo);

  it('has one node per scenario node, in order, with its kind', () => {
    expect(g.nodes.map((n) => [n.id, n.kind])).toEqual(demo.nodes.map((n) => [n.id, n.kind]));
    expect(g.nodes.filter((n) => n.start).map((n) => n.id)).toEqual(['intro']);
  });

  it('has one edge per (option, branch) of each decision and one per branch of each scene', () => {
    const expected = demo.nodes.flatMap((n) =>
      n.kind === 'decision'
        ? n.options.flatMap((o) => o.next.map((b) => `${n.id} -${o.id}-> ${b.to}`))
        : n.kind === 'scene'
          ? n.next.map((b) => `${n.id} -> ${b.to}`)
          : [],
    );
    expect(g.edges.map((e) => (e.option ? `${e.from} -${e.option.id}-> ${e.to}` : `${e.from} -> ${e.to}`))).toEqual(expected);
    expect(g.edges.filter((e) => e.kind === 'option')).toHaveLength(9);
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
  });

  it('labels option edges with the option id, verdict and points, and guarded branches with their condition', () => {
    const label = (id: string) => g.edges.find((e) => e.id === id)?.label.join(' | ');
    expect(label('first/a/0')).toBe('a · best · 3 pts');
    expect(label('first/b/0')).toBe('b · harmful · 0 pts');
    expect(label('first/c/0')).toBe('c · acceptable · 2 pts');
    expect(label('second/b/0')).toBe('b · poor · 1 pt');
    expect(label('second-late/c/0')).toBe('c · best · 2 pts | offered unless talked');
    expect(label('talk/next/0')).toBe('if talked');
    expect(label('talk/next/1')).toBe('otherwise');
    expect(label('intro/next/0')).toBe('');
  });

  it('gives each ending the score range of the paths reaching it (worked out by hand from the fixture)', () => {
    // good-end: a,a = 3+3 = 6; a,c = 3+2 = 5; b,c = 0+2 = 2; c,c = 2+2 = 4
    // mixed-end: a,b = 3+1 = 4; b,a = 2; b,b = 0; c,a = 4; c,b = 2
    expect(endingRanges(demo)).toEqual({ 'good-end': { min: 2, max: 6, paths: 4 }, 'mixed-end': { min: 0, max: 4, paths: 5 } });
    const ends = Object.fromEntries(g.nodes.filter((n) => n.kind === 'ending').map((n) => [n.id, n.score]));
    expect(ends).toEqual({ 'good-end': 'points 2–6 · 4 paths', 'mixed-end': 'points 0–4 · 5 paths' });
    expect(g.score).toEqual({ min: 0, max: 6 });
  });

  it('score ranges agree with listing every path, also when the states form a loop', () => {
    expect(endingRanges(demo)).toEqual(enumeratedRanges(demo));
    // a pause at "second" loops back through "talk" (setting a flag, offered only while it is unset, so the second visit is a new state)
    const looped = loadAny(
      DEMO.replace(
        `        cite: [G-3.3-a]\n  - id: second-late`,
        `        cite: [G-3.3-a]\n      - id: d\n        text: Ask for a moment to think.\n        when: { none: [paused] }\n        next: talk\n        points: 1\n        verdict: acceptable\n        sets: [paused]\n        consequence: You pause.\n        feedback: A pause is fine.\n        cite: [G-3.3-a]\n  - id: second-late`,
      ),
    );
    const second = looped.nodes.find((n) => n.id === 'second');
    expect(second?.kind === 'decision' ? second.options.map((o) => o.id) : []).toEqual(['a', 'b', 'c', 'd']);
    // good-end gains a,d,a = 3+1+3 = 7 and a,d,c = 6; mixed-end gains a,d,b = 3+1+1 = 5
    expect(endingRanges(looped)).toEqual({ 'good-end': { min: 2, max: 7, paths: 6 }, 'mixed-end': { min: 0, max: 5, paths: 6 } });
    expect(endingRanges(looped)).toEqual(enumeratedRanges(looped));
  });

  it('score ranges stay right when a loop can be entered from two sides (memoising alone would miss paths)', () => {
    const option = (id: string, next: string, points: number, verdict: string) =>
      `      - id: ${id}\n        text: Go to ${next}.\n        next: ${next}\n        points: ${points}\n        verdict: ${verdict}\n        consequence: You go.\n        feedback: Fine.\n        cite: [G-3.4-a]\n`;
    const decision = (id: string, ...options: string[]) => `  - id: ${id}\n    kind: decision\n    prompt: Where now?\n    options:\n${options.join('')}`;
    // (the check rejects this loop, which a learner could go round for ever: the map still draws it)
    const looped = loadAny(
      `id: demo\ntitle: Loop\nunit: demo\nobjective: A loop between two rooms.\nminutes: 2\nthemes: [boundaries]\nfocus: ["3.4"]\nstart: hub\nnodes:\n` +
        decision('hub', option('a', 'side', 1, 'best'), option('b', 'room', 0, 'poor'), option('c', 'end-a', 0, 'harmful')) +
        decision('side', option('a', 'room', 2, 'best'), option('b', 'end-a', 0, 'poor'), option('c', 'end-a', 0, 'harmful')) +
        decision('room', option('a', 'side', 2, 'acceptable'), option('b', 'end-b', 3, 'best'), option('c', 'end-a', 0, 'harmful')) +
        `  - id: end-a\n    kind: ending\n    outcome: A\n    debrief: A.\n  - id: end-b\n    kind: ending\n    outcome: B\n    debrief: B.\n`,
    );
    // simple paths: hub a, side b or c → end-a = 1; hub b, room a, side b or c → end-a = 0+2+0 = 2; hub c → 0;
    // hub b, room c → 0; hub a, side a, room c → 1+2+0 = 3; hub a, side a, room b → end-b = 1+2+3 = 6; hub b, room b → end-b = 3
    expect(endingRanges(looped)).toEqual({ 'end-a': { min: 0, max: 3, paths: 7 }, 'end-b': { min: 3, max: 6, paths: 2 } });
    expect(endingRanges(looped)).toEqual(enumeratedRanges(looped));
  });

  it('draws every branch of an option, each with its condition', async () => {
    const branched = load(DEMO.replace('next: mixed-end\n        points: 0\n        verdict: poor', 'next:\n          - { to: good-end, when: { all: [talked] } }\n          - { to: mixed-end }\n        points: 0\n        verdict: poor'));
    const g = scenarioGraph(branched);
    expect(g.edges.filter((e) => e.kind === 'option')).toHaveLength(10);
    expect(g.edges.filter((e) => e.from === 'second-late' && e.option?.id === 'b').map((e) => [e.to, e.label.join(' | ')])).toEqual([
      ['good-end', 'b · poor · 0 pts | if talked'],
      ['mixed-end', 'b · poor · 0 pts | otherwise'],
    ]);
    withXml(await svgOf(branched), (doc) => {
      expect(doc.find('//svg:g[@data-edge][@data-option]', SVG_NS)).toHaveLength(10);
      expect(doc.get('//svg:g[@data-label-for="second-late/b/0"]', SVG_NS)?.content).toBe('b · poor · 0 ptsif talked');
    });
  });

  it('marks an ending no path reaches', () => {
    // "second" a and c now end in mixed-end, and "second-late" c (still leading to good-end) is offered
    // only if talked, which never holds at second-late: good-end stays in the graph but no path reaches it
    // (the check rejects such a scenario: the map still draws it)
    const s = loadAny(
      DEMO.replace('next: good-end\n        points: 3', 'next: mixed-end\n        points: 3')
        .replace('next: good-end\n        points: 2\n        verdict: acceptable\n        consequence: The client nods', 'next: mixed-end\n        points: 2\n        verdict: acceptable\n        consequence: The client nods')
        .replace('when: { none: [talked] }', 'when: { all: [talked] }'),
    );
    expect(endingRanges(s)['good-end']).toBeNull();
    expect(scenarioGraph(s).nodes.find((n) => n.id === 'good-end')?.score).toBe('no path reaches it');
  });
});

describe('layoutScenario and renderSvg', () => {
  it('the SVG parses as XML, with a title, a description and en-GB language', async () => {
    const svg = await svgOf(demo);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    withXml(svg, (doc) => {
      expect(doc.root.name).toBe('svg');
      expect(attr(doc.root, 'role')).toBe('img');
      expect(doc.root.attr('lang', 'xml')?.value).toBe('en-GB');
      expect(attr(doc.root, 'aria-labelledby')).toBe('map-title map-desc');
      expect(doc.get('/svg:svg/svg:title[@id="map-title"]', SVG_NS)?.content).toBe('Scenario map: Demo scenario');
      const desc = doc.get('/svg:svg/svg:desc[@id="map-desc"]', SVG_NS)?.content ?? '';
      expect(desc).toMatch(/2 scenes, 3 decisions and 2 endings, starting at “intro”/);
      expect(desc).toMatch(/“A clear, kind boundary” \(points 2–6\)/);
    });
  });

  it('draws one SVG node per scenario node, with its shape', async () => {
    const svg = await svgOf(demo);
    withXml(svg, (doc) => {
      const nodes = doc.find('//svg:g[@data-node]', SVG_NS);
      expect(nodes.map((n) => attr(n, 'data-node'))).toEqual(demo.nodes.map((n) => n.id));
      for (const n of nodes) {
        const kind = demo.nodes.find((d) => d.id === attr(n, 'data-node'))!.kind;
        expect(attr(n, 'class')).toContain(kind);
        const shape = kind === 'decision' ? 'svg:polygon' : 'svg:rect';
        expect(n.find(shape, SVG_NS).length).toBe(kind === 'ending' ? 2 : 1);
        expect(n.get('svg:title', SVG_NS)?.content).toBeTruthy();
      }
    });
  });

  it('draws one edge per (option, branch), labelled and styled by verdict', async () => {
    const svg = await svgOf(demo);
    const dash: Record<string, string | null> = {};
    withXml(svg, (doc) => {
      const edges = doc.find('//svg:g[@data-edge]', SVG_NS);
      expect(edges).toHaveLength(12);
      const options = edges.filter((e) => attr(e, 'data-option'));
      expect(options).toHaveLength(9);
      for (const e of options) {
        const verdict = attr(e, 'data-verdict')!;
        const id = attr(e, 'data-edge')!;
        const label = doc.get(`//svg:g[@data-label-for="${id}"]`, SVG_NS);
        expect(label?.content, id).toContain(`${attr(e, 'data-option')} · ${verdict} ·`);
        const path = e.get('svg:path', SVG_NS)!;
        // a verdict always draws the same way, and the line style is not only a colour
        const d = attr(path, 'stroke-dasharray');
        if (verdict in dash) expect(d).toBe(dash[verdict]);
        dash[verdict] = d;
        expect(attr(path, 'marker-end')).toBe(`url(#arrow-${verdict})`);
        expect(attr(path, 'd')).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
      }
      expect(doc.get('//svg:g[@data-label-for="talk/next/0"]', SVG_NS)?.content).toBe('if talked');
      expect(doc.get('//svg:g[@data-label-for="second-late/c/0"]', SVG_NS)?.content).toContain('offered unless talked');
      // the legend names every verdict with its line style
      const legend = doc.get('//svg:g[@class="legend"]', SVG_NS)?.content ?? '';
      for (const w of ['best (solid)', 'acceptable (dashed)', 'poor (dotted)', 'harmful (dash-dot)']) expect(legend).toContain(w);
    });
    expect(Object.keys(dash).sort()).toEqual(['acceptable', 'best', 'harmful', 'poor']);
    expect(new Set(Object.values(dash)).size).toBe(4);
  });

  it('ending nodes show their outcome and score range', async () => {
    const svg = await svgOf(demo);
    withXml(svg, (doc) => {
      const text = (id: string) => doc.get(`//svg:g[@data-node="${id}"]`, SVG_NS)!.find('svg:text', SVG_NS).map((t) => t.content);
      expect(text('good-end')).toEqual(['Ending · good-end', 'A clear, kind boundary', 'points 2–6 · 4 paths']);
      expect(text('mixed-end')).toContain('points 0–4 · 5 paths');
      expect(text('intro')[0]).toBe('Start · Scene · intro');
    });
  });

  it('keeps every node and label inside the picture', async () => {
    const layout = await layoutScenario(demo);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
    for (const e of layout.edges) {
      expect(e.points.length).toBeGreaterThanOrEqual(2);
      if (e.label.length) expect(e.labelBox).toBeDefined();
    }
  });

  it('is deterministic: the same scenario gives byte-identical SVG, without elk ids', async () => {
    const first = await svgOf(demo);
    const second = await svgOf(load(DEMO));
    expect(second).toBe(first);
    expect(await svgOf(demo)).toBe(first);
    expect(first).not.toMatch(/\$H|e:\w|n:\w/);
    // coordinates are rounded to 0.1
    const coords = [...first.matchAll(/\s(?:x|y|width|height|d|points)="([^"]*)"/g)].flatMap((m) => m[1].match(/-?\d+(?:\.\d+)?/g) ?? []);
    expect(coords.length).toBeGreaterThan(100);
    expect(coords.filter((c) => /\.\d{2,}/.test(c))).toEqual([]);
  });

  it('escapes XML special characters in every text it draws', async () => {
    const nasty = load(
      DEMO.replace('title: Demo scenario', `title: "Tom & Jerry's \\"<script>alert(1)</script>\\" test"`)
        .replace('prompt: What do you do?', 'prompt: "Is <b>this</b> a < b & c > d question?"')
        .replace('outcome: A clear, kind boundary', `outcome: "Clear & kind: 'yes' <ok>"`)
        .replace('text: Accept it.', 'text: "Accept it & <hope>."'),
    );
    const svg = await svgOf(nasty);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Tom &amp; Jerry&apos;s &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; test');
    withXml(svg, (doc) => {
      expect(doc.get('/svg:svg/svg:title', SVG_NS)?.content).toBe(`Scenario map: Tom & Jerry's "<script>alert(1)</script>" test`);
      const first = doc.get('//svg:g[@data-node="first"]', SVG_NS)!;
      expect(first.find('svg:text', SVG_NS).map((t) => t.content).join(' ')).toContain('Is <b>this</b> a < b & c > d');
      const end = doc.get('//svg:g[@data-node="good-end"]', SVG_NS)!;
      expect(end.find('svg:text', SVG_NS)[1].content).toBe(`Clear & kind: 'yes' <ok>`);
      expect(doc.get('//svg:g[@data-edge="first/b/0"]/svg:title', SVG_NS)?.content).toContain('Accept it & <hope>.');
    });
  });

  it('escapeXml escapes the five specials and drops characters XML forbids', () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    expect(escapeXml('bell\u0007 tab\t nl\n ok \uD83D\uDE00 lone \uD800!')).toBe('bell tab\t nl\n ok \uD83D\uDE00 lone !');
  });

  it('can lay out left to right too', async () => {
    const down = await layoutScenario(demo);
    const right = await layoutScenario(demo, { direction: 'RIGHT' });
    const y = (l: typeof down, id: string) => l.nodes.find((n) => n.id === id)!;
    expect(y(down, 'good-end').y).toBeGreaterThan(y(down, 'intro').y);
    expect(y(right, 'good-end').x).toBeGreaterThan(y(right, 'intro').x);
  });
});

describe('renderIndex', () => {
  it('lists each map as an image with alt text, in en-GB, with a text version', () => {
    const html = renderIndex([{ graph: scenarioGraph(demo), file: 'demo.svg', unit: 'demo' }]);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<title>Scenario maps</title>');
    const imgs = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)">/g)];
    expect(imgs.map((m) => m[1])).toEqual(['demo.svg']);
    expect(imgs[0][2]).toMatch(/^Branching map of the scenario “Demo scenario”: 2 scenes, 3 decisions and 2 endings/);
    expect(html).toContain('<li id="demo/good-end"><strong>Ending good-end</strong>: A clear, kind boundary: points 2–6 over 4 paths</li>');
    expect(html).toContain('<strong>c</strong> · best · 2 pts: Invite them to talk about it, only if they raised it first. → <a href="#demo/good-end">good-end</a> (offered unless talked)');
  });
});

describe('build-time only', () => {
  it('nothing in the app imports src/lib/map or elkjs', () => {
    // src/lib/map itself and src/lib/content (the build step, which lays out the learner's map) are build-time only
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? (full === join('src', 'lib', 'map') || full === join('src', 'lib', 'content') ? [] : files(full)) : /\.(ts|js|svelte)$/.test(name) ? [full] : [];
      });
    const importsMap = (src: string) => /(?:from\s*|import\s*\(?\s*)['"](?:[^'"]*\/map(?:\/[^'"]*)?|elkjs(?:\/[^'"]*)?)['"]/.test(src);
    // the check itself catches the ways the app could pull the maps in
    for (const line of [`import { renderSvg } from '$lib/map';`, `import ELK from "elkjs/lib/elk.bundled.js";`, `const m = await import('../map/layout');`, `import '../lib/map/svg';`])
      expect(importsMap(line), line).toBe(true);
    expect(importsMap(`import { x } from './sitemap';`)).toBe(false);
    const offenders = files('src').filter((f) => importsMap(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
