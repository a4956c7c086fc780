/**
 * A downloaded file → rows of text cells, whatever format Moodle gave it in. Delimited text goes
 * through papaparse, .xlsx and .ods through SheetJS (the maintained community edition, republished
 * unmodified to the npm registry as @e965/xlsx), Track details JSON through JSON.parse. Nothing
 * here knows what the columns mean: see moodle.ts.
 *
 * The format is told from the bytes, not the file name, so a renamed file still reads:
 * "PK" is a zip (xlsx or ods), "%PDF" a PDF, "[" or "{" JSON, anything else text.
 */
import Papa from 'papaparse';
import { read as readWorkbook, utils as sheetUtils } from '@e965/xlsx';
import { ExportError, type FileFormat } from './types';

export interface Table {
  format: FileFormat;
  /** every cell as text; rows may differ in length */
  rows: string[][];
}

const startsWith = (bytes: Uint8Array, text: string) => text.split('').every((c, i) => bytes[i] === c.charCodeAt(0));

/** The first rows of a file with no tabs, commas or semicolons to tell columns apart, shown in messages. */
const preview = (text: string) => JSON.stringify(text.trim().split(/\r?\n/)[0]?.slice(0, 80) ?? '');

export function readTable(file: string, bytes: Uint8Array): Table {
  if (bytes.length === 0) throw new ExportError(file, 'the file is empty.');
  if (startsWith(bytes, '%PDF')) {
    throw new ExportError(
      file,
      'this is a PDF, which keeps no data a program can read back. In Moodle, download the Track details as CSV or JSON (the format menu under the table) or the Interactions report as text, Excel or ODS, and open that file here.',
    );
  }
  if (startsWith(bytes, 'PK\u0003\u0004')) return readSpreadsheet(file, bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw new ExportError(file, 'this is an old binary Excel file (.xls). Moodle downloads .xlsx; download the report again with "Download in Excel format", or as text.');
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return readJson(file, text);
  return readDelimited(file, text);
}

function readSpreadsheet(file: string, bytes: Uint8Array): Table {
  let wb;
  try {
    // dense: rows as arrays (less memory for a wide report); no formulas, styles or HTML needed
    wb = readWorkbook(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    throw new ExportError(file, `this zip file is not a spreadsheet that can be read (${(e as Error).message}). Expected Moodle's .xlsx or .ods download.`);
  }
  const format: FileFormat = wb.bookType === 'ods' || wb.bookType === 'fods' ? 'ods' : 'xlsx';
  const name = wb.SheetNames[0];
  if (!name) throw new ExportError(file, 'the spreadsheet has no sheets.');
  // raw: false gives each cell as its displayed text, so number cells (Attempt, Score) read like the text download
  const rows = sheetUtils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, raw: false, defval: '', blankrows: false });
  return { format, rows: rows.map((r) => r.map((c) => (c == null ? '' : String(c)))) };
}

function readJson(file: string, text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ExportError(file, `the file looks like JSON but cannot be read: ${(e as Error).message}.`);
  }
  // Moodle's Track details JSON: [[{"element": …, "value": …}, …]] (one sheet); a bare list of rows is accepted too
  const sheet = Array.isArray(data) && Array.isArray(data[0]) ? data[0] : data;
  if (!Array.isArray(sheet) || !sheet.every((r) => r && typeof r === 'object' && 'element' in r && 'value' in r)) {
    throw new ExportError(
      file,
      'this JSON is not a Moodle Track details download. Expected a list of {"element": …, "value": …} rows, as the Track details page gives with the JSON format.',
    );
  }
  const rows = sheet.map((r: { element: unknown; value: unknown }) => [String(r.element ?? ''), String(r.value ?? '')]);
  return { format: 'json', rows: [['Element', 'Value'], ...rows] };
}

function readDelimited(file: string, text: string): Table {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Moodle's "text format" is tab-separated; its Track details CSV is comma-separated
  const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? ',' : firstLine.includes(';') ? ';' : '';
  if (!delimiter) {
    throw new ExportError(
      file,
      `this is not a table: its first line (${preview(text)}) has no tabs or commas. Expected Moodle's Interactions report (text, Excel or ODS) or a learner's Track details (CSV or JSON).`,
    );
  }
  const parsed = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (fatal) {
    const line = (fatal.row ?? 0) + 1;
    throw new ExportError(file, `line ${line}: ${fatal.message}. The file may be cut short or edited; download it again from Moodle.`);
  }
  return { format: delimiter === '\t' ? 'text' : 'csv', rows: parsed.data };
}
