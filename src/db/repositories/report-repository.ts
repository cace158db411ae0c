/**
 * Aggregates for the planners' reports: counts of the anonymous contact log by one or two
 * dimensions (src/core/reports/dimensions.ts) under a period and place filter, and the visits of
 * a period with what was delivered (advisors checked in, contacts logged) and their bookings.
 * Weeks and dates are Europe/Helsinki; nothing here suppresses small counts (the service does).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ContactDimension } from '../../core/reports/dimensions.ts';
import { type Db, queryRows } from '../store.ts';

export interface ContactCountFilter {
  /** [fromMs, toMs) of logged_at. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly district: string | null;
  readonly venue: string | null;
}

export interface ContactCountRow {
  readonly keys: readonly string[];
  readonly contacts: number;
}

/** One contact as the export gives it: codes only, the day coarsened to its ISO week. */
export interface ContactExportRow {
  readonly week: string;
  readonly district: string | null;
  readonly siteId: string | null;
  readonly channel: string;
  readonly topicIds: readonly string[];
  readonly language: string;
  readonly ageBand: string;
  readonly groups: readonly string[];
  readonly outcome: string;
  readonly referredTo: string | null;
  readonly durationMinutes: number | null;
}

/** One visit of a period with what was delivered, for capacity and bookings. */
export interface ReportVisitRow {
  readonly visitId: string;
  readonly venueId: string;
  readonly district: string | null;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly status: 'published' | 'cancelled';
  readonly advisors: number;
  readonly checkedIn: number;
  readonly contacts: number;
  readonly slotMinutes: number | null;
  readonly walkInPercent: number | null;
  readonly venueSlotMinutes: number | null;
  readonly venueWalkInPercent: number | null;
  readonly booked: number;
  readonly attended: number;
  readonly noShow: number;
  readonly cancelledBookings: number;
}

const HELSINKI_TIME = sql`(c.logged_at at time zone 'Europe/Helsinki')`;

/** The SQL of a dimension's key over `contacts c left join sites s` (and its lateral joins). */
const KEY: Record<ContactDimension, SQL> = {
  week: sql`to_char(date_trunc('week', ${HELSINKI_TIME}), 'IYYY-"W"IW')`,
  district: sql`coalesce(s.district_id, 'none')`,
  venue: sql`coalesce(c.site_id, 'none')`,
  topic: sql`tp.topic`,
  language: sql`c.language`,
  ageBand: sql`c.age_band`,
  group: sql`gr.grp`,
  channel: sql`case when c.channel = 'booked' then 'booked' when s.role = 'fixed-point' then 'fixed-point' else 'mobile' end`,
  outcome: sql`c.outcome`,
};

