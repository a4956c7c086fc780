/**
 * The built index.html, reworked so the first screen is plain HTML and the app runs after it is painted.
 *
 * Why: SvelteKit's client alone costs more main-thread time at start than the whole budget for the
 * first screen (README, "Benchmark and budgets": a bare SvelteKit page with the same settings takes
 * about three times a blank page's CPU before it shows anything). So the home page is rendered once
 * at build time from the same Svelte components, by SvelteKit's own server build, for a learner
 * whose progress is not known yet (no scores, no "continue"); the browser paints it as it parses the
 * HTML, and the app, now a classic script file beside index.html, starts after that paint, replaces
 * it with the same markup (src/routes/+layout.svelte), reads the LMS and fills in the learner's state.
 *
 * What changes in index.html:
 *  - SvelteKit's inline script moves to _app/app.<hash>.js (a classic script, so it loads from
 *    file:// too), loaded with `defer` and run after the first paint (or at once in a hidden page,
 *    where no frame is painted), marked for V8 to compile it off the main thread as it streams;
 *  - the home page's HTML goes where the app will mount, between <!--first-screen--> markers (the
 *    packager drops it for a one-unit package, whose home shows one unit only);
 *  - a small script in <head> hides it when the address opens another page (a deep link) and, on a
 *    scenario's address, asks for that scenario's file at once; one after the first screen closes
 *    what the home page keeps closed on a phone;
 *  - the stylesheet in <head> keeps only the rules the first screen uses (chosen by Beasties, which
 *    matches every selector against that HTML); the app puts the whole stylesheet back in its place as
 *    it starts, before it draws anything, so every rule keeps its order in the cascade;
 *  - on a scenario's address inside an LMS, the boot (src/lib/boot/boot.ts, bundled here into a second
 *    <head> script) draws the scenario's opening where the first screen was, before the app arrives:
 *    each scenario's scenes and first decision, rendered here by the server build from the app's own
 *    components (content/<id>.<hash>.view.js), with the stylesheet's rules they use (content/views.<hash>.css.js);
 *  - the Content-Security-Policy's script hashes follow: the head scripts' instead of the app's;
 *  - the stylesheet file the inline build leaves behind unlinked is removed (its rules are inline).
 * If a server-side render fails, the build says so and leaves that part to the app (slower, not broken).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Beasties from 'beasties';
import { build } from 'vite';
import { BOOT, type BootViews } from '../src/lib/boot/state.ts';
import type { Scenario } from '../src/lib/course/types.ts';
import { CONTENT_DIR, contentHash, jsonLiteral, SCENARIO_CALLBACK } from '../src/lib/course/split.ts';

export const FIRST_SCREEN_START = '<!--first-screen-->';
export const FIRST_SCREEN_END = '<!--/first-screen-->';

/**
 * On a phone the home page keeps its longer parts behind their headings (the app closes those
 * <details> at start, src/routes/+page.svelte): the first screen does the same as it is parsed.
 */
const NARROW_SCRIPT = `if(matchMedia('(max-width: 47.99rem)').matches)for(const d of document.querySelectorAll('#first-screen details[open]'))d.open=false`;

/**
 * Runs in <head> as the HTML is parsed.
 *  - Hides the first screen when the address is not the home page (it is the home page's HTML): not
 *    laid out, not painted. Both of its display rules are in HEAD_STYLE, so the more specific one wins
 *    (an inline style on the first screen itself would beat it, as it once did).
 *  - On a scenario's address, asks for that scenario's file at once, while the app's own file is still
 *    on its way and being compiled (src/lib/player/course.ts would otherwise ask only when the app runs,
 *    one file after the other). The file calls the course's callback; until the app defines it, this
 *    one keeps what it is given (`queued`), and the app takes that, or waits on `script` while `done` is
 *    unset ('load' or 'error' once it is). `hashes` maps each scenario id to its file's hash: the path
 *    is content/<id>.<hash>.js (src/lib/course/split.ts), and the hashes alone are a third of the bytes.
 */
