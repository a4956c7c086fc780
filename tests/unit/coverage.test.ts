/** The library teaches every subsection from 3.1 to 5.3, and every scenario rests on the guidance. */
import { describe, expect, it } from 'vitest';
import { checkContent, REQUIRED_SECTIONS } from '../../src/lib/content/check';
import { runGates } from '../../src/lib/content/gates';

const r = checkContent('scenarios');

describe('guidance coverage of the library', () => {
  it('has at least 16 scenarios in the three units that mirror the guidance', () => {
    expect(r.scenarios).toBeGreaterThanOrEqual(16);
    expect(r.course!.units.map((u) => u.id)).toEqual(expect.arrayContaining(['client-care', 'professional-practice', 'training-research']));
  });

  for (const sec of REQUIRED_SECTIONS)
    it(`§${sec} is the main subject of at least one scenario, and its best answers cite it`, () => {
      expect(r.focus[sec] ?? [], `no scenario has focus ${sec}`).not.toEqual([]);
    });

  it('every scenario cites guidance in every decision, and only known ids', () => {
    const known = new Set(r.course!.guidance.map((g) => g.id));
    for (const s of r.course!.scenarios)
      for (const n of s.nodes)
        if (n.kind === 'decision')
          for (const o of n.options) {
            expect(o.citations.length, `${s.id}.${n.id}.${o.id}`).toBeGreaterThan(0);
            for (const c of o.citations) expect(known.has(c), c).toBe(true);
          }
  });

  it('every scenario has at least 2 decisions on every path and 3–4 options per decision', () => {
    for (const s of r.course!.scenarios) {
      const decisions = s.nodes.filter((n) => n.kind === 'decision');
      expect(decisions.length, s.id).toBeGreaterThanOrEqual(2);
      for (const d of decisions) if (d.kind === 'decision') expect(d.options.length, `${s.id}.${d.id}`).toBeGreaterThanOrEqual(3);
      expect(r.analysis[s.id].bestPath.length, s.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('every scenario branches: some choice leads somewhere its siblings do not', () => {
    for (const s of r.course!.scenarios) {
      const branches = s.nodes.some(
        (n) => (n.kind === 'decision' && new Set(n.options.flatMap((o) => o.next.map((b) => b.to))).size > 1) || (n.kind === 'scene' && n.next.length > 1),
      );
      expect(branches, s.id).toBe(true);
    }
  });

  // The gates of check:scenarios on the real course (npm run check:scenarios prints the figures);
  // the verdict–points rule is an error now: a breach leaves r.course null, and runGates refuses it.
  it('passes every gate of check:scenarios: test-wise, every point of practice taught', () => {
    const g = runGates(r);
    const failing = g.gates.flatMap((x) => x.failures.map((f) => `${x.name}: ${f.file}:${f.line}:${f.column} ${f.message}`));
    expect(failing).toEqual([]);
  });

  it('the check report counts coverage by section and theme', () => {
    expect(Object.keys(r.coverage)).toEqual(expect.arrayContaining(REQUIRED_SECTIONS));
    expect(Object.keys(r.themes).length).toBeGreaterThan(5);
  });
});
