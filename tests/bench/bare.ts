/**
 * npx tsx tests/bench/bare.ts [out dir]
 *
 * Builds the floor the course is measured against: a bare SvelteKit app with the course's own settings
 * (hash router, relative paths, one inline bundle, adapter-static) and nothing else, whose scenario
 * route shows a heading and three radio buttons. Written into a temporary folder (its node_modules a
 * link to this repository's, so the versions are the same) and built there; prints the build folder,
 * for tests/bench/profile.ts:
 *
 *   npx tsx tests/bench/profile.ts bare=$(npx tsx tests/bench/bare.ts) course=build --only decision
 *
 * (its decision target opens #/s/<id> and waits for `main input[type="radio"]`, as for the course).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'bare-kit-'));
const out = resolve(process.argv[2] ?? join(dir, 'build'));
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
  import { page } from '$app/state';
</script>
<main><h1>Scenario {page.params.id}</h1><fieldset>{#each ['a', 'b', 'c'] as o}<label><input type="radio" name="o" value={o} /> Option {o}</label>{/each}</fieldset></main>
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
