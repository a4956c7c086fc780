/** YAML parsing that keeps positions, so every problem can name file, path, line and column. */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type YamlPath = (string | number)[];

export interface ParsedYaml {
  file: string;
  data: unknown;
  doc: Document;
  lines: LineCounter;
  problems: Problem[];
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push({ file, line: pos.line, column: pos.col, message: `YAML ${e.code}: ${firstLine(e.message)}` });
  }
  const data = doc.errors.length ? undefined : doc.toJS();
  return { file, data, doc, lines, problems };
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
