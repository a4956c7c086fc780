/**
 * Preview LMS: a tiny static server on 127.0.0.1 that runs the built course inside a local
 * SCORM runtime (scorm-again), with the CMI data and every API call shown beside it.
 *
 *   npx tsx scorm/serve.ts [--port 5175] [--build build] [--dist dist]
 *
 *   /                     the preview page (scorm/preview/)
 *   /preview.js           its script
 *   /preview-config.json  course id, title, pass mark and units from scenarios/course.yaml
 *   /scorm-again.min.js   the scorm-again browser bundle (window.Scorm12API / window.Scorm2004API)
 *   /course/...           the built site; /course/index.html?unit=<id> adds the course-unit meta tag
 *   /packages/...         the zips in dist/
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, injectUnitMeta, listFiles, readCourseMeta, type CourseMeta } from './package.ts';

export interface PreviewOptions {
  /** 0 picks a free port */
  port?: number;
  /** the built site; relative paths resolve against root */
  buildDir?: string;
  /** the packages folder; relative paths resolve against root */
  distDir?: string;
  /** project root (for scenarios/course.yaml) */
  root?: string;
}

export interface PreviewServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  close: () => Promise<void>;
}

const HOST = '127.0.0.1';
const PREVIEW_DIR = fileURLToPath(new URL('./preview/', import.meta.url));
const require = createRequire(import.meta.url);
/** The IIFE bundle; it ends with `window.Scorm12API = …; window.Scorm2004API = …`. */
const SCORM_AGAIN = require.resolve('scorm-again/min');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsd': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

const contentType = (path: string) => TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', head = false): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

/** An existing file inside base for a URL sub-path, or null (never escapes base). */
function fileIn(base: string, subPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(subPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (target !== base && !target.startsWith(base.endsWith(sep) ? base : base + sep)) return null;
  let path = target;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string): void {
  const { size } = statSync(path);
  res.writeHead(200, { 'content-type': contentType(path), 'content-length': size, 'cache-control': 'no-store' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function packagesPage(distDir: string): string {
  const zips = existsSync(distDir) ? listFiles(distDir).filter((f) => f.endsWith('.zip')) : [];
  const items = zips.length
    ? zips.map((z) => `<li><a href="${escapeHtml(encodeURI(z))}">${escapeHtml(z)}</a></li>`).join('\n')
    : '<li>None yet: run <code>npx tsx scorm/package.ts</code>.</li>';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Packages</title></head>\n<body><main><h1>Packages</h1><ul>\n${items}\n</ul><p><a href="/">Back to the preview</a></p></main></body></html>\n`;
}

export function startPreviewServer(opts: PreviewOptions = {}): Promise<PreviewServer> {
  const root = resolve(opts.root ?? PROJECT_ROOT);
  const buildDir = resolve(root, opts.buildDir ?? 'build');
  const distDir = resolve(root, opts.distDir ?? 'dist');

  const courseMeta = (): CourseMeta | null => {
    try {
      return readCourseMeta(root);
    } catch {
      return null;
    }
  };

  const server = createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'method not allowed\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const path = url.pathname;

    if (path === '/' || path === '/index.html') return sendFile(req, res, join(PREVIEW_DIR, 'index.html'));
    if (path === '/preview.js') return sendFile(req, res, join(PREVIEW_DIR, 'preview.js'));
    if (path === '/scorm-again.min.js') return sendFile(req, res, SCORM_AGAIN);
    if (path === '/scorm-again.min.js.map' && existsSync(SCORM_AGAIN + '.map')) return sendFile(req, res, SCORM_AGAIN + '.map');
    if (path === '/preview-config.json') {
      const meta = courseMeta();
      const body = JSON.stringify(meta ? { course: meta } : { course: null });
      return send(res, 200, body, TYPES['.json'], head);
    }
    if (path === '/course') {
      res.writeHead(301, { location: '/course/' + url.search });
      res.end();
      return;
    }
    if (path.startsWith('/course/')) {
      const file = fileIn(buildDir, path.slice('/course'.length));
      if (!file) {
        const missing = !existsSync(join(buildDir, 'index.html'));
        return send(res, 404, missing ? `no built site in ${buildDir}: run npm run build first\n` : 'not found\n', undefined, head);
      }
      const unit = url.searchParams.get('unit');
      if (unit && file === join(buildDir, 'index.html')) {
        const known = courseMeta()?.units.map((u) => u.id);
        if (known ? !known.includes(unit) : !/^[A-Za-z0-9_-]+$/.test(unit)) {
          return send(res, 400, `unknown unit "${unit}"${known ? `; known units: ${known.join(', ')}` : ''}\n`, undefined, head);
        }
        return send(res, 200, injectUnitMeta(readFileSync(file, 'utf8'), unit), TYPES['.html'], head);
      }
      return sendFile(req, res, file);
    }
    if (path === '/packages' || path === '/packages/') return send(res, 200, packagesPage(distDir), TYPES['.html'], head);
    if (path.startsWith('/packages/')) {
      const file = fileIn(distDir, path.slice('/packages'.length));
      return file ? sendFile(req, res, file) : send(res, 404, 'not found\n', undefined, head);
    }
    send(res, 404, 'not found\n', undefined, head);
  });

  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(opts.port ?? 5175, HOST, () => {
      server.off('error', rejectStart);
      const { port } = server.address() as AddressInfo;
      resolveStart({
        url: `http://${HOST}:${port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const usage = 'usage: npx tsx scorm/serve.ts [--port 5175] [--build build] [--dist dist]';
  let values: { port?: string; build?: string; dist?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '5175' },
        build: { type: 'string', default: 'build' },
        dist: { type: 'string', default: 'dist' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`);
    return 2;
  }
  const buildDir = resolve(values.build ?? 'build');
  const server = await startPreviewServer({ port, buildDir, distDir: resolve(values.dist ?? 'dist') });
  if (!existsSync(join(buildDir, 'index.html'))) console.warn(`warning: ${buildDir}/index.html not found: run npm run build first`);
  console.log(`Preview LMS: ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      console.error(`scorm/serve: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
