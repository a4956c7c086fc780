/**
 * The CPD record for a learner without an LMS: after playing a scenario the record lists it, a
 * reflection note typed there survives a reload, the certificate downloads as a PDF, and "Clear my
 * record" (once confirmed) empties the record on this device; dismissing the question keeps it.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { course, firstScenario, longestPath, open, playPath, url } from './ux';

test('CPD record: note kept across a reload, PDF certificate, clear after confirming', async ({ page }) => {
  test.setTimeout(120_000);
  const s = firstScenario();
  const unit = course.units.find((u) => u.scenarios.includes(s.id))!;
  await open(page, url(`#/s/${s.id}`));
  await playPath(page, s, longestPath(s));

  await open(page, url('#/record'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  const section = page.locator('section.record').filter({ has: page.getByRole('heading', { level: 3, name: unit.title }) });
  const row = section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: s.title }) });
  await expect(row.getByRole('cell').first()).not.toHaveText('Not yet');
  await expect(page.locator('.facts')).toContainText(`1 of ${course.scenarios.length}`);

  // a note typed into the unit's reflection field is there after a reload
  const note = `Raise connection requests in session, ${Date.now()}.`;
  const field = section.getByRole('textbox', { name: /Reflection notes for this unit/ });
  await field.click();
  await page.keyboard.type(note);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  await expect(field).toHaveValue(note);

  // the certificate: a PDF file
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download certificate (PDF)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
  expect(pdf.length).toBeGreaterThan(500);

  // dismissing the question keeps everything
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: /Clear my record/ }).click();
  await expect(field).toHaveValue(note);
  await expect(page.locator('.facts')).toContainText(`1 of ${course.scenarios.length}`);

  // confirming clears the note and the progress, and says so
  let question = '';
  page.once('dialog', (d) => {
    question = d.message();
    void d.accept();
  });
  await page.getByRole('button', { name: /Clear my record/ }).click();
  await expect(page.getByText('Your record was cleared from this device.')).toBeVisible();
  expect(question).toMatch(/cannot be undone/);
  await expect(field).toHaveValue('');
  await expect(page.locator('.facts')).toContainText(`0 of ${course.scenarios.length}`);
  // and it stays cleared after a reload
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  await expect(field).toHaveValue('');
  await expect(row.getByRole('cell').first()).toHaveText('Not yet');
});
