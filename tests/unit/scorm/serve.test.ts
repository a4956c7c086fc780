import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../../scorm/serve.ts';
import { INDEX_HTML, makeTempRoot, type TempRoot } from './helpers.ts';

let temp: TempRoot;
let server: PreviewServer;

beforeAll(async () => {
  temp = makeTempRoot();
  mkdirSync(temp.outDir, { recursive: true });
  writeFileSync(join(temp.outDir, 'test-course-scorm12.zip'), 'PK fake zip');
  server = await startPreviewServer({ port: 0, buildDir: temp.buildDir, distDir: temp.outDir, root: temp.root });
});

afterAll(async () => {
  await server?.close();
  temp?.cleanup();
});

const get = (path: string) => fetch(new URL(path, server.url));

describe('preview server', () => {
  it('listens on 127.0.0.1 on the port it was given (0: any free one)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toBe('http://127.0.0.1:0/');
  });

  it('serves the preview page', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Preview LMS</h1>');
    expect(html).toContain('<script src="/scorm-again.min.js"></script>');
    expect(html).toContain('Reset attempt');
    // nothing is requested outside the preview server
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves the preview script', async () => {
    const res = await get('/preview.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await res.text();
    expect(js).toContain('window.previewLog');
    expect(js).toContain('window.previewCmi');
    expect(js).not.toMatch(/https?:\/\//);
  });

  it('serves the scorm-again browser bundle that defines both API constructors', async () => {
    const res = await get('/scorm-again.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await res.text();
    expect(js).toContain('window.Scorm12API=');
    expect(js).toContain('window.Scorm2004API=');
  });

  it('serves the built site under /course/', async () => {
    const res = await get('/course/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(INDEX_HTML);
    expect(await (await get('/course/')).text()).toBe(INDEX_HTML);
    const nested = await get('/course/images/a%20b%231.svg');
    expect(nested.status).toBe(200);
    expect(nested.headers.get('content-type')).toBe('image/svg+xml');
    expect((await get('/course/_app/version.json')).status).toBe(200);
  });

  it('adds the course-unit meta tag for ?unit=<known unit> and refuses unknown units', async () => {
    const html = await (await get('/course/index.html?unit=unit-a')).text();
    expect(html).toContain('<meta name="course-unit" content="unit-a"></head>');
    const bad = await get('/course/index.html?unit=nope');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('known units: unit-a, unit-b');
  });

  it('gives the preview the course settings', async () => {
    const config = (await (await get('/preview-config.json')).json()) as { course: { passMark: number; units: { id: string }[] } };
    expect(config.course.passMark).toBe(70);
    expect(config.course.units.map((u) => u.id)).toEqual(['unit-a', 'unit-b']);
  });

  it('serves packages from dist/ under /packages/', async () => {
    const res = await get('/packages/test-course-scorm12.zip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(await res.text()).toBe('PK fake zip');
    expect(await (await get('/packages/')).text()).toContain('href="test-course-scorm12.zip"');
  });

  it('does not serve files outside its folders', async () => {
    for (const path of ['/course/..%2fscenarios%2fcourse.yaml', '/course/%2e%2e/scenarios/course.yaml', '/packages/..%2fbuild%2findex.html', '/nothing']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('passMark');
    }
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });
});
