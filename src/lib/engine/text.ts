/** Plain text from the build's safe HTML (for LMS descriptions and screen-reader summaries). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br>|<\/p>|<\/li>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
