/**
 * What the build adds for the player: portraits drawn small from the author's settings, the
 * learner's branch map, the measured reading time; and the player's pure helpers (the situation
 * at a decision, the steps so far, the one-line takeaway, what to revisit and why).
 */
import { describe, expect, it } from 'vitest';
import * as openPeeps from '@dicebear/open-peeps';
import { checkContent } from '../../src/lib/content/check';
import { drawPortrait, rawPortrait } from '../../src/lib/portraits/draw';
import { learnerEdges, learnerMap } from '../../src/lib/map/learner';
import { readingMinutes } from '../../src/lib/cpd/time';
import { situationAt, stepsSoFar } from '../../src/lib/components/history';
import { takeawayOf } from '../../src/lib/components/verdict';
import { revisitList } from '../../src/lib/components/revisit';
import { courseState } from '../../src/lib/engine/score';
import { analyseScenario } from '../../src/lib/engine/analysis';
import type { Course } from '../../src/lib/course/types';

const r = checkContent('tests/fixtures/showcase');
const course = r.course as Course;
for (const s of course.scenarios) Object.assign(s, { score: { min: r.analysis[s.id].min, max: r.analysis[s.id].max }, bestPath: analyseScenario(s).bestPath });
const sc = (id: string) => course.scenarios.find((s) => s.id === id)!;

describe('build-time additions', () => {
  it('the showcase course checks clean and uses every artefact kind and a cast', () => {
    expect(r.errors).toEqual([]);
    const kinds = new Set<string>();
    for (const s of course.scenarios)
      for (const n of s.nodes) {
        if (n.kind !== 'ending' && n.artefact) kinds.add(n.artefact.type);
        if (n.kind === 'decision') for (const o of n.options) if (o.artefact) kinds.add(o.artefact.type);
      }
    expect(kinds.size).toBe(10);
    expect(course.scenarios.filter((s) => s.people?.length).length).toBeGreaterThan(1);
  });

  it('draws a portrait from the author\'s settings, licensed CC0, under half the raw size, with no metadata, mask or id', () => {
    expect(openPeeps.meta.license?.name).toBe('CC0 1.0');
    const p = sc('showcase-request').people!.find((x) => x.id === 'tomasz')!;
    const raw = rawPortrait(p.portrait);
    const svg = drawPortrait(p.portrait);
    expect(raw.length).toBeGreaterThan(8000);
    expect(svg.length).toBeLessThan(raw.length / 2);
    expect(svg).not.toMatch(/<metadata|<mask|\sid=|xmlns/);
    // the author's skin colour is the one drawn; another setting draws another picture
    expect(svg).toContain(`#${p.portrait.skin}`);
    expect(drawPortrait({ ...p.portrait, hair: 'afro' })).not.toBe(svg);
    // deterministic: the same settings give the same bytes
    expect(drawPortrait(p.portrait)).toBe(svg);
  });

  it('lays out the learner\'s map: decisions and endings only, one edge per destination, scenes passed through', async () => {
    const s = sc('showcase-request');
    expect(learnerEdges(s)).toEqual([
      { from: 'first', to: 'explain', options: ['a', 'c'] },
      { from: 'first', to: 'undo', options: ['b'] },
      { from: 'explain', to: 'good-end', options: ['a'] },
      { from: 'explain', to: 'mixed-end', options: ['b', 'c'] },
      { from: 'undo', to: 'mixed-end', options: ['a', 'b', 'c'] },
    ]);
    const map = await learnerMap(s);
    expect(map.nodes.map((n) => n.id).sort()).toEqual(['explain', 'first', 'good-end', 'mixed-end', 'undo']);
    for (const n of map.nodes) expect(Number.isInteger(n.x) && Number.isInteger(n.y)).toBe(true);
    expect(map.edges.every((e) => e.points.length >= 4)).toBe(true);
    expect(JSON.stringify(map).length).toBeLessThan(1500);
  });

  it('measures reading time from the words along the strongest path', () => {
    const s = sc('showcase-public');
    const m = readingMinutes(s);
    expect(m).toBeGreaterThanOrEqual(3);
    expect(m).toBeLessThanOrEqual(10);
    // a scenario with more to read takes longer
    expect(readingMinutes(sc('showcase-plain'))).toBeLessThan(m);
  });
});

describe('player helpers', () => {
  it('keeps the situation in view: the decision\'s own artefact, else the latest one seen, and the scenes since the last decision', () => {
    const s = sc('showcase-request');
    const first = s.nodes.find((n) => n.id === 'first')!;
    if (first.kind !== 'decision') throw new Error('not a decision');
    const steps = stepsSoFar(s, [], 'first');
    expect(steps.map((x) => x.kind)).toEqual(['scene']);
    const at1 = situationAt(steps, first);
    expect(at1.artefact?.type).toBe('connection-request');
    expect(at1.scenes.map((n) => n.id)).toEqual(['intro']);
    // after option a (whose consequence is a message thread) and the Thursday scene
    const explain = s.nodes.find((n) => n.id === 'explain')!;
    if (explain.kind !== 'decision') throw new Error('not a decision');
    const later = stepsSoFar(s, ['a'], 'explain');
    expect(later.map((x) => (x.kind === 'scene' ? x.node.id : `${x.node.id}:${x.option.id}`))).toEqual(['intro', 'first:a', 'thursday']);
    const at2 = situationAt(later, explain);
    expect(at2.artefact?.type).toBe('message-thread');
    expect(at2.scenes.map((n) => n.id)).toEqual(['thursday']);
    expect(at2.lastConsequence?.id).toBe('a');
    // while a decision's feedback shows, the scenes after it are not yet seen
    expect(stepsSoFar(s, ['a'], null).map((x) => x.kind)).toEqual(['scene', 'decision']);
  });

  it('takes the author\'s takeaway, or the first sentence of the feedback', () => {
    const o = sc('showcase-plain').nodes.flatMap((n) => (n.kind === 'decision' ? n.options : []))[0];
    expect(o.takeaway).toBeUndefined();
    expect(takeawayOf(o)).toBe('Replying in public would confirm that Sam is your client.');
    expect(takeawayOf({ ...o, takeaway: 'Say nothing in public.' })).toBe('Say nothing in public.');
  });

  it('suggests what to revisit with a reason, and never a scenario with every point earned', () => {
    const st = courseState(course, { paths: { 'showcase-request': ['a', 'a'], 'showcase-plain': ['b'], 'showcase-public': ['b', 'b'] } });
    const list = revisitList(course, st);
    expect(list.map((x) => x.id)).not.toContain('showcase-request');
    const plain = list.find((x) => x.id === 'showcase-plain');
    expect(plain?.reason).toBe('You earned 0 of 3 points (0%), below the pass mark of 70%.');
    for (const x of list) expect(x.reason.length).toBeGreaterThan(20);
  });
});
