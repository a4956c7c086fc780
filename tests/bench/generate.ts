/**
 * Generated scenario libraries for the compile benchmark: N scenarios in units of 10, each with
 * a scene, four decisions of three options, a flag that changes a later branch, and three endings.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function scenarioYaml(id: string, unit: string): string {
  const option = (oid: string, next: string, points: number, verdict: string, cite: string, extra = '') => `
      - id: ${oid}
        text: Option ${oid} for ${id}, written as a realistic action a practitioner might take.
        next: ${next}
        points: ${points}
        verdict: ${verdict}
        consequence: What happens after option ${oid}, described as a short story beat with *emphasis*.
        feedback: Why option ${oid} measures up as it does, citing the guidance (GPiA 040 §3.4).
        cite: [${cite}]${extra}`;
  const decision = (n: number, next: string, late: string) => `
  - id: d${n}
    kind: decision
    prompt: Decision ${n} of ${id}?
    options:${option('a', next, 3, 'best', 'G-3.4-a', n === 1 ? '\n        sets: [careful]' : '')}${option('b', late, 1, 'poor', 'G-3.1-d')}${option('c', next, 2, 'acceptable', 'G-3.3-a')}`;
  return `id: ${id}
title: Generated scenario ${id}
unit: ${unit}
objective: Exercise the compiler at scale.
minutes: 5
themes: [boundaries]
focus: ["3.4"]
start: s0
nodes:
  - id: s0
    kind: scene
    text: A generated situation for ${id}.
    artefact:
      type: message-thread
      messages:
        - from: Client
          text: A message.
    next: d1${decision(1, 'd2', 'd2')}${decision(2, 'mid', 'mid')}
  - id: mid
    kind: scene
    text: The story moves on.
    next:
      - to: d3
        when: { all: [careful] }
      - to: d4${decision(3, 'good', 'mixed')}${decision(4, 'mixed', 'poor-end')}
  - id: good
    kind: ending
    outcome: Good
    debrief: A good outcome.
  - id: mixed
    kind: ending
    outcome: Mixed
    debrief: A mixed outcome.
  - id: poor-end
    kind: ending
    outcome: Poor
    debrief: A poor outcome.
`;
}

/**
 * Writes a scenarios/ folder with n generated scenarios and returns its path. `made` hears of the
 * folder as soon as it exists (before it is filled), for a caller that removes it on any exit.
 */
export function generateLibrary(n: number, guidanceFile = 'scenarios/guidance.yaml', made?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), `lib-${n}-`));
  made?.(dir);
  copyFileSync(guidanceFile, join(dir, 'guidance.yaml'));
  const units: { id: string; ids: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const u = `unit-${Math.floor(i / 10)}`;
    if (!units.length || units[units.length - 1].id !== u) {
      units.push({ id: u, ids: [] });
      mkdirSync(join(dir, u));
    }
    const id = `gen-${i}`;
    units[units.length - 1].ids.push(id);
    writeFileSync(join(dir, u, `${id}.yaml`), scenarioYaml(id, u));
  }
  const course = `id: generated\ntitle: Generated\nversion: 1\npassMark: 70\nunits:\n${units.map((u) => `  - id: ${u.id}\n    title: ${u.id}\n    scenarios: [${u.ids.join(', ')}]`).join('\n')}\n`;
  writeFileSync(join(dir, 'course.yaml'), course);
  return dir;
}

/**
 * A library of n scenarios made from a built course (the real one), for measuring growth: the
 * course's own scenarios first, unchanged, then copies of them (ids and titles numbered, each
 * round in its own copies of the units) until there are n. Copies weigh what real scenarios weigh,
 * which generated ones would not.
 */
export function libraryOf<C extends { units: { id: string; title: string; scenarios: string[] }[]; scenarios: { id: string; title: string; unit: string }[] }>(course: C, n: number): C {
  const byId = new Map(course.scenarios.map((s) => [s.id, s]));
  const units: C['units'] = [];
  const scenarios: C['scenarios'] = [];
  for (let round = 0; scenarios.length < n; round++) {
    for (const u of course.units) {
      const unitId = round ? `${u.id}-copy${round}` : u.id;
      const ids: string[] = [];
      for (const id of u.scenarios) {
        if (scenarios.length >= n) break;
        const s = structuredClone(byId.get(id)!);
        if (round) Object.assign(s, { id: `${id}-copy${round}`, title: `${s.title} (${round + 1})`, unit: unitId });
        scenarios.push(s);
        ids.push(s.id);
      }
      if (ids.length) units.push({ ...u, id: unitId, title: round ? `${u.title} (${round + 1})` : u.title, scenarios: ids });
    }
  }
  return { ...course, units, scenarios };
}
