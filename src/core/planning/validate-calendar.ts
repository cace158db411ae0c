/**
 * Wall times and civil dates as the plan validator reads them: its own small arithmetic (UTC,
 * no zone), so that it shares no time code with the solvers it checks.
 */

/** Minutes since midnight of an "HH:MM" wall time; NaN when it is not one. */
export const toMinutes = (t: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** ISO weekday (1 = Monday) of an ISO date, by the civil calendar (UTC arithmetic, no zone). */
export const weekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
/** Days since 1 January 1970 of an ISO date. */
export const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
