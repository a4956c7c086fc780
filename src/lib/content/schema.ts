/**
 * Zod schemas for the authored content files (one per file kind), used at build time,
 * in `npm run check:scenarios` and to export JSON Schema for authors' editors.
 * Nothing here ships to the learner's browser.
 */
import { z } from 'zod';

/** Stable ids: they live in LMS records and saved progress, so keep them short and never reuse them. */
export const idPattern = /^[a-z0-9][a-z0-9-]*$/;
export const Id = z
  .string()
  .regex(idPattern, 'use lower-case letters, digits and "-" only, starting with a letter or digit')
  .max(32, 'keep ids to 32 characters or fewer');
/** Option ids are kept very short: they are the letters of the saved path. */
export const OptionId = z
  .string()
  .regex(/^[a-z][a-z0-9]{0,2}$/, 'option ids are 1 to 3 lower-case letters or digits, starting with a letter (a, b, c…)');
export const guidanceIdPattern = /^G-(0|[1-6](\.[1-6])?)-[a-z]$/;
export const GuidanceId = z.string().regex(guidanceIdPattern, 'guidance ids look like G-3.4-a');
export const Flag = z.string().regex(/^[a-z][a-z0-9-]*$/, 'flags are lower-case words joined by "-"');

export const MIN_POINTS = 0;
export const MAX_POINTS = 10;

/**
 * Size limits, in characters, so that what passes the check fits the screen it is shown on and a
 * stray paste is caught (the longest text of each kind in the course today is well under its limit).
 * The guide (scenarios/README.md) lists them.
 */
export const LIMITS = {
  short: 80, // names, times, dates, labels
  line: 200, // titles, meta lines, subjects, urls
  optionText: 300,
  prompt: 600,
  paragraph: 600, // objective, reflection, a unit's description, a photo described in words
  message: 1000, // one message or comment in an artefact
  consequence: 1200,
  body: 1500, // an artefact's body, feedback
  feedback: 1500,
  sceneText: 2500,
  summary: 2000,
  debrief: 3000,
} as const;

const tooLong = (max: number) => ({
  error: (iss: { input?: unknown }) =>
    `is ${typeof iss.input === 'string' ? iss.input.length.toLocaleString('en-GB') : 'too many'} characters long: keep it to ${max.toLocaleString('en-GB')} or fewer`,
});
/** A string of at most `max` characters. */
const str = (max: number = LIMITS.line) => z.string().max(max, tooLong(max));
/** Required text: not empty, at most `max` characters. */
const text = (max: number = LIMITS.line) => z.string().trim().min(1, 'must not be empty').max(max, tooLong(max));
const Text = text();

export const Condition = z
  .object({
    all: z.array(Flag).min(1).optional().describe('every one of these flags must be set'),
    none: z.array(Flag).min(1).optional().describe('none of these flags may be set'),
  })
  .strict()
  .refine((c) => c.all || c.none, 'a condition needs "all" or "none"');

export const Branch = z
  .object({ to: Id.describe('id of the node to go to'), when: Condition.optional() })
  .strict();

/** `next: node-id`, or a list of branches tried in order; the last one has no `when`. */
export const Next = z.union([Id, z.array(Branch).min(1)]).describe('next node id, or a list of {to, when} branches tried in order');

/**
 * Portraits are drawn at build time from these settings (DiceBear's Open Peeps style, CC0), so an author
 * controls how each person looks. The names are Open Peeps' own part names; skin and hair colours are named.
 */
