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
export const GuidanceId = z.string().regex(/^G-(0|[1-6](\.[1-6])?)-[a-z]$/, 'guidance ids look like G-3.4-a');
export const Flag = z.string().regex(/^[a-z][a-z0-9-]*$/, 'flags are lower-case words joined by "-"');

export const MIN_POINTS = 0;
export const MAX_POINTS = 10;

const Text = z.string().trim().min(1, 'must not be empty');

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

export const ArtefactType = z.enum(['friend-request', 'message-thread', 'blog-post', 'group-post', 'email', 'notification']);

export const Artefact = z
  .object({
    type: ArtefactType,
    from: z.string().optional().describe('who it comes from'),
    title: z.string().optional().describe('blog title, email subject, group name, notification title'),
    meta: z.string().optional().describe('a line under the heading, e.g. "Closed group · 412 members"'),
    body: z.string().optional().describe('main text (Markdown subset: emphasis, lists, links)'),
    messages: z
      .array(z.object({ from: Text, text: Text, time: z.string().optional() }).strict())
      .min(1)
      .optional()
      .describe('message-thread only'),
  })
  .strict();

export const Verdict = z.enum(['best', 'acceptable', 'poor', 'harmful']);

export const OptionSchema = z
  .object({
    id: OptionId,
    text: Text.describe('what the learner chooses to do, in the first person'),
    next: Next,
    points: z.number().int('points are whole numbers').min(MIN_POINTS).max(MAX_POINTS),
    verdict: Verdict,
    consequence: Text.describe('what happens next, shown first'),
    feedback: Text.describe('why, with reference to the guidance, shown after the consequence'),
    cite: z.array(GuidanceId).min(1, 'cite at least one guidance id'),
    when: Condition.optional().describe('offer this option only when the condition holds'),
    sets: z.array(Flag).min(1).optional().describe('flags this choice sets for later nodes'),
  })
  .strict();

export const SceneSchema = z
  .object({ id: Id, kind: z.literal('scene'), text: Text, artefact: Artefact.optional(), next: Next })
  .strict();
export const DecisionSchema = z
  .object({
    id: Id,
    kind: z.literal('decision'),
    prompt: Text,
    artefact: Artefact.optional(),
    options: z.array(OptionSchema).min(2, 'a decision needs 2 to 4 options').max(4, 'a decision needs 2 to 4 options'),
  })
  .strict();
export const EndingSchema = z
  .object({ id: Id, kind: z.literal('ending'), outcome: Text, debrief: Text })
  .strict();

export const NodeSchema = z.discriminatedUnion('kind', [SceneSchema, DecisionSchema, EndingSchema]);

export const ScenarioSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: Text,
    unit: Id,
    objective: Text.describe('what the learner will be able to do'),
    minutes: z.number().int().min(1).max(60),
    themes: z.array(z.string()).min(1),
    focus: z
      .array(z.string().regex(/^[1-6](\.[1-6])?$/, 'focus sections look like "3.4"'))
      .min(1)
      .max(3)
      .describe('the GPiA 040 subsections this scenario mainly teaches, e.g. ["3.3", "3.4"]'),
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
    units: z
      .array(
        z
          .object({ id: Id, title: Text, description: z.string().optional(), scenarios: z.array(Id) })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const GuidanceSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            id: GuidanceId,
            section: z.string().regex(/^(0|[1-6](\.[1-6])?)$/),
            title: Text,
            theme: Text,
            force: z.enum(['required', 'recommended', 'helpful', 'awareness']),
            efPoints: z.array(z.string()),
            summary: Text,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type ScenarioFile = z.infer<typeof ScenarioSchema>;
export type CourseFile = z.infer<typeof CourseSchema>;
export type GuidanceFile = z.infer<typeof GuidanceSchema>;