export function createReportRepository(db: Db) {
  const rowsOf = <T>(query: SQL): Promise<T[]> => queryRows<T>(db, query);

  return {
    /** Contacts per combination of `dims` keys (rows with no contact are absent). */
    async countContacts(
      filter: ContactCountFilter,
      dims: readonly ContactDimension[],
    ): Promise<ContactCountRow[]> {
      const where: SQL[] = [
        sql`c.logged_at >= ${new Date(filter.fromMs).toISOString()}::timestamptz`,
        sql`c.logged_at < ${new Date(filter.toMs).toISOString()}::timestamptz`,
      ];
      if (filter.district) where.push(sql`s.district_id = ${filter.district}`);
      if (filter.venue) where.push(sql`c.site_id = ${filter.venue}`);
      const joins: SQL[] = [];
      if (dims.includes('topic')) joins.push(sql`cross join lateral unnest(c.topic_ids) as tp(topic)`);
      if (dims.includes('group'))
        joins.push(
          // The age band puts a contact in the age groups (the form does not ask for them again).
          sql`cross join lateral unnest(c.groups || case c.age_band when '75-plus' then array['age75plus'] when '65-74' then array['age65to74'] else array[]::text[] end) as gr(grp)`,
        );
      const keys = dims.map((d, i) => sql`${KEY[d]} as ${sql.raw(`k${i}`)}`);
      const groupBy = dims.map((_, i) => sql.raw(`k${i}`));
      const rows = await rowsOf<Record<string, unknown>>(sql`
        select ${sql.join([...keys, sql`count(*)::int as n`], sql`, `)}
        from contacts c left join sites s on s.id = c.site_id ${sql.join(joins, sql` `)}
        where ${sql.join(where, sql` and `)}
        ${dims.length > 0 ? sql`group by ${sql.join(groupBy, sql`, `)} order by ${sql.join(groupBy, sql`, `)}` : sql``}`);
      return rows.map((r) => ({
        keys: dims.map((_, i) => String(r[`k${i}`])),
        contacts: Number(r.n),
      }));
    },

    /** Every contact of the filter for the export (no ids, no advisor, no time of day). */
    async exportContacts(filter: ContactCountFilter): Promise<ContactExportRow[]> {
      const where: SQL[] = [
        sql`c.logged_at >= ${new Date(filter.fromMs).toISOString()}::timestamptz`,
        sql`c.logged_at < ${new Date(filter.toMs).toISOString()}::timestamptz`,
      ];
      if (filter.district) where.push(sql`s.district_id = ${filter.district}`);
      if (filter.venue) where.push(sql`c.site_id = ${filter.venue}`);
      const rows = await rowsOf<Record<string, unknown>>(sql`
        select ${KEY.week} as week, s.district_id, c.site_id, ${KEY.channel} as channel, c.topic_ids,
          c.language, c.age_band, c.groups, c.outcome, c.referred_to, c.duration_minutes
        from contacts c left join sites s on s.id = c.site_id
        where ${sql.join(where, sql` and `)}
        order by week, c.site_id, c.logged_at`);
      return rows.map((r) => ({
        week: String(r.week),
        district: (r.district_id as string | null) ?? null,
        siteId: (r.site_id as string | null) ?? null,
        channel: String(r.channel),
        topicIds: r.topic_ids as string[],
        language: String(r.language),
        ageBand: String(r.age_band),
        groups: r.groups as string[],
        outcome: String(r.outcome),
        referredTo: (r.referred_to as string | null) ?? null,
        durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
      }));
    },

    /** Published and cancelled visits dated from–to (both included), with what they delivered. */
    async visits(
      from: string,
      to: string,
      district: string | null,
      venue: string | null,
    ): Promise<ReportVisitRow[]> {
      const where: SQL[] = [
        sql`v.date between ${from} and ${to}`,
        sql`v.status in ('published', 'cancelled')`,
      ];
      if (district) where.push(sql`s.district_id = ${district}`);
      if (venue) where.push(sql`v.venue_id = ${venue}`);
      // One pass over each table, grouped by visit (a subquery per visit would scan the contact
      // log once per visit).
      const rows = await rowsOf<Record<string, unknown>>(sql`
        with v as (
          select v.id, v.venue_id, s.district_id, v.date::text as date, to_char(v.start, 'HH24:MI') as start,
            to_char(v."end", 'HH24:MI') as "end", v.status, v.slot_minutes, v.walk_in_percent,
            r.slot_minutes as venue_slot_minutes, r.walk_in_percent as venue_walk_in_percent
          from visits v join sites s on s.id = v.venue_id left join venue_booking_rules r on r.venue_id = v.venue_id
          where ${sql.join(where, sql` and `)}
        ),
        a as (
          select visit_id, count(*)::int as advisors, count(checked_in_at)::int as checked_in
          from visit_advisors where visit_id in (select id from v) group by visit_id
        ),
        c as (select visit_id, count(*)::int as n from contacts where visit_id in (select id from v) group by visit_id),
        b as (
          select visit_id,
            count(*) filter (where status = 'booked')::int as booked,
            count(*) filter (where status = 'attended')::int as attended,
            count(*) filter (where status = 'no-show')::int as no_show,
            count(*) filter (where status = 'cancelled')::int as cancelled_bookings
          from bookings where visit_id in (select id from v) group by visit_id
        )
        select v.*, coalesce(a.advisors, 0) as advisors, coalesce(a.checked_in, 0) as checked_in,
          coalesce(c.n, 0) as contacts, coalesce(b.booked, 0) as booked, coalesce(b.attended, 0) as attended,
          coalesce(b.no_show, 0) as no_show, coalesce(b.cancelled_bookings, 0) as cancelled_bookings
        from v left join a on a.visit_id = v.id left join c on c.visit_id = v.id left join b on b.visit_id = v.id
        order by v.date, v.start, v.venue_id`);
      const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
      return rows.map((r) => ({
        visitId: String(r.id),
        venueId: String(r.venue_id),
        district: (r.district_id as string | null) ?? null,
        date: String(r.date),
        start: String(r.start),
        end: String(r.end),
        status: r.status as 'published' | 'cancelled',
        advisors: Number(r.advisors),
        checkedIn: Number(r.checked_in),
        contacts: Number(r.contacts),
        slotMinutes: num(r.slot_minutes),
        walkInPercent: num(r.walk_in_percent),
        venueSlotMinutes: num(r.venue_slot_minutes),
        venueWalkInPercent: num(r.venue_walk_in_percent),
        booked: Number(r.booked),
        attended: Number(r.attended),
        noShow: Number(r.no_show),
        cancelledBookings: Number(r.cancelled_bookings),
      }));
    },
  };
}
