/**
 * Playwright side of the SCORM harness: the server fixture (one per worker), a page-error guard
 * on every test, and a handle on a launched harness page (its call log and the runtime's CMI).
 */
import { test as base, expect, type FrameLocator, type Page, type TestInfo } from '@playwright/test';
import { course } from './plan';
import { CONTENT_BASE, startLmsServer, type LmsServer, type Version } from './server';

export { expect };
export type { Version };

/** One recorded API call, as harness.js writes it. */
export interface Call {
  n: number;
  method: string;
  args: string[];
  result: unknown;
  /** the error code the call left (the runtime's lastErrorCode right after it) */
  error: string;
  /** the injected fault this call met, if any */
  fault?: 'initFail' | 'rejectSet' | 'commitFail' | 'throwOn';
  threw?: string;
  at: number;
}

export interface HarnessOptions {
  v: Version;
  /** a saved CMI ({cmi: …}) to launch with, as an LMS would load it */
  saved?: unknown;
  suspend?: string;
  initFail?: boolean;
  rejectSet?: string;
  commitFail?: number;
  slowMs?: number;
  throwOn?: string;
  /** keep the call log in localStorage too (to read it after the page closed) */
  persist?: boolean;
  /** the learner id (default learner-1) */
  learner?: string;
  /** the launch mode the LMS gives (default normal) */
  mode?: 'review' | 'browse';
  /** the address the course opens at (e.g. `#/s/friend-request`), as after a reload there */
  at?: string;
}

/** The API function names of each version, by role. */
export const FN = {
  '12': { init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit' },
  '2004': { init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit' },
} as const;

/** Calls that only read the error state (they leave the earlier call's error code in place). */
export const isErrorQuery = (c: Call): boolean => /GetLastError$|GetErrorString$|GetDiagnostic$/.test(c.method);

export class Harness {
  readonly fn: (typeof FN)[Version];
  constructor(
    readonly page: Page,
    readonly v: Version,
  ) {
    this.fn = FN[v];
  }

  /** The course, inside the harness's iframe. */
  get course(): FrameLocator {
    return this.page.frameLocator('#course');
  }

  log(from = 0): Promise<Call[]> {
    return this.page.evaluate((n) => (window as unknown as { harness: { log: Call[] } }).harness.log.slice(n), from);
  }

  async logLength(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { harness: { log: Call[] } }).harness.log.length);
  }

  /**
   * Waits until the course's saves since log index `from` have gone out: the course calls the LMS
   * after the page has moved on (one call per task), and each save ends with a commit.
   */
  async settled(from: number): Promise<Call[]> {
    await expect
      .poll(async () => (await this.log(from)).filter((c) => !isErrorQuery(c)).at(-1)?.method, { message: 'the save ends with a commit', timeout: 30_000 })
      .toBe(this.fn.commit);
    return this.log(from);
  }

  /** The CMI as the scorm-again instance holds it (write-only elements included). */
  cmi(): Promise<Cmi> {
    return this.page.evaluate(() => (window as unknown as { harness: { cmi(): Cmi } }).harness.cmi());
  }

  /** What the LMS would keep for the next session. */
  saved(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { harness: { saved(): unknown } }).harness.saved());
  }

  /** A value through the runtime's own GetValue (unrecorded: the test's read is not the course's call). */
  getValue(element: string): Promise<string> {
    return this.page.evaluate(
      ([name, el]) => (window as unknown as { harness: { raw(n: string, e: string): string } }).harness.raw(name, el),
      [this.fn.get, element] as const,
    );
  }

  /** The course's device copy (`<courseId>:backup` etc.), read in the LMS page (same origin). */
  storage(key: string): Promise<unknown> {
    return this.page.evaluate((k) => {
      const raw = localStorage.getItem(k);
      return raw === null ? null : (JSON.parse(raw) as unknown);
    }, key);
  }

  /** Navigates the course frame away and waits for the session's end call. */
  async unload(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as { harness: { unload(): void } }).harness.unload());
    await expect
      .poll(async () => (await this.log()).filter((c) => c.method === this.fn.finish).length, { timeout: 30_000 })
      .toBeGreaterThan(0);
  }
}

/** A CMI object as parsed JSON (shape differs per version). */
export type Cmi = Record<string, any>;

interface Fixtures {
  /** page errors seen in the test: asserted empty when the test ends */
  pageErrors: string[];
  /** launches the harness page for a version, with options */
  launch: (opts: HarnessOptions) => Promise<Harness>;
}

