/**
 * The content check on one long scenario: 40 decisions in a row, each option setting a flag of its
 * own that nothing reads (the case that used to grow as 2^decisions), with a scene after every tenth
 * decision that branches on one of them. Budget: under 2 s (median of the runs).
 *
 *   npx tsx tests/bench/check-40.ts [decisions] [runs]   prints the figure
 *   bench.ts imports checkLong() for `check_ms_40_decisions`
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkContent } from '../../src/lib/content/check';

export const CHECK_40_BUDGET_MS = 2000;

function longScenario(decisions: number): string {
  const option = (id: string, next: string, points: number, verdict: string, sets: string) => `
      - id: ${id}
        text: Option ${id}, a realistic action a practitioner might take at this point.
        next: ${next}
        points: ${points}
        verdict: ${verdict}
        consequence: What happens after option ${id}, told as a short story beat.
        feedback: Why option ${id} measures up as it does (GPiA 040 §3.4).
        cite: [G-3.4-a]${sets ? `\n        sets: [${sets}]` : ''}`;
  let nodes = '';
  for (let n = 1; n <= decisions; n++) {
    const next = n === decisions ? 'end' : n % 10 === 0 ? `s${n}` : `d${n + 1}`;
    nodes += `
  - id: d${n}
    kind: decision
    prompt: Decision ${n}. What do you do?
    options:${option('a', next, 3, 'best', `d${n}-careful`)}${option('b', next, 1, 'poor', `d${n}-rushed`)}${option('c', next, 2, 'acceptable', `d${n}-middle`)}`;
    if (n % 10 === 0 && n < decisions)
      nodes += `
  - id: s${n}
    kind: scene
    text: The story moves on, coloured by decision ${n}.
    next:
      - to: d${n + 1}
        when: { all: [d${n}-careful] }
      - to: d${n + 1}`;
  }
  return `id: long
title: A long scenario
unit: bench
objective: Measure the check on a long scenario.
minutes: 60
themes: [boundaries]
focus: ["3.4"]
start: intro
nodes:
  - id: intro
    kind: scene
    text: A long day begins.
    next: d1${nodes}
  - id: end
    kind: ending
    outcome: The end
    debrief: A long day, done.
`;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median check time of one scenario of `decisions` decisions, over `runs` runs (after one warm-up). */
export function checkLong(decisions = 40, runs = 7): { ms: number; runs: number; decisions: number; states: number } {
  const dir = mkdtempSync(join(tmpdir(), `check-${decisions}-`));
  mkdirSync(join(dir, 'bench'));
  copyFileSync('scenarios/guidance.yaml', join(dir, 'guidance.yaml'));
  writeFileSync(join(dir, 'course.yaml'), 'id: bench\ntitle: Bench\nversion: 1\npassMark: 70\nunits:\n  - id: bench\n    title: Bench\n    scenarios: [long]\n');
  writeFileSync(join(dir, 'bench', 'long.yaml'), longScenario(decisions));
  try {
    const first = checkContent(dir);
    if (first.errors.length || first.decisions !== decisions) throw new Error(`the ${decisions}-decision scenario did not check cleanly: ${first.errors[0]?.message}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      checkContent(dir);
      times.push(performance.now() - t);
    }
    return { ms: Math.round(median(times) * 10) / 10, runs, decisions, states: first.analysis.long.states };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const decisions = Number(process.argv[2] ?? 40);
  const r = checkLong(decisions, Number(process.argv[3] ?? 7));
  console.log(`check of a ${r.decisions}-decision scenario: ${r.ms} ms (median of ${r.runs}), ${r.states} states; budget < ${CHECK_40_BUDGET_MS} ms: ${r.ms < CHECK_40_BUDGET_MS ? 'pass' : 'FAIL'}`);
}
