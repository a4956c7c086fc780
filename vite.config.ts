import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { coursePlugin } from './scripts/vite-course.ts';
import { buildDir } from './svelte.config.js';

export default defineConfig({
  // the course written by scripts/build-content.ts (COURSE_JSON builds another one, as tests do, into BUILD_DIR):
  // its index goes into the app as '$course-data', each scenario into content/ beside index.html
  plugins: [sveltekit(), coursePlugin({ courseJson: process.env.COURSE_JSON ?? 'src/lib/generated/course.json', outDir: buildDir })],
  // everything else inline: one HTML file that works from any path and from file://
  build: { assetsInlineLimit: () => true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
