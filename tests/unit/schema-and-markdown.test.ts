import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/lib/content/json-schema';
import { renderMarkdown } from '../../src/lib/content/markdown';

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
  it('renders "Key points:" followed by a list as a paragraph and a list', () => {
    expect(renderMarkdown('Key points:\n- one\n- two\nAfter.')).toBe('<p>Key points:</p><ul><li>one</li><li>two</li></ul><p>After.</p>');
  });
});
