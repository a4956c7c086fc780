/**
 * Exports read from the LMS + the course data → what a tutor needs: per guidance item and theme,
 * per decision, per learner, and the three items to take to the next seminar.
 *
 * Verdicts, points, citations and texts come from the course data by interaction id and option
 * id, never from the exported `result` (what the course records there changes between versions).
 * Scores come from the engine (courseState) over the play of each scenario that counts.
 */
import type { Course, DecisionNode } from '../course/types';
import { courseState } from '../engine/score';
import { htmlToText } from '../engine/text';
import { attemptRuleOf, courseIndex, type CourseIndex } from './course';
import { countedPlays, playsOf, type Play, type ReadRecord } from './plays';
import type {
  AttemptRule,
  DecisionInsight,
  DiscussionPoint,
  Insight,
  ItemInsight,
  LearnerInsight,
  LearnerJournal,
  Notice,
  OptionInsight,
  ReadExport,
  SeminarItem,
  ThemeInsight,
} from './types';

export interface AnalyseOptions {
  /** score over one unit's scenarios (the cohort played that unit's own package) */
  unit?: string | null;
  /** overrides the course's rule (tests) */
  rule?: AttemptRule;
  /** score over exactly these scenarios (tests: the scenarios an export was recorded with) */
  scenarios?: string[];
}

const isMiss = (r: ReadRecord) => r.option?.verdict === 'poor' || r.option?.verdict === 'harmful';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const listOf = (xs: string[], max = 5) => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));
const signature = (j: LearnerJournal) => j.records.map((r) => `${r.attempt}:${r.id}=${r.response}`).join('|');

interface LearnerWork {
  insight: LearnerInsight;
  counted: ReadRecord[];
}

