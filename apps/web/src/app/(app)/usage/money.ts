/** Dollars as people read them: cents for ordinary sums, more digits for fractions of a cent. */
export function formatUsd(amount: number): string {
  const small = amount !== 0 && Math.abs(amount) < 0.01;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(amount);
}

/** Share of the budget spent, 0..1 (a zero budget counts as fully spent). */
export function spentShare(spent: number, budget: number): number {
  if (budget <= 0) return 1;
  return Math.max(0, Math.min(1, spent / budget));
}

/** Bar heights for a spend-per-day chart, as percentages of the busiest day. */
export function barHeights(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 100)));
}
