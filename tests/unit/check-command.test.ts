/**
 * `npm run check:scenarios` as writers and scripts run it: `-s -- --json` prints one JSON object and
 * nothing else; a failed gate exits 1 and is named, while `npm run build`'s content step still builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const check = (...args: string[]) => run('npm', ['run', '-s', 'check:scenarios', '--', ...args]);

/** the passing library, with every best option made the longest and most careful-sounding of its decision */
function failingTestwise(): string {
  const dir = mkdtempSync(join(tmpdir(), 'library-'));
  cpSync('tests/fixtures/library', dir, { recursive: true });
  const tail = ', after I would perhaps consult my supervisor and probably talk it through carefully and gently with her for now, if she agrees, so that we might maybe discuss the boundaries of our contract together.';
  const best = {
    'unit-a/alpha.yaml': ['Decline it and name the reason in our next meeting', 'Tell her plainly why you declined, then return to her', 'Remove the tag from your page and mention it next time'],
    'unit-b/beta.yaml': ['Reply from the college system and ask her to do the same', 'Delete the email and tell her how to refer to clients', '"Say no: nothing about clients goes on a forum'],
  };
  for (const [f, texts] of Object.entries(best)) {
    let text = readFileSync(join(dir, f), 'utf8');
    for (const t of texts) {
      const was = `text: ${t}.`;
      expect(text).toContain(was);
      text = text.replace(was, `text: ${t}${tail}`);
    }
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

describe('npm run check:scenarios', () => {
  it('with -s and --json prints only JSON, with the gates and measures, and exits 0 when every gate passes', () => {
    const r = check('--json', '--dir', 'tests/fixtures/library');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toEqual([]);
    expect(out.failedGates).toEqual([]);
    expect(out.warnings).toEqual([]);
    expect(Object.keys(out.testwise)).toEqual(['longest', 'shortest', 'cautious', 'hedged', 'first', 'last', 'random']);
    for (const v of Object.values(out.testwise) as { meanScaled: number; passRate: number }[]) {
      expect(v.meanScaled).toBeGreaterThanOrEqual(0);
      expect(v.meanScaled).toBeLessThan(0.55);
      expect(v.passRate).toBeGreaterThanOrEqual(0);
      expect(v.passRate).toBeLessThanOrEqual(1);
    }
    expect(out.positions['unit-a']).toEqual({ best: { 1: 0, 2: 1, 3: 1, 4: 1 }, decisions: 3 });
    expect(Object.keys(out.items).sort()).toEqual(['G-3.1-a', 'G-3.2-a', 'G-3.4-a', 'G-3.4-b', 'G-6-a']);
    expect(out.items['G-3.4-a']).toEqual({ taught: ['alpha.d1', 'beta.e1'], cited: ['alpha.d1', 'beta.e1'] });
    expect(out.exemptions).toEqual({ 'G-6-a': expect.stringContaining('Context') });
  });

  it('exits 1 on a failed gate and names it, in JSON and in text, while the build step still builds', () => {
    const dir = failingTestwise();
    const j = check('--json', '--dir', dir);
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout);
    expect(out.errors).toEqual([]);
    expect(out.failedGates).toEqual(['testwise']);
    expect(out.gates.testwise.failures[0]).toMatchObject({ file: expect.stringMatching(/course\.yaml$/), line: 8, column: 11 });

    const t = check('--dir', dir);
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/FAILED {2}testwise \(3\)/);
    expect(t.stdout).toMatch(/The check failed: gate testwise \(npm run build still builds\)\./);
    expect(t.stdout).toMatch(/longest .*<- FAILS: reaches the pass mark/);

    const json = join(dir, 'course.json');
    const b = run('npx', ['tsx', 'scripts/build-content.ts', dir], { COURSE_JSON: json });
    expect(b.code, b.stderr).toBe(0);
    expect(existsSync(json)).toBe(true);
  });

  it('writes the whole report through a pipe, however long (longer than the 64 KB a pipe holds)', () => {
    // a copy of the real course with 400 unread flags on one option, so the report outgrows a pipe's buffer
    // however few warnings the course itself has
    const dir = mkdtempSync(join(tmpdir(), 'long-report-'));
    cpSync('scenarios', dir, { recursive: true });
    const file = join(dir, 'client-care', 'business-page-review.yaml');
    const text = readFileSync(file, 'utf8');
    const pad = Array.from({ length: 400 }, (_, i) => `unread-padding-flag-${i}`).join(', ');
    expect(text).toMatch(/^ {8}sets: \[/m);
    writeFileSync(file, text.replace(/^( {8}sets: \[)/m, `$1${pad}, `));
    // a reader slower than the check: the pipe fills, and an early exit would cut the report
    const r = run('sh', ['-c', `npm run -s check:scenarios -- --json --dir '${dir}' | (sleep 1; cat)`]);
    expect(r.stdout.length).toBeGreaterThan(65536);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.items).length).toBe(95);
    expect(Object.keys(out.testwise)).toHaveLength(7);
  });

  it('without -s, npm prints its banner first: the script says on stderr how to get JSON alone', () => {
    const r = run('npm', ['run', 'check:scenarios', '--', '--json', '--dir', 'tests/fixtures/library']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimStart().startsWith('>')).toBe(true);
    expect(r.stderr).toContain('npm run -s check:scenarios -- --json');
  });
});
