/** Every malformed fixture is rejected with the expected message at the expected line and column. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { tempContent } from './helpers';

const dir = 'tests/fixtures/bad';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('malformed scenario files', () => {
  it('has at least 20 fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(20));

  it('the valid base they are made from has no problem', () => {
    const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/good/demo.yaml', 'utf8') }));
    expect(r.errors).toEqual([]);
    expect(r.scenarios).toBe(1);
  });

  for (const f of fixtures) {
    it(f, () => {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      const m = /expect: (\d+):(\d+) (.+)$/m.exec(text.split('\n')[0]);
      expect(m, `${f} needs an "expect: line:col message" header`).toBeTruthy();
      const [, line, column, message] = m!;
      const r = checkContent(tempContent({ demo: text }));
      expect(r.course).toBeNull();
      const hit = r.errors.find((e) => e.file.endsWith('demo/demo.yaml') && e.line === Number(line) && e.column === Number(column) && e.message.includes(message));
      expect(hit, `expected ${line}:${column} "${message}" in:\n${r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n')}`).toBeTruthy();
    });
  }
});

describe('course-level problems', () => {
  const good = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');
  it('reports a scenario listed in course.yaml with no file, at its line', () => {
    const d = tempContent({ demo: good });
    const course = readFileSync(`${d}/course.yaml`, 'utf8').replace('[demo]', '[demo, ghost]');
    writeFileSync(`${d}/course.yaml`, course);
    const r = checkContent(d);
    expect(r.errors).toContainEqual(expect.objectContaining({ line: 8, message: expect.stringContaining('no scenario file has id "ghost"') }));
  });
  it('reports a file whose id differs from its name, and a duplicate scenario id', () => {
    const r = checkContent(tempContent({ demo: good, other: good }));
    expect(r.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('duplicate scenario id "demo"'), expect.stringContaining('must match its file name')]),
    );
  });
  it('reports a scenario whose unit does not match its folder', () => {
    const r = checkContent(tempContent({ demo: good.replace('unit: demo', 'unit: elsewhere') }));
    expect(r.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringContaining('does not match the folder "demo"')]));
  });
  it('reports every problem at once, not just the first', () => {
    const semantic = good.replace('next: first', 'next: frist').replace('cite: [G-3.4-a]', 'cite: [G-3.4-z]');
    expect(checkContent(tempContent({ demo: semantic })).errors.length).toBe(2);
    const broken = good.replace('points: 0', 'points: 12').replace('minutes: 3', 'minutes: x');
    const r = checkContent(tempContent({ demo: broken }));
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
  });
});