export function analyse(course: Course, exports: readonly ReadExport[], opts: AnalyseOptions = {}): Insight {
  const index = courseIndex(course);
  const rule = opts.rule ?? attemptRuleOf(course);
  const unit = opts.unit ? course.units.find((u) => u.id === opts.unit) : undefined;
  if (opts.unit && !unit) throw new Error(`unknown unit "${opts.unit}"; the course's units are ${course.units.map((u) => u.id).join(', ')}`);
  const scope = opts.scenarios ?? (unit ? unit.scenarios : course.scenarios.map((s) => s.id));
  const notices: Notice[] = [];

  // ---- learners, once each --------------------------------------------------------------------
  const journals: LearnerJournal[] = [];
  const seen = new Map<string, LearnerJournal>();
  for (const ex of exports) {
    if (ex.skipped.length) {
      notices.push({
        level: 'info',
        text: `${ex.file}: ${plural(ex.skipped.length, 'row has', 'rows have')} no decisions and ${ex.skipped.length === 1 ? 'is' : 'are'} not counted as learners: ${listOf(ex.skipped.map((s) => `${s.name} (${s.reason})`))}.`,
      });
    }
    for (const n of ex.notices) notices.push({ level: 'info', text: `${ex.file}: ${n}` });
    for (const j of ex.learners) {
      const sig = signature(j);
      const twin = seen.get(sig);
      if (twin) {
        notices.push({ level: 'info', text: `${j.source} holds the same decisions as ${twin.name} in ${twin.source}, so they are read once.` });
        continue;
      }
      seen.set(sig, j);
      journals.push(j);
    }
  }
  const names = new Map<string, number>();
  for (const j of journals) names.set(j.name, (names.get(j.name) ?? 0) + 1);
  const keyOf = (j: LearnerJournal) => (names.get(j.name)! > 1 ? `${j.name} (${j.email || j.source})` : j.name);

  // ---- each learner through the engine --------------------------------------------------------
  const unknownIds = new Set<string>();
  const unknownOptions = new Set<string>();
  const broken: string[] = [];
  const rightDiffers = new Map<string, string>();
  const work: LearnerWork[] = journals.map((j) => {
    const key = keyOf(j);
    const plays = playsOf(index, j.records);
    const counted = countedPlays(plays, rule);
    const countedSet = new Set(counted.values());
    const scoreOf = (chosen: Map<string, Play>) => {
      const paths: Record<string, string[]> = {};
      for (const [id, p] of chosen) if (p.path.length && index.scenario(id)) paths[id] = p.path;
      return courseState(course, { paths }, scope);
    };
    const state = scoreOf(counted);
    const scorePercent = Math.round(Math.min(1, Math.max(0, state.score.scaled)) * 100);
    let unreadable = 0;
    for (const p of plays) {
      p.records.forEach((r, i) => {
        if (!r.ref) unknownIds.add(r.raw.id);
        else if (!r.option) unknownOptions.add(`${r.raw.id} → "${r.raw.response}"`);
        if (!r.ref || !r.option || (p.brokenAt !== null && i >= p.brokenAt)) unreadable++;
        const best = r.engine?.bestOptionIds;
        if (best && r.raw.rightAnswers.length && [...r.raw.rightAnswers].sort().join(',') !== [...best].sort().join(',')) {
          rightDiffers.set(r.raw.id, `${r.raw.id}: recorded ${r.raw.rightAnswers.join(',')}, now ${best.join(',')}`);
        }
      });
      if (p.brokenAt !== null && p.records[p.brokenAt]?.ref && p.records[p.brokenAt]?.option) broken.push(`${key}, ${p.scenarioId} at ${p.records[p.brokenAt].raw.id}`);
    }
    const countedRecords = [...countedSet].flatMap((p) => p.records);
    const replayed = [...new Set(plays.map((p) => p.scenarioId).filter((id, i, all) => all.indexOf(id) !== i))];
    // the LMS's own score, to compare
    const lmsNote = compareLms(j, scorePercent, state.score.raw, () => {
      const latest = new Map<string, Play>();
      for (const p of plays) latest.set(p.scenarioId, p);
      return Math.round(Math.min(1, Math.max(0, scoreOf(latest).score.scaled)) * 100);
    }, rule, replayed.length > 0);
    const weakestThemes = state.themes
      .filter((t) => t.possible > 0 && t.earned < t.possible)
      .sort((a, b) => a.earned / a.possible - b.earned / b.possible || b.possible - a.possible || a.theme.localeCompare(b.theme))
      .slice(0, 2)
      .map((t) => ({ ...t, title: index.themeTitle(t.theme) }));
    return {
      counted: countedRecords,
      insight: {
        key,
        name: j.name,
        email: j.email,
        source: j.source,
        decisions: j.records.length,
        counted: countedRecords.length,
        practice: j.records.length - countedRecords.length,
        unreadable,
        replayed,
        finished: state.scenarios.filter((s) => s.done).length,
        scenarios: state.scenarios.length,
        scorePercent,
        points: { raw: state.score.raw, min: state.score.min, max: state.score.max },
        passed: state.passed,
        lmsScores: j.lmsScores,
        lmsStatus: j.lmsStatus,
        lmsNote: lmsNote.text,
        lmsDiffers: lmsNote.kind,
        weakestThemes,
      },
    };
  });

  // ---- notices about the records --------------------------------------------------------------
  for (const w of work) {
    const l = w.insight;
    if (l.replayed.length) {
      notices.push({
        level: 'info',
        text: `${l.key} replayed ${plural(l.replayed.length, 'scenario')} (${listOf(l.replayed.map((id) => index.scenario(id)?.title ?? id))}): the ${rule === 'first' ? 'first finished play' : 'best finished play'} of each counts, as the course scores it; the other ${plural(l.practice, 'decision')} ${l.practice === 1 ? 'is' : 'are'} practice and not counted.`,
      });
    }
  }
  if (unknownIds.size) {
    notices.push({
      level: 'warning',
      text: `${plural(unknownIds.size, 'decision id')} in the file ${unknownIds.size === 1 ? 'is' : 'are'} not in this version of the course (version ${course.version}): ${listOf([...unknownIds])}. The export may come from another version of the course or another course. Those records are counted as read but not scored; everything else was read.`,
    });
  }
  if (unknownOptions.size) {
    notices.push({ level: 'warning', text: `${plural(unknownOptions.size, 'response')} name an option this course version does not offer: ${listOf([...unknownOptions])}. They are shown apart and not scored.` });
  }
  if (broken.length) {
    notices.push({
      level: 'warning',
      text: `In ${plural(broken.length, 'play')} the recorded choices no longer follow the scenario as it is now (${listOf(broken, 3)}): the course has changed since. Those plays are scored as far as they still fit; their later choices still appear in the counts.`,
    });
  }
  if (rightDiffers.size) {
    notices.push({
      level: 'warning',
      text: `At ${plural(rightDiffers.size, 'decision')} the LMS recorded other best answers than this course version gives (${listOf([...rightDiffers.values()], 3)}). The course changed after these were played; this page uses the current course data.`,
    });
  }
  const metScenarios = new Set(work.flatMap((w) => w.counted.map((r) => r.scenarioId)));
  const unmet = scope.filter((id) => !metScenarios.has(id));
  if (work.length && unmet.length && unmet.length < scope.length) {
    const units = new Set([...metScenarios].map((id) => course.units.find((u) => u.scenarios.includes(id))?.id));
    const oneUnit = !unit && units.size === 1 ? course.units.find((u) => u.id === [...units][0]) : undefined;
    notices.push({
      level: 'info',
      text: oneUnit
        ? `Every decision in the file is from the unit "${oneUnit.title}". If the cohort played that unit's own package, score over that unit only (choose the unit; in the CLI --unit ${oneUnit.id}).`
        : `No learner has played ${plural(unmet.length, 'scenario')} of this course yet (${listOf(unmet.map((id) => index.scenario(id)?.title ?? id))}); scores count ${unmet.length === 1 ? 'it' : 'them'} as not played.`,
    });
  }

  // ---- cohort figures from the counted plays --------------------------------------------------
  const items = itemInsights(course, index, work);
  const decisionsMet = decisionInsights(course, index, work);
  return {
    course: { id: course.id, title: course.title, version: course.version, scenarios: scope.length, attemptRule: rule, scope: unit?.id ?? null },
    files: exports.map((ex) => ({ file: ex.file, kind: ex.kind, format: ex.format, learners: ex.learners.length, decisions: ex.learners.reduce((n, j) => n + j.records.length, 0) })),
    notices,
    decisions: work.reduce((n, w) => n + w.insight.decisions, 0),
    counted: work.reduce((n, w) => n + w.insight.counted, 0),
    practice: work.reduce((n, w) => n + w.insight.practice, 0),
    learners: work.map((w) => w.insight),
    items,
    themes: themeInsights(course, index, work),
    decisionsMet,
    seminar: seminar(index, items, decisionsMet, work),
  };
}

