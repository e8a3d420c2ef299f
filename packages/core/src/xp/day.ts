/**
 * The calendar day (YYYY-MM-DD) an instant falls on in a timezone. Formatters are cached: building
 * one costs far more than using it.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDayKey(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) return 'invalid-date';
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}
