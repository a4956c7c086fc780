import type { Option, Verdict } from '$lib/course/types';
import { htmlToText } from '$lib/engine/text';

/** Words, not colour alone, say how a choice measured up. */
export const verdictLabel: Record<Verdict, string> = {
  best: 'Strongest choice',
  acceptable: 'A reasonable choice',
  poor: 'A risky choice',
  harmful: 'A choice that causes harm',
};

/** a shape per verdict, beside the words (never alone) */
export const verdictIcon: Record<Verdict, string> = { best: '★', acceptable: '✓', poor: '!', harmful: '✕' };

/** The one-line takeaway: the author's, or the first sentence of the feedback when there is none. */
export function takeawayOf(o: Option): string {
  if (o.takeaway) return o.takeaway;
  const text = htmlToText(o.feedback);
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/** "1 point", "3 points" */
export const pointsText = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;
