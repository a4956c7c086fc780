/**
 * Random scenarios for the property tests (fast-check): scenes, decisions of 3–4 options and
 * endings wired at random, with flags set and read in conditions and branches, guarded options,
 * expects, ways back to earlier nodes (some guarded by a flag, some not), random points and
 * citations. Many come out broken (loops, dead ends, unreachable nodes, one-option states…): the
 * check must refuse those, and whatever it accepts must play.
 *
 * Verdicts follow the points within a decision (the top points are "best", then acceptable, poor,
 * harmful by value), so that the scoring rules do not refuse nearly every scenario.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

const FLAGS = ['f0', 'f1', 'f2', 'f3'];
const CITES = ['G-3.3-a', 'G-3.3-b', 'G-3.4-a', 'G-3.4-b', 'G-3.4-c', 'G-3.1-d'];

export interface RandomScenario {
  id: string;
  yaml: string;
}

/** A condition on one or two flags, each required or excluded (never both: that is refused outright). */
const condition = fc
  .subarray(FLAGS, { minLength: 1, maxLength: 2 })
  .chain((flags) => fc.array(fc.boolean(), { minLength: flags.length, maxLength: flags.length }).map((req) => ({ flags, req })))
  .map(({ flags, req }) => {
    const all = flags.filter((_, i) => req[i]);
    const none = flags.filter((_, i) => !req[i]);
    return { ...(all.length ? { all } : {}), ...(none.length ? { none } : {}) };
  });
/** mostly no condition */
const rarely = <T>(a: fc.Arbitrary<T>, one = 1, of = 5) => fc.oneof({ weight: of - one, arbitrary: fc.constant(undefined) }, { weight: one, arbitrary: a });

/** `next`: one target, or 2–3 branches whose last has no condition. Targets are node indexes, resolved later. */
const next = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((t) => ({ one: t })) },
  { weight: 1, arbitrary: fc.array(fc.record({ to: fc.nat(), when: condition }), { minLength: 1, maxLength: 2 }).chain((bs) => fc.nat().map((last) => ({ branches: bs, last }))) },
);

const option = fc.record({
  points: fc.integer({ min: 0, max: 5 }),
  next,
  when: rarely(condition),
  sets: fc.subarray(FLAGS, { maxLength: 2 }),
  cite: fc.subarray(CITES, { minLength: 1, maxLength: 2 }),
  // a way back: the option leads to an earlier node rather than a later one
  back: fc.boolean(),
});

const node = fc.record({
  kind: fc.constantFrom('scene', 'decision', 'decision'),
  next,
  options: fc.array(option, { minLength: 3, maxLength: 4 }),
  expects: rarely(condition, 1, 8),
  back: fc.boolean(),
});

/** A scenario of 1–7 inner nodes and 1–2 endings, as YAML with the given id. */
export function randomScenario(id: string): fc.Arbitrary<RandomScenario> {
  return fc.record({ inner: fc.array(node, { minLength: 1, maxLength: 7 }), endings: fc.integer({ min: 1, max: 2 }), backRate: fc.integer({ min: 0, max: 4 }) }).map(({ inner, endings, backRate }) => {
    const ids = inner.map((n, i) => `${n.kind === 'scene' ? 's' : 'd'}${i}`);
    const ends = Array.from({ length: endings }, (_, i) => `end-${i}`);
    // forward targets mostly, so that most scenarios end; a way back now and then (backRate in 10)
    const target = (from: number, t: number, back: boolean, first = false) => {
      const later = [...ids.slice(from + 1), ...ends];
      // every node has a way in: the first way on from each node leads to the one after it,
      // and the last inner node shares its ways on among the endings
      if (from === ids.length - 1) return ends[t % ends.length];
      if (first) return later[0];
      if (back && t % 10 < backRate && from > 0) return ids[t % from];
      // the next node half the time, so that most nodes are on some path
      return t % 2 ? later[0] : later[t % later.length];
    };
    const nextOf = (from: number, n: { one: number } | { branches: { to: number; when: object }[]; last: number }, back: boolean, first = false) =>
      'one' in n ? target(from, n.one, back, first) : [...n.branches.map((b) => ({ to: target(from, b.to, back), when: b.when })), { to: target(from, n.last, back, first) }];
    const nodes = inner.map((n, i) => {
      const base = { id: ids[i], kind: n.kind, ...(n.expects ? { expects: n.expects } : {}) };
      if (n.kind === 'scene') return { ...base, text: `Scene ${i} of ${id}.`, next: nextOf(i, n.next, n.back, true) };
      const top = Math.max(...n.options.map((o) => o.points));
      const verdict = (p: number) => (p === top ? 'best' : p >= top * 0.6 ? 'acceptable' : p > 0 ? 'poor' : 'harmful');
      return {
        ...base,
        prompt: `Decision ${i} of ${id}: what now?`,
        options: n.options.map((o, j) => ({
          id: 'abcd'[j],
          text: `Option ${'abcd'[j]} at decision ${i} of ${id}.`,
          ...(o.when ? { when: o.when } : {}),
          next: nextOf(i, o.next, o.back, j === 0),
          points: o.points,
          verdict: verdict(o.points),
          consequence: `What follows option ${'abcd'[j]}.`,
          feedback: `Why option ${'abcd'[j]} is ${verdict(o.points)} (GPiA 040 §3.4).`,
          cite: o.cite,
          ...(o.sets.length ? { sets: o.sets } : {}),
        })),
      };
    });
    // the main subject: the section of the first guidance id a best option cites
    const firstBest = nodes.flatMap((n) => ('options' in n ? n.options.filter((o) => o.verdict === 'best') : []))[0];
    const focus = firstBest ? firstBest.cite[0].replace(/^G-/, '').replace(/-[a-z]$/, '') : '3.3';
    const scenario = {
      id,
      title: `Random ${id}`,
      unit: 'demo',
      objective: 'Play whatever the check accepts.',
      minutes: 5,
      themes: ['boundaries'],
      focus: [focus],
      start: ids[0],
      nodes: [...nodes, ...ends.map((e, i) => ({ id: e, kind: 'ending', outcome: `Ending ${i}`, debrief: `How ending ${i} came about.` }))],
    };
    return { id, yaml: stringify(scenario) };
  });
}
