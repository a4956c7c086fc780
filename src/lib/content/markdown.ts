/**
 * A deliberately tiny Markdown subset for scenario text, rendered at build time to safe HTML:
 * paragraphs, line breaks, *emphasis*, **strong**, "- " bullet lists, "1. " numbered lists and
 * [links](https://…) (http, https and mailto only). Everything else, including any HTML or script
 * an author writes, is escaped and shows as text.
 */
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

function inline(raw: string): string {
  let s = escapeHtml(raw);
  // links: the text and URL are already escaped; only safe schemes become anchors
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, text: string, url: string) =>
    /^(https?:\/\/|mailto:)/i.test(url) ? `<a href="${url}" rel="noopener noreferrer" target="_blank">${text}</a>` : m,
  );
  s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return s;
}

export function renderMarkdown(src: string): string {
  const out: string[] = [];
  for (const block of src.trim().split(/\n\s*\n/)) {
    // within a block, runs of "- " or "1. " lines are lists and the other lines a paragraph,
    // so "Key points:" followed directly by a list renders as a paragraph and a list
    type Run = { kind: 'p' | 'ul' | 'ol'; lines: string[] };
    let run = null as Run | null;
    const flush = () => {
      const r = run;
      if (!r) return;
      if (r.kind === 'p') out.push(`<p>${r.lines.map(inline).join('<br>')}</p>`);
      else out.push(`<${r.kind}>${r.lines.map((l) => `<li>${inline(l)}</li>`).join('')}</${r.kind}>`);
      run = null;
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      const kind = /^[-*] /.test(line) ? 'ul' : /^\d+\. /.test(line) ? 'ol' : 'p';
      const text = kind === 'ul' ? line.slice(2) : kind === 'ol' ? line.replace(/^\d+\. /, '') : line;
      if (run?.kind !== kind) {
        flush();
        run = { kind, lines: [] };
      }
      run!.lines.push(text);
    }
    flush();
  }
  return out.join('');
}

/** Plain text for places that take no markup (SCORM descriptions, titles). */
export function markdownToText(src: string): string {
  return src
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*?([^*]+)\*\*?/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
