/** The bench's budgets (README, "Benchmark and budgets") and how a result is judged against them. */
import { CHECK_40_BUDGET_MS } from './check-40';

export const BUDGETS = {
  first_content_ratio: 2,
  first_decision_ratio: 3,
  main_thread_ms: 40,
  start_bytes: 60 * 1024,
  /** first content of the 170-scenario library ÷ first content of the course */
  first_content_growth: 1.15,
  commits_per_decision: 1,
  suspend_data_chars_max: 1000,
  compile_ms_1000: 2000,
  compile_growth: 12,
  /** the content check of one 40-decision scenario, strictly under (tests/bench/check-40.ts) */
  check_ms_40_decisions: CHECK_40_BUDGET_MS,
};
export const LARGE = 170;

export type Result = Record<string, unknown> & { budgets: typeof BUDGETS };

/** Each budgeted figure with its value and whether it is within budget. */
export function judge(r: Record<string, unknown>): { name: string; value: number; budget: number; ok: boolean; below?: boolean }[] {
  const b = BUDGETS;
  const get = (k: string): number => k.split('.').reduce((o: unknown, p) => (o as Record<string, unknown>)?.[p], r) as number;
  const rows: [string, number, number, boolean?][] = [
    ['first_content_ratio', get('first_content_ratio'), b.first_content_ratio],
    ['first_decision_ratio', get('first_decision_ratio'), b.first_decision_ratio],
    ['main_thread_ms', get('main_thread_ms'), b.main_thread_ms],
    ['start_bytes', get('start_bytes'), b.start_bytes],
    ['first_content_growth', get('first_content_growth'), b.first_content_growth],
    ['commits_per_decision', get('commits_per_decision'), b.commits_per_decision],
    ['suspend_data_chars_max', get('suspend_data_chars_max'), b.suspend_data_chars_max],
    ['compile_ms.1000', get('compile_ms.1000'), b.compile_ms_1000],
    ['compile_growth', get('compile_growth'), b.compile_growth],
    ['check_ms_40_decisions', get('check_ms_40_decisions'), b.check_ms_40_decisions, true],
  ];
  // a figure that could not be measured (NaN, missing) fails too
  // `below`: the budget is a bound the figure must stay strictly under
  return rows.map(([name, value, budget, below]) => ({ name, value, budget, below, ok: Number.isFinite(value) && (below ? value < budget : value <= budget) }));
}
