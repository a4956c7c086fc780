/** Temp project roots for the packager and preview tests: scenarios/course.yaml plus a tiny fake build. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const COURSE_YAML = `id: test-course
title: "Test course: <boundaries> & \\"quotes\\""
version: 3
passMark: 70
units:
  - id: unit-a
    title: First unit
    scenarios: [s1]
  - id: unit-b
    title: Second unit
    scenarios: [s2]
`;

export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test course</title>
</head>
<body><p>fake build</p></body>
</html>
`;

export interface TempRoot {
  root: string;
  buildDir: string;
  outDir: string;
  cleanup: () => void;
}

/** A temp project: scenarios/course.yaml, build/ with index.html and a few nested files, empty dist/. */
export function makeTempRoot(extraFiles: Record<string, string> = {}): TempRoot {
  const root = mkdtempSync(join(tmpdir(), 'scorm-test-'));
  const files: Record<string, string> = {
    'scenarios/course.yaml': COURSE_YAML,
    'build/index.html': INDEX_HTML,
    'build/_app/version.json': '{"version":"1"}\n',
    'build/_app/immutable/app.js': 'console.log("app");\n',
    'build/images/a b#1.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    ...extraFiles,
  };
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return {
    root,
    buildDir: join(root, 'build'),
    outDir: join(root, 'dist'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