function headScript(hashes: Record<string, string>): string {
  return (
    `(function(){var h=location.hash;if(/^#?\\/?$/.test(h))return;document.documentElement.classList.add('deep-link');` +
    `var m=/^#\\/s\\/([^/?#]+)/.exec(h),hashes=${JSON.stringify(hashes)},id;try{id=m&&decodeURIComponent(m[1])}catch(e){}` +
    `if(!id||!Object.prototype.hasOwnProperty.call(hashes,id))return;` +
    `var s=document.createElement('script'),q=[],cb=function(i,c){q.push([i,c])};` +
    `cb.queued=q;cb.id=id;cb.script=s;s.onload=s.onerror=function(e){cb.done=e.type};` +
    `window[${JSON.stringify(SCENARIO_CALLBACK)}]=cb;s.src='${CONTENT_DIR}/'+id+'.'+hashes[id]+'.js';s.async=true;document.head.appendChild(s)})()`
  );
}
// the boot's view of a scenario's opening (src/lib/boot/boot.ts) shows where the first screen was, and the
// app's own page stays hidden beside it until the app drops it (src/lib/boot/state.ts)
const HEAD_STYLE = `#first-screen{display:contents}.deep-link #first-screen{display:none}.deep-link.boot #first-screen{display:contents}.boot #first-screen~*{display:none}`;

/**
 * Runs SvelteKit's bootstrap after the first paint: rAF, then a task (the frame is painted by then);
 * at once when nothing will be painted first (a hidden page, a deep link). The timer is a fallback
 * for a page that never gets a frame.
 */
function deferred(bootstrap: string, fullCss: string | null): string {
  const body = bootstrap.replace('document.currentScript', 'script');
  if (body === bootstrap) throw new Error('the app script no longer reads document.currentScript: first-screen.ts needs updating');
  // the whole stylesheet back in the place of the first screen's part of it, before the app draws anything
  const css = fullCss === null ? '' : `var appCss=document.getElementById('${CSS_ID}');if(appCss)appCss.textContent=${JSON.stringify(fullCss)};`;
  // V8's explicit compile hint: compile every function while the file streams in, off the main thread
  // (most of the app's functions run at start anyway), instead of lazily on the main thread at first call
  return (
    `//# allFunctionsCalledOnLoad\n` +
    `(function(){var script=document.currentScript,started=false;` +
    `function start(){if(started)return;started=true;${css}${body}}` +
    // a deep link hides the first screen: nothing to paint first
    `if(document.visibilityState==='hidden'||document.documentElement.classList.contains('deep-link'))setTimeout(start,0);` +
    `else{requestAnimationFrame(function(){setTimeout(start,0)});setTimeout(start,1000)}})();\n`
  );
}

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

/**
 * The home page as SvelteKit's server build renders it (its own root component, the layout and the
 * page, with the svelte runtime that build bundles), before anything about the learner is known.
 */
async function renderHome(serverDir: string): Promise<string> {
  return renderPage(await serverParts(serverDir, 'pages/_page.svelte'), '/', '/', {}, {});
}

/** SvelteKit's server build: its root component and the components of the layout and of a page. */
interface ServerParts {
  root: { render: (props: unknown, o: unknown) => { html: string } };
  layout: unknown;
  page: unknown;
}

async function serverParts(serverDir: string, pageFile: string): Promise<ServerParts> {
  const imp = async (f: string) => await import(pathToFileURL(join(serverDir, f)).href);
  const { options } = await imp('internal.js');
  const node = readdirSync(join(serverDir, 'nodes')).find((f) => readFileSync(join(serverDir, 'nodes', f), 'utf8').includes(`entries/${pageFile}.js`));
  if (!node) throw new Error(`the server build has no node for ${pageFile}`);
  const [layout, page] = [await (await imp('nodes/0.js')).component(), await (await imp(`nodes/${node}`)).component()];
  return { root: options.root, layout, page };
}