export const SKIN = { light: 'ffdbb4', 'light-medium': 'edb98a', medium: 'd08b5b', 'medium-dark': 'ae5d29', dark: '694d3d' } as const;
export const HAIR_COLOUR = {
  black: '2c1b18',
  'dark-brown': '4a312c',
  brown: '724133',
  'light-brown': 'b58143',
  auburn: 'a55728',
  red: 'c93305',
  blonde: 'd6b370',
  platinum: 'ecdcbf',
  grey: 'e8e1e1',
  pink: 'f59797',
} as const;
export const CLOTHING = { coral: 'e78276', amber: 'ffcf77', yellow: 'fdea6b', green: '78e185', teal: '9ddadb', blue: '8fa7df', pink: 'e279c7' } as const;
export const HAIR = [
  'afro', 'bangs', 'bangs2', 'bantuKnots', 'bear', 'bun', 'bun2', 'buns', 'cornrows', 'cornrows2', 'dreads1', 'dreads2',
  'flatTop', 'flatTopLong', 'grayBun', 'grayMedium', 'grayShort', 'hatBeanie', 'hatHip', 'hijab', 'long', 'longAfro',
  'longBangs', 'longCurly', 'medium1', 'medium2', 'medium3', 'mediumBangs', 'mediumBangs2', 'mediumBangs3', 'mediumStraight',
  'mohawk', 'mohawk2', 'noHair1', 'noHair2', 'noHair3', 'pomp', 'shaved1', 'shaved2', 'shaved3', 'short1', 'short2',
  'short3', 'short4', 'short5', 'turban', 'twists', 'twists2',
] as const;
export const FACIAL_HAIR = [
  'none', 'chin', 'full', 'full2', 'full3', 'full4', 'goatee1', 'goatee2', 'moustache1', 'moustache2', 'moustache3',
  'moustache4', 'moustache5', 'moustache6', 'moustache7', 'moustache8', 'moustache9',
] as const;
export const GLASSES = ['none', 'glasses', 'glasses2', 'glasses3', 'glasses4', 'glasses5'] as const;
/** expressions fit to show people with respect (no cartoon rage, fangs or monsters) */
export const FACE = ['calm', 'smile', 'smileBig', 'serious', 'concerned', 'tired', 'solemn', 'explaining', 'driven', 'awe', 'blank', 'cheeky', 'eyesClosed', 'hectic', 'suspicious'] as const;

export const PortraitSchema = z
  .object({
    skin: z.enum(Object.keys(SKIN) as [keyof typeof SKIN]).describe('skin tone: light, light-medium, medium, medium-dark, dark'),
    hair: z.enum(HAIR).describe('head and hair (Open Peeps part name), e.g. short2, long, afro, hijab, turban, grayShort'),
    hairColour: z.enum(Object.keys(HAIR_COLOUR) as [keyof typeof HAIR_COLOUR]).optional().describe('hair colour (the gray* hair styles are grey already)'),
    facialHair: z.enum(FACIAL_HAIR).optional(),
    glasses: z.enum(GLASSES).optional(),
    face: z.enum(FACE).optional().describe('expression; calm if not given'),
    clothing: z.enum(Object.keys(CLOTHING) as [keyof typeof CLOTHING]).optional().describe('clothing colour'),
  })
  .strict();

/** Someone in the scenario. Artefacts name them by id (`from: tomasz`), so the same portrait appears everywhere. */
export const PersonSchema = z
  .object({
    id: Id.describe('how artefacts refer to this person, e.g. from: tomasz'),
    name: text(LIMITS.short).describe('full name as shown'),
    age: z.number().int().min(5).max(110).optional(),
    pronouns: str(LIMITS.short).optional().describe('e.g. she/her'),
    role: str().optional().describe('who they are in the story, e.g. "client", "your supervisor"'),
    you: z.boolean().optional().describe('true for the practitioner the learner plays: their messages show as the learner\'s own'),
    portrait: PortraitSchema,
  })
  .strict();

/** A person's id, or any other name shown as written ("Riverside Running Club", "kieran.j.evans"). */
const Who = text(LIMITS.short).describe('a person id from `people`, or a name shown as written');

const Message = z
  .object({
    from: Who,
    text: text(LIMITS.message),
    time: str(LIMITS.short).optional().describe('e.g. "23:14"'),
    day: str(LIMITS.short).optional().describe('a day divider shown before this message, e.g. "Thursday"'),
    read: z.boolean().optional().describe('a read receipt under this message'),
  })
  .strict();

