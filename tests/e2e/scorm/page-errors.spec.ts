/**
 * The page-errors fixture every SCORM test runs under (tests/e2e/scorm/lms.ts): any uncaught exception
 * fails the test, naming the script it came from; an exception listed as the LMS's own (the real-LMS
 * suite lists Moodle's, tests/lms/site.ts) is shown as an annotation instead, and nothing else is let
 * through with it. Plain Playwright test: the fixture is called by hand on pages that throw.
 */
import { expect, test, type Page } from '@playwright/test';
import { pageErrorsFixture } from './lms';

const KNOWN = { message: "SyntaxError: Identifier 'lmsOwn' has already been declared", source: 'the LMS page' };

/** opens a page whose two scripts declare the same const (as Moodle's IOMAD block does), then the course's script if given */
async function open(page: Page, courseScript?: string) {
  await page.route('http://lms.test/course.js', (r) => r.fulfill({ contentType: 'text/javascript', body: courseScript ?? '' }));
  await page.route('http://lms.test/', (r) =>
    r.fulfill({ contentType: 'text/html', body: `<script>const lmsOwn = 1;</script><script>const lmsOwn = 2;</script>${courseScript ? '<script src="/course.js"></script>' : ''}` }),
  );
  await page.goto('http://lms.test/');
  await page.waitForTimeout(200);
}

test('a known LMS exception is shown as an annotation, not failed; any other still fails, with where it came from', async ({ browser }, testInfo) => {
  const fixture = pageErrorsFixture([KNOWN]);

  const quiet = await browser.newPage();
  await fixture({ page: quiet }, () => open(quiet), testInfo);
  expect(testInfo.annotations).toEqual([{ type: 'LMS page error (not the course)', description: `${KNOWN.message} ×1, from the LMS page` }]);

  const other = await browser.newPage();
  const course = 'setTimeout(function boom() { throw new TypeError("the course broke"); });';
  await expect(fixture({ page: other }, () => open(other, course), testInfo)).rejects.toThrow(/TypeError: the course broke at http:\/\/lms\.test\/course\.js:1:\d+/);

  // with no list, the LMS's exception fails like any other
  const strict = await browser.newPage();
  await expect(pageErrorsFixture()({ page: strict }, () => open(strict), testInfo)).rejects.toThrow(/lmsOwn/);
});