/** " at <address:line:column>": the first script address an exception's stack names, or "" when it names none */
function whereFrom(e: Error): string {
  const at = /(?:https?|file):\/\/[^\s)]+/.exec(e.stack ?? '');
  return at ? ` at ${at[0]}` : '';
}

/** An exception the LMS's own pages are known to throw, matched by its whole message (one the course's code cannot throw) */
export interface KnownLmsError {
  message: string;
  /** where it comes from, shown beside it in the test's annotations */
  source: string;
}

/**
 * An auto fixture: the page's uncaught exceptions (the course's frame included), asserted empty when the
 * test ends. `known` lists exceptions of the LMS's own scripts, seen with it and not the course's: each is
 * left out of the assertion and shown as an annotation of the test instead, so it is never hidden.
 */
export function pageErrorsFixture(known: KnownLmsError[] = []) {
  return async ({ page }: { page: Page }, use: (errors: string[]) => Promise<void>, testInfo: TestInfo): Promise<void> => {
    const errors: string[] = [];
    const seen = new Map<KnownLmsError, number>();
    page.on('pageerror', (e) => {
      const k = known.find((x) => `${e.name}: ${e.message}` === x.message);
      if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
      // with the script it came from, so a failure names the course's file or the LMS's
      else errors.push(`${e.name}: ${e.message}${whereFrom(e)}`);
    });
    await use(errors);
    for (const [k, n] of seen) {
      const description = `${k.message} ×${n}, from ${k.source}`;
      testInfo.annotations.push({ type: 'LMS page error (not the course)', description });
      console.warn(`${testInfo.title}: the LMS's own page threw ${description}`);
    }
    expect(errors, 'uncaught exceptions in the page').toEqual([]);
  };
}

/** The page's uncaught exceptions, asserted empty: the course alone, with no LMS of its own */
export const failOnPageErrors = pageErrorsFixture();

export const test = base.extend<Fixtures, { lms: LmsServer }>({
  lms: [
    // Playwright reads a fixture's dependencies from its first parameter: none here
    async ({}, use) => {
      const server = await startLmsServer(course.id);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  pageErrors: [failOnPageErrors, { auto: true }],
  launch: async ({ page, lms }, use) => {
    await use(async (opts) => launchHarness(page, lms, opts));
  },
});

export function harnessUrl(lms: LmsServer, opts: HarnessOptions): string {
  const q = new URLSearchParams({ v: opts.v });
  if (opts.saved !== undefined) q.set('load', lms.stash(opts.saved));
  if (opts.suspend !== undefined) q.set('suspend', opts.suspend);
  if (opts.initFail) q.set('initFail', '');
  if (opts.rejectSet) q.set('rejectSet', opts.rejectSet);
  if (opts.commitFail) q.set('commitFail', String(opts.commitFail));
  if (opts.slowMs) q.set('slowMs', String(opts.slowMs));
  if (opts.throwOn) q.set('throwOn', opts.throwOn);
  if (opts.persist) q.set('persist', '');
  if (opts.learner) q.set('learner', opts.learner);
  if (opts.mode) q.set('mode', opts.mode);
  if (opts.at) q.set('at', opts.at);
  return `${lms.origin}/harness.html?${q}`;
}

export async function launchHarness(page: Page, lms: LmsServer, opts: HarnessOptions): Promise<Harness> {
  await page.goto(harnessUrl(lms, opts));
  await page.waitForFunction(() => {
    const h = (window as unknown as { harness?: { ready: boolean; error: string } }).harness;
    if (h?.error) throw new Error(`harness: ${h.error}`);
    return h?.ready === true;
  });
  const h = new Harness(page, opts.v);
  // the course is up when its home page (or a scenario) shows, and the app has started: the home page is
  // painted before the app runs (scripts/first-screen.ts), which marks <main> busy until it has read the LMS
  // (a slow LMS makes the launch's own calls slow too: each of them waits its slowMs)
  await expect(h.course.locator('main:not([aria-busy]) h1').first()).toBeVisible({ timeout: opts.slowMs ? 60_000 : undefined });
  return h;
}

/** The package's launch page opened directly, with no LMS around it. */
export const directUrl = (lms: LmsServer, v: Version): string => `${lms.origin}${CONTENT_BASE[v]}index.html`;
