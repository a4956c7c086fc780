/**
 * prefers-reduced-motion: reduce: nothing moves on any screen. Every element (and its ::before and
 * ::after) has no animation and no transition with a duration, and the document runs no animation.
 * A probe added to the page checks that the site's own reduced-motion rule also stills animations
 * a later change might add, and (in a context without the preference) that the probe does move.
 */
import { expect, test, type Page } from '@playwright/test';
import { eachScreen, open, url } from './ux';

/** Elements that animate or transition, as "tag.class (property: value)". */
const moving = (page: Page) =>
  page.evaluate(() => {
    const secs = (v: string) => Math.max(0, ...v.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d)) || 0));
    const out: string[] = [];
    for (const el of [document.documentElement, ...document.querySelectorAll('*')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo);
        const name = `${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''}${pseudo ?? ''}`;
        if (cs.animationName !== 'none' && secs(cs.animationDuration) > 0) out.push(`${name} (animation: ${cs.animationName} ${cs.animationDuration})`);
        if (cs.transitionProperty !== 'none' && secs(cs.transitionDuration) > 0) out.push(`${name} (transition: ${cs.transitionProperty} ${cs.transitionDuration})`);
      }
    }
    for (const a of document.getAnimations()) if (a.playState === 'running') out.push(`running animation on ${(a.effect as KeyframeEffect | null)?.target?.nodeName ?? '?'}`);
    return out;
  });

/** A probe that animates and transitions, as a later change might. */
const addProbe = (page: Page) =>
  page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = '@keyframes ux-spin { to { transform: rotate(1turn); } } .ux-probe { animation: ux-spin 2s linear infinite; transition: opacity 1s; }';
    document.head.append(style);
    const probe = document.createElement('div');
    probe.className = 'ux-probe';
    probe.textContent = 'probe';
    document.querySelector('main')!.append(probe);
  });

test('reduced motion: no running animation or transition on any screen', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  const found: Record<string, string[]> = {};
  await eachScreen(page, async (screen) => {
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const m = await moving(page);
    if (m.length) found[screen] = m;
  });
  // the site's reduced-motion rule stills what a later change adds
  await addProbe(page);
  const probe = await moving(page);
  await context.close();
  expect(found).toEqual({});
  expect(probe).toEqual([]);
});

test('reduced motion: the check sees motion when the learner has not asked for less', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'no-preference' });
  const page = await context.newPage();
  await open(page, url('#/'));
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await addProbe(page);
  const m = await moving(page);
  await context.close();
  expect(m.some((x) => x.includes('animation: ux-spin'))).toBe(true);
  expect(m.some((x) => x.includes('transition: opacity'))).toBe(true);
});
