/**
 * The test site the global setup builds (one course, the packages as activities, one student per
 * test, a tutor), and the Playwright fixtures that drive it as those people do: log in, open an
 * activity with Moodle's "Enter" button (optionally "Start a new attempt"), play inside Moodle's own
 * player (the course sits in its iframe #scorm_object), leave with "Exit activity".
 */
import { test as base, expect, type FrameLocator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageErrorsFixture } from '../e2e/scorm/lms';
import { Moodle, REPO, type MoodleSource, type SiteIds } from './moodle';

export { expect };

export const OUT = join(REPO, 'test-results', 'lms');
export const STUDENT_PASSWORD = 'Student123!';
export const TUTOR_PASSWORD = 'Tutor123!';
export const TUTOR = 'tutor';

/** One student per test, so attempts never mix. */
export const STUDENTS = ['late-exit', 'sessions', 'replays', 'below-pass', 'hash-12', 'hash-2004', 'scores'] as const;
export type Student = (typeof STUDENTS)[number];

export type ActivityKey = 'full12' | 'full2004' | 'unit12' | 'unit2004';
export const ACTIVITIES: { key: ActivityKey; package: ActivityKey; name: string; settings?: Record<string, unknown> }[] = [
  { key: 'full12', package: 'full12', name: 'Digital boundaries (SCORM 1.2)' },
  { key: 'full2004', package: 'full2004', name: 'Digital boundaries (SCORM 2004)' },
  { key: 'unit12', package: 'unit12', name: 'Client care online (SCORM 1.2)' },
  { key: 'unit2004', package: 'unit2004', name: 'Client care online (SCORM 2004)' },
];

export interface Site {
  url: string;
  source: MoodleSource;
  run: string;
  ids: SiteIds;
  packages: Record<string, string>;
  freshClone: { ok: boolean; command: string; output: string };
}

export function readSite(): Site {
  return JSON.parse(readFileSync(join(OUT, 'site.json'), 'utf8')) as Site;
}

/** A person of the test site in one browser page. */
export class Person {
  constructor(
    readonly page: Page,
    readonly site: Site,
    readonly username: string,
    private readonly password: string,
  ) {}

  get userid(): number {
    return this.site.ids.users[this.username];
  }

  async login(): Promise<void> {
    await this.page.goto(`${this.site.url}/login/index.php`);
    await this.page.fill('#username', this.username);
    await this.page.fill('#password', this.password);
    await this.page.click('#loginbtn');
    await expect(this.page.locator('#loginbtn')).toHaveCount(0);
  }
}

export class Learner extends Person {
  /** The course inside Moodle's player. */
  get course(): FrameLocator {
    return this.page.frameLocator('#scorm_object');
  }

  /** The activity page, then "Enter" (ticking "Start a new attempt" first when asked); waits for the course. */
  async enter(key: ActivityKey, opts: { newAttempt?: boolean } = {}): Promise<FrameLocator> {
    await this.viewActivity(key);
    if (opts.newAttempt) await this.page.locator('#a').check();
    await this.page.locator('#n').click();
    await expect(this.course.locator('main h1').first()).toBeVisible({ timeout: 90_000 });
    return this.course;
  }

  async viewActivity(key: ActivityKey): Promise<void> {
    await this.page.goto(`${this.site.url}/mod/scorm/view.php?id=${this.site.ids.activities[key].cmid}`);
    await expect(this.page.locator('#n')).toBeVisible();
  }

  /** Moodle's "Exit activity": the player page goes, the course's last save is sent as the page unloads. */
  async exit(): Promise<void> {
    await this.page.getByRole('link', { name: 'Exit activity' }).or(this.page.getByRole('button', { name: 'Exit activity' })).first().click();
    // Moodle goes back to the course page (IOMAD sends users of no company on to the site home)
    await this.page.waitForURL((u) => !u.pathname.endsWith('/mod/scorm/player.php'));
  }
}

/**
 * Exceptions Moodle's own pages throw, seen with this Moodle (IOMAD 5.1.5) and not the course's.
 * IOMAD's block_iomad_mycourses/amd/build/tab_preferences.min.js declares a `const` outside its
 * `define()`, so a page that evaluates that file twice throws a redeclaration (seen 46 times in one
 * test, on a Moodle installed minutes before, while the course played through without a fault). A
 * SyntaxError of a script's evaluation carries no stack, so it is matched by its whole message.
 */
const MOODLE_OWN_ERRORS = [
  { message: "SyntaxError: Identifier 'selectors_dropdownSelectors' has already been declared", source: 'IOMAD block_iomad_mycourses/amd/build/tab_preferences.min.js (a const outside its define())' },
];

interface Fixtures {
  site: Site;
  moodle: Moodle;
  /** the test's own student, logged in, in the test's page */
  learner: (who: Student) => Promise<Learner>;
  /** the tutor (non-editing teacher), logged in, in a page of their own */
  tutor: () => Promise<Person>;
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter: none here
  site: async ({}, use) => use(readSite()),
  moodle: async ({ site }, use) => use(new Moodle(site.source, site.url)),
  learner: async ({ page, site }, use) => {
    await use(async (who) => {
      const l = new Learner(page, site, `${who}-${site.run}`, STUDENT_PASSWORD);
      await l.login();
      return l;
    });
  },
  tutor: async ({ browser, site }, use) => {
    const context = await browser.newContext();
    await use(async () => {
      const p = new Person(await context.newPage(), site, `${TUTOR}-${site.run}`, TUTOR_PASSWORD);
      await p.login();
      return p;
    });
    await context.close();
  },
  // uncaught exceptions in the course (its frame is part of the page) fail the test; Moodle's own known ones are shown
  pageErrors: [pageErrorsFixture(MOODLE_OWN_ERRORS), { auto: true }],
});
