/**
 * What the boot (src/lib/boot/boot.ts) leaves for the app, and the app's side of the handover.
 *
 * On a scenario's address the boot draws the scenario's opening (its scenes, then its first decision
 * in this attempt's order) from HTML made at build time, before the app has even arrived. To know the
 * order it must read the LMS, so it calls the LMS's Initialize itself; the app's SCORM adapter then
 * takes that call's result instead of calling Initialize a second time (takeBootInit), and reads
 * everything else itself as before. What the boot drew is a preview: the app works out the
 * learner's state on its own, and continues from the boot's step (scenes read, option picked) only
 * when its own state is the one the boot drew (bootOpening); otherwise it draws the right step over it.
 */

/** The window property the boot's state lives in. */
export const BOOT = '__courseBoot';

/** One call's outcome, as the adapter records its own calls. */
export interface BootCall {
  value?: unknown;
  /** what the call threw, when it threw */
  error?: unknown;
}

/** The HTML of a scenario's opening, made at build time (scripts/first-screen.ts). */
export interface BootViews {
  /** the scenario's portraits, once (each view's <use> elements point at them) */
  sprite: string;
  /** the page at each step: the scenes from the first node, then the first decision */
  steps: string[];
  /** the first decision's id and its option ids (their order is drawn per attempt) */
  decision: string;
  options: string[];
}

export interface BootState {
  /** the scenario whose address the page was opened on */
  id: string;
  /** set by the app as it starts: from then on the boot draws nothing */
  closed?: boolean;
  /** the LMS object the boot initialised, the name of the function it called, and what it returned */
  api?: object;
  fn?: string;
  init?: BootCall;
  /** the attempt's option-order seed the boot drew the decision with (drawn by it for a new attempt) */
  seed?: number;
  /** what is on the screen: the step (the number of scenes read) and the option picked, if any */
  view?: { scenes: number; picked: string };
  /** the views file's callback */
  views?: (id: string, views: BootViews) => void;
  /** the callback of the stylesheet file of every scenario's views (the rules of the app's stylesheet they use, in its order) */
  css?: (css: string) => void;
}

type Win = Partial<Record<typeof BOOT, BootState>>;

const stateOf = (win: unknown): BootState | undefined => (win as Win | undefined)?.[BOOT];

/** The app has started: the boot must not draw (or call the LMS) from now on. */
export function closeBoot(win: unknown = globalThis): void {
  const s = stateOf(win);
  if (s) s.closed = true;
}

/** The boot's view is on the screen (it stays until the app draws the page itself: dropBootView). */
export function bootViewShown(win: unknown = globalThis): boolean {
  return !!stateOf(win)?.view;
}

/** Removes the boot's view; the app's own page shows in its place (in the same frame). */
export function dropBootView(win: unknown = globalThis, doc: Document | undefined = globalThis.document): void {
  const s = stateOf(win);
  if (!s?.view) return;
  delete s.view;
  if (!doc) return;
  const host = doc.getElementById('first-screen');
  // what had the focus in the boot's view (a heading, an option) has it again in the app's
  const active = doc.activeElement;
  let again: string | null = null;
  if (host && active && host.contains(active)) {
    if (active.id) again = `#${CSS.escape(active.id)}`;
    else if (active instanceof HTMLInputElement && active.type === 'radio') again = `input[type="radio"][value="${CSS.escape(active.value)}"]`;
  }
  host?.remove();
  doc.documentElement.classList.remove('boot');
  if (again) doc.querySelector<HTMLElement>(again)?.focus({ preventScroll: true });
}

/**
 * The result of the boot's Initialize, when it called `fn` on this very API object: given once, so
 * a second start (or another adapter) calls Initialize itself.
 */
export function takeBootInit(api: object, fn: string, win: unknown = globalThis): BootCall | null {
  const s = stateOf(win);
  if (!s?.init || s.api !== api || s.fn !== fn) return null;
  const init = s.init;
  delete s.init;
  return init;
}

/** The seed the boot drew a new attempt's decision with (the app's new attempt takes it, so the order stays). */
export function bootSeed(win: unknown = globalThis): number | undefined {
  const s = stateOf(win);
  return s?.view && typeof s.seed === 'number' ? s.seed : undefined;
}

/**
 * Where the boot's view of scenario `id` stands, when it is the state the app has come to itself
 * (the same attempt seed, nothing played in this scenario): the scenes read and the option picked.
 */
export function bootOpening(id: string, seed: number | undefined, played: boolean, win: unknown = globalThis): { scenes: number; picked: string } | null {
  const s = stateOf(win);
  if (!s?.view || s.id !== id || played || s.seed !== seed) return null;
  return { ...s.view };
}