type CommentIn = { from: string; text: string; time?: string; replies?: CommentIn[] };
const Comment: z.ZodType<CommentIn> = z.lazy(() =>
  z.object({ from: Who, text: text(LIMITS.message), time: str(LIMITS.short).optional(), replies: z.array(Comment).min(1).optional() }).strict(),
);

/** an artefact's body: Markdown */
const Body = text(LIMITS.body);
const image = str(LIMITS.paragraph).optional().describe('a photo in the post, described in words (shown as a captioned placeholder and read as alt text)');
const reactions = str(LIMITS.short).optional().describe('e.g. "14 reactions · 3 shares"');

/** One schema per artefact kind, so each kind asks for the fields it needs. Rendered to look like the platform it stands for, unbranded. */
export const Artefact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection-request'), from: Who, meta: str().optional().describe('e.g. "3 mutual connections"'), body: str(LIMITS.body).optional().describe('the note sent with the request') }).strict(),
  z
    .object({
      type: z.literal('message-thread'),
      title: str().optional().describe('the chat header (defaults to the other person)'),
      messages: z.array(Message).min(1),
    })
    .strict(),
  z.object({ type: z.literal('email'), from: Who, to: Text, subject: Text, date: text(LIMITS.short), body: Body }).strict(),
  z.object({ type: z.literal('blog-post'), title: Text, from: Who.optional(), url: str().optional(), date: str(LIMITS.short).optional(), meta: str().optional(), body: Body, image, comments: z.array(Comment).min(1).optional() }).strict(),
  z
    .object({ type: z.literal('group-post'), title: Text.describe('group name'), meta: str().optional(), from: Who, time: str(LIMITS.short).optional(), body: Body, image, reactions, comments: z.array(Comment).min(1).optional() })
    .strict(),
  z.object({ type: z.literal('social-post'), from: Who, meta: str().optional(), time: str(LIMITS.short).optional(), body: Body, image, reactions, comments: z.array(Comment).min(1).optional() }).strict(),
  z.object({ type: z.literal('notification'), title: Text.describe('app or notification title'), from: Who.optional(), meta: str().optional(), time: str(LIMITS.short).optional(), body: Body }).strict(),
  z.object({ type: z.literal('web-page'), title: Text, url: str().optional(), from: Who.optional(), meta: str().optional(), body: Body, image }).strict(),
  z
    .object({ type: z.literal('review'), title: Text.describe('the page the review is on'), from: Who, rating: z.number().int().min(1).max(5), date: str(LIMITS.short).optional(), body: Body, comments: z.array(Comment).min(1).optional() })
    .strict(),
  z
    .object({
      type: z.literal('search-results'),
      query: Text,
      results: z.array(z.object({ title: Text, url: Text, snippet: text(LIMITS.paragraph) }).strict()).min(1),
    })
    .strict(),
]);
export const ArtefactType = z.enum(['connection-request', 'message-thread', 'email', 'blog-post', 'group-post', 'social-post', 'notification', 'web-page', 'review', 'search-results']);

export const Verdict = z.enum(['best', 'acceptable', 'poor', 'harmful']);

export const OptionSchema = z
  .object({
    id: OptionId,
    text: text(LIMITS.optionText).describe('what the learner chooses to do, in the first person'),
    next: Next,
    points: z.number().int('points are whole numbers').min(MIN_POINTS).max(MAX_POINTS),
    verdict: Verdict,
    consequence: text(LIMITS.consequence).describe('what happens next, shown first'),
    artefact: Artefact.optional().describe('the consequence as it would be seen: his reply, the notification'),
    takeaway: z.string().trim().min(1, 'must not be empty').max(160, 'a takeaway is one line: at most 160 characters').optional().describe('one line shown with the verdict, before "Why"'),
    feedback: text(LIMITS.feedback).describe('why, with reference to the guidance, shown after the consequence'),
    cite: z.array(GuidanceId).min(1, 'cite at least one guidance id'),
    when: Condition.optional().describe('offer this option only when the condition holds'),
    sets: z.array(Flag).min(1).optional().describe('flags this choice sets for later nodes'),
  })
  .strict();

