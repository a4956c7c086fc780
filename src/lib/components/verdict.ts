import type { Verdict } from '$lib/course/types';

/** Words, not colour alone, say how a choice measured up. */
export const verdictLabel: Record<Verdict, string> = {
  best: 'Strongest choice',
  acceptable: 'A reasonable choice',
  poor: 'A risky choice',
  harmful: 'A choice that causes harm',
};
