/**
 * YAML parsing that can name file, path, line and column for every problem.
 * Fast path: js-yaml (YAML 1.2 core schema) reads the data. The `yaml` library, which keeps
 * positions but is several times slower, parses a file only when a problem in it must be located.
 */
import { load as fastLoad, CORE_SCHEMA } from 'js-yaml';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type YamlPath = (string | number)[];

export class ParsedYaml {
  readonly problems: Problem[] = [];
  data: unknown = undefined;
  private located: { doc: Document; lines: LineCounter } | null = null;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** The positioned parse, made on first use. */
  private get positioned() {
    if (!this.located) {
      const lines = new LineCounter();
      const doc = parseDocument(this.text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
      this.located = { doc, lines };
    }
    return this.located;
  }
  get doc(): Document {
    return this.positioned.doc;
  }
  get lines(): LineCounter {
    return this.positioned.lines;
  }
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const p = new ParsedYaml(file, text);
  try {
    p.data = fastLoad(text, { schema: CORE_SCHEMA, filename: file });
    return p;
  } catch (fast) {
    // report the problem in the positioned parser's words, at its position
    for (const e of [...p.doc.errors, ...p.doc.warnings]) {
      const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
      p.problems.push({ file, line: pos.line, column: pos.col, message: `YAML ${e.code}: ${firstLine(e.message)}` });
    }
    if (!p.problems.length) {
      const mark = (fast as { mark?: { line: number; column: number } }).mark;
      p.problems.push({ file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, message: `YAML: ${firstLine((fast as Error & { reason?: string }).reason ?? (fast as Error).message)}` });
    }
    return p;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The position of the value at `path`, or of its nearest existing parent when a key is missing. */
export function positionOf(p: ParsedYaml, path: YamlPath): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = p.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = p.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/** The position of a key in the mapping at `path` (an unknown field is reported where its name is written). */
export function keyPositionOf(p: ParsedYaml, path: YamlPath, key: string): { line: number; column: number } {
  const map = p.doc.getIn(path, true);
  if (isMap(map))
    for (const pair of map.items)
      if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
        const pos = p.lines.linePos(pair.key.range[0]);
        return { line: pos.line, column: pos.col };
      }
  return positionOf(p, path);
}

/** `nodes[2].options[1].next` */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out || '(file)';
}

export function problemAt(p: ParsedYaml, path: YamlPath, message: string): Problem {
  const { line, column } = positionOf(p, path);
  const where = formatPath(path);
  return { file: p.file, line, column, message: where === '(file)' ? message : `${where}: ${message}` };
}
