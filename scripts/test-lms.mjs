/**
 * npm run test:lms: the real-LMS suite (tests/lms, Playwright in Chromium against a real Moodle).
 * With no Moodle to use it prints one line saying why and how to provide one, and exits 0.
 * Otherwise it starts Moodle (the kit's first start installs it: minutes), runs the suite and ends
 * with the plain line "N passed, N failed".
 *
 * A Moodle: the kit in ../shared/moodle (or MOODLE_KIT=<folder with moodle.sh>; its MOODLE_HOME,
 * MOODLE_PORT and MOODLE_DB pass through), or your own with MOODLE_URL and MOODLE_DIR (README).
 */
import { rmSync } from 'node:fs';
import { findMoodle, REPO } from './moodle-kit.mjs';
import { countPlaywright, ensureChromium, ensureDependencies, run } from './setup.mjs';

process.chdir(REPO);
const found = findMoodle();
// --check: only say (by the exit code) whether there is a Moodle to test against
if (process.argv.includes('--check')) process.exit('missing' in found ? 1 : 0);
if ('missing' in found) {
  console.log(
    `LMS tests skipped: ${found.missing}; provide one with MOODLE_KIT=<folder with moodle.sh> or MOODLE_URL=<site> MOODLE_DIR=<its code> (README: Testing against a real Moodle).`,
  );
  process.exit(0);
}

ensureDependencies();
if (!ensureChromium()) {
  console.log('note: LMS tests not run: Chromium is missing');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = 'test-results/lms-playwright.json';
rmSync(report, { force: true });
run('npx playwright test -c tests/lms/playwright.config.ts');
const { passed, failed, problems } = countPlaywright(report, 'the LMS suite');
for (const p of problems) console.log(`note: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || problems.length ? 1 : 0);
