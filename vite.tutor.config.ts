/**
 * The tutor page's own build (dist/tutor.html), separate from the course's SvelteKit build so its
 * spreadsheet reader never reaches the learner's download. One self-contained HTML file (JS and
 * CSS inline: vite-plugin-singlefile) that runs from file://. Built by scripts/build-tutor.ts.
 */
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');

export default defineConfig({
  root: resolve('src/tutor'),
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ configFile: false, preprocess: vitePreprocess() }), viteSingleFile({ removeViteModuleLoader: true })],
  resolve: { alias: { $lib: resolve('src/lib'), '$course-data': courseJson } },
  json: { stringify: true, namedExports: false },
  build: {
    outDir: resolve(process.env.TUTOR_OUT ?? 'dist'),
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: { input: resolve('src/tutor/tutor.html') },
  },
});
