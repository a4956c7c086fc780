// The scenario's content is a file of its own (src/lib/player/course.ts): the page renders once it is in.
import { ContentLoadError, loadScenario, scenarioById } from '$lib/player/course';
import type { Scenario } from '$lib/course/types';

export async function load({ params }: { params: { id: string } }): Promise<{ scenario: Scenario | null; problem: string; opening?: number }> {
  if (!scenarioById(params.id)) return { scenario: null, problem: '' };
  try {
    return { scenario: await loadScenario(params.id), problem: '' };
  } catch (e) {
    if (!(e instanceof ContentLoadError)) throw e;
    return { scenario: null, problem: e.message };
  }
}
