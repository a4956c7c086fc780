/**
 * Shared by `npm start` and `npm test`: install what is missing, and find a Chromium.
 * Plain Node, no dependencies, so it runs on a fresh clone before `npm install`.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

export function run(cmd, opts = {}) {
  console.log(`\n> ${cmd}`);
  const r = spawnSync(cmd, { shell: true, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

export function must(cmd, opts) {
  const code = run(cmd, opts);
  if (code !== 0) {
    console.error(`\n"${cmd}" failed with exit code ${code}.`);
    process.exit(code);
  }
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const lock = 'package-lock.json';
  const stamp = 'node_modules/.package-lock.json';
  const stale = !existsSync(stamp) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(stamp).mtimeMs + 1000);
  if (stale) must(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium for the browser tests (Playwright cannot download its own browsers here). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = (() => {
    try {
      execSync('command -v apt-get', { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (root && apt) {
    console.log('Chromium is missing: installing Debian\'s chromium package (about a minute)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get update -qq', { env }) === 0 && run('apt-get install -y -qq chromium', { env }) === 0 && existsSync(CHROMIUM)) return true;
  }
  console.error(
    `\nThe browser tests need Chromium at ${CHROMIUM}, and it is not there.\n` +
      (apt ? 'Install it with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n' : 'Install Chromium with your system\'s package manager,') +
      '\nor point CHROMIUM_PATH at an existing Chromium or Chrome binary, then run npm test again.\n',
  );
  return false;
}

/**
 * Passed and failed tests of a Playwright JSON report, and what else went wrong (no report, no
 * test run, an error outside the tests such as a failing global setup: each counts as a failure).
 */
export function countPlaywright(file, what) {
  if (!existsSync(file)) return { passed: 0, failed: 1, problems: [`${what} wrote no report`] };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.stats;
  const problems = [];
  if (s.expected + s.unexpected + s.flaky === 0) problems.push(`${what} ran no test`);
  return { passed: s.expected + s.flaky, failed: s.unexpected + ((r.errors ?? []).length ? 1 : 0), problems };
}
