/**
 * The cast of a scenario as the player shows it: each declared person's portrait is one SVG symbol
 * per scenario (drawn at build time, see src/lib/portraits), used wherever they appear; anyone else,
 * or a person without a portrait, gets an initials avatar in a colour derived from the name.
 */
import type { Person, Scenario } from '$lib/course/types';

export const PORTRAIT_VIEWBOX = '0 0 352 352';
/** the head and shoulders of the portrait, so a face still reads at 28 px */
export const AVATAR_CROP = '32 4 288 288';

export const symbolId = (scenario: Scenario, person: Person) => `portrait-${scenario.id}-${person.id}`;

export const personById = (scenario: Scenario, id: string | undefined): Person | undefined =>
  id ? scenario.people?.find((p) => p.id === id) : undefined;

/** the practitioner the learner plays */
export const yourself = (scenario: Scenario): Person | undefined => scenario.people?.find((p) => p.you);

export const initials = (name = '') =>
  name
    .replace(/[@_.]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0])
    .join('')
    .toUpperCase();

/** one of six muted hues, always the same for the same name */
export function hueOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 6;
}

/** The sprite of one scenario's portraits, as markup (written once by the player). */
export function portraitSprite(scenario: Scenario): string {
  const symbols = (scenario.people ?? [])
    .filter((p) => p.svg)
    .map((p) => `<symbol id="${symbolId(scenario, p)}" viewBox="${PORTRAIT_VIEWBOX}">${p.svg}</symbol>`)
    .join('');
  return symbols ? `<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>${symbols}</defs></svg>` : '';
}
