/**
 * Builds the tutor page, dist/tutor.html (or $TUTOR_OUT/tutor.html): vite with
 * vite.tutor.config.ts, then a Content-Security-Policy that allows the page's own inline script
 * and styles and forbids every connection, form and frame: the export a tutor opens cannot leave
 * the computer. Builds the course JSON first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');
if (!existsSync(courseJson)) {
  const r = spawnSync('npx', ['tsx', 'scripts/build-content.ts'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
await build({ configFile: resolve('vite.tutor.config.ts') });

const out = join(resolve(process.env.TUTOR_OUT ?? 'dist'), 'tutor.html');
let html = readFileSync(out, 'utf8');
const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
const csp = [
  "default-src 'none'",
  `script-src ${hashes.join(' ')}`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
].join('; ');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
if (!html.includes('Content-Security-Policy')) throw new Error(`${out}: no <meta charset> to put the security policy after`);
writeFileSync(out, html);
console.log(`tutor page → ${out} (${Math.round(statSync(out).size / 1024)} KB)`);
