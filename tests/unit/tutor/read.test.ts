/** Reading every real Moodle 5.1 download: the format variants agree, and the files that cannot be used say why. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readExport, unescapeHtml } from '../../../src/lib/tutor/moodle';
import { ExportError } from '../../../src/lib/tutor/types';
import { FIXTURES, fixture, haveFixtures } from './fixtures';

const records = (name: string) => readExport(name, fixture(name).bytes).learners.map((l) => ({ name: l.name, records: l.records.map((r) => [r.attempt, r.index, r.id, r.response, r.result, r.rightAnswers.join(',')]) }));
const errorOf = (name: string, bytes = fixture(name).bytes) => {
  try {
    readExport(name, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ExportError);
    return (e as Error).message;
  }
  throw new Error(`${name} was read`);
};

describe.skipIf(!haveFixtures)('Moodle 5.1 downloads', () => {
  it('every fixture file is either read or refused with a message naming the file', () => {
    const names = readdirSync(FIXTURES).filter((n) => n !== 'README.md');
    expect(names.length).toBe(28);
    for (const n of names) {
      let outcome: string;
      try {
        const ex = readExport(n, fixture(n).bytes);
        outcome = `${ex.kind}/${ex.format}`;
      } catch (e) {
        expect((e as Error).message.startsWith(`${n}: `)).toBe(true);
        outcome = 'refused';
      }
      const expected = /^interactions-scorm12/.test(n)
        ? 'interactions-report'
        : /^trackdetails-.*\.(csv|json|xlsx|ods)$/.test(n)
          ? 'track-details'
          : 'refused';
      expect(outcome.split('/')[0], n).toBe(expected);
    }
  });

  it('the 1.2 Interactions report reads the same as text, .xlsx and .ods', () => {
    const txt = readExport('a.txt', fixture('interactions-scorm12-cohort.txt').bytes);
    expect(txt.format).toBe('text');
    expect(readExport('a.xlsx', fixture('interactions-scorm12-cohort.xlsx').bytes).format).toBe('xlsx');
    expect(readExport('a.ods', fixture('interactions-scorm12-cohort.ods').bytes).format).toBe('ods');
    const t = records('interactions-scorm12-cohort.txt');
    expect(records('interactions-scorm12-cohort.xlsx')).toEqual(t);
    expect(records('interactions-scorm12-cohort.ods')).toEqual(t);
  });

  it('reads the cohort as the fixture README describes it', () => {
    const ex = readExport('c.txt', fixture('interactions-scorm12-cohort.txt').bytes);
    // row order is Moodle's (user id # attempt); the tutor is a row without interactions
    expect(ex.learners.map((l) => l.name)).toEqual(['Farid Haddad', 'Grace Whitfield', 'Harry Lindqvist', 'Aisha Rahman', 'Ben Carter', 'Chloe Nguyen', 'Daniel Okoro', 'Ellie Marsh']);
    expect(ex.skipped).toEqual([{ name: 'Tu Tor', reason: 'not attempted' }]);
    const counts = Object.fromEntries(ex.learners.map((l) => [l.name, l.records.length]));
    expect(counts).toEqual({ 'Farid Haddad': 52, 'Grace Whitfield': 52, 'Harry Lindqvist': 21, 'Aisha Rahman': 52, 'Ben Carter': 52, 'Chloe Nguyen': 52, 'Daniel Okoro': 52, 'Ellie Marsh': 58 });
    expect(ex.learners.reduce((n, l) => n + l.records.length, 0)).toBe(391);
    const ellie = ex.learners.find((l) => l.name === 'Ellie Marsh')!;
    expect(ellie.email).toBe('ellie.marsh@example.com');
    expect(ellie.lmsScores).toEqual(['68']);
    expect(ellie.records[0]).toEqual({ id: 'friend-request.respond', response: 'c', result: 'correct', rightAnswers: ['c'], attempt: 1, index: 0 });
    expect(ellie.records.map((r) => r.index)).toEqual([...Array(58).keys()]);
    // "Right answer" lists every best option
    expect(ellie.records.find((r) => r.id === 'client-blog.invitation')!.rightAnswers).toEqual(['b', 'd']);
    // 5 ids met twice
    const ids = ellie.records.map((r) => r.id);
    expect(new Set(ids.filter((id, i) => ids.indexOf(id) !== i)).size).toBe(5);
  });

  it('Track details: CSV (with BOM), JSON, .xlsx and .ods agree, in interaction order, for 1.2 and 2004', () => {
    for (const who of ['scorm12-ellie-marsh', 'scorm2004-daniel-okoro']) {
      const csv = records(`trackdetails-${who}.csv`);
      expect(csv[0].records.length).toBe(who.includes('ellie') ? 58 : 52);
      // Moodle sorts rows as text (0, 1, 10, …); the reader orders by index
      expect(csv[0].records.map((r) => r[1])).toEqual([...Array(csv[0].records.length).keys()]);
      for (const ext of ['json', 'xlsx', 'ods']) {
        const other = records(`trackdetails-${who}.${ext}`);
        expect(other.map((l) => l.records), `${who}.${ext}`).toEqual(csv.map((l) => l.records));
      }
    }
    const daniel = readExport('daniel.csv', fixture('trackdetails-scorm2004-daniel-okoro.csv').bytes).learners[0];
    expect(daniel.name).toBe('daniel');
    expect(daniel.lmsScores).toEqual(['119 of 156']);
    expect(daniel.lmsStatus).toBe('completed, passed');
    expect(daniel.records[0].result).toBe('correct');
    const ellie = readExport('x.json', fixture('trackdetails-scorm12-ellie-marsh.json').bytes).learners[0];
    expect(ellie.lmsScores).toEqual(['68']);
    expect(ellie.lmsStatus).toBe('incomplete');
  });

  it('Track details hold the same decisions as the Interactions report for Ellie Marsh', () => {
    const report = readExport('r.txt', fixture('interactions-scorm12-cohort.txt').bytes).learners.find((l) => l.name === 'Ellie Marsh')!;
    const track = readExport('t.csv', fixture('trackdetails-scorm12-ellie-marsh.csv').bytes).learners[0];
    expect(track.records.map((r) => [r.id, r.response])).toEqual(report.records.map((r) => [r.id, r.response]));
  });

  it('refuses the Basic and Objectives reports, naming the report to download instead', () => {
    for (const n of ['basic-scorm12-cohort.txt', 'basic-scorm2004-cohort.xlsx', 'objectives-scorm12-cohort.ods', 'objectives-scorm2004-cohort.txt']) {
      const m = errorOf(n);
      expect(m).toMatch(new RegExp(`^${n.replace('.', '\\.')}: this is Moodle's Basic or Objectives SCORM report`));
      expect(m).toMatch(/Download the Interactions report instead/);
    }
  });

  it('explains the blank SCORM 2004 Interactions report and points to Track details', () => {
    for (const ext of ['txt', 'xlsx', 'ods']) {
      const m = errorOf(`interactions-scorm2004-cohort.${ext}`);
      expect(m).toMatch(/interaction columns .* are empty/);
      expect(m).toMatch(/SCORM 2004/);
      expect(m).toMatch(/Track details/);
    }
  });

  it('refuses PDFs and files that are not exports, saying what was expected', () => {
    expect(errorOf('trackdetails-scorm12-ellie-marsh.pdf')).toMatch(/PDF.*CSV or JSON/);
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(errorOf('grades.csv', enc('Student,Grade\nA,1\n'))).toMatch(/^grades\.csv: this is not a Moodle SCORM interactions export \(its first row reads "Student, Grade"\)\. Expected Moodle's Interactions report/);
    expect(errorOf('notes.txt', enc('just some notes\n'))).toMatch(/not a table/);
    expect(errorOf('empty.txt', enc(''))).toMatch(/empty/);
    expect(errorOf('x.json', enc('{"a": 1}'))).toMatch(/not a Moodle Track details download/);
    expect(errorOf('x.json', enc('[1, 2'))).toMatch(/looks like JSON but cannot be read/);
    expect(errorOf('x.xlsx', enc('PK\u0003\u0004garbage'))).toMatch(/not a spreadsheet that can be read|no sheets|not a Moodle/);
    // a report cut short inside a quoted field names the line
    const cut = fixture('interactions-scorm12-cohort.txt').bytes.slice(0, 3000);
    const msg = errorOf('cut.txt', new Uint8Array([...cut, ...enc('\t"unterminated')]));
    expect(msg).toMatch(/^cut\.txt: line \d+: /);
  });

  it('a learner with several Moodle attempts is one learner, attempts in order', () => {
    const lines = new TextDecoder().decode(fixture('interactions-scorm12-cohort.txt').bytes).trimEnd().split('\n');
    const ben = lines.find((l) => l.startsWith('"Ben Carter"'))!;
    const second = ben.replace('\t1\t', '\t2\t');
    const ex = readExport('two.txt', new TextEncoder().encode([lines[0], second, ben].join('\n') + '\n'));
    expect(ex.learners).toHaveLength(1);
    expect(ex.learners[0].records.map((r) => r.attempt)).toEqual([...Array(52).fill(1), ...Array(52).fill(2)]);
    expect(ex.learners[0].lmsScores).toEqual(['94', '94']);
  });

  it('unescapes the HTML entities Moodle puts in Track details values', () => {
    expect(unescapeHtml('you&#039;re &amp; &lt;b&gt; &quot;x&quot; &#x2019; &bogus;')).toBe('you\'re & <b> "x" \u2019 &bogus;');
  });
});
