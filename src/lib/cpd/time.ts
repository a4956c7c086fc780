/**
 * How long a scenario takes, measured from its words rather than guessed: everything a learner
 * reads along the strongest path (scenes and their artefacts, each prompt and all its options, the
 * consequence, takeaway and feedback of the choice, the debrief) at a careful on-screen reading
 * pace, plus a moment to weigh each decision. The home page adds these into the course's total
 * and the suggested CPD hours. Runs at build time; pure.
 */
import type { Artefact, ArtefactComment, Scenario } from '../course/types';
import { ScenarioRun } from '../engine/run';
import { htmlToText } from '../engine/text';

/** words a minute for careful reading on screen */
export const WORDS_PER_MINUTE = 180;
/** seconds to weigh the options of one decision */
export const SECONDS_PER_DECISION = 20;
/** minutes to write a reflection, where a scenario asks for one */
export const REFLECTION_MINUTES = 3;

const words = (text: string | undefined) => (text ? htmlToText(text).split(/\s+/).filter(Boolean).length : 0);
const commentWords = (cs: ArtefactComment[] | undefined): number => (cs ?? []).reduce((n, c) => n + words(c.text) + commentWords(c.replies), 0);
const artefactWords = (a: Artefact | undefined): number =>
  a
    ? words(a.title) + words(a.subject) + words(a.body) + words(a.meta) + words(a.image) + commentWords(a.comments) +
      (a.messages ?? []).reduce((n, m) => n + words(m.text), 0) + (a.results ?? []).reduce((n, x) => n + words(x.title) + words(x.snippet), 0)
    : 0;

export function readingMinutes(s: Scenario): number {
  const run = new ScenarioRun(s, () => 0);
  let total = 0;
  let decisions = 0;
  for (const optionId of s.bestPath ?? []) {
    while (run.node.kind === 'scene') {
      total += words(run.node.text) + artefactWords(run.node.artefact);
      run.next();
    }
    const node = run.node;
    if (node.kind !== 'decision') break;
    const option = run.options.find((o) => o.id === optionId)!;
    total += words(node.prompt) + artefactWords(node.artefact) + run.options.reduce((n, o) => n + words(o.text), 0);
    total += words(option.consequence) + artefactWords(option.artefact) + words(option.takeaway) + words(option.feedback);
    decisions++;
    run.choose(optionId);
  }
  while (run.node.kind === 'scene') {
    total += words(run.node.text) + artefactWords(run.node.artefact);
    run.next();
  }
  if (run.node.kind === 'ending') total += words(run.node.outcome) + words(run.node.debrief);
  const minutes = total / WORDS_PER_MINUTE + (decisions * SECONDS_PER_DECISION) / 60 + (s.reflection ? REFLECTION_MINUTES : 0);
  return Math.max(1, Math.round(minutes));
}
