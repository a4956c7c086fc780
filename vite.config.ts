import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { coursePlugin } from './scripts/vite-course.ts';
import { buildDir } from './svelte.config.js';

// The course JSON written by scripts/build-content.ts; COURSE_JSON builds another one (tests do, into BUILD_DIR)
const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');

/** npm run dev: checks scenarios/ (or CONTENT_DIR) on every save; problems show as Vite's overlay (src/lib/content/vite-plugin.ts) */
const contentPreview = (): Plugin => ({
  name: 'course-content',
  // the dev server only (vitest starts a Vite server too, and needs none of this)
  apply: (_, env) => env.command === 'serve' && !process.env.VITEST,
  async configureServer(server) {
    const { tsImport } = await import('tsx/esm/api');
    const { startContentPreview } = await tsImport(pathToFileURL(resolve('src/lib/content/vite-plugin.ts')).href, import.meta.url);
    startContentPreview(server, { root: process.env.CONTENT_DIR ?? 'scenarios', out: courseJson });
  },
});

export default defineConfig({
  // the course JSON: its index goes into the app as '$course-data', each scenario into content/ beside index.html
  // (scripts/vite-course.ts); the preview rewrites that JSON on every save in `npm run dev`
  plugins: [contentPreview(), sveltekit(), coursePlugin({ courseJson, outDir: buildDir })],
  // everything else inline: one HTML file that works from any path and from file://
  build: { assetsInlineLimit: () => true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
