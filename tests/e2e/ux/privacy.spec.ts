/**
 * Privacy: the course asks nothing of the network. Every screen is loaded, a scenario played and
 * the certificate downloaded while every request is recorded: from file:// only file:, data: and
 * blob: URLs may appear, and when served from 127.0.0.1 only that origin. A Content Security
 * Policy in the page says so too (default-src 'none', no unsafe-eval, no inline script but by
 * hash), and nothing the page does is refused by it.
 */
import { expect, test, type Page } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { eachScreen, open, siteDir, url } from './ux';

/** Record requests and CSP violations from the start of every document. */
async function watch(page: Page) {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const cspConsole: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspConsole.push(m.text()));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  return { requests, cspConsole, violations };
}

async function everyScreenAndADownload(page: Page, href?: (hash: string) => string) {
  const { requests, cspConsole, violations } = await watch(page);
  const refused: string[] = [];
  await eachScreen(
    page,
    async (screen) => {
      for (const v of await violations()) refused.push(`${screen}: ${v}`);
      if (screen === 'record') {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Download certificate (PDF)' }).click();
        await download;
      }
    },
    { href },
  );
  return { requests, refused, cspConsole };
}

test('file://: no request leaves the machine; the CSP refuses nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const { requests, refused, cspConsole } = await everyScreenAndADownload(page);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !/^(file|data|blob):/.test(u) && u !== 'about:blank')).toEqual([]);
  expect(refused).toEqual([]);
  expect(cspConsole).toEqual([]);
});

test('served from 127.0.0.1: requests go to that origin only', async ({ page }) => {
  test.setTimeout(120_000);
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript', '.css': 'text/css' };
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(siteDir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(siteDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const { requests, refused, cspConsole } = await everyScreenAndADownload(page, (hash) => `${origin}/index.html${hash}`);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u) && u !== 'about:blank')).toEqual([]);
    expect(refused).toEqual([]);
    expect(cspConsole).toEqual([]);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('the page carries a strict Content Security Policy', async ({ page }) => {
  await open(page, url('#/'));
  const metas = page.locator('meta[http-equiv="content-security-policy" i]');
  await expect(metas).toHaveCount(1);
  const csp = (await metas.getAttribute('content'))!;
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(csp).not.toContain('unsafe-eval');
  // scripts only from the page itself, inline ones by hash: no 'unsafe-inline', no other host
  const scripts = directives.get('script-src') ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const v of scripts) expect(v, `script-src ${v}`).toMatch(/^('self'|'sha(256|384|512)-[A-Za-z0-9+/=]+')$/);
  for (const [name, values] of directives)
    for (const v of values) expect(v, `${name} allows ${v}`).not.toMatch(/^(https?:|\*|wss?:)|^[a-z0-9.-]+\.[a-z]{2,}/i);
  expect(directives.get('form-action')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
});
