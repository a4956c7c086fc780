/**
 * Live preview for authors (`npm run dev`): the dev server checks the content when it starts and
 * again whenever a YAML file under the content folder is saved, added or removed.
 * - The check passes: the course JSON the app imports is rewritten, and the open page reloads with
 *   the new content (the hash router keeps `#/s/<scenario>`, so the same scenario opens again).
 * - The check fails: the page shows Vite's error overlay with every problem as file:line:column,
 *   a link to the first one and the lines around it, the way Vite shows a compile error. A page
 *   opened or reloaded while the problems remain gets the overlay too. Fixing the file reloads the page.
 * The dev server only: `npm run build` runs scripts/build-content.ts, which stops on any error.
 * vite.config.ts loads this file through tsx only when the dev server starts, so that neither the
 * build nor vitest loads the checker with the config.
 * The check runs in the dev server's process, so a save of the full course blocks it for about as
 * long as `npm run check:scenarios` takes to load it (a second or two).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ViteDevServer } from 'vite';
import { checkContent } from './check';
import { courseJson, forPlayer, writeCourseJson } from './build';
import type { Problem } from './yaml';

export interface ContentPluginOptions {
  /** the content folder (scenarios/) */
  root: string;
  /** the course JSON the app imports ('$course-data') */
  out: string;
}

/** Lines around a problem, numbered, with a caret under the column: Vite's overlay shows it as the code frame. */
function frame(p: Problem): string {
  if (!existsSync(p.file)) return '';
  const lines = readFileSync(p.file, 'utf8').split('\n');
  const from = Math.max(1, p.line - 2);
  const to = Math.min(lines.length, p.line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === p.line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === p.line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, p.column - 1))}^`);
  }
  return out.join('\n');
}

/** The payload of Vite's error overlay for a failed check. */
export function overlayError(problems: Problem[]) {
  const first = problems[0];
  const list = problems.map((p) => `${p.file}:${p.line}:${p.column}  ${p.message}`).join('\n');
  return {
    message: `The course content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; the page shows the last content that passed the check until they are fixed.\n\n${list}`,
    stack: '',
    id: resolve(first.file),
    loc: { file: resolve(first.file), line: first.line, column: first.column },
    frame: frame(first),
    plugin: 'course-content',
  };
}

/** Called by the `course-content` plugin of vite.config.ts when the dev server starts. */
export function startContentPreview(s: ViteDevServer, options: ContentPluginOptions): void {
  const root = resolve(options.root);
  let problems: Problem[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const check = async (): Promise<void> => {
    const r = checkContent(root);
    const was = problems.length;
    problems = r.errors;
    if (problems.length) {
      s.config.logger.error(`[course-content] ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${relative(process.cwd(), root) || root}/:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}  ${p.message}`).join('\n')}`, { timestamp: true });
      s.ws.send({ type: 'error', err: overlayError(problems) });
      return;
    }
    const changed = writeCourseJson(await forPlayer(courseJson(r)), options.out);
    s.config.logger.info(`[course-content] the content passed the check${changed ? ': course JSON updated' : ''}`, { timestamp: true });
    // a changed JSON reloads the page through Vite's own module graph; an unchanged one after a
    // failed check (the author undid the mistake) must still take the overlay away
    if (!changed && was) s.ws.send({ type: 'full-reload', path: '*' });
  };
  const schedule = (file: string) => {
    const f = resolve(file);
    if (!(f === root || f.startsWith(root + sep)) || !/\.ya?ml$/i.test(f)) return;
    // editors save in several steps: check once they are done
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void check();
    }, 150);
  };

  void check();
  // a course that has never passed the check still needs a JSON for the app to import
  if (problems.length && !existsSync(options.out))
    writeCourseJson({ id: 'not-built', title: 'Course content with problems', version: 1, passMark: 100, scoredAttempt: 'first', units: [], scenarios: [], guidance: [], themes: [] }, options.out);
  s.watcher.add(root);
  for (const event of ['add', 'change', 'unlink'] as const) s.watcher.on(event, schedule);
  // a page opened (or reloaded) while problems remain sees them too
  s.ws.on('connection', () => {
    if (problems.length) setTimeout(() => s.ws.send({ type: 'error', err: overlayError(problems) }), 50);
  });
}
