/**
 * A small one-page PDF writer for the CPD certificate: standard Helvetica fonts (no embedded font,
 * nothing fetched), WinAnsi text, lines wrapped to the page width. A few KB of code instead of a
 * PDF library in the learner's download. Deterministic: the same input gives the same bytes.
 */

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** extra space before the line, in points */
  gap?: number;
  align?: 'left' | 'center';
}

const PAGE_W = 595.28; // A4
const PAGE_H = 841.89;
const MARGIN = 56;

// Helvetica glyph widths (per 1000 em) for ASCII 32..126, from the standard AFM metrics
const HELV = [278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584];
const HELV_BOLD = [278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584];

/** WinAnsi (cp1252) code for a character, or '?' when the standard fonts cannot show it. */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99 };
function winAnsi(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 32 && c <= 126) return c;
  if (c >= 0xa0 && c <= 0xff) return c;
  return CP1252_EXTRA[ch] ?? 63; // '?'
}

export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? HELV_BOLD : HELV;
  let w = 0;
  for (const ch of text) {
    const c = winAnsi(ch);
    w += c >= 32 && c <= 126 ? table[c - 32] : 556;
  }
  return (w * size) / 1000;
}

export function wrap(text: string, size: number, width: number, bold = false): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

/** A PDF string literal: WinAnsi bytes with ( ) \ and non-ASCII escaped as octal. */
function pdfString(text: string): string {
  let s = '(';
  for (const ch of text) {
    const c = winAnsi(ch);
    if (ch === '(' || ch === ')' || ch === '\\') s += `\\${ch}`;
    else if (c < 32 || c > 126) s += `\\${c.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(c);
  }
  return s + ')';
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

export function makePdf(lines: PdfLine[], meta: { title: string; border?: boolean }): Uint8Array {
  const ops: string[] = [];
  if (meta.border) ops.push('0.04 0.36 0.48 RG 3 w', `${MARGIN / 2} ${MARGIN / 2} ${num(PAGE_W - MARGIN)} ${num(PAGE_H - MARGIN)} re S`);
  ops.push('0.11 0.14 0.16 rg');
  let y = PAGE_H - MARGIN - 20;
  const width = PAGE_W - 2 * MARGIN;
  for (const l of lines) {
    const size = l.size ?? 11;
    y -= l.gap ?? 0;
    for (const part of wrap(l.text, size, width, l.bold)) {
      y -= size * 1.35;
      if (y < MARGIN) break; // one page: the caller keeps content short
      const x = l.align === 'center' ? (PAGE_W - textWidth(part, size, l.bold)) / 2 : MARGIN;
      ops.push(`BT /${l.bold ? 'F2' : 'F1'} ${size} Tf ${num(x)} ${num(y)} Td ${pdfString(part)} Tj ET`);
    }
  }
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(PAGE_W)} ${num(PAGE_H)}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(meta.title)} /Producer (Digital boundaries course) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // every character above is a single byte (content strings are escaped to ASCII)
  const bytes = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) bytes[i] = body.charCodeAt(i) & 0xff;
  return bytes;
}
