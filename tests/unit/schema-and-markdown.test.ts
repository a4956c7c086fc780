import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/lib/content/json-schema';
import fc from 'fast-check';
import markdownIt from 'markdown-it';
import { linkProblems, markdownToText, renderMarkdown, renderWithParser } from '../../src/lib/content/markdown';
import { parse } from 'yaml';
import { checkContent } from '../../src/lib/content/check';
import { DecisionSchema, LIMITS } from '../../src/lib/content/schema';
import { tempContent } from './helpers';

describe('exported JSON Schema', () => {
  it('is up to date with the zod schemas (run npm run schema when this fails)', () => {
    for (const [file, text] of Object.entries(schemaFiles())) expect(readFileSync(file, 'utf8'), file).toBe(text);
  });
  it('describes the three node kinds and the verdicts authors can use', () => {
    const s = JSON.parse(schemaFiles()['scenarios/scenario.schema.json']);
    const text = JSON.stringify(s);
    for (const k of ['"scene"', '"decision"', '"ending"', '"best"', '"harmful"', '"connection-request"']) expect(text).toContain(k);
    expect(s.required).toEqual(expect.arrayContaining(['id', 'title', 'unit', 'start', 'nodes']));
  });
});

describe('Markdown subset', () => {
  it('renders emphasis, lists and safe links', () => {
    expect(renderMarkdown('Hello *you* and **all**')).toBe('<p>Hello <em>you</em> and <strong>all</strong></p>');
    expect(renderMarkdown('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(renderMarkdown('1. one\n2. two')).toBe('<ol><li>one</li><li>two</li></ol>');
    expect(renderMarkdown('[BACP](https://www.bacp.co.uk)')).toContain('<a href="https://www.bacp.co.uk" rel="noopener noreferrer" target="_blank">BACP</a>');
  });
  it('shows HTML and script written in a scenario as text', () => {
    const out = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))');
    expect(out).not.toMatch(/<script|<img|href="javascript/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('[x](javascript:alert(1))');
  });
  it('cannot be tricked into an attribute by quotes in a link', () => {
    const out = renderMarkdown('[a](https://x.org/"onmouseover="alert(1))');
    expect(out).not.toMatch(/"onmouseover=/);
  });
});

describe('Markdown lists right after a line of text', () => {
  it('renders "Key points:" followed by a list as a paragraph and a list; a blank line ends the list', () => {
    expect(renderMarkdown('Key points:\n- one\n- two\n\nAfter.')).toBe('<p>Key points:</p><ul><li>one</li><li>two</li></ul><p>After.</p>');
    // CommonMark: a line straight after an item, with no blank line, continues that item
    expect(renderMarkdown('Key points:\n- one\n- two\nAfter.')).toBe('<p>Key points:</p><ul><li>one</li><li>two<br>After.</li></ul>');
  });
});

describe('Markdown (markdown-it, CommonMark, HTML off)', () => {
  it('keeps a URL with stars in it whole, instead of turning them into emphasis', () => {
    expect(renderMarkdown('See [the list](https://example.org/a*b*c) and *this*.')).toBe(
      '<p>See <a href="https://example.org/a*b*c" rel="noopener noreferrer" target="_blank">the list</a> and <em>this</em>.</p>',
    );
  });
  it('shows every single newline as a line break (a YAML "|" block as written) and a blank line as a new paragraph', () => {
    expect(renderMarkdown('line one\nline two\n\nnext')).toBe('<p>line one<br>line two</p><p>next</p>');
  });
  it('leaves markup outside the subset as text: headings, quotes, code, bare URLs', () => {
    expect(renderMarkdown('# Heading\n> quote\n`code` https://bare.org')).toBe('<p># Heading<br>&gt; quote<br>`code` https://bare.org</p>');
  });
  it('takes backslash escapes and mailto links', () => {
    expect(renderMarkdown('a \\*star\\* [write](mailto:a@example.org)')).toBe('<p>a *star* <a href="mailto:a@example.org" rel="noopener noreferrer" target="_blank">write</a></p>');
  });
  it('names every link the renderer refuses, for the check', () => {
    expect(linkProblems('[x](javascript:alert(1)) [y](/relative) [z](https://ok.org) [m](mailto:a@b.org) [d](data:text/html,hi)')).toEqual([
      expect.stringContaining('"javascript:alert(1)" is not allowed'),
      expect.stringContaining('"/relative" is not allowed'),
      expect.stringContaining('"data:text/html,hi" is not allowed'),
    ]);
  });
  it('gives plain text for places without markup', () => {
    expect(markdownToText('Hello *you* & [link](https://x.org)\n- a\n- b')).toBe('Hello you & link a b');
  });
});

describe('the plain-line shortcut and the no-link shortcut give what markdown-it gives', () => {
  // text made of the characters markup is made of, so the shortcut's edges are met often
  const tricky = fc.constantFrom(...'aZ 09.,:;!?()-+*_[]\\&<>"\'#`~|=\t\n\r\f\v\u00a0\u2028\u0085éß§–’'.split(''), '1. ', '- ', '* ', '&amp;', '[a](https://x.org)', '[b](javascript:x)', '**');
  const texts = fc.array(tricky, { maxLength: 24 }).map((xs) => xs.join(''));
  it('renders random text exactly as markdown-it does', () => {
    let plain = 0;
    fc.assert(
      fc.property(texts, (t) => {
        expect(renderMarkdown(t)).toBe(renderWithParser(t));
        if (renderWithParser(t) === `<p>${t.trim()}</p>`) plain++;
      }),
      { numRuns: 5000 },
    );
    // the shortcut's own case is met too
    expect(plain).toBeGreaterThan(100);
  });
  it('renders every text of the course exactly as markdown-it does', () => {
    const all: string[] = [];
    const walk = (v: unknown) => (typeof v === 'string' ? all.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
    for (const f of readdirSync('scenarios', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'))) walk(parse(readFileSync(`scenarios/${f}`, 'utf8')));
    expect(all.length).toBeGreaterThan(1000);
    for (const t of all) expect(renderMarkdown(t), t).toBe(renderWithParser(t));
  });
  it('finds the same refused links as a parse of every text would', () => {
    const any = markdownIt('zero', { html: false, breaks: true }).enable(['list', 'newline', 'emphasis', 'link', 'escape', 'entity']);
    any.validateLink = () => true;
    fc.assert(
      fc.property(texts, (t) => {
        const links = any.parseInline(t, {}).flatMap((tok) => (tok.children ?? []).filter((c) => c.type === 'link_open'));
        if (!t.includes('[')) expect(links).toEqual([]);
        expect(linkProblems(t).length).toBe(links.filter((c) => !/^(https?:\/\/|mailto:)/i.test(String(c.attrGet('href')).trim())).length);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the guide, the checker and the tests agree', () => {
  const guide = readFileSync('scenarios/README.md', 'utf8');
  it('the complete example in the guide passes the check', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(guide)![1];
    const r = checkContent(tempContent({ demo: example }, 'client-care'));
    expect(r.errors).toEqual([]);
  });
  it('states the rule for the number of options that the schema enforces: 3 or 4', () => {
    expect(guide).toMatch(/\*\*3 or 4\*\* `options`/);
    expect(guide).not.toMatch(/2–4 options/);
    const decision = (n: number) => ({ id: 'd', kind: 'decision', prompt: 'P', options: Array.from({ length: n }, (_, i) => ({ id: 'abcde'[i], text: 'T', next: 'e', points: 1, verdict: 'best', consequence: 'C', feedback: 'F', cite: ['G-3.4-a'] })) });
    expect([2, 3, 4, 5].map((n) => DecisionSchema.safeParse(decision(n)).success)).toEqual([false, true, true, false]);
  });
  it('lists every theme of guidance.yaml', () => {
    const themes = (parse(readFileSync('scenarios/guidance.yaml', 'utf8')) as { themes: { id: string }[] }).themes;
    for (const t of themes) expect(guide).toContain(`| \`${t.id}\` |`);
  });
  it('gives every size limit of the schema', () => {
    for (const n of new Set(Object.values(LIMITS))) expect(guide).toMatch(new RegExp(`\\| ${n.toLocaleString('en-GB')} \\|`));
  });
});
