/**
 * A small LMS-like static server for the SCORM browser tests (Node side).
 *
 * Each package in dist/ is unzipped in memory (fflate) and served under a NESTED path, as an LMS
 * would (Moodle keeps a SCO at /mod/scorm/<id>/content/…), so a course that assumes it sits at the
 * site root fails here:
 *   /lms/mod/scorm/123/content/…    dist/<course>-scorm12.zip
 *   /lms/mod/scorm/2004/content/…   dist/<course>-scorm2004.zip
 * plus the harness page (/harness.html, /harness.js, from this folder), scorm-again itself
 * (/scorm-again.min.js, from node_modules), /stash/<id>.json: saved CMI a test hands over for
 * the next launch (what an LMS would load from its database), and /blank.html.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

export type Version = '12' | '2004';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');

/** Where each version's package is served from (no trailing file name). */
export const CONTENT_BASE: Record<Version, string> = {
  '12': '/lms/mod/scorm/123/content/',
  '2004': '/lms/mod/scorm/2004/content/',
};

/** Content types of what the packages hold (the build inlines its assets) and of the harness's files. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsd': 'application/xml; charset=utf-8',
  '.dtd': 'application/xml-dtd',
};

export interface LmsServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  courseId: string;
  /** the unzipped packages: path in the zip → bytes */
  files: Record<Version, Record<string, Uint8Array>>;
  /** Keeps a saved CMI object for a later launch; returns its id for `load=<id>`. */
  stash(cmi: unknown): string;
  close(): Promise<void>;
}

/** The course id the packages were built for: dist/<id>-scorm12.zip. */
function packagePaths(courseId: string): Record<Version, string> {
  return {
    '12': join(ROOT, 'dist', `${courseId}-scorm12.zip`),
    '2004': join(ROOT, 'dist', `${courseId}-scorm2004.zip`),
  };
}

export async function startLmsServer(courseId: string): Promise<LmsServer> {
  const zips = packagePaths(courseId);
  const files = {} as Record<Version, Record<string, Uint8Array>>;
  for (const v of ['12', '2004'] as const) {
    if (!existsSync(zips[v])) {
      throw new Error(`${zips[v]} not found: build the packages first (npm run build && npx tsx scorm/package.ts)`);
    }
    files[v] = unzipSync(readFileSync(zips[v]));
  }
  const own: Record<string, string> = {
    '/harness.html': join(HERE, 'harness.html'),
    '/harness.js': join(HERE, 'harness.js'),
    '/scorm-again.min.js': join(ROOT, 'node_modules/scorm-again/dist/scorm-again.min.js'),
  };
  const stashed = new Map<string, string>();

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: Uint8Array | string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (own[path]) return send(200, readFileSync(own[path]), TYPES[extname(path)]);
    // an empty page of this origin (to read its localStorage after the LMS page has gone)
    if (path === '/blank.html') return send(200, '<!doctype html><title>blank</title>', TYPES['.html']);
    const stash = /^\/stash\/(\d+)\.json$/.exec(path);
    if (stash) {
      const body = stashed.get(stash[1]);
      return body === undefined ? send(404, 'no such stash') : send(200, body, TYPES['.json']);
    }
    for (const v of ['12', '2004'] as const) {
      if (!path.startsWith(CONTENT_BASE[v])) continue;
      const inner = path.slice(CONTENT_BASE[v].length) || 'index.html';
      const bytes = files[v][inner];
      return bytes ? send(200, bytes, TYPES[extname(inner)] ?? 'application/octet-stream') : send(404, `not in the package: ${inner}`);
    }
    send(404, 'not found');
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  let next = 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    courseId,
    files,
    stash(cmi) {
      const id = String(++next);
      stashed.set(id, JSON.stringify(cmi));
      return id;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
