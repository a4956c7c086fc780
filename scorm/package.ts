/**
 * Packages the built static site as SCORM 1.2 and SCORM 2004 4th Edition zips.
 *
 *   npm run package [-- --unit <unit-id>]      builds the site, then packages it
 *   npx tsx scorm/package.ts [--unit <unit-id>] [--build build] [--out dist]   packages an existing build
 *
 * Each zip holds imsmanifest.xml at the root, the official schema files of its version and the
 * site files. Output is byte-identical run to run: sorted paths, fixed timestamps, level 9.
 * With --unit, one unit is packaged as a course of its own (id "<course>-<unit>") and the site is
 * told so by unit.json at the root and a <meta name="course-unit"> tag in index.html; the other
 * units' scenario files (content/<id>.<hash>.js) are left out.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { escapeXml, manifest12, manifest2004, type ManifestOptions } from './manifest.ts';
import { schemaDir, schemaFiles, validateManifest, type ScormVersion } from './validate.ts';

/** The repository root (this file lives in <root>/scorm/). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A problem the user can fix; the CLI prints its message without a stack trace. */
export class PackageError extends Error {}

export interface CourseMeta {
  id: string;
  title: string;
  version: number | string;
  passMark: number;
  units: { id: string; title: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The little the packager needs from scenarios/course.yaml, read directly (not through the content
 * loader): id, title, version, passMark and the units.
 */
export function readCourseMeta(root = PROJECT_ROOT): CourseMeta {
  const file = join(root, 'scenarios', 'course.yaml');
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageError(`${file}: ${(e as Error).message}`);
  }
  const problems: string[] = [];
  if (!isRecord(data)) throw new PackageError(`${file}: expected a mapping at the top level`);
  const { id, title, version, passMark, units } = data;
  if (!nonEmpty(id)) problems.push('id must be a non-empty string');
  if (!nonEmpty(title)) problems.push('title must be a non-empty string');
  if (typeof version !== 'number' && !nonEmpty(version)) problems.push('version must be a number or a string');
  if (typeof passMark !== 'number' || !(passMark >= 0 && passMark <= 100)) problems.push('passMark must be a number from 0 to 100');
  const unitList: CourseMeta['units'] = [];
  if (!Array.isArray(units) || units.length === 0) problems.push('units must be a non-empty list');
  else {
    units.forEach((u: unknown, i) => {
      if (isRecord(u) && nonEmpty(u.id) && nonEmpty(u.title)) unitList.push({ id: u.id, title: u.title });
      else problems.push(`units[${i}] needs an id and a title`);
    });
  }
  if (problems.length) throw new PackageError(`${file}:\n  ${problems.join('\n  ')}`);
  return { id: id as string, title: (title as string).trim(), version: version as number | string, passMark: passMark as number, units: unitList };
}

/** Every file below dir, as sorted "/"-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(abs, entry.name), childRel);
      else if (entry.isFile()) out.push(childRel);
    }
  };
  walk(dir, '');
  return out.sort();
}

/**
 * index.html for a one-unit package: `<meta name="course-unit" content="…">` inserted just before the
 * first </head>, and the whole course's first screen (its home page as HTML, scripts/first-screen.ts)
 * left out, since this package's home page shows one unit: the app draws it.
 */
export function injectUnitMeta(html: string, unitId: string): string {
  const at = html.search(/<\/head\s*>/i);
  if (at < 0) throw new PackageError('index.html has no </head>: cannot add the course-unit meta tag');
  const out = `${html.slice(0, at)}<meta name="course-unit" content="${escapeXml(unitId)}">${html.slice(at)}`;
  return out.replace(/<!--first-screen-->[\s\S]*?<!--\/first-screen-->/, '');
}

/** The scenario a built scenario file belongs to (content/<id>.<hash>.js, src/lib/course/split.ts, or its opening's views, content/<id>.<hash>.view.js: scripts/first-screen.ts), if it is one. */
export function contentFileScenario(path: string): string | null {
  return /^content\/([a-z0-9][a-z0-9-]*)\.[a-z0-9]+(?:\.view)?\.js$/.exec(path)?.[1] ?? null;
}

/** The scenario ids course.yaml lists under a unit. */
function unitScenarioIds(root: string, unitId: string): Set<string> {
  const data = parseYaml(readFileSync(join(root, 'scenarios', 'course.yaml'), 'utf8')) as { units?: { id?: unknown; scenarios?: unknown }[] };
  const unit = (data.units ?? []).find((u) => u?.id === unitId);
  return new Set(Array.isArray(unit?.scenarios) ? unit.scenarios.map(String) : []);
}

export interface BuildOptions {
  /** the built static site (vite build output); relative paths resolve against root */
  buildDir: string;
  /** where the zips go; created if missing */
  outDir: string;
  /** package only this unit, as a course of its own */
  unit?: string;
  /** project root: scenarios/course.yaml is read from here */
  root?: string;
}

export interface WrittenPackage {
  version: ScormVersion;
  /** absolute path of the zip */
  path: string;
  bytes: number;
  identifier: string;
  title: string;
}

/** Fixed local time: fflate writes DOS local timestamps, so a UTC date would give different bytes per time zone. */
const ZIP_MTIME = new Date(2000, 0, 1);

const VARIANTS: { version: ScormVersion; suffix: string; manifest: (o: ManifestOptions) => string }[] = [
  { version: '1.2', suffix: 'scorm12', manifest: manifest12 },
  { version: '2004', suffix: 'scorm2004', manifest: manifest2004 },
];

/** Builds, validates and writes both packages; throws PackageError on anything the user must fix. */
export function buildPackages(opts: BuildOptions): WrittenPackage[] {
  const root = resolve(opts.root ?? PROJECT_ROOT);
  const buildDir = resolve(root, opts.buildDir);
  const outDir = resolve(root, opts.outDir);
  const shownBuild = relative(process.cwd(), buildDir) || '.';
  if (!existsSync(join(buildDir, 'index.html'))) {
    throw new PackageError(`${join(shownBuild, 'index.html')} not found: run npm run package (it builds the site first), or npm run build before this script`);
  }
  const course = readCourseMeta(root);

  let identifier = course.id;
  let title = course.title;
  const site = new Map<string, Uint8Array>();
  for (const path of listFiles(buildDir)) site.set(path, readFileSync(join(buildDir, path)));

  if (opts.unit !== undefined) {
    const unit = course.units.find((u) => u.id === opts.unit);
    if (!unit) {
      throw new PackageError(`unknown unit "${opts.unit}"; known units: ${course.units.map((u) => u.id).join(', ')}`);
    }
    identifier = `${course.id}-${unit.id}`;
    title = `${course.title}: ${unit.title}`;
    if (site.has('unit.json')) throw new PackageError(`${shownBuild} already has a unit.json: it would be overwritten`);
    site.set('unit.json', new TextEncoder().encode(`${JSON.stringify({ unit: unit.id })}\n`));
    const html = new TextDecoder().decode(site.get('index.html'));
    site.set('index.html', new TextEncoder().encode(injectUnitMeta(html, unit.id)));
    // the other units' scenario files have no place in this package
    const ids = unitScenarioIds(root, unit.id);
    for (const path of [...site.keys()]) {
      const id = contentFileScenario(path);
      if (id !== null && !ids.has(id)) site.delete(path);
    }
  }
  const siteFiles = [...site.keys()].sort();

  const built: { variant: (typeof VARIANTS)[number]; zip: Uint8Array; path: string }[] = [];
  for (const variant of VARIANTS) {
    const entries = new Map<string, Uint8Array>(site);
    for (const name of ['imsmanifest.xml', ...schemaFiles(variant.version)]) {
      if (entries.has(name)) throw new PackageError(`${shownBuild}/${name} clashes with the package's own ${name}`);
    }
    for (const name of schemaFiles(variant.version)) entries.set(name, readFileSync(join(schemaDir(variant.version), name)));

    let manifest: string;
    try {
      manifest = variant.manifest({
        identifier,
        title,
        version: course.version,
        masteryScore: course.passMark,
        launch: 'index.html',
        files: siteFiles,
      });
    } catch (e) {
      throw new PackageError(`cannot write the SCORM ${variant.version} manifest: ${(e as Error).message}`);
    }
    entries.set('imsmanifest.xml', new TextEncoder().encode(manifest));

    const paths = [...entries.keys()].sort();
    const result = validateManifest(manifest, variant.version, paths);
    if (!result.ok) {
      const list = result.errors.map((e) => `  imsmanifest.xml:${e.line}:${e.col} [${e.kind}] ${e.message}`).join('\n');
      throw new PackageError(`the generated SCORM ${variant.version} manifest is invalid:\n${list}`);
    }

    const zipInput: Record<string, Uint8Array> = {};
    for (const p of paths) zipInput[p] = entries.get(p)!;
    const zip = zipSync(zipInput, { level: 9, mtime: ZIP_MTIME });
    built.push({ variant, zip, path: join(outDir, `${identifier}-${variant.suffix}.zip`) });
  }

  // write only once both are valid
  mkdirSync(outDir, { recursive: true });
  return built.map(({ variant, zip, path }) => {
    writeFileSync(path, zip);
    return { version: variant.version, path, bytes: zip.byteLength, identifier, title };
  });
}

function main(argv: string[]): number {
  let values: { unit?: string; build?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        unit: { type: 'string' },
        build: { type: 'string', default: 'build' },
        out: { type: 'string', default: 'dist' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npx tsx scorm/package.ts [--unit <unit-id>] [--build build] [--out dist]`);
    return 2;
  }
  if (values.help) {
    console.log('usage: npx tsx scorm/package.ts [--unit <unit-id>] [--build build] [--out dist]');
    return 0;
  }
  try {
    const written = buildPackages({
      buildDir: resolve(values.build ?? 'build'),
      outDir: resolve(values.out ?? 'dist'),
      unit: values.unit,
    });
    for (const w of written) {
      console.log(`SCORM ${w.version.padEnd(4)}  ${relative(process.cwd(), w.path)}  ${w.bytes.toLocaleString('en')} bytes`);
    }
    return 0;
  } catch (e) {
    if (e instanceof PackageError) {
      console.error(`scorm/package: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
