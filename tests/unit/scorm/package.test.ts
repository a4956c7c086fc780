import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPackages, injectUnitMeta, PackageError, readCourseMeta } from '../../../scorm/package.ts';
import { schemaFiles, validateManifest, type ScormVersion } from '../../../scorm/validate.ts';
import { INDEX_HTML, makeTempRoot, type TempRoot } from './helpers.ts';

let temp: TempRoot | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

function setup(extra?: Record<string, string>): TempRoot {
  temp = makeTempRoot(extra);
  return temp;
}

const SITE_FILES = ['_app/immutable/app.js', '_app/version.json', 'images/a b#1.svg', 'index.html'];

function unzip(path: string) {
  return unzipSync(new Uint8Array(readFileSync(path)));
}

describe('buildPackages', () => {
  it('writes a SCORM 1.2 and a SCORM 2004 zip named after the course', () => {
    const t = setup();
    const written = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root });
    expect(written.map((w) => [w.version, w.path])).toEqual([
      ['1.2', join(t.outDir, 'test-course-scorm12.zip')],
      ['2004', join(t.outDir, 'test-course-scorm2004.zip')],
    ]);
    for (const w of written) {
      expect(w.bytes).toBe(readFileSync(w.path).byteLength);
      expect(w.identifier).toBe('test-course');
      expect(w.title).toBe('Test course: <boundaries> & "quotes"');
    }
  });

  for (const [version, suffix] of [
    ['1.2', 'scorm12'],
    ['2004', 'scorm2004'],
  ] as [ScormVersion, string][]) {
    it(`SCORM ${version} zip: manifest at the root, the schema files, the site files, nothing else`, () => {
      const t = setup();
      buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root });
      const entries = unzip(join(t.outDir, `test-course-${suffix}.zip`));
      const names = Object.keys(entries).sort();
      expect(names).toEqual(['imsmanifest.xml', ...schemaFiles(version), ...SITE_FILES].sort());
      expect(schemaFiles(version).length).toBeGreaterThan(3);
      // the schema files are the official ones, byte for byte (the 1.2 in-memory fix is not shipped)
      for (const name of schemaFiles(version)) {
        const dir = version === '1.2' ? 'scorm12' : 'scorm2004';
        expect(Buffer.from(entries[name]!).equals(readFileSync(new URL(`../../../scorm/schemas/${dir}/${name}`, import.meta.url))), name).toBe(true);
      }
      expect(strFromU8(entries['index.html']!)).toBe(INDEX_HTML);
      const manifest = strFromU8(entries['imsmanifest.xml']!);
      expect(validateManifest(manifest, version, names)).toEqual({ ok: true, errors: [] });
      expect(manifest).toContain('identifier="test-course"');
      expect(manifest).toContain('version="3"');
      expect(manifest).toContain('<title>Test course: &lt;boundaries&gt; &amp; &quot;quotes&quot;</title>');
      expect(manifest).toContain('<file href="images/a%20b%231.svg"/>');
      expect(manifest).not.toContain('unit.json');
    });
  }

  it('puts the pass mark from course.yaml into both manifests', () => {
    const t = setup();
    buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root });
    const m12 = strFromU8(unzip(join(t.outDir, 'test-course-scorm12.zip'))['imsmanifest.xml']!);
    const m2004 = strFromU8(unzip(join(t.outDir, 'test-course-scorm2004.zip'))['imsmanifest.xml']!);
    expect(m12).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');
    expect(m2004).toContain('<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>');
  });

  it('is byte-identical over two runs', () => {
    const t = setup();
    const first = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root }).map((w) => readFileSync(w.path));
    rmSync(t.outDir, { recursive: true });
    const second = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root }).map((w) => readFileSync(w.path));
    expect(second.length).toBe(2);
    expect(second[0]!.equals(first[0]!)).toBe(true);
    expect(second[1]!.equals(first[1]!)).toBe(true);
    expect(first[0]!.equals(first[1]!)).toBe(false);
  });

  it('stores fixed timestamps (2000-01-01 local) so the bytes do not depend on when it ran', () => {
    const t = setup();
    const [w] = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root });
    const zip = readFileSync(w!.path);
    // first local file header: DOS time at offset 10, date at 12
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const dosDate = zip.readUInt16LE(12);
    expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 0xf, dosDate & 0x1f]).toEqual([2000, 1, 1]);
    expect(zip.readUInt16LE(10)).toBe(0);
  });

  describe('--unit', () => {
    it('packages one unit as its own course, with unit.json and the meta tag', () => {
      const t = setup();
      const written = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root, unit: 'unit-b' });
      expect(written.map((w) => w.path)).toEqual([
        join(t.outDir, 'test-course-unit-b-scorm12.zip'),
        join(t.outDir, 'test-course-unit-b-scorm2004.zip'),
      ]);
      for (const [w, version] of [
        [written[0]!, '1.2'],
        [written[1]!, '2004'],
      ] as const) {
        expect(w.identifier).toBe('test-course-unit-b');
        expect(w.title).toBe('Test course: <boundaries> & "quotes": Second unit');
        const entries = unzip(w.path);
        expect(JSON.parse(strFromU8(entries['unit.json']!))).toEqual({ unit: 'unit-b' });
        const html = strFromU8(entries['index.html']!);
        expect(html).toContain('<meta name="course-unit" content="unit-b"></head>');
        expect(html.indexOf('<meta name="course-unit"')).toBeLessThan(html.indexOf('</head>'));
        expect(html.match(/course-unit/g)).toHaveLength(1);
        const manifest = strFromU8(entries['imsmanifest.xml']!);
        expect(validateManifest(manifest, version, Object.keys(entries))).toEqual({ ok: true, errors: [] });
        expect(manifest).toContain('<manifest identifier="test-course-unit-b"');
        expect(manifest).toContain('<organizations default="test-course-unit-b-org">');
        expect(manifest.match(/<title>([^<]*)<\/title>/g)).toEqual([
          '<title>Test course: &lt;boundaries&gt; &amp; &quot;quotes&quot;: Second unit</title>',
          '<title>Test course: &lt;boundaries&gt; &amp; &quot;quotes&quot;: Second unit</title>',
        ]);
        expect(manifest).toContain('<file href="unit.json"/>');
      }
      // the build folder itself is left untouched
      expect(readFileSync(join(t.buildDir, 'index.html'), 'utf8')).toBe(INDEX_HTML);
    });

    it('unit packages are byte-identical over two runs too', () => {
      const t = setup();
      const a = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root, unit: 'unit-a' }).map((w) => readFileSync(w.path));
      const b = buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root, unit: 'unit-a' }).map((w) => readFileSync(w.path));
      expect(b[0]!.equals(a[0]!) && b[1]!.equals(a[1]!)).toBe(true);
    });

    it('rejects an unknown unit, listing the known ones', () => {
      const t = setup();
      expect(() => buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root, unit: 'nope' })).toThrow(
        new PackageError('unknown unit "nope"; known units: unit-a, unit-b'),
      );
    });
  });

  it('fails clearly when the site has not been built', () => {
    const t = setup();
    rmSync(join(t.buildDir, 'index.html'));
    expect(() => buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root })).toThrow(/index\.html not found: run npm run package \(it builds the site first\)/);
  });

  it('refuses a site file that would clash with the package files', () => {
    const t = setup({ 'build/imsmanifest.xml': '<x/>' });
    expect(() => buildPackages({ buildDir: t.buildDir, outDir: t.outDir, root: t.root })).toThrow(PackageError);
  });
});

