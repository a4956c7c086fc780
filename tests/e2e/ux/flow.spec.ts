/**
 * The player's flow on the showcase course and the real one: the situation stays in view at a
 * decision, a learner steps back to earlier steps (read-only), an ending leads on with "Next
 * scenario", the reflection reaches the CPD record, "See where other choices led" shows every
 * branch, the record's title follows the completion rule, a scenario with a scene after its last
 * decision gets its finish date, and the portraits are inline (nothing fetched).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Course, Scenario } from '../../../src/lib/course/types';
import { scenarioState } from '../../../src/lib/engine/score';
import { formatDate } from '../../../src/lib/cpd/record';
import { allPaths, course as realCourse, open, optionTexts, playPath, scenario, url } from './ux';
import { buildShowcase, showcaseBuild } from './showcase';

test.describe.configure({ mode: 'serial' });

let c: Course;
test.beforeAll(() => {
  test.setTimeout(180_000);
  c = buildShowcase();
});
const at = (hash: string) => url(hash, showcaseBuild);

/** Plays from the current step to the first decision (Continue through scenes). */
async function toDecision(page: Page) {
  for (let i = 0; i < 10 && (await page.locator('#step-heading').textContent()) !== 'Your decision'; i++) await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.locator('#step-heading')).toHaveText('Your decision');
}

