/**
 * The course data the app, packager, map and bench consume.
 * Produced at build time by the loader (src/lib/content) from scenarios/*.yaml,
 * already validated: nothing at run time re-checks it.
 * Pure data: no Svelte, no browser API.
 */

export type Verdict = 'best' | 'acceptable' | 'poor' | 'harmful';

/** Which finished play of a scenario counts: the first, or the best-scoring (course.yaml `scoredAttempt`). */
export type ScoredAttempt = 'first' | 'best';

export type ArtefactType =
  | 'connection-request'
  | 'message-thread'
  | 'email'
  | 'blog-post'
  | 'group-post'
  | 'social-post'
  | 'notification'
  | 'web-page'
  | 'review'
  | 'search-results';

/** A flag condition: every flag in `all` set and none in `none`. */
export interface Condition {
  all?: string[];
  none?: string[];
}

/** Where to go next: the first branch whose condition holds wins; the last branch has no condition. */
export interface Branch {
  to: string;
  when?: Condition;
}

/** How a person's portrait is drawn (Open Peeps part names, colours as hex without '#'). */
export interface PortraitSpec {
  skin: string;
  hair: string;
  hairColour?: string;
  facialHair?: string;
  glasses?: string;
  face?: string;
  clothing?: string;
}

/** Someone in a scenario, declared by its author. */
export interface Person {
  id: string;
  name: string;
  age?: number;
  pronouns?: string;
  role?: string;
  /** the practitioner the learner plays */
  you?: boolean;
  portrait: PortraitSpec;
  /** the portrait drawn at build time: the inner markup of an SVG symbol (viewBox "0 0 352 352") */
  svg?: string;
}

/**
 * Who sent or wrote something: `from` is the name to show; `person` is set when it is a declared person
 * (then the portrait is theirs), and `mine` when it is the practitioner the learner plays.
 */
export interface Sender {
  from: string;
  person?: string;
  mine?: boolean;
}

export interface ArtefactMessage extends Sender {
  text: string;
  time?: string;
  /** a day divider shown before this message ("Thursday") */
  day?: string;
  /** a read receipt under it */
  read?: boolean;
}

export interface ArtefactComment extends Sender {
  text: string;
  time?: string;
  replies?: ArtefactComment[];
}

export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** Something the learner sees as it would appear on screen. Which fields are set depends on `type`. */
export interface Artefact extends Partial<Sender> {
  type: ArtefactType;
  /** blog title, group name, page name, notification title, chat header */
  title?: string;
  /** email */
  to?: string;
  subject?: string;
  date?: string;
  time?: string;
  url?: string;
  /** a line under the heading: "3 mutual connections", "Closed group · 412 members" */
  meta?: string;
  /** body text (HTML already rendered from Markdown at build time) */
  body?: string;
  /** a photo in the post, described in words */
  image?: string;
  reactions?: string;
  /** review: 1–5 */
  rating?: number;
  query?: string;
  messages?: ArtefactMessage[];
  comments?: ArtefactComment[];
  results?: SearchResult[];
}

export interface SceneNode {
  /** flags every path reaching this node must have / not have (checked at build time) */
  expects?: Condition;
  kind: 'scene';
  id: string;
  /** HTML rendered from the Markdown subset */
  text: string;
  artefact?: Artefact;
  next: Branch[];
}

export interface Option {
  id: string;
  text: string;
  next: Branch[];
  points: number;
  verdict: Verdict;
  /** HTML */
  consequence: string;
  /** the consequence as it would be seen (his reply, the notification) */
  artefact?: Artefact;
  /** one line shown with the verdict, before the detail */
  takeaway?: string;
  /** HTML */
  feedback: string;
  /** guidance ids, e.g. "G-3.4-a" */
  citations: string[];
  /** shown only when this holds */
  when?: Condition;
  /** flags this choice sets */
  sets?: string[];
}

export interface DecisionNode {
  /** flags every path reaching this node must have / not have (checked at build time) */
  expects?: Condition;
  kind: 'decision';
  id: string;
  /** HTML */
  prompt: string;
  artefact?: Artefact;
  options: Option[];
}

export interface EndingNode {
  /** flags every path reaching this node must have / not have (checked at build time) */
  expects?: Condition;
  kind: 'ending';
  id: string;
  /** short outcome heading */
  outcome: string;
  /** HTML */
  debrief: string;
}

export type ScenarioNode = SceneNode | DecisionNode | EndingNode;

/** The learner's map of a scenario's branches (decisions and endings), laid out at build time. */
export interface BranchMap {
  width: number;
  height: number;
  /** centres of the decision and ending shapes */
  nodes: { id: string; x: number; y: number }[];
  /** one per (decision, next decision or ending): the options that take it and the curve's points [x0, y0, x1, y1, …] */
  edges: { from: string; to: string; options: string[]; points: number[] }[];
}

export interface Scenario {
  id: string;
  title: string;
  unit: string;
  objective: string;
  minutes: number;
  themes: string[];
  /** the GPiA 040 subsections this scenario mainly teaches */
  focus: string[];
  /** everyone named in the scenario */
  people?: Person[];
  /** a question to reflect on after the ending (the answer goes into the CPD record) */
  reflection?: string;
  start: string;
  nodes: ScenarioNode[];
  /** repo-relative source file, for messages */
  file?: string;
  /** best and worst total points over every path, computed at build time with xstate/graph */
  score?: { min: number; max: number };
  /** option ids along a path that earns the maximum (for the debrief's "strongest path") */
  bestPath?: string[];
  /** fewest and most decisions on a path (for "Decision 2 of 3") */
  pathDecisions?: { min: number; max: number };
  /** minutes to read and decide along the strongest path, measured from its words at build time */
  readMinutes?: number;
  /** the branch map for "See where other choices led" */
  map?: BranchMap;
}

export interface Unit {
  id: string;
  title: string;
  description?: string;
  /** scenario ids in play order */
  scenarios: string[];
}

export interface GuidanceRef {
  id: string; // "G-3.4-a"
  section: string; // "3.4"
  title: string; // short title
  theme: string;
  efPoints: string[]; // ["Good Practice 33c"]
  summary: string; // plain-language summary, own words
}

export interface Theme {
  id: string;
  /** display name */
  title: string;
  covers: string;
}

export interface Course {
  id: string;
  title: string;
  version: number;
  /** percentage 0-100 of the scaled score needed to pass */
  passMark: number;
  /** which finished play of a scenario counts; later plays are practice (default "first") */
  scoredAttempt: ScoredAttempt;
  /** what a learner will be able to do after the course */
  outcomes?: string[];
  /** HTML: what the course depicts that may be hard to read, and where to find support */
  contentNote?: string;
  units: Unit[];
  scenarios: Scenario[];
  guidance: GuidanceRef[];
  themes: Theme[];
}

/** One decision the learner made: the seam between engine, LMS adapter and results. */
export interface DecisionRecord {
  scenarioId: string;
  decisionId: string;
  optionId: string;
  verdict: Verdict;
  points: number;
  maxPoints: number;
  /** ids of the best option(s) available at that point */
  bestOptionIds: string[];
  citations: string[];
  latencyMs: number;
  /** ISO timestamp */
  at: string;
  /** decision prompt as plain text (for SCORM 2004 description) */
  prompt: string;
}