describe('injectUnitMeta', () => {
  it('inserts before the first </head>, whatever its case, and escapes the id', () => {
    expect(injectUnitMeta('<html><HEAD></HEAD><body></body></html>', 'a"b')).toBe(
      '<html><HEAD><meta name="course-unit" content="a&quot;b"></HEAD><body></body></html>',
    );
    expect(() => injectUnitMeta('<p>no head</p>', 'x')).toThrow(PackageError);
  });
});

describe('readCourseMeta', () => {
  it('reads id, title, version, pass mark and units', () => {
    const t = setup();
    expect(readCourseMeta(t.root)).toEqual({
      id: 'test-course',
      title: 'Test course: <boundaries> & "quotes"',
      version: 3,
      passMark: 70,
      units: [
        { id: 'unit-a', title: 'First unit' },
        { id: 'unit-b', title: 'Second unit' },
      ],
    });
  });

  it('reports what is missing', () => {
    const t = setup({ 'scenarios/course.yaml': 'id: x\nunits: []\n' });
    expect(() => readCourseMeta(t.root)).toThrow(/title must be a non-empty string[\s\S]*passMark[\s\S]*units must be a non-empty list/);
  });

  it('reads the real course.yaml', () => {
    const meta = readCourseMeta();
    expect(meta.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(meta.units.length).toBeGreaterThan(0);
    expect(meta.passMark).toBeGreaterThanOrEqual(0);
  });
});
