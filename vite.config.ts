import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The course JSON written by scripts/build-content.ts; COURSE_JSON builds another one (tests do, into BUILD_DIR)
const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');

/** npm run dev: checks scenarios/ (or CONTENT_DIR) on every save; problems show as Vite's overlay (src/lib/content/vite-plugin.ts) */
const courseContent = (): Plugin => ({
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
  plugins: [courseContent(), sveltekit()],
  resolve: { alias: { '$course-data': courseJson } },
  // everything inline: one HTML file that works from any path and from file://
  build: { assetsInlineLimit: () => true },
  // the course data ships as JSON.parse("…"), which browsers parse faster than an object literal
  json: { stringify: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
