import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scenarios/ folder in a temp dir with the real guidance, a one-unit course and the given scenario files. */
export function tempContent(files: Record<string, string>, unit = 'demo'): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  mkdirSync(join(dir, unit));
  copyFileSync('scenarios/guidance.yaml', join(dir, 'guidance.yaml'));
  const ids = Object.keys(files);
  writeFileSync(join(dir, 'course.yaml'), `id: test-course\ntitle: Test\nversion: 1\npassMark: 50\nunits:\n  - id: ${unit}\n    title: Demo\n    scenarios: [${ids.join(', ')}]\n`);
  for (const [id, text] of Object.entries(files)) writeFileSync(join(dir, unit, `${id}.yaml`), text);
  return dir;
}