/** One page at one address, with its page data, as HTML to mount afresh (no hydration markers). */
function renderPage(parts: ServerParts, hash: string, routeId: string, params: Record<string, string>, data: Record<string, unknown>): string {
  const store = { set() {}, subscribe: (fn: (v: null) => void) => (fn(null), () => {}) };
  const page = { url: new URL(`http://localhost/${hash === '/' ? '' : `#${hash}`}`), params, route: { id: routeId }, status: 200, error: null, data: {}, form: null, state: {} };
  const props = { stores: { page: store, navigating: store, updated: store }, page, constructors: [parts.layout, parts.page], components: [], form: null, data_0: {}, data_1: data };
  const { html } = parts.root.render(props, { context: new Map([['__request__', { page }]]) });
  return html.replace(/<!--[[\]!]?-?\d*-->/g, '').trim();
}

/** the most scenes before a first decision the build draws (a scenario with more is drawn by the app) */
const MAX_SCENES = 12;
const SPRITE = /<div class="sprite">[\s\S]*?<\/svg><\/div>/;

/**
 * Each scenario's opening as SvelteKit's server build renders it on the scenario's address, for a
 * learner who has not played it: the page at each scene from the first node, then at the first
 * decision (its options in an order the boot redraws per attempt). The app's own layout, page and
 * player components, with `opening` (the scenes read) as the page's data.
 */
async function renderOpenings(serverDir: string, scenarios: Scenario[]): Promise<Map<string, Omit<BootViews, 'css'>>> {
  const parts = await serverParts(serverDir, 'pages/s/_id_/_page.svelte');
  const out = new Map<string, Omit<BootViews, 'css'>>();
  for (const scenario of scenarios) {
    let sprite = '';
    const steps: string[] = [];
    // the player's own steps (it reads `opening` scenes on): scenes until it shows a decision
    for (let k = 0; k <= MAX_SCENES; k++) {
      const html = renderPage(parts, `/s/${scenario.id}`, '/s/[id]', { id: scenario.id }, { scenario, problem: '', opening: k });
      // the portraits once, not in every step
      sprite = SPRITE.exec(html)?.[0] ?? sprite;
      steps.push(html.replace(SPRITE, ''));
      if (!html.includes('class="step scene"')) break;
    }
    const last = steps.at(-1) ?? '';
    const decision = /<section class="step decision"[^>]*? data-decision="([^"]+)"/.exec(last)?.[1];
    const options = [...last.matchAll(/<input type="radio" name="option" value="([^"]+)"/g)].map((m) => m[1]);
    if (!decision || options.length === 0) continue; // it opens on no decision: the app draws it
    out.set(scenario.id, { sprite, steps, decision, options });
  }
  return out;
}

/** The boot (src/lib/boot/boot.ts) as one inline script, with its configuration. */
async function bootScript(config: { version: number; views: Record<string, string>; dir: string; css: string }): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    define: { __BOOT_CONFIG__: JSON.stringify(config) },
    build: { write: false, minify: true, lib: { entry: resolve('src/lib/boot/entry.ts'), formats: ['iife'], name: 'courseBoot' } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: { code: string }[] };
  return output.output[0].code.trim();
}

/**
 * The views of every scenario's opening, each in content/<id>.<hash>.view.js, and the rules of the
 * stylesheet they use (Beasties, over all of them at once) in content/views.<hash>.css.js; and the
 * boot that shows them. Returns the
 * boot's script, or null (with a warning) when they cannot be made: the app then draws the opening.
 */
async function openings(outDir: string, serverDir: string, scenarios: Scenario[], version: number, fullCss: string): Promise<string | null> {
  try {
    const views = await renderOpenings(serverDir, scenarios);
    const all = [...views.values()].flatMap((v) => [v.sprite, ...v.steps]).join('\n');
    const css = await firstScreenCss(`<!doctype html><html lang="en"><head><style>${fullCss}</style></head><body><div id="first-screen">${all}</div></body></html>`, fullCss);
    const hashes: Record<string, string> = {};
    for (const [id, v] of views) {
      const source = `(function(b){b&&b.views&&b.views(${JSON.stringify(id)},JSON.parse(${jsonLiteral(v)}))})(window[${JSON.stringify(BOOT)}]);\n`;
      hashes[id] = contentHash(source);
      writeFileSync(join(outDir, CONTENT_DIR, `${id}.${hashes[id]}.view.js`), source);
    }
    // one stylesheet for every scenario's views (not a scenario's file: every package keeps it)
    const cssSource = `(function(b){b&&b.css&&b.css(JSON.parse(${jsonLiteral(css)}))})(window[${JSON.stringify(BOOT)}]);\n`;
    const cssFile = `views.${contentHash(cssSource)}.css.js`;
    writeFileSync(join(outDir, CONTENT_DIR, cssFile), cssSource);
    return await bootScript({ version, views: hashes, dir: CONTENT_DIR, css: cssFile });
  } catch (e) {
    console.warn(`\nfirst-screen: the scenarios' openings could not be drawn at build time (${(e as Error).message}); the app will draw them.`);
    return null;
  }
}

/** The id of the stylesheet in <head>: the first screen's rules in the HTML, all of them once the app runs. */
const CSS_ID = 'app-css';

