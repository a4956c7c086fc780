/**
 * dist/tutor.html in Chromium, from file://: the real Moodle exports are opened as a tutor would,
 * and the figures on the page are the CLI's (npm run -s tutor -- FILE --json). Built afresh into a
 * temp folder first, so the test always sees the current page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';

const FIXTURES = [join(process.cwd(), '../shared/fixtures/moodle-5.1'), join(process.cwd(), '../../shared/fixtures/moodle-5.1'), '/work/shared/fixtures/moodle-5.1'].find((d) => existsSync(join(d, 'interactions-scorm12-cohort.txt')));
const fx = (name: string) => join(FIXTURES ?? '', name);
const COHORT = 'interactions-scorm12-cohort.txt';
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.describe.configure({ mode: 'serial' });
test.skip(!FIXTURES, 'the Moodle fixtures (shared/fixtures/moodle-5.1) are not beside the repository');

let page_url = '';
test.beforeAll(() => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'tutor-page-'));
  const r = spawnSync('npx', ['tsx', 'scripts/build-tutor.ts'], { env: { ...process.env, TUTOR_OUT: out }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build-tutor failed:\n${r.stderr}`);
  page_url = pathToFileURL(join(out, 'tutor.html')).href;
});

function cliJson(...files: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/tutor.ts', ...files.map(fx), '--json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

async function openWith(page: Page, ...files: string[]) {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(page_url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which guidance points did your group miss?');
  if (files.length) await page.setInputFiles('#file', files.map(fx));
  return { requests, errors };
}

async function axe(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(r.passes.length).toBeGreaterThan(5);
  return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}

test('the cohort export: the page shows the CLI figures, offline, with no axe violation', async ({ page }) => {
  test.setTimeout(180_000);
  const { requests, errors } = await openWith(page);
  expect(await axe(page)).toEqual([]);
  await page.setInputFiles('#file', fx(COHORT));
  const json = cliJson(COHORT);
  await expect(page.getByRole('status')).toHaveText(`Read 1 file: ${json.learners} learners, ${json.decisions} decisions.`);
  const glance = page.getByRole('list', { name: 'The cohort at a glance' });
  await expect(glance).toContainText(`${json.learners} learners`);
  await expect(glance).toContainText(`${json.decisions} decisions read, ${json.practice} of them replays`);

  // learners: score and decisions per row
  const rows = page.locator('#learners tbody tr');
  await expect(rows).toHaveCount(json.learners);
  for (const [name, l] of Object.entries(json.byLearner) as [string, { scorePercent: number; decisions: number; finished: number }][]) {
    const row = rows.filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row.locator('td[data-label="Score"]')).toHaveText(`${l.scorePercent}%`);
    await expect(row.locator('td[data-label="Decisions"]')).toContainText(String(l.decisions));
    await expect(row.locator('td[data-label="Scenarios finished"]')).toHaveText(`${l.finished} of ${json.course.scenarios}`);
  }
  await expect(page.locator('#learners')).toContainText('The LMS recorded 68');

  // guidance items: every item, met and missed
  await page.getByRole('button', { name: /^Show all \d+ items$/ }).click();
  const items = page.locator('#items tbody tr');
  await expect(items).toHaveCount(Object.keys(json.items).length);
  for (const row of await items.all()) {
    const id = (await row.locator('.ref').innerText()).split(' · ')[0];
    const { met, missed } = json.items[id];
    await expect(row.locator('td[data-label="Met it"]')).toHaveText(String(met));
    await expect(row.locator('td[data-label="Chose poor or harmful"]')).toHaveText(`${missed} of ${met}`);
  }
  // themes
  const titles = new Map<string, string>((JSON.parse(readFileSync('src/lib/generated/course.json', 'utf8')).themes ?? []).map((t: { id: string; title: string }) => [t.id, t.title]));
  for (const [theme, t] of Object.entries(json.themes) as [string, { met: number; missed: number }][]) {
    const row = page.locator('#themes tbody tr').filter({ has: page.getByRole('rowheader', { name: titles.get(theme) ?? theme.replace(/-/g, ' '), exact: true }) });
    await expect(row.locator('td[data-label="Chose poor or harmful"]')).toHaveText(`${t.missed} of ${t.met}`);
  }
  // seminar: the CLI's three items, in order
  await expect(page.locator('#seminar .topic .ref')).toHaveText(json.seminar.map((id: string) => new RegExp(`^${id} · `)));

  // decisions: each shown decision's counts are the CLI's choices
  await page.getByRole('button', { name: /^Show all \d+ decisions with poor or harmful choices$/ }).click();
  await page.locator('#decisions details.fine > summary').click();
  const cards = page.locator('#decisions article.decision');
  await expect(cards).toHaveCount(Object.keys(json.choices).length);
  for (const card of (await cards.all()).slice(0, 12)) {
    const id = (await card.locator('.ref').innerText()).split(' · ')[0];
    const answered = Object.values(json.choices[id] as Record<string, number>).reduce((a, b) => a + b, 0);
    for (const row of await card.locator('tbody tr').all()) {
      const opt = (await row.locator('.opt-id').innerText()).trim();
      await expect(row.locator('td[data-label="Chosen"]')).toHaveText(`${json.choices[id][opt] ?? 0} of ${answered}`);
    }
  }
  await expect(page.locator('tr.tempting .flag').first()).toHaveText('Most tempting poor choice');

  // everything open, still accessible
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await axe(page)).toEqual([]);
  // nothing left the computer
  expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the page offers the same JSON as the CLI, and every table as CSV', async ({ page }) => {
  test.setTimeout(120_000);
  await openWith(page, COHORT);
  const json = cliJson(COHORT);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the figures as JSON' }).click()]);
  expect(dl.suggestedFilename()).toBe('cohort-insight.json');
  expect(JSON.parse(readFileSync((await dl.path())!, 'utf8'))).toEqual(json);

  const csvOf = async (name: string | RegExp, nth = 0) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).nth(nth).click()]);
    const text = readFileSync((await d.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return { file: d.suggestedFilename(), rows: Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data };
  };
  const learners = await csvOf('Download the learners table as CSV');
  expect(learners.file).toBe('learners.csv');
  expect(learners.rows.slice(1).map((r) => [r[0], Number(r[1]), Number(r[6])])).toEqual(Object.entries(json.byLearner).map(([k, v]) => [k, (v as { decisions: number }).decisions, (v as { scorePercent: number }).scorePercent]));
  const items = await csvOf('Download all guidance items as CSV');
  expect(items.rows.length - 1).toBe(Object.keys(json.items).length);
  for (const r of items.rows.slice(1)) expect([Number(r[4]), Number(r[5])]).toEqual([json.items[r[0]].met, json.items[r[0]].missed]);
  const themes = await csvOf('Download the themes table as CSV');
  expect(themes.rows.length - 1).toBe(Object.keys(json.themes).length);
  const all = await csvOf("Download every decision's choices as CSV");
  expect(all.rows.slice(1).reduce((n, r) => n + Number(r[7]), 0)).toBe(json.counted);
  const one = await csvOf('Download this table as CSV');
  expect(one.file).toMatch(/^choices-[a-z0-9-]+\.[a-z0-9-]+\.csv$/);
  const seminar = await csvOf('Download the seminar plan as CSV');
  expect([...new Set(seminar.rows.slice(1).map((r) => r[1]))]).toEqual(json.seminar);
});

test('messy input: a report that is not the interactions export, several Track details, a PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await openWith(page, 'basic-scorm12-cohort.xlsx');
  await expect(page.getByRole('alert')).toContainText("basic-scorm12-cohort.xlsx: this is Moodle's Basic or Objectives SCORM report");
  await expect(page.getByRole('alert')).toContainText('Download the Interactions report instead');
  await expect(page.locator('#seminar')).toHaveCount(0);
  expect(await axe(page)).toEqual([]);

  await page.getByRole('button', { name: 'Clear' }).click();
  await page.setInputFiles('#file', ['interactions-scorm2004-cohort.txt'].map(fx));
  await expect(page.getByRole('alert')).toContainText('Track details');

  // a phone, from here on
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.setInputFiles('#file', ['trackdetails-scorm2004-daniel-okoro.json', 'trackdetails-scorm12-ellie-marsh.csv', 'trackdetails-scorm2004-daniel-okoro.pdf'].map(fx));
  const json = cliJson('trackdetails-scorm2004-daniel-okoro.json', 'trackdetails-scorm12-ellie-marsh.csv', 'trackdetails-scorm2004-daniel-okoro.pdf');
  expect(json.learners).toBe(2);
  await expect(page.getByRole('status')).toHaveText('Read 3 files: 2 learners, 110 decisions. 1 could not be used.');
  await expect(page.getByRole('alert')).toContainText('trackdetails-scorm2004-daniel-okoro.pdf: this is a PDF');
  for (const [name, l] of Object.entries(json.byLearner) as [string, { scorePercent: number }][]) {
    await expect(page.locator('#learners tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).locator('td[data-label="Score"]')).toHaveText(`${l.scorePercent}%`);
  }
  await expect(page.locator('.notes')).toContainText('replayed 2 scenarios');
  expect(await axe(page)).toEqual([]);
});
