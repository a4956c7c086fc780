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
  | 'friend-request'
  | 'message-thread'
  | 'blog-post'
  | 'group-post'
  | 'email'
  | 'notification';

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

export interface ArtefactMessage {
  from: string;
  text: string;
  time?: string;
}

export interface Artefact {
  type: ArtefactType;
  /** who it comes from (person, page, group or sender) */
  from?: string;
  /** heading: blog title, email subject, group name, notification title */
  title?: string;
  /** body text (HTML already rendered from the Markdown subset at build time) */
  body?: string;
  /** extra line under the heading: "3 mutual connections", "Closed group · 412 members" */
  meta?: string;
  /** message-thread only */
  messages?: ArtefactMessage[];
}

export interface SceneNode {
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
  kind: 'decision';
  id: string;
  /** HTML */
  prompt: string;
  artefact?: Artefact;
  options: Option[];
}

export interface EndingNode {
  kind: 'ending';
  id: string;
  /** short outcome heading */
  outcome: string;
  /** HTML */
  debrief: string;
}

export type ScenarioNode = SceneNode | DecisionNode | EndingNode;

export interface Scenario {
  id: string;
  title: string;
  unit: string;
  objective: string;
  minutes: number;
  themes: string[];
  /** the GPiA 040 subsections this scenario mainly teaches */
  focus: string[];
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

export interface Course {
  id: string;
  title: string;
  version: number;
  /** percentage 0-100 of the scaled score needed to pass */
  passMark: number;
  /** which finished play of a scenario counts; later plays are practice (default "first") */
  scoredAttempt: ScoredAttempt;
  units: Unit[];
  scenarios: Scenario[];
  guidance: GuidanceRef[];
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
