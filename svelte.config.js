import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Where the adapter writes the site (tests and the bench build elsewhere with BUILD_DIR). */
export const buildDir = process.env.BUILD_DIR ?? 'build';

/** A build that runs from any nested LMS path and from file://: hash router, relative paths, one inline bundle. */
/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: buildDir, assets: buildDir, fallback: undefined, strict: true }),
    router: { type: 'hash' },
    paths: { relative: true },
    output: { bundleStrategy: 'inline' },
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['none'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['none'],
        'base-uri': ['none'],
      },
    },
  },
};
export default config;
