/** Shared by the server prefetch and the client view, so both ask for the same queries. */
export const DEFAULT_DAYS = 30;
export const RECENT_CALLS = 20;
export const DAY_CHOICES = [7, 30, 90] as const;
