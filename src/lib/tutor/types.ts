/**
 * Shapes shared by the tutor page and the tutor CLI: what a Moodle export holds once read, and
 * the cohort insight computed from it with the course data. Pure data: no Svelte, no browser API.
 */
import type { Verdict } from '../course/types';

/** One SCORM interaction as an LMS exported it (ids and letters only). */
export interface InteractionRecord {
  /** `<scenarioId>.<decisionId>` as exported */
  id: string;
  /** the learner's response: an option id */
  response: string;
  /**
   * The result as the LMS recorded it (`correct`, `wrong`, `incorrect`, `neutral`, a number…). Shown
   * for reference only: verdicts come from the course data, because what the course writes here
   * changes between versions.
   */
  result: string;
  /** the right answers the LMS recorded, split on "," */
  rightAnswers: string[];
  /** the LMS attempt (Moodle's "Attempt" column; 1 when the file is one attempt) */
  attempt: number;
  /** the SCORM interaction index (the order the decisions were made within the attempt) */
  index: number;
}

/** What one learner's row (or Track details file) holds. */
export interface LearnerJournal {
  /** as in the export's name column (Track details have none: the file name stands in) */
  name: string;
  email: string;
  /** the file it came from */
  source: string;
  /** in the order made: by attempt, then by interaction index */
  records: InteractionRecord[];
  /** the score the LMS recorded, as text, one per attempt ("68"; "119 of 156") */
  lmsScores: string[];
  /** the LMS status, when the file has one (Track details) */
  lmsStatus: string;
}

export type ExportKind = 'interactions-report' | 'track-details';
export type FileFormat = 'text' | 'csv' | 'json' | 'xlsx' | 'ods';

export interface ReadExport {
  file: string;
  kind: ExportKind;
  format: FileFormat;
  learners: LearnerJournal[];
  /** rows with no interactions: the tutor, learners who never made a decision */
  skipped: { name: string; reason: string }[];
  notices: string[];
}

/** A file the page or CLI cannot use, with the reason and what was expected. */
export class ExportError extends Error {
  override name = 'ExportError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export type AttemptRule = 'first' | 'best';

export interface LearnerInsight {
  /** the key in byLearner: the export's name (made unique only when two people share a name) */
  key: string;
  name: string;
  email: string;
  source: string;
  /** interaction records read, replays included */
  decisions: number;
  /** records in the plays that count */
  counted: number;
  /** records in replays that do not count (practice) */
  practice: number;
  /** records whose ids this course version does not know, or that no longer fit its scenarios */
  unreadable: number;
  /** scenario ids played more than once */
  replayed: string[];
  /** scenarios finished / in scope */
  finished: number;
  scenarios: number;
  /** the course percentage under the course's own scoring rule */
  scorePercent: number;
  /** the course points behind it (unfinished scenarios count at their minimum, as the engine scores) */
  points: { raw: number; min: number; max: number };
  passed: boolean;
  lmsScores: string[];
  lmsStatus: string;
  /** why scorePercent and the LMS's score differ, when they do (empty when they agree or cannot be compared) */
  lmsNote: string;
  /** what makes them differ: the LMS counted replays, or the record comes from an earlier course version */
  lmsDiffers: '' | 'replay' | 'version';
  /** lowest-scoring themes (below full marks), weakest first */
  weakestThemes: { theme: string; title: string; earned: number; possible: number }[];
}

export interface ItemInsight {
  id: string;
  section: string;
  title: string;
  theme: string;
  themeTitle: string;
  /** learners who answered a decision citing this item in any option */
  met: number;
  /** learners who chose a poor or harmful option citing it */
  missed: number;
  /** poor or harmful choices citing it (a learner can make several) */
  poorChoices: number;
  missedBy: string[];
}

export interface ThemeInsight {
  theme: string;
  /** the theme's display name from the course data */
  title: string;
  met: number;
  missed: number;
  /** guidance items of this theme that learners met */
  items: number;
  /** counted answers at decisions citing an item of this theme */
  answers: number;
  /** of those, poor or harmful ones citing an item of this theme */
  poorChoices: number;
}

export interface OptionInsight {
  id: string;
  text: string;
  verdict: Verdict;
  points: number;
  count: number;
  /** HTML, from the course build */
  feedback: string;
  citations: string[];
}

export interface DecisionInsight {
  /** the interaction id */
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  decisionId: string;
  /** plain text */
  prompt: string;
  /** counted answers at this decision */
  answered: number;
  options: OptionInsight[];
  /** responses naming an option this course version does not have */
  unknownOptions: { id: string; count: number }[];
  /** poor or harmful answers */
  poorOrHarmful: number;
  /** the poor or harmful option chosen most often, if any was chosen */
  tempting: string | null;
}

export interface DiscussionPoint {
  decision: string;
  scenarioTitle: string;
  prompt: string;
  option: OptionInsight;
  best: OptionInsight[];
}

export interface SeminarItem {
  item: ItemInsight;
  /** other items the same poor choices cite */
  alsoCited: string[];
  /** the scenarios in which the group chose poor or harmful options citing it, most such choices first */
  scenarios: { id: string; title: string; unit: string }[];
  /** up to three poor or harmful choices citing it, most chosen first; a choice already listed under an earlier item is not repeated */
  points: DiscussionPoint[];
}

export interface Notice {
  level: 'info' | 'warning';
  text: string;
}

export interface Insight {
  course: { id: string; title: string; version: number; scenarios: number; attemptRule: AttemptRule; scope: string | null };
  files: { file: string; kind: ExportKind; format: FileFormat; learners: number; decisions: number }[];
  notices: Notice[];
  /** interaction records read, replays included */
  decisions: number;
  counted: number;
  practice: number;
  learners: LearnerInsight[];
  items: ItemInsight[];
  themes: ThemeInsight[];
  decisionsMet: DecisionInsight[];
  seminar: SeminarItem[];
}
