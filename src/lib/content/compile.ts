/**
 * Compiling one validated scenario file into the course data the player reads: Markdown rendered
 * to HTML (markdown.ts), senders resolved to the declared people, portrait settings to colours.
 *
 * Nodes, options and branches are built with Array.from, not .map: the state analysis reads them
 * for every scenario, and V8's optimised .map writes holey arrays where its interpreter writes
 * packed ones, so code optimised on the first scenarios was thrown away and compiled again once
 * this file's code was optimised (see src/lib/engine/analysis.ts, "V8").
 */
import type { Artefact, ArtefactComment, Branch, Condition, Person, ScenarioNode, Sender } from '../course/types';
import { CLOTHING, HAIR_COLOUR, SKIN, type ScenarioFile } from './schema';
import { renderMarkdown } from './markdown';

export const toBranches = (next: string | { to: string; when?: Condition }[]): Branch[] =>
  typeof next === 'string' ? [{ to: next }] : Array.from(next, (b) => (b.when ? { to: b.to, when: b.when } : { to: b.to }));

type ArtefactIn = NonNullable<Extract<ScenarioFile['nodes'][number], { kind: 'scene' }>['artefact']>;
type CommentIn = { from: string; text: string; time?: string; replies?: CommentIn[] };

export function compilePeople(people: ScenarioFile['people']): Person[] | undefined {
  return people?.map((p) => ({
    id: p.id,
    name: p.name,
    ...(p.age !== undefined ? { age: p.age } : {}),
    ...(p.pronouns ? { pronouns: p.pronouns } : {}),
    ...(p.role ? { role: p.role } : {}),
    ...(p.you ? { you: true } : {}),
    portrait: {
      skin: SKIN[p.portrait.skin],
      hair: p.portrait.hair,
      ...(p.portrait.hairColour ? { hairColour: HAIR_COLOUR[p.portrait.hairColour] } : {}),
      ...(p.portrait.facialHair ? { facialHair: p.portrait.facialHair } : {}),
      ...(p.portrait.glasses ? { glasses: p.portrait.glasses } : {}),
      ...(p.portrait.face ? { face: p.portrait.face } : {}),
      ...(p.portrait.clothing ? { clothing: CLOTHING[p.portrait.clothing] } : {}),
    },
  }));
}

/** Compiles one scenario's nodes: Markdown to HTML, senders resolved to the declared people. */
export function compileNodes(s: ScenarioFile): ScenarioNode[] {
  const md = renderMarkdown;
  const people = new Map((s.people ?? []).map((p) => [p.id, p]));
  const sender = (from: string): Sender => {
    const p = people.get(from);
    if (p) return { from: p.name, person: p.id, ...(p.you ? { mine: true } : {}) };
    // "You" is the older way to write the learner's own messages
    return from === 'You' ? { from, mine: true } : { from };
  };
  const comments = (list: CommentIn[] | undefined): ArtefactComment[] | undefined =>
    list?.map((c) => ({ ...sender(c.from), text: c.text, ...(c.time ? { time: c.time } : {}), ...(c.replies ? { replies: comments(c.replies) } : {}) }));
  const artefact = (a: ArtefactIn): Artefact => {
    const { from, body, ...rest } = a as ArtefactIn & { from?: string; body?: string; comments?: CommentIn[] };
    const out: Artefact = { ...(rest as Omit<Artefact, 'from'>), ...(from ? sender(from) : {}), ...(body ? { body: md(body) } : {}) };
    if (a.type === 'message-thread') out.messages = a.messages.map((m) => ({ ...m, ...sender(m.from) }));
    if ('comments' in a && a.comments) out.comments = comments(a.comments);
    return out;
  };
  return Array.from(s.nodes, (n): ScenarioNode => {
    const expects = n.expects ? { expects: n.expects } : {};
    if (n.kind === 'scene') return { kind: 'scene', id: n.id, text: md(n.text), ...(n.artefact ? { artefact: artefact(n.artefact) } : {}), ...expects, next: toBranches(n.next) };
    if (n.kind === 'ending') return { kind: 'ending', id: n.id, outcome: n.outcome, debrief: md(n.debrief), ...expects };
    return {
      kind: 'decision',
      id: n.id,
      ...expects,
      prompt: md(n.prompt),
      ...(n.artefact ? { artefact: artefact(n.artefact) } : {}),
      options: Array.from(n.options, (o) => ({
        id: o.id,
        text: o.text,
        next: toBranches(o.next),
        points: o.points,
        verdict: o.verdict,
        consequence: md(o.consequence),
        ...(o.artefact ? { artefact: artefact(o.artefact) } : {}),
        ...(o.takeaway ? { takeaway: o.takeaway } : {}),
        feedback: md(o.feedback),
        citations: o.cite,
        ...(o.when ? { when: o.when } : {}),
        ...(o.sets ? { sets: o.sets } : {}),
      })),
    };
  });
}
