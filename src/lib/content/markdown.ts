/**
 * Scenario Markdown, rendered at build time to safe HTML with markdown-it (CommonMark), so nothing
 * of the parser reaches the learner's download.
 *
 * The subset, on purpose small (the page around the text owns headings and layout):
 * paragraphs, a line break for every single newline (so hard-wrapped lines in a YAML `|` block show
 * as written), *emphasis*, **strong**, `- ` / `* ` bullet lists, `1. ` numbered lists, backslash
 * escapes (`\*` for a literal star), character entities (`&amp;`) and [links](https://…) to http,
 * https and mailto addresses only. HTML is off: any tag or script an author writes is escaped and
 * shows as text; a link to any other scheme (javascript:, data:, a relative path) stays as its
 * literal text, and the content check reports it (`linkProblems`). Headings, quotes, code, tables,
 * images and bare-URL linking are not part of the subset: their markup shows as written.
 */
import markdownIt, { type MarkdownIt } from 'markdown-it';

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function make(validateLink: (url: string) => boolean): MarkdownIt {
  const md = markdownIt('zero', { html: false, breaks: true, linkify: false, typographer: false });
  md.enable(['list', 'newline', 'emphasis', 'link', 'escape', 'entity']);
  md.validateLink = validateLink;
  return md;
}

const md = make((url) => SAFE_LINK.test(url.trim()));
md.renderer.rules.link_open = (tokens, i, options, _env, self) => {
  tokens[i].attrSet('rel', 'noopener noreferrer');
  tokens[i].attrSet('target', '_blank');
  return self.renderToken(tokens, i, options);
};
// a tight list item is plain text; markdown-it writes a newline after each tag, which HTML ignores
const squeeze = (html: string) => html.replace(/>\n/g, '>').replace(/\n$/, '');

/**
 * One line of plain words: nothing markdown-it would read as markup here. No newline (breaks,
 * paragraphs), none of the characters an enabled inline rule starts at (`*` `_` emphasis, `[` link,
 * `\` escape, `&` entity), none the renderer escapes (`<` `>` `"`), no control character, and no
 * list marker at the start (`-`, `+`, `*`, digits then `.` or `)`). markdown-it renders such a line
 * as a paragraph of the line as written, so it is written here without parsing it: most lines of a
 * library are like this, and parsing each costs more than the rest of its compilation (issue 15).
 * The unit tests compare this with markdown-it on random text.
 */
const PLAIN_LINE = /^(?![-+]|\d+[.)])[^\u0000-\u001f\u007f*_[\\&<>"]+$/;

/**
 * One line that cannot open a list: the block rules of the subset (paragraph, list) make it one
 * paragraph of the whole line, so only the inline rules need to run on it (the same rules, with
 * the same options, as inside that paragraph): the block parse is skipped.
 */
const ONE_LINE = /^(?![-+*]|\d+[.)])[^\n\r]+$/;

export function renderMarkdown(src: string): string {
  const text = src.trim();
  if (PLAIN_LINE.test(text)) return `<p>${text}</p>`;
  if (ONE_LINE.test(text)) return `<p>${squeeze(md.renderInline(text))}</p>`;
  return squeeze(md.render(text));
}

/** markdown-it alone, without the plain-line shortcut (for the tests that compare the two). */
export const renderWithParser = (src: string): string => squeeze(md.render(src.trim()));

/** Every link target in the text, whatever its scheme (a parser that accepts any link). */
const anyLink = make(() => true);

/** Links the renderer refuses (any scheme but http, https, mailto), as messages for the content check. */
export function linkProblems(src: string): string[] {
  // a link starts only at "[" (the link rule; images, autolinks, linkify and references are off)
  if (!src.includes('[')) return [];
  const out: string[] = [];
  for (const t of anyLink.parseInline(src, {}))
    for (const c of t.children ?? [])
      if (c.type === 'link_open') {
        const href = String(c.attrGet('href') ?? '');
        if (!SAFE_LINK.test(href.trim())) out.push(`the link to "${href}" is not allowed (links may go to http://, https:// or mailto: addresses only); it would show as plain text`);
      }
  return out;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Plain text for places that take no markup (SCORM descriptions, titles). */
export function markdownToText(src: string): string {
  return renderMarkdown(src)
    .replace(/<br>|<\/p>|<\/li>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])
    .replace(/\s+/g, ' ')
    .trim();
}
