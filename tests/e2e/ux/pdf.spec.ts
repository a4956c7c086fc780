/**
 * The tagged-PDF question, measured: Chromium's own PDF of the printed CPD record (what "Save as
 * PDF or print" gives in Chrome and Edge) against the course's downloaded PDF. A tagged PDF has a
 * structure tree (/StructTreeRoot, /MarkInfo /Marked true) whose elements say what each piece of
 * text is (headings, paragraphs, lists, table cells), a language, and embedded fonts.
 * The figures are attached to the test's report (and printed) so they can be quoted.
 */
import { expect, test } from '@playwright/test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { firstScenario, longestPath, open, playPath, url } from './ux';

interface Tags {
  tagged: boolean;
  marked: boolean;
  lang: string;
  elements: Record<string, number>;
  embeddedFonts: number;
  fonts: number;
}

async function tagsOf(bytes: Uint8Array): Promise<Tags> {
  const doc = await PDFDocument.load(bytes);
  const ctx = doc.context;
  const get = <T>(d: PDFDict | undefined, k: string) => (d ? (ctx.lookup(d.get(PDFName.of(k))) as T | undefined) : undefined);
  const root = get<PDFDict>(doc.catalog, 'StructTreeRoot');
  const markInfo = get<PDFDict>(doc.catalog, 'MarkInfo');
  const lang = get<PDFString | PDFHexString>(doc.catalog, 'Lang');
  const elements: Record<string, number> = {};
  const seen = new Set<unknown>();
  const walk = (o: unknown) => {
    const v = o instanceof PDFRef ? ctx.lookup(o) : o;
    if (!v || seen.has(v)) return;
    seen.add(v);
    if (v instanceof PDFArray) return v.asArray().forEach(walk);
    if (!(v instanceof PDFDict)) return;
    const s = v.get(PDFName.of('S'));
    if (s instanceof PDFName) elements[s.decodeText()] = (elements[s.decodeText()] ?? 0) + 1;
    walk(v.get(PDFName.of('K')));
  };
  if (root) walk(root.get(PDFName.of('K')));
  let fonts = 0;
  let embeddedFonts = 0;
  for (const [, obj] of ctx.enumerateIndirectObjects())
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/FontDescriptor') {
      fonts++;
      if (obj.has(PDFName.of('FontFile2')) || obj.has(PDFName.of('FontFile3')) || obj.has(PDFName.of('FontFile'))) embeddedFonts++;
    } else if (obj instanceof PDFDict && obj.get(PDFName.of('Type'))?.toString() === '/Font' && obj.get(PDFName.of('Subtype'))?.toString() === '/Type1' && !obj.has(PDFName.of('FontDescriptor'))) fonts++;
  return { tagged: !!root, marked: markInfo?.get(PDFName.of('Marked'))?.toString() === 'true', lang: lang?.decodeText() ?? '', elements, embeddedFonts, fonts };
}

test('tagged PDF: the browser\'s PDF of the printed record is tagged; the downloaded one is not', async ({ page }, info) => {
  test.setTimeout(120_000);
  const s = firstScenario();
  await open(page, url(`#/s/${s.id}`));
  await playPath(page, s, longestPath(s));
  await open(page, url('#/record'));
  await page.getByRole('textbox', { name: /Reflection notes for this unit/ }).first().fill('Raise requests at contracting.');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download certificate (PDF)' }).click()]);
  const own = await tagsOf(readFileSync((await download.path())!));
  await page.emulateMedia({ media: 'print' });
  const printed = await tagsOf(await page.pdf({ tagged: true, format: 'A4', printBackground: false }));

  const report = { 'browser print (Chromium, tagged)': printed, 'downloaded PDF (course)': own };
  console.log(JSON.stringify(report, null, 1));
  await info.attach('pdf-tags.json', { body: JSON.stringify(report, null, 2), contentType: 'application/json' });

  // the print page gives a PDF a screen reader can follow: headings, the facts list, the tables, in English
  expect(printed.tagged && printed.marked).toBe(true);
  expect(printed.lang).toMatch(/^en/);
  expect(Object.keys(printed.elements)).toEqual(expect.arrayContaining(['H2', 'H3', 'P', 'L', 'LI', 'Table', 'TH', 'TD']));
  expect(printed.embeddedFonts).toBeGreaterThan(0);
  // the course's own PDF is a plain summary: untagged, standard fonts not embedded (so not PDF/UA)
  expect(own.tagged).toBe(false);
  expect(own.embeddedFonts).toBe(0);
  // nothing of the form is printed as an empty box
  await expect(page.locator('textarea').first()).toBeHidden();
  await expect(page.locator('.print-only').first()).toBeVisible();
});
