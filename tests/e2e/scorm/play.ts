/** Playing the course through its UI, the way a learner does (radios by option text, buttons by name). */
import type { FrameLocator, Page } from '@playwright/test';
import { expect } from './lms';
import { scenario, stepsOf, type Step } from './plan';

/** The course's document: the harness's iframe, or a page opened on the package directly. */
export type CourseView = Page | FrameLocator;

export const heading = (view: CourseView) => view.locator('#step-heading');

/** Around each decision: called before it is submitted and once its feedback shows. */
export interface DecisionProbe {
  before?(step: Extract<Step, { kind: 'decision' }>): Promise<void>;
  after?(step: Extract<Step, { kind: 'decision' }>): Promise<void>;
}

/** Walks the steps from the scenario's current node: scenes, decisions (with their feedback), the ending. */
export async function playSteps(view: CourseView, steps: Step[], probe: DecisionProbe = {}): Promise<void> {
  for (const step of steps) {
    if (step.kind === 'scene') {
      await expect(heading(view)).toHaveText('The situation');
      await view.getByRole('button', { name: 'Continue', exact: true }).click();
    } else if (step.kind === 'decision') {
      await expect(heading(view)).toHaveText('Your decision');
      await view.getByRole('radio', { name: step.optionText, exact: true }).check();
      await probe.before?.(step);
      await view.getByRole('button', { name: 'Choose this response', exact: true }).click();
      await expect(heading(view)).toHaveText('What happened');
      await probe.after?.(step);
      await view.getByRole('button', { name: 'Continue', exact: true }).click();
    } else {
      await expect(heading(view)).toHaveText(`Outcome: ${step.outcome}`);
    }
  }
}

/** From the home page: opens a scenario by its card. */
export async function openScenario(view: CourseView, id: string): Promise<void> {
  await expect(view.getByRole('heading', { level: 2, name: 'Scenarios', exact: true })).toBeVisible();
  await view.locator('.scenario-card').getByRole('link', { name: scenario(id).title, exact: true }).click();
  await expect(view.getByRole('heading', { level: 1 })).toHaveText(scenario(id).title);
}

/** Home → the scenario's card → its path to the ending → back to the home page. */
export async function playScenario(view: CourseView, id: string, path: string[], probe?: DecisionProbe): Promise<void> {
  await openScenario(view, id);
  await playSteps(view, stepsOf(id, path), probe);
  await view.getByRole('link', { name: 'Back to scenarios', exact: true }).click();
  await expect(view.getByRole('heading', { level: 2, name: 'Scenarios', exact: true })).toBeVisible();
}

/** The state each home-page card shows: 'new', 'started' or 'done', by scenario id. */
export async function cardStates(view: CourseView, ids: string[]): Promise<Record<string, string | null>> {
  // the home page is drawn before the course has read the learner's progress: its cards show a state once it has
  await expect(view.locator('.scenario-card[data-state]').first()).toBeAttached();
  const out: Record<string, string | null> = {};
  for (const id of ids) {
    const card = view.locator('.scenario-card').filter({ has: view.getByRole('link', { name: scenario(id).title, exact: true }) });
    out[id] = await card.getAttribute('data-state');
  }
  return out;
}