/** What must be true of every path that reaches a node: the story it tells must not contradict an earlier choice. */
const Expects = Condition.optional().describe('flags every path reaching this node must have (all) or must not have (none); the check walks every path');

export const SceneSchema = z
  .object({ id: Id, kind: z.literal('scene'), text: text(LIMITS.sceneText), artefact: Artefact.optional(), expects: Expects, next: Next })
  .strict();
export const DecisionSchema = z
  .object({
    id: Id,
    kind: z.literal('decision'),
    prompt: text(LIMITS.prompt),
    artefact: Artefact.optional(),
    expects: Expects,
    options: z.array(OptionSchema).min(3, 'a decision needs 3 or 4 options').max(4, 'a decision needs 3 or 4 options'),
  })
  .strict();
export const EndingSchema = z
  .object({ id: Id, kind: z.literal('ending'), outcome: text(LIMITS.line), debrief: text(LIMITS.debrief), expects: Expects })
  .strict();

export const NodeSchema = z.discriminatedUnion('kind', [SceneSchema, DecisionSchema, EndingSchema]);

export const ScenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: text(LIMITS.short),
    unit: Id,
    objective: text(LIMITS.paragraph).describe('what the learner will be able to do'),
    minutes: z.number().int().min(1).max(60),
    themes: z.array(z.string()).min(1).describe('theme tags: ids of the themes in guidance.yaml'),
    focus: z
      .array(z.string().regex(/^[1-6](\.[1-6])?$/, 'focus sections look like "3.4"'))
      .min(1)
      .max(3)
      .describe('the GPiA 040 subsections this scenario mainly teaches, e.g. ["3.3", "3.4"]'),
    people: z.array(PersonSchema).min(1).optional().describe('everyone named in the scenario, with a portrait'),
    reflection: text(LIMITS.paragraph).optional().describe('a question for the learner to reflect on after the ending; the answer goes into their CPD record'),
    start: Id,
    nodes: z.array(NodeSchema).min(2),
  })
  .strict();

export const CourseSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: Text,
    version: z.number().int().min(1),
    passMark: z.number().min(0).max(100),
    scoredAttempt: z
      .enum(['first', 'best'])
      .default('first')
      .describe('which finished play of a scenario counts: "first" (default) or "best"; later plays are practice and never lower a result'),
    outcomes: z.array(text(LIMITS.paragraph)).min(1).optional().describe('what a learner will be able to do after the course (home page and CPD record)'),
    contentNote: text(LIMITS.paragraph).optional().describe('what the course depicts that may be hard to read, and where to find support (Markdown; shown on the home page)'),
    units: z
      .array(
        z
          .object({ id: Id, title: Text, description: str(LIMITS.paragraph).optional(), scenarios: z.array(Id) })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const GuidanceSchema = z
  .object({
    themes: z
      .array(z.object({ id: Id, title: Text.describe('display name'), covers: text(LIMITS.paragraph) }).strict())
      .min(1)
      .describe('the theme tags items and scenarios use, with display names'),
    items: z
      .array(
        z
          .object({
            id: GuidanceId,
            section: z.string().regex(/^(0|[1-6](\.[1-6])?)$/),
            title: Text,
            theme: Text,
            force: z.enum(['required', 'recommended', 'helpful', 'awareness']),
            efPoints: z.array(str()),
            summary: text(LIMITS.summary),
            background: text(LIMITS.paragraph).optional().describe(
              'why no decision needs to put this item at stake (it is context for the others): exempts it from the check that every helpful, recommended or required item is taught',
            ),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type ScenarioFile = z.infer<typeof ScenarioSchema>;
export type CourseFile = z.infer<typeof CourseSchema>;
export type GuidanceFile = z.infer<typeof GuidanceSchema>;
