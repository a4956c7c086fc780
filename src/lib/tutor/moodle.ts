/**
 * What Moodle's SCORM downloads mean, column by column (see shared/fixtures/moodle-5.1/README.md
 * for the real files this follows):
 *  - the Interactions report: one wide row per learner and attempt, `Name`, `Email address`,
 *    `Attempt`, `Score`, then `Question N` / `Response N` / `Right answer N` / `Result N` groups
 *    numbered by interaction index; the tutor appears as a row with no interactions;
 *  - Track details: `Element`, `Value` rows for one learner's attempt, sorted as text (0, 1, 10, 11…),
 *    values HTML-escaped; 1.2 names `cmi.interactions_N.id`, 2004 `cmi.interactions.N.id`;
 *  - the Basic and Objectives reports have the same first columns but no interactions, and the
 *    SCORM 2004 Interactions report has blank interaction columns (a Moodle limitation): both are
 *    refused with a message saying which file to download instead.
 */
import { readTable, type Table } from './read';
import { ExportError, type InteractionRecord, type LearnerJournal, type ReadExport } from './types';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
/** Moodle HTML-escapes Track details values (`&#039;`). */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const EXPECTED =
  "Expected Moodle's Interactions report (Reports → Interactions, downloaded as text, Excel or ODS; columns Name, Question 0, Response 0, Right answer 0, Result 0, …) or a learner's Track details (CSV or JSON; columns Element and Value).";

/** Reads one downloaded file. Throws ExportError, naming the file and what was expected, for anything else. */
export function readExport(file: string, bytes: Uint8Array): ReadExport {
  const table = readTable(file, bytes);
  const header = (table.rows[0] ?? []).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  if (lower[0] === 'element' && lower[1] === 'value') return readTrackDetails(file, table);
  if (header.some((h) => /^Question \d+$/.test(h))) return readInteractionsReport(file, table, header);
  if (lower.includes('name') && lower.includes('attempt') && lower.includes('score')) {
    throw new ExportError(
      file,
      "this is Moodle's Basic or Objectives SCORM report: it has each learner's score but none of their decisions. Download the Interactions report instead (the SCORM activity → Reports → Interactions → Download in text format, Excel or ODS); for a SCORM 2004 package, whose Interactions report Moodle leaves blank, download each learner's Track details (CSV or JSON).",
    );
  }
  const first = header.filter(Boolean).slice(0, 4).join(', ');
  throw new ExportError(file, `this is not a Moodle SCORM interactions export (its first row reads "${first.slice(0, 100)}"). ${EXPECTED}`);
}

