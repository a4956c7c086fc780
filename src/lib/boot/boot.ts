/**
 * The boot: on a scenario's address, draws the scenario's opening before the app arrives.
 *
 * Why: the app (SvelteKit's client, Svelte, xstate and the course's own code) is a 300 KB script;
 * compiling and starting it takes most of the wait before a decision is on the screen (README,
 * "Benchmark and budgets"). The opening a learner meets on a scenario's address, its scenes and
 * first decision, is the same HTML for everyone but for the order of the options, which is drawn
 * per attempt and kept in what the LMS saves. So this small script, bundled at build time into
 * index.html (scripts/first-screen.ts), asks for the scenario's views file (HTML made at build time
 * by SvelteKit's server build from the app's own components), starts the LMS session to learn the
 * attempt's seed, and shows the views, their options in that order; its Continue steps through
 * the scenes. The app then takes over (src/lib/boot/state.ts).
 *
 * It draws nothing, and leaves everything to the app as before, unless all of this holds: there is
 * an LMS, its Initialize succeeded, the launch is not a review, and the saved progress is empty or
 * of this course version with nothing in this scenario. It never writes to the LMS.
 */
import { findApi } from '../lms/discover';
import { isTrue, readOnlyLaunch } from '../lms/cmi';
import { NAMES_12, NAMES_2004 } from '../lms/names';
import { drawSeed, orderOptions } from '../engine/order';
import { peekProgress } from '../engine/progress-code';
import { SCENARIO_CALLBACK } from '../course/split';
import { BOOT, type BootCall, type BootState, type BootViews } from './state';

/** Written in by the build: the course version, each scenario's views file hash, their folder and their stylesheet's file. */
interface Config {
  version: number;
  views: Record<string, string>;
  dir: string;
  css: string;
}

type Callback = { id?: string };

export function boot(config: Config, win: Window = window): void {
  const doc = win.document;
  const asked = (win as unknown as Record<string, Callback | undefined>)[SCENARIO_CALLBACK]?.id;
  if (!asked || !Object.prototype.hasOwnProperty.call(config.views, asked)) return;
  // no LMS: the device's own record, read by the app (and no views asked for)
  const found = findApi(win);
  if (!found) return;
  const id: string = asked;
  const state: BootState = { id };
  (win as unknown as Record<string, BootState>)[BOOT] = state;
  // the two files, asked for at once; drawn when both are in
  let views: BootViews | null = null;
  let css: string | null = null;
  state.views = (vid, v) => {
    if (vid === id) views = v;
    ready();
  };
  state.css = (c) => {
    css = c;
    ready();
  };
  for (const file of [`${id}.${config.views[id]}.view.js`, config.css]) {
    const s = doc.createElement('script');
    s.src = `${config.dir}/${file}`;
    s.async = true;
    doc.head.appendChild(s);
  }
  function ready(): void {
    if (views && css !== null && !state.closed) start(views, css);
  }

  function start(views: BootViews, css: string): void {
    // a one-unit package (its tag comes after this script) shows only its own unit's scenarios: the app decides
    const host = doc.getElementById('first-screen');
    if (!found || !host || doc.querySelector('meta[name="course-unit"]')) return;
    const d = found.version === 'scorm2004' ? NAMES_2004 : NAMES_12;
    const api = found.api as Record<string, (...a: string[]) => unknown>;
    let init: BootCall;
    try {
      init = { value: api[d.fn.initialize]('') };
    } catch (error) {
      init = { error };
    }
    Object.assign(state, { api: found.api, fn: d.fn.initialize, init });
    // nothing more is asked after a refusal, so the app's adapter can still read its error
    if (!isTrue(init.value)) return;
    const get = (element: string): string => {
      try {
        const v = api[d.fn.getValue](element);
        return v == null ? '' : String(v);
      } catch {
        return '';
      }
    };
    const entry = get(d.el.entry);
    if (readOnlyLaunch(get(d.el.mode), get(d.el.credit))) return;
    // as the adapter does: a first launch has nothing saved to read
    const code = entry === 'ab-initio' ? '' : get(d.el.suspendData);
    let seed: number;
    try {
      const saved = peekProgress(code);
      if (saved && (saved.version !== config.version || saved.ids.includes(id))) return;
      seed = saved ? saved.seed : drawSeed(win.crypto);
    } catch {
      return; // unreadable: the app says why
    }
    state.seed = seed;
    const style = doc.getElementById('app-css');
    if (style) style.textContent = css;
    show(host, views, seed, 0);
  }

  function show(host: HTMLElement, views: BootViews, seed: number, scenes: number): void {
    host.innerHTML = views.sprite + views.steps[scenes];
    doc.documentElement.classList.add('boot');
    state.view = { scenes, picked: '' };
    // as the app's skip link does: to the content, without changing the address (the app reads it as a page)
    host.querySelector('a.skip')?.addEventListener('click', (e) => {
      e.preventDefault();
      host.querySelector<HTMLElement>('#main')?.focus();
    });
    const last = scenes === views.steps.length - 1;
    if (!last) {
      host.querySelector<HTMLButtonElement>('.step .actions button')?.addEventListener('click', () => show(host, views, seed, scenes + 1));
    } else {
      const fieldset = host.querySelector('fieldset');
      const labels = new Map<string, Element>();
      for (const input of host.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
        const label = input.closest('label');
        if (label) labels.set(input.value, label);
      }
      for (const o of orderOptions(views.options.map((oid) => ({ id: oid })), seed, id, views.decision)) {
        const label = labels.get(o.id);
        if (fieldset && label) fieldset.appendChild(label);
      }
      fieldset?.addEventListener('change', (e) => {
        if (state.view) state.view.picked = (e.target as HTMLInputElement).value;
      });
    }
    // as the app does when a step changes: the new step's heading takes the focus
    if (scenes > 0) host.querySelector<HTMLElement>('#step-heading')?.focus();
  }
}
