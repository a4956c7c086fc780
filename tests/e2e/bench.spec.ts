/** npm run bench is not a timed test: here it only has to run on a small generated library and write every key. */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('the benchmark runs on a small generated library and writes JSON with every key', async () => {
  test.setTimeout(300_000);
  const out = join(mkdtempSync(join(tmpdir(), 'bench-json-')), 'bench.json');
  const r = spawnSync('npx', ['tsx', 'tests/bench/bench.ts', '--quick', '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(readFileSync(out, 'utf8'));
  for (const key of [
    'package_bytes',
    'payload_gzip_bytes',
    'first_decision_ms',
    'blank_page_ms',
    'first_decision_ratio',
    'commits_per_decision',
    'lms_calls_per_decision',
    'suspend_data_chars_max',
    'compile_ms',
    'compile_growth',
    'check_ms_40_decisions',
    'build_s',
  ])
    expect(j, key).toHaveProperty(key);
  expect(Object.keys(j.package_bytes).sort()).toEqual(['scorm12', 'scorm2004']);
  expect(Object.keys(j.compile_ms).sort()).toEqual(['10', '100', '1000']);
  for (const v of [j.check_ms_40_decisions, j.payload_gzip_bytes, j.first_decision_ms, j.blank_page_ms, j.build_s, j.package_bytes.scorm12]) expect(v).toBeGreaterThan(0);
  expect(j.first_decision_ratio).toBeCloseTo(j.first_decision_ms / j.blank_page_ms, 1);
  expect(j.lms_errors).toBe(0);
  // the table is printed with a pass/fail beside each budgeted figure
  expect(r.stdout).toMatch(/payload_gzip_bytes\s+\d+\s+≤ \d+\s+(pass|FAIL)/);
});