function compareLms(j: LearnerJournal, percent: number, raw: number, latestPercent: () => number, rule: AttemptRule, replays: boolean): { text: string; kind: LearnerInsight['lmsDiffers'] } {
  const recorded = j.lmsScores.at(-1);
  const n = recorded ? Number.parseFloat(recorded) : NaN;
  // 1.2 records the percentage; 2004 (so far) the raw points
  if (!Number.isFinite(n) || n === percent || n === raw) return { text: '', kind: '' };
  const counts = `This page counts the ${rule === 'first' ? 'first' : 'best'} finished play of each scenario, as the course does now`;
  if (replays && latestPercent() === n) return { text: `The LMS recorded ${recorded}: the course version that played it let a replay replace the earlier play. ${counts}.`, kind: 'replay' };
  const text = `The LMS recorded ${recorded}, under an earlier version of the course: its scenarios, points or way of scoring have changed since, so today's figure differs.`;
  return { text: replays ? `${text} ${counts}, where earlier versions let a replay replace the earlier play.` : text, kind: 'version' };
}

const cites = (node: DecisionNode) => new Set(node.options.flatMap((o) => o.citations));

function itemInsights(course: Course, index: CourseIndex, work: LearnerWork[]): ItemInsight[] {
  const met = new Map<string, Set<string>>();
  const missed = new Map<string, Set<string>>();
  const poor = new Map<string, number>();
  const add = (m: Map<string, Set<string>>, item: string, who: string) => m.set(item, (m.get(item) ?? new Set()).add(who));
  for (const w of work) {
    for (const r of w.counted) {
      if (!r.ref) continue;
      for (const item of cites(r.ref.node)) add(met, item, w.insight.key);
      if (!isMiss(r)) continue;
      for (const item of r.option!.citations) {
        add(missed, item, w.insight.key);
        poor.set(item, (poor.get(item) ?? 0) + 1);
      }
    }
  }
  const guidance = new Map(course.guidance.map((g) => [g.id, g]));
  return [...met.keys()]
    .map((id) => {
      const g = guidance.get(id);
      return {
        id,
        section: g?.section ?? '',
        title: g?.title ?? id,
        theme: g?.theme ?? '',
        themeTitle: g ? index.themeTitle(g.theme) : '',
        met: met.get(id)!.size,
        missed: missed.get(id)?.size ?? 0,
        poorChoices: poor.get(id) ?? 0,
        missedBy: [...(missed.get(id) ?? [])],
      };
    })
    .sort((a, b) => b.missed - a.missed || b.missed / b.met - a.missed / a.met || b.poorChoices - a.poorChoices || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function themeInsights(course: Course, index: CourseIndex, work: LearnerWork[]): ThemeInsight[] {
  const themeOf = new Map(course.guidance.map((g) => [g.id, g.theme]));
  const met = new Map<string, Set<string>>();
  const missed = new Map<string, Set<string>>();
  const items = new Map<string, Set<string>>();
  const answers = new Map<string, number>();
  const poor = new Map<string, number>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => m.set(k, (m.get(k) ?? new Set()).add(v));
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const w of work) {
    for (const r of w.counted) {
      if (!r.ref) continue;
      const themes = new Set<string>();
      for (const item of cites(r.ref.node)) {
        const t = themeOf.get(item);
        if (!t) continue;
        add(met, t, w.insight.key);
        add(items, t, item);
        themes.add(t);
      }
      for (const t of themes) bump(answers, t);
      if (!isMiss(r)) continue;
      const missedThemes = new Set(r.option!.citations.map((item) => themeOf.get(item)).filter((t): t is string => !!t));
      for (const t of missedThemes) {
        add(missed, t, w.insight.key);
        bump(poor, t);
      }
    }
  }
  return [...met.keys()]
    .map((theme) => ({ theme, title: index.themeTitle(theme), met: met.get(theme)!.size, missed: missed.get(theme)?.size ?? 0, items: items.get(theme)!.size, answers: answers.get(theme) ?? 0, poorChoices: poor.get(theme) ?? 0 }))
    .sort((a, b) => b.missed / b.met - a.missed / a.met || b.poorChoices / (b.answers || 1) - a.poorChoices / (a.answers || 1) || a.theme.localeCompare(b.theme));
}

const VERDICT_RANK = { harmful: 0, poor: 1, acceptable: 2, best: 3 } as const;

function decisionInsights(course: Course, index: CourseIndex, work: LearnerWork[]): DecisionInsight[] {
  const counts = new Map<string, Map<string, number>>();
  for (const w of work) {
    for (const r of w.counted) {
      if (!r.ref) continue;
      const m = counts.get(r.ref.id) ?? new Map<string, number>();
      m.set(r.raw.response, (m.get(r.raw.response) ?? 0) + 1);
      counts.set(r.ref.id, m);
    }
  }
  const order = new Map<string, number>();
  course.scenarios.forEach((s, si) => s.nodes.forEach((n, ni) => order.set(`${s.id}\u0000${n.id}`, si * 1000 + ni)));
  const out: DecisionInsight[] = [];
  for (const [id, m] of counts) {
    const ref = index.decision(id)!;
    const options: OptionInsight[] = ref.node.options.map((o) => ({ id: o.id, text: o.text, verdict: o.verdict, points: o.points, count: m.get(o.id) ?? 0, feedback: o.feedback, citations: o.citations }));
    const known = new Set(options.map((o) => o.id));
    const poorOrHarmful = options.filter((o) => o.verdict === 'poor' || o.verdict === 'harmful').reduce((n, o) => n + o.count, 0);
    const tempting = options
      .filter((o) => (o.verdict === 'poor' || o.verdict === 'harmful') && o.count > 0)
      .sort((a, b) => b.count - a.count || VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict])[0];
    out.push({
      id,
      scenarioId: ref.scenario.id,
      scenarioTitle: ref.scenario.title,
      decisionId: ref.node.id,
      prompt: htmlToText(ref.node.prompt),
      answered: [...m.values()].reduce((a, b) => a + b, 0),
      options,
      unknownOptions: [...m].filter(([o]) => !known.has(o)).map(([o, count]) => ({ id: o, count })),
      poorOrHarmful,
      tempting: tempting?.id ?? null,
    });
  }
  const key = (d: DecisionInsight) => order.get(`${d.scenarioId}\u0000${d.decisionId}`) ?? 0;
  return out.sort((a, b) => b.poorOrHarmful - a.poorOrHarmful || b.poorOrHarmful / b.answered - a.poorOrHarmful / a.answered || key(a) - key(b));
}

