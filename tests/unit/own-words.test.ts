/**
 * The course paraphrases and cites the guidance, it does not reproduce it: no run of 8 words from
 * GPiA 040 appears in any scenario or in guidance.yaml. Needs ../shared/guidance beside the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';

const SOURCE = '../shared/guidance/gpia-040-social-media-digital-technology.txt';
const N = 8;
/** titles of works the guidance names: quoting a title is citing, not copying */
const TITLES = ['online and phone therapy (opt) competence framework'];
const words = (s: string) => TITLES.reduce((t, title) => t.split(title).join(' '), s.toLowerCase()).replace(/<[^>]+>/g, ' ').replace(/[’']/g, '').match(/[a-z0-9]+/g) ?? [];
const shingles = (s: string) => {
  const w = words(s);
  const out = new Set<string>();
  for (let i = 0; i + N <= w.length; i++) out.add(w.slice(i, i + N).join(' '));
  return out;
};

// the describe body runs even when skipped, so nothing is read until a test runs
let cache: { source: Set<string>; course: NonNullable<ReturnType<typeof checkContent>['course']> } | null = null;
const load = () => (cache ??= { source: shingles(readFileSync(SOURCE, 'utf8')), course: checkContent('scenarios').course! });

describe.skipIf(!existsSync(SOURCE))('own words', () => {
  it(`no scenario text repeats ${N} words in a row from the source`, () => {
    const { source, course } = load();
    const hits: string[] = [];
    for (const s of course.scenarios) {
      const text = JSON.stringify(s);
      for (const sh of shingles(text)) if (source.has(sh)) hits.push(`${s.id}: "${sh}"`);
    }
    expect(hits).toEqual([]);
  });

  it(`no guidance title or summary repeats ${N} words in a row from the source`, () => {
    const { source, course } = load();
    const hits = course.guidance.flatMap((g) => [...shingles(`${g.title}. ${g.summary}`)].filter((sh) => source.has(sh)).map((sh) => `${g.id}: "${sh}"`));
    expect(hits).toEqual([]);
  });

  it('the check itself finds a copied sentence', () => {
    const { source } = load();
    const copied = readFileSync(SOURCE, 'utf8').split('\n').find((l) => words(l).length > 20)!;
    expect([...shingles(copied)].some((sh) => source.has(sh))).toBe(true);
  });
});
