/**
 * For browser tests that build or serve their own course: a scratch `scenarios/` folder made from
 * the demo fixture, and a scratch copy of the project root (root files copied, folders linked) so
 * that its .svelte-kit/ never meets another build or dev server running at the same time.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A project root of its own inside `dir`. */
export function scratchProject(dir: string): string {
  const root = resolve('.');
  const proj = join(dir, 'project');
  mkdirSync(proj);
  for (const name of readdirSync(root)) {
    if (['.svelte-kit', '.git', 'build', 'dist', 'test-results', 'playwright-report'].includes(name)) continue;
    const from = join(root, name);
    if (statSync(from).isDirectory()) symlinkSync(from, join(proj, name));
    else copyFileSync(from, join(proj, name));
  }
  return proj;
}

/** A scenarios/ folder with the real guidance, a one-unit course "demo" and the given scenario files. */
export function scratchContent(files: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'content-'))): string {
  const sc = join(dir, 'scenarios');
  mkdirSync(join(sc, 'demo'), { recursive: true });
  copyFileSync('scenarios/guidance.yaml', join(sc, 'guidance.yaml'));
  writeFileSync(join(sc, 'course.yaml'), `id: scratch\ntitle: Scratch course\nversion: 1\npassMark: 70\nunits:\n  - id: demo\n    title: Demo\n    scenarios: [${Object.keys(files).join(', ')}]\n`);
  for (const [id, text] of Object.entries(files)) writeFileSync(join(sc, 'demo', `${id}.yaml`), text);
  return sc;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Runs a command to the end, or throws with its output. */
export function sh(cmd: string, args: string[], cwd: string, env: Record<string, string>): void {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}
