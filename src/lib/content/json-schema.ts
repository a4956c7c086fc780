/** JSON Schema (draft 2020-12) of the authored files, generated from the zod schemas. */
import { z } from 'zod';
import { CourseSchema, ScenarioSchema } from './schema';

export function schemaFiles(): Record<string, string> {
  const out = (schema: z.ZodType, title: string) =>
    JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  return {
    'scenarios/scenario.schema.json': out(ScenarioSchema, 'Scenario file (scenarios/<unit>/<id>.yaml)'),
    'scenarios/course.schema.json': out(CourseSchema, 'Course file (scenarios/course.yaml)'),
  };
}