test('the artefact stays in view at the decision, and the story so far is one "Look again" away', async ({ page }) => {
  const s = scenario('showcase-request', c);
  await open(page, at(`#/s/${s.id}`));
  await toDecision(page);
  // the request the learner is deciding about is on screen beside the options
  const request = page.locator('.decision-grid .artefact.kind-connection-request');
  await expect(request).toBeVisible();
  await expect(request).toContainText('Tomasz Nowak');
  await expect(page.getByRole('radio').first()).toBeInViewport();
  await expect(request).toBeInViewport();
  // the scene's text is behind "Look again"
  const look = page.locator('.look-again');
  await expect(look.getByText(/counsellor in private practice/)).toBeHidden();
  await look.locator('summary').click();
  await expect(look.getByText(/counsellor in private practice/)).toBeVisible();

  // a decision with no artefact of its own shows the latest one seen: the consequence's messages
  const [first] = optionTexts(s, ['a']);
  await page.getByRole('radio', { name: first, exact: true }).check();
  await page.getByRole('button', { name: 'Choose this response' }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await toDecision(page);
  await expect(page.locator('.decision-grid .artefact.kind-message-thread')).toBeVisible();
  await expect(page.locator('.decision-grid .artefact')).toContainText('See you then');
});

test('real course: in the crisis scenario the messages are still on screen when the learner answers them', async ({ page }) => {
  const s = scenario('crisis-message', realCourse);
  await open(page, url(`#/s/${s.id}`));
  await toDecision(page);
  const thread = page.locator('.decision-grid .artefact.kind-message-thread');
  await expect(thread).toBeVisible();
  await expect(thread).toContainText('tablets');
});

test('step back: earlier steps are re-read, read-only, and the learner returns to the same step', async ({ page }) => {
  const s = scenario('showcase-request', c);
  await open(page, at(`#/s/${s.id}`));
  await toDecision(page);
  const [first] = optionTexts(s, ['c']);
  await page.getByRole('radio', { name: first, exact: true }).check();
  await page.getByRole('button', { name: 'Choose this response' }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await toDecision(page);
  await expect(page.getByText('Decisions made: 1 of 2', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Step back' }).click();
  const past = page.locator('section.past');
  await expect(page.locator('#past-heading')).toBeFocused();
  await expect(past).toContainText('read-only');
  // the latest earlier step is the scene just passed; one further back is the decision, with the choice marked
  await expect(page.locator('#past-heading')).toHaveText('The situation');
  await past.getByRole('button', { name: 'Earlier step' }).click();
  await expect(page.locator('#past-heading')).toHaveText('Your decision');
  await expect(past.locator('li.chosen')).toContainText(first);
  await expect(past.locator('.verdict')).toContainText('A reasonable choice');
  // nothing here can be chosen again
  await expect(page.getByRole('radio')).toHaveCount(0);
  await past.getByRole('button', { name: 'Earlier step' }).click();
  await expect(past).toContainText('Invitation to connect');
  await expect(past.getByRole('button', { name: 'Earlier step' })).toBeDisabled();

  await past.getByRole('button', { name: 'Back to where I am' }).first().click();
  await expect(page.locator('#step-heading')).toHaveText('Your decision');
  await expect(page.locator('#step-heading')).toBeFocused();
  await expect(page.getByText('Decisions made: 1 of 2', { exact: true })).toBeVisible();
  const explain = s.nodes.find((n) => n.id === 'explain');
  await expect(page.getByRole('radio')).toHaveCount(explain && explain.kind === 'decision' ? explain.options.length : -1);
});

test('an ending leads on: "Next scenario" is the main action, and the last one leads to the results', async ({ page }) => {
  test.setTimeout(120_000);
  const order = c.units.flatMap((u) => u.scenarios);
  await open(page, at(`#/s/${order[0]}`));
  for (const [i, id] of order.entries()) {
    const s = scenario(id, c);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);
    await playPath(page, s, s.bestPath!);
    const primary = page.locator('.ending-actions .button.primary');
    if (i < order.length - 1) {
      const next = scenario(order[i + 1], c);
      await expect(primary).toHaveText(`Next scenario: ${next.title}`);
      await primary.click();
    } else {
      await expect(primary).toHaveText('See your results');
      await primary.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
    }
  }
});

test('the reflection typed at an ending reaches the CPD record and its PDF', async ({ page }) => {
  const s = scenario('showcase-request', c);
  await open(page, at(`#/s/${s.id}`));
  await playPath(page, s, s.bestPath!);
  const answer = `I will say my policy is the same for everyone, ${Date.now()}.`;
  const box = page.getByRole('textbox', { name: s.reflection! });
  await box.fill(answer);
  await expect(page.locator('#reflect-note')).toHaveText('Saved to your CPD record on this device.');
  await open(page, at('#/record'));
  await expect(page.getByTestId(`reflection-${s.id}`)).toHaveText(answer);
  // and it is kept across a reload, and printed into the downloaded PDF
  await page.reload();
  await expect(page.getByTestId(`reflection-${s.id}`)).toHaveText(answer);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download certificate (PDF)' }).click()]);
  const pdf = readFileSync((await download.path())!).toString('latin1');
  expect(pdf).toContain(`(Reflection: ${answer}`.slice(0, 40));
});

test('"See where other choices led": every decision and option, where each led, the learner\'s path on the map', async ({ page }) => {
  const s = scenario('showcase-request', c);
  const path = ['c', 'a'];
  await open(page, at(`#/s/${s.id}`));
  await playPath(page, s, path);
  const view = page.locator('details.branches');
  await view.locator('summary').click();
  const decisions = s.nodes.filter((n) => n.kind === 'decision');
  await expect(view.locator('.branch-list > li')).toHaveCount(decisions.length);
  // every option of every decision is listed with its verdict and where it led
  const options = decisions.flatMap((n) => (n.kind === 'decision' ? n.options : []));
  await expect(view.locator('.branch-options > li')).toHaveCount(options.length);
  // each once under its own decision (an option's wording may recur in another decision: the showcase's does)
  for (const [i, n] of decisions.entries()) {
    const item = view.locator('.branch-list > li').nth(i);
    for (const o of n.kind === 'decision' ? n.options : [])
      await expect(item.getByText(o.text, { exact: true }).or(item.getByText(new RegExp(`Your choice\\s*${o.text.slice(0, 20)}`)))).toHaveCount(1);
  }
  await expect(view.locator('.branch-to').first()).toContainText('Led to decision 2');
  await expect(view.getByText('Your choice')).toHaveCount(path.length);
  // the map: a labelled image, the learner's decisions and ending filled, their edges thick
  const map = view.getByRole('img', { name: /Map of the branches/ });
  await expect(map).toBeVisible();
  await expect(map).toHaveAttribute('aria-label', /went decision 1, then decision 2, then ending A, “A clear, kind boundary”/);
  await expect(view.locator('.branch-map .node.on-path')).toHaveCount(3);
  await expect(view.locator('.branch-map .edge.on-path')).toHaveCount(2);
  await expect(view.locator('.branch-map .edge')).toHaveCount(s.map!.edges.length);
});

test('certificate title: "Progress record (not complete)" part-way, below the pass mark and after practice replays; "Certificate of completion" when a new attempt is complete and passed', async ({ page }) => {
  test.setTimeout(480_000);
  const order = c.units.flatMap((u) => u.scenarios);
  const title = page.getByTestId('record-title');
  await open(page, at('#/record'));
  await expect(title).toHaveText('Progress record (not complete)');
  await expect(page.locator('.facts')).toContainText(`0 of ${order.length} scenarios finished`);

  // every scenario finished along its weakest path: complete, but below the pass mark
  for (const id of order) {
    const s = scenario(id, c);
    await open(page, at(`#/s/${id}`));
    await playPath(page, s, weakest(s));
  }
  await open(page, at('#/record'));
  await expect(title).toHaveText('Progress record (not complete)');
  await expect(page.locator('.facts')).toContainText('the pass mark of 70% is not reached yet');

  // a replay along the strongest path is practice: the first finished play still counts
  const first = scenario(order[0], c);
  await open(page, at(`#/s/${first.id}`));
  await page.getByRole('button', { name: 'Try this scenario again' }).click();
  await playPath(page, first, first.bestPath!);
  await open(page, at('#/record'));
  await expect(title).toHaveText('Progress record (not complete)');

  // a new attempt (the record cleared on this device), every scenario on its strongest path: complete and passed
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: /Clear my record/ }).click();
  await expect(page.locator('.facts')).toContainText(`0 of ${order.length} scenarios finished`);
  for (const id of order) {
    const s = scenario(id, c);
    await open(page, at(`#/s/${id}`));
    await playPath(page, s, s.bestPath!);
  }
  await open(page, at('#/record'));
  await expect(title).toHaveText('Certificate of completion');
  await expect(page.locator('.facts')).toContainText('Complete: all 3 scenarios finished and the pass mark reached');
  await expect(page.locator('.facts')).toContainText('CPD hours');
  await expect(page.locator('.facts')).toContainText('Good Practice in Action 040');
  await expect(page.locator('.facts')).toContainText(/Record id\s*DB-[2-9A-Z]{4}-[2-9A-Z]{4}/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download certificate (PDF)' }).click()]);
  expect(download.suggestedFilename()).toBe(`certificate-${c.id}.pdf`);
  expect(readFileSync((await download.path())!).toString('latin1')).toContain('(Certificate of completion) Tj');
});

test('finish dates: a scenario with a scene after its last decision is recorded as finished, with the date', async ({ page }) => {
  const s = scenario('showcase-plain', c);
  const last = s.nodes.find((n) => n.kind === 'decision')!;
  expect(last.kind === 'decision' && last.options.every((o) => s.nodes.find((n) => n.id === o.next[0].to)?.kind === 'scene')).toBe(true);
  await open(page, at(`#/s/${s.id}`));
  await playPath(page, s, s.bestPath!);
  await open(page, at('#/record'));
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: s.title }) });
  await expect(row.getByRole('cell').first()).toHaveText(formatDate(new Date().toISOString()));
});

test('portraits are inline SVG symbols, the same one wherever a person appears; nothing is fetched', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && requests.push(r.url()));
  const s = scenario('showcase-public', c);
  await open(page, at(`#/s/${s.id}`));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  // the group post: Lena's portrait on the post and on her reply use one symbol
  const uses = page.locator('svg.portrait use[href="#portrait-showcase-public-lena"]');
  await expect(uses).toHaveCount(2);
  await expect(page.locator('symbol#portrait-showcase-public-lena')).toHaveCount(1);
  // someone not in the cast gets initials
  await expect(page.locator('.avatar.initials', { hasText: 'AP' })).toHaveCount(1);
  expect(requests).toEqual([]);
});

/** the path that earns the fewest points */
const weakest = (s: Scenario): string[] => allPaths(s).reduce((a, b) => (scenarioState(s, b).score.raw < scenarioState(s, a).score.raw ? b : a));
