/**
 * npm test: unit tests (vitest) and browser tests (Playwright in Debian's Chromium), then one
 * plain closing line "N passed, N failed" totalled over both runners.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { countPlaywright, ensureChromium, ensureDependencies, must, run } from './setup.mjs';

ensureDependencies();
mkdirSync('test-results', { recursive: true });
const unitJson = 'test-results/vitest.json';
const e2eJson = 'test-results/playwright.json';
for (const f of [unitJson, e2eJson]) rmSync(f, { force: true });

let passed = 0;
let failed = 0;
let problems = [];

// type errors fail the run too (counted as one failed check)
if (run('npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human') !== 0) {
  problems.push('type check (svelte-check) failed');
  failed++;
}

run(`npx vitest run --reporter=default --reporter=json --outputFile.json=${unitJson}`);
if (existsSync(unitJson)) {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numTotalTests === 0) problems.push('vitest ran no test');
  // a file that fails to load counts as a failure even though it has no test results
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
} else {
  problems.push('vitest wrote no report');
  failed++;
}

if (ensureChromium()) {
  must('npm run build --silent');
  must('npx tsx scorm/package.ts');
  run('npx playwright test', { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson } });
  const pw = countPlaywright(e2eJson, 'playwright');
  passed += pw.passed;
  failed += pw.failed;
  problems.push(...pw.problems);
} else {
  problems.push('browser tests not run: Chromium is missing');
  failed++;
}

for (const p of problems) console.log(`note: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || problems.length ? 1 : 0);