/**
 * The three items the group missed most, each with the scenarios that teach it and the choices to
 * talk through. An item whose poor choices are all already covered by an item chosen before it
 * (one option often cites several items) is listed under that item instead of taking a place.
 */
function seminar(index: CourseIndex, items: ItemInsight[], decisions: DecisionInsight[], work: LearnerWork[]): SeminarItem[] {
  const missesOf = new Map<string, Set<string>>();
  for (const w of work) for (const r of w.counted) if (isMiss(r)) for (const item of r.option!.citations) missesOf.set(item, (missesOf.get(item) ?? new Set()).add(`${r.ref!.id}\u0000${r.option!.id}`));
  const byDecision = new Map(decisions.map((d) => [d.id, d]));
  const chosen: { item: ItemInsight; misses: Set<string>; also: string[] }[] = [];
  for (const item of items) {
    if (item.missed === 0) break;
    const misses = missesOf.get(item.id) ?? new Set<string>();
    const cover = chosen.find((c) => [...misses].every((m) => c.misses.has(m)));
    if (cover) cover.also.push(item.id);
    else if (chosen.length < 3) chosen.push({ item, misses, also: [] });
  }
  // a choice that cites several of the chosen items is discussed once, under the first of them
  const discussed = new Set<string>();
  return chosen.map(({ item, misses, also }) => {
    // the scenarios where the group went wrong on it, most misses first: those are the ones to revisit
    const missCount = new Map<string, number>();
    for (const m of misses) {
      const [decision, optionId] = m.split('\u0000');
      const d = byDecision.get(decision)!;
      missCount.set(d.scenarioId, (missCount.get(d.scenarioId) ?? 0) + (d.options.find((o) => o.id === optionId)?.count ?? 0));
    }
    const teaching = [...new Set(index.decisionsCiting(item.id).map((d) => d.scenario.id))];
    const scenarios = teaching
      .filter((id) => missCount.has(id))
      .sort((a, b) => missCount.get(b)! - missCount.get(a)! || teaching.indexOf(a) - teaching.indexOf(b))
      .map((id) => ({ id, title: index.scenario(id)!.title, unit: index.unitOf(id) }));
    const points: DiscussionPoint[] = [...misses]
      .filter((m) => !discussed.has(m))
      .map((m) => {
        const [decision, optionId] = m.split('\u0000');
        const d = byDecision.get(decision)!;
        return { decision, scenarioTitle: d.scenarioTitle, prompt: d.prompt, option: d.options.find((o) => o.id === optionId)!, best: d.options.filter((o) => o.verdict === 'best') };
      })
      .sort((a, b) => b.option.count - a.option.count || VERDICT_RANK[a.option.verdict] - VERDICT_RANK[b.option.verdict])
      .slice(0, 3);
    for (const p of points) discussed.add(`${p.decision}\u0000${p.option.id}`);
    return { item, alsoCited: also, scenarios, points };
  });
}
