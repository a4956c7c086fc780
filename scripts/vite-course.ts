/**
 * The Vite plugin that brings the course into the app in two parts (src/lib/course/split.ts):
 *  - `$course-data`, imported by src/lib/player/course.ts, is the course index, as JSON.parse("…")
 *    (a string literal parses faster than the same object literal);
 *  - each scenario's content/<id>.<hash>.js is written beside the built index.html once SvelteKit's
 *    adapter has written it (and served from memory by `vite dev`);
 *  - then index.html gets its first screen as HTML and the app as a file (scripts/first-screen.ts).
 * The course is the JSON scripts/build-content.ts wrote: COURSE_JSON, or src/lib/generated/course.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { Course } from '../src/lib/course/types.ts';
import { jsonLiteral, splitCourse } from '../src/lib/course/split.ts';
import { firstScreen } from './first-screen.ts';

const VIRTUAL = '\0course-index';

/** What the dev server's app shows before the course JSON has been written. */
const NOT_YET: Course = { id: 'not-built', title: 'The course is being checked', version: 1, passMark: 100, scoredAttempt: 'first', units: [], scenarios: [], guidance: [], themes: [] };

export function coursePlugin(opts: { courseJson: string; outDir: string }): Plugin {
  const courseJson = resolve(opts.courseJson);
  let split: ReturnType<typeof splitCourse> | null = null;
  let ssr = false;
  let serving = false;
  const read = () => {
    let course: Course;
    try {
      course = JSON.parse(readFileSync(courseJson, 'utf8')) as Course;
    } catch (e) {
      // `npm run dev`: the live preview (src/lib/content/vite-plugin.ts) writes the JSON once its first check
      // is done; until then the app gets an empty course, and the JSON's arrival reloads the page
      if (serving && !existsSync(courseJson)) {
        split = null; // not kept: read again at the next request
        return splitCourse(NOT_YET);
      }
      throw new Error(`${courseJson}: ${(e as Error).message} (run npx tsx scripts/build-content.ts first)`);
    }
    return (split = splitCourse(course));
  };
  /** A new JSON is a new index (a virtual module made from it), and a new page. */
  const reload = (server: ViteDevServer) => {
    read();
    const m = server.moduleGraph.getModuleById(VIRTUAL);
    if (m) server.moduleGraph.invalidateModule(m);
    server.ws.send({ type: 'full-reload', path: '*' });
  };
  return {
    name: 'course-split',
    buildStart() {
      this.addWatchFile(courseJson);
      read();
    },
    resolveId(id) {
      return id === '$course-data' ? VIRTUAL : null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      return `export default JSON.parse(${jsonLiteral((split ?? read()).index)});\n`;
    },
    handleHotUpdate(ctx) {
      if (resolve(ctx.file) !== courseJson) return;
      reload(ctx.server);
      return [];
    },
    configureServer(server) {
      serving = true;
      // the JSON may not exist yet when the server starts (see read): its creation counts as a change
      // (its folder is watched: a file that does not exist yet cannot be)
      server.watcher.add([courseJson, dirname(courseJson)]);
      server.watcher.on('add', (f) => {
        if (resolve(f) === courseJson) reload(server);
      });
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]).replace(/^\/+/, '');
        const file = (split ?? read()).files.find((f) => f.path === path);
        if (!file) return next();
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(file.source);
      });
    },
    configResolved(config) {
      ssr = !!config.build.ssr;
    },
    // `vite build` is SvelteKit's server build: its closeBundle runs the adapter, which writes the site; this runs after
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        if (!ssr) return;
        const { files } = split ?? read();
        for (const f of files) {
          const to = join(opts.outDir, f.path);
          mkdirSync(dirname(to), { recursive: true });
          writeFileSync(to, f.source);
        }
        const course = JSON.parse(readFileSync(courseJson, 'utf8')) as Course;
        await firstScreen(opts.outDir, Object.fromEntries(files.map((f) => [f.scenarioId, f.hash])), course);
      },
    },
  };
}
