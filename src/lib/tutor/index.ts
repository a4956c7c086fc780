/**
 * The tutor tools' library: read Moodle's SCORM exports and turn them, with the course data, into
 * cohort insight. Shared by the tutor page (src/tutor/) and the CLI (scripts/tutor.ts). No Svelte.
 */
import type { Course } from '../course/types';
import { analyse, type AnalyseOptions } from './analyse';
import { readExport } from './moodle';
import { ExportError, type Insight, type ReadExport } from './types';

export { analyse } from './analyse';
export { readExport } from './moodle';
export { summarise, type Summary } from './summary';
export { attemptRuleOf, DEFAULT_ATTEMPT_RULE } from './course';
export * from './types';
export * from './tables';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface Reading {
  /** null when no file could be used */
  insight: Insight | null;
  /** one message per file that could not be used */
  errors: string[];
  exports: ReadExport[];
}

/** Reads every file it can; a file that cannot be used is reported and the others still count. */
export function readFiles(course: Course, files: readonly FileInput[], opts: AnalyseOptions = {}): Reading {
  const errors: string[] = [];
  const exports: ReadExport[] = [];
  for (const f of files) {
    try {
      exports.push(readExport(f.name, f.bytes));
    } catch (e) {
      if (e instanceof ExportError) errors.push(e.message);
      else errors.push(`${f.name}: could not be read (${(e as Error).message}).`);
    }
  }
  const learners = exports.reduce((n, ex) => n + ex.learners.length, 0);
  if (exports.length && !learners) {
    errors.push(`${exports.map((e) => e.file).join(', ')}: no learner in ${exports.length === 1 ? 'this file' : 'these files'} has made a decision yet.`);
  }
  return { insight: learners ? analyse(course, exports, opts) : null, errors, exports };
}
