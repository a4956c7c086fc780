/**
 * Where the real-LMS suite finds its Moodle (shared by scripts/test-lms.mjs, .ci/run and tests/lms):
 *  - MOODLE_URL and MOODLE_DIR: a Moodle of your own, on this machine (its address and its code);
 *  - otherwise the kit: MOODLE_KIT=<folder with moodle.sh>, else ../shared/moodle next to this
 *    repository, or next to the main work tree when this is a linked git work tree.
 * Plain Node, no dependencies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folders ../shared/moodle may be in: next to this checkout, and next to the main work tree. */
function kitCandidates() {
  const out = [join(REPO, '..', 'shared', 'moodle')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (common) out.push(join(dirname(common), '..', 'shared', 'moodle'));
  } catch {
    // not a git checkout: only the folder next to it
  }
  return [...new Set(out.map((p) => resolve(p)))];
}

/**
 * {kind: 'own', url, dir, php} or {kind: 'kit', kit}, or {missing: why} when there is no Moodle to use.
 * @param {NodeJS.ProcessEnv} env
 */
export function findMoodle(env = process.env) {
  if (env.MOODLE_URL) {
    if (!env.MOODLE_DIR) return { missing: 'MOODLE_URL is set but MOODLE_DIR (the folder of its code, with config.php) is not' };
    if (!existsSync(join(env.MOODLE_DIR, 'config.php'))) return { missing: `MOODLE_DIR=${env.MOODLE_DIR} has no config.php` };
    return { kind: 'own', url: env.MOODLE_URL.replace(/\/+$/, ''), dir: env.MOODLE_DIR, php: env.MOODLE_PHP || 'php' };
  }
  const candidates = env.MOODLE_KIT ? [resolve(env.MOODLE_KIT)] : kitCandidates();
  const kit = candidates.find((k) => existsSync(join(k, 'moodle.sh')));
  return kit ? { kind: 'kit', kit } : { missing: `no Moodle kit (looked for moodle.sh in ${candidates.join(', ')})` };
}
