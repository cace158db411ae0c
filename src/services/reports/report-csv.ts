/**
 * The reports as CSV: one file per table, the same figures the pages show (suppressed cells
 * are empty, with a `suppressed` column saying so), and the contact export, one row per contact
 * with codes only. In the export the day is coarsened to its ISO week, and a language used by
 * fewer contacts than the suppression threshold in the file is written as `other`: a rare
 * language at one place in one week could point at a person.
 */
import { durationBandOf } from '../../core/model/contact.ts';
import type { ContactExportRow } from '../../db/repositories/report-repository.ts';
import type {
  BookingsReport,
  CapacityReport,
  ContactsReport,
  ReachReport,
  TrendReport,
} from './report-service.ts';

type Cell = string | number | boolean | null;

const cell = (v: Cell) => {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet; quote it as text.
  const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;
}

export function contactsCsv(r: ContactsReport): string {
  const header = r.by ? [r.groupBy, r.by, 'contacts', 'suppressed'] : [r.groupBy, 'contacts', 'suppressed'];
  return toCsv(
    header,
    r.rows.map((x) =>
      r.by ? [x.key, x.series ?? '', x.contacts, x.suppressed] : [x.key, x.contacts, x.suppressed],
    ),
  );
}

export function reachCsv(r: ReachReport): string {
  return toCsv(
    ['district', 'group', 'contacts', 'suppressed', 'contact_share', 'need_share', 'reach_index'],
    r.rows.map((x) => [x.district, x.group, x.contacts, x.suppressed, x.contactShare, x.needShare, x.index]),
  );
}

export function capacityCsv(r: CapacityReport): string {
  return toCsv(
    [
      'week',
      'visits_planned',
      'visits_cancelled',
      'visits_delivered',
      'advisor_hours',
      'contacts',
      'suppressed',
      'contacts_per_advisor_hour',
    ],
    [...r.weeks, r.total].map((w) => [
      w.week,
      w.planned,
      w.cancelled,
      w.delivered,
      w.advisorHours,
      w.contacts,
      w.suppressed,
      w.contactsPerAdvisorHour,
    ]),
  );
}

export function bookingsCsv(r: BookingsReport): string {
  return toCsv(
    ['week', 'seats', 'booked', 'attended', 'no_show', 'cancelled', 'fill_rate', 'no_show_rate'],
    [...r.weeks, r.total].map((w) => [
      w.week,
      w.seats,
      w.booked,
      w.attended,
      w.noShow,
      w.cancelled,
      w.fillRate,
      w.noShowRate,
    ]),
  );
}

export function trendCsv(r: TrendReport): string {
  const rows: Cell[][] = r.points.map((p) => [
    p.week,
    p.channel,
    'observed',
    p.contacts,
    p.suppressed,
    null,
    null,
    null,
    null,
  ]);
  for (const f of r.forecast)
    rows.push([
      f.week,
      f.channel,
      'forecast',
      f.mean,
      f.suppressed,
      f.lower80,
      f.upper80,
      f.lower95,
      f.upper95,
    ]);
  return toCsv(
    ['week', 'channel', 'kind', 'contacts', 'suppressed', 'lower80', 'upper80', 'lower95', 'upper95'],
    rows,
  );
}

export function contactExportCsv(rows: readonly ContactExportRow[], threshold: number): string {
  const languages = new Map<string, number>();
  for (const r of rows) languages.set(r.language, (languages.get(r.language) ?? 0) + 1);
  return toCsv(
    [
      'week',
      'district',
      'site',
      'channel',
      'topics',
      'language',
      'age_band',
      'groups',
      'outcome',
      'referred_to',
      'duration',
    ],
    rows.map((r) => [
      r.week,
      r.district,
      r.siteId,
      r.channel,
      r.topicIds.join(' '),
      (languages.get(r.language) ?? 0) < threshold ? 'other' : r.language,
      r.ageBand,
      r.groups.join(' '),
      r.outcome,
      r.referredTo,
      durationBandOf(r.durationMinutes),
    ]),
  );
}
