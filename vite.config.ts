import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The course JSON written by scripts/build-content.ts; COURSE_JSON builds another one (tests do, into BUILD_DIR)
const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');

export default defineConfig({
  plugins: [sveltekit()],
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
