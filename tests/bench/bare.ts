/**
 * npx tsx tests/bench/bare.ts [--xstate] [out dir]
 *
 * Builds the floor the course is measured against: a bare SvelteKit app with the course's own settings
 * (hash router, relative paths, one inline bundle, adapter-static) and nothing else, whose scenario
 * route shows a heading and three radio buttons. With --xstate, the route first starts an xstate
 * machine (scene → decision, as a scenario's player does) and shows its state: the floor with the
 * engine the course keeps. Written into a temporary folder (its node_modules a link to this
 * repository's, so the versions are the same) and built there; prints the build folder, for
 * tests/bench/profile.ts:
 *
 *   npx tsx tests/bench/profile.ts bare=$(npx tsx tests/bench/bare.ts) course=build --only decision
 *
 * (its decision target opens #/s/<id> and waits for `main input[type="radio"]`, as for the course).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const withXstate = args.includes('--xstate');
const outArg = args.find((a) => !a.startsWith('--'));
const dir = mkdtempSync(join(tmpdir(), 'bare-kit-'));
const out = resolve(outArg ?? join(dir, 'build'));
/** the scenario route's script: the page's params, and with --xstate a machine started and moved to its decision */
const routeScript = withXstate
  ? `  import { page } from '$app/state';
  import { createActor, setup } from 'xstate';
  const machine = setup({ types: {} }).createMachine({ id: 's', initial: 'scene', states: { scene: { on: { 'player.next': 'decision' } }, decision: { on: { 'player.choose': 'end' } }, end: { type: 'final' } } });
  const actor = createActor(machine);
  actor.start();
  actor.send({ type: 'player.next' });
  let state = $state(String(actor.getSnapshot().value));
  actor.subscribe((s) => (state = String(s.value)));`
  : `  import { page } from '$app/state';
  const state = '';`;
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare-kit', private: true, type: 'module' }),
  'svelte.config.js': `import adapter from '@sveltejs/adapter-static';
export default { kit: { adapter: adapter({ pages: ${JSON.stringify(out)}, assets: ${JSON.stringify(out)}, strict: false }), router: { type: 'hash' }, paths: { relative: true }, output: { bundleStrategy: 'inline' } } };
`,
  'vite.config.js': `import { sveltekit } from '@sveltejs/kit/vite';
export default { plugins: [sveltekit()], build: { assetsInlineLimit: () => true } };
`,
  'src/app.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title>%sveltekit.head%</head><body><div style="display: contents">%sveltekit.body%</div></body></html>
`,
  'src/routes/+page.svelte': `<main><h1>Home</h1></main>
`,
  'src/routes/s/[id]/+page.svelte': `<script>
${routeScript}
</script>
<main><h1>Scenario {page.params.id} {state}</h1><fieldset>{#each ['a', 'b', 'c'] as o}<label><input type="radio" name="o" value={o} /> Option {o}</label>{/each}</fieldset></main>
`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}
symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
const r = spawnSync('npx', ['vite', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (r.status !== 0) {
  console.error(`the bare SvelteKit app in ${dir} did not build:\n${r.stderr}`);
  process.exit(1);
}
console.log(out);