/**
 * The rules of `css` that the page's HTML uses: Beasties matches each selector against the document
 * (states such as :hover and :focus-visible kept; @media blocks kept when any rule inside is). Run on
 * the page as it will be served, and only the stylesheet is taken from its output: the HTML Beasties
 * writes back is not used, so the page's own bytes (and its scripts' hashes) stay as they are.
 */
async function firstScreenCss(page: string, css: string): Promise<string> {
  const beasties = new Beasties({ reduceInlineStyles: true, pruneSource: false, compress: false, keyframes: 'critical', logLevel: 'silent' });
  const out = await beasties.process(page);
  const m = /<style[^>]*>([\s\S]*?)<\/style>/.exec(out);
  if (!m) throw new Error('Beasties returned no stylesheet');
  return m[1];
}

/** `hashes`: each scenario's content file hash (id → hash), for the head script's early request. */
export async function firstScreen(outDir: string, hashes: Record<string, string>, course: { version: number; scenarios: Scenario[] }, serverDir = resolve('.svelte-kit/output/server')): Promise<void> {
  const file = join(outDir, 'index.html');
  if (!existsSync(file)) return;
  const html = readFileSync(file, 'utf8');
  if (html.includes(FIRST_SCREEN_START)) return;
  const m = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (!m || !m[1].includes('.app.start(')) throw new Error(`${file}: SvelteKit's inline app script was not found`);
  const inline = m[1];
  let home = '';
  try {
    home = await renderHome(serverDir);
  } catch (e) {
    console.warn(`\nfirst-screen: the home page could not be rendered at build time (${(e as Error).message}); it will be drawn by the app instead.`);
  }
  const screen = home ? `${FIRST_SCREEN_START}<div id="first-screen">${home}</div><script>${NARROW_SCRIPT}</script>${FIRST_SCREEN_END}` : '';
  const APP = '<script src="_app/app.js" defer></script>';
  let out = html.slice(0, m.index) + `${screen}${APP}` + html.slice(m.index + m[0].length);
  // the first screen's share of the stylesheet in the HTML, and the whole of it in the app
  let fullCss: string | null = null;
  if (home) {
    try {
      const style = /<style>([\s\S]*?)<\/style>/.exec(out);
      if (!style || style.index > out.indexOf('</head>')) throw new Error("the app's stylesheet was not found in <head>");
      const part = await firstScreenCss(out, style[1]);
      fullCss = style[1];
      out = out.slice(0, style.index) + `<style id="${CSS_ID}">${part}</style>` + out.slice(style.index + style[0].length);
    } catch (e) {
      console.warn(`\nfirst-screen: the first screen's styles could not be chosen (${(e as Error).message}); the whole stylesheet stays in the HTML.`);
    }
  }
  const app = deferred(inline.trim(), fullCss);
  const appPath = `_app/app.${contentHash(app)}.js`;
  mkdirSync(join(outDir, '_app'), { recursive: true });
  writeFileSync(join(outDir, appPath), app);
  out = out.replace(APP, `<script src="${appPath}" defer></script>`);
  const head = headScript(hashes);
  // on a scenario's address, the boot draws its opening before the app (src/lib/boot/boot.ts)
  const booter = fullCss === null ? null : await openings(outDir, serverDir, course.scenarios, course.version, fullCss);
  // a function, not a string: the scripts hold "$`" and the like, which a replacement string would expand
  out = out.replace(/<\/head>/, () => `<style>${HEAD_STYLE}</style><script>${head}</script>${booter ? `<script>${booter}</script>` : ''}</head>`);
  // the policy allows the head script by its hash; the app loads as a file of this package ('self')
  const csp = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/.exec(out);
  if (!csp) throw new Error(`${file}: no Content-Security-Policy meta tag`);
  const policy = csp[2].replace(sha256(inline), [head, ...(booter ? [booter] : []), ...(home ? [NARROW_SCRIPT] : [])].map(sha256).join(' '));
  if (policy === csp[2]) throw new Error(`${file}: the app script's hash is not in the Content-Security-Policy`);
  out = out.replace(csp[0], csp[1] + policy + csp[3]);
  writeFileSync(file, out);
  // the inline build leaves its stylesheet behind as a file nothing links to: not worth a place in the package
  const assets = join(outDir, '_app/immutable/assets');
  if (existsSync(assets))
    for (const f of readdirSync(assets)) if (f.endsWith('.css') && !out.includes(f) && !app.includes(f)) rmSync(join(assets, f));
}
