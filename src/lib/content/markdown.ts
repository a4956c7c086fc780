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
  const blocks = src.trim().split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim());
      if (lines.every((l) => /^[-*] /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\d+\. /.test(l)))
        return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\d+\. /, ''))}</li>`).join('')}</ol>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

/** Plain text for places that take no markup (SCORM descriptions, titles). */
export function markdownToText(src: string): string {
  return src
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*?([^*]+)\*\*?/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