function readInteractionsReport(file: string, table: Table, header: string[]): ReadExport {
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const nameCol = col('Name');
  const firstCol = col('First name');
  const lastCol = [col('Surname'), col('Last name')].find((i) => i >= 0) ?? -1;
  if (nameCol < 0 && firstCol < 0) throw new ExportError(file, `the Interactions report has no Name column, so its learners cannot be told apart. ${EXPECTED}`);
  const emailCol = col('Email address');
  const attemptCol = col('Attempt');
  const scoreCol = col('Score');
  const groups: { n: number; q: number; r: number; right: number; result: number }[] = [];
  header.forEach((h, i) => {
    const m = /^Question (\d+)$/.exec(h);
    if (m) groups.push({ n: Number(m[1]), q: i, r: col(`Response ${m[1]}`), right: col(`Right answer ${m[1]}`), result: col(`Result ${m[1]}`) });
  });
  groups.sort((a, b) => a.n - b.n);
  if (groups.some((g) => g.r < 0)) throw new ExportError(file, `the Interactions report has Question columns without Response columns. In the report's "Preferences just for this page", tick "Summary of responses", save, and download again.`);

  const byKey = new Map<string, LearnerJournal>();
  const skipped: ReadExport['skipped'] = [];
  let rowsWithScore = 0;
  for (const row of table.rows.slice(1)) {
    const cell = (i: number) => (i >= 0 ? (row[i] ?? '').trim() : '');
    const name = nameCol >= 0 ? cell(nameCol) : `${cell(firstCol)} ${cell(lastCol)}`.trim();
    if (!name && row.every((c) => !c.trim())) continue;
    const attemptText = cell(attemptCol);
    const attempt = /^\d+$/.test(attemptText) ? Number(attemptText) : 1;
    if (/^\d/.test(cell(scoreCol))) rowsWithScore++;
    const records: InteractionRecord[] = [];
    for (const g of groups) {
      const id = cell(g.q);
      if (!id) continue;
      const right = cell(g.right);
      records.push({ id, response: cell(g.r), result: cell(g.result), rightAnswers: right ? right.split(',').map((s) => s.trim()) : [], attempt, index: g.n });
    }
    if (!records.length) {
      skipped.push({ name: name || '(no name)', reason: attemptText === '-' || !attemptText ? 'not attempted' : 'no decisions recorded' });
      continue;
    }
    const email = cell(emailCol);
    // one person per name and e-mail; a second attempt of the same person joins their first
    const key = `${name}\u0000${email}`;
    const j = byKey.get(key) ?? { name, email, source: file, records: [], lmsScores: [], lmsStatus: '' };
    j.records.push(...records);
    if (cell(scoreCol)) j.lmsScores.push(cell(scoreCol));
    byKey.set(key, j);
  }
  const learners = [...byKey.values()];
  for (const j of learners) j.records.sort((a, b) => a.attempt - b.attempt || a.index - b.index);
  if (learners.length === 0 && rowsWithScore > 0) {
    throw new ExportError(
      file,
      'the interaction columns of this Interactions report are empty, although learners have scores. Moodle does this for SCORM 2004 packages (its report cannot read 2004 interactions). Download each learner\'s Track details instead (Reports → Basic → the learner\'s attempt → Track details, format CSV or JSON) and open those files here, several at once if you like.',
    );
  }
  if (learners.length === 0) throw new ExportError(file, 'the Interactions report has no learner with a recorded decision yet.');
  return { file, kind: 'interactions-report', format: table.format, learners, skipped, notices: [] };
}

const INTERACTION = /^cmi\.interactions[._](\d+)\.(id|student_response|learner_response|result|correct_responses[._](\d+)\.pattern)$/;

function readTrackDetails(file: string, table: Table): ReadExport {
  const values = new Map<string, string>();
  const byIndex = new Map<number, { id?: string; response?: string; result?: string; right: string[] }>();
  for (const [element = '', raw = ''] of table.rows.slice(1)) {
    const el = element.trim();
    const value = unescapeHtml(raw.trim());
    values.set(el, value);
    const m = INTERACTION.exec(el);
    if (!m) continue;
    const n = Number(m[1]);
    const r = byIndex.get(n) ?? { right: [] };
    if (m[2] === 'id') r.id = value;
    else if (m[2] === 'student_response' || m[2] === 'learner_response') r.response = value;
    else if (m[2] === 'result') r.result = value;
    else r.right[Number(m[3])] = value;
    byIndex.set(n, r);
  }
  // Moodle sorts the rows as text (0, 1, 10, 11, …, 2): the interaction index gives the order played
  const records: InteractionRecord[] = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, r]) => r.id)
    .map(([index, r]) => ({ id: r.id!, response: r.response ?? '', result: r.result ?? '', rightAnswers: r.right.filter(Boolean), attempt: 1, index }));
  // Track details carry no learner name (some LMSs add one): the file name stands in
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const name = values.get('cmi.core.student_name') || values.get('cmi.learner_name') || stem;
  const v12 = values.has('cmi.core.lesson_status') || values.has('cmi.core.score.raw');
  const raw = values.get(v12 ? 'cmi.core.score.raw' : 'cmi.score.raw') ?? '';
  const max = values.get('cmi.score.max') ?? '';
  const lmsScore = raw && !v12 && max ? `${raw} of ${max}` : raw;
  const lmsStatus = v12 ? (values.get('cmi.core.lesson_status') ?? '') : [values.get('cmi.completion_status'), values.get('cmi.success_status')].filter(Boolean).join(', ');
  const journal: LearnerJournal = { name, email: '', source: file, records, lmsScores: lmsScore ? [lmsScore] : [], lmsStatus };
  if (!records.length) {
    return { file, kind: 'track-details', format: table.format, learners: [], skipped: [{ name, reason: 'no decisions recorded' }], notices: [] };
  }
  return { file, kind: 'track-details', format: table.format, learners: [journal], skipped: [], notices: [] };
}
