import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type AreaId, asAreaId, asSiteId, type SiteId } from '../../core/ids.ts';
import type { Site, SiteKind, SiteRole, SiteSummary } from '../../core/model/site.ts';
import type { IsoWeekday } from '../../core/time/civil-time.ts';
import type { HoursException, TimeInterval } from '../../core/time/opening-hours.ts';
import { siteHoursExceptions, sites, siteValidity, siteWeeklyHours } from '../schema/network.ts';
import type { Db } from '../store.ts';
import { chunk, excludedSet, localizedOrNull, toWallTime } from './rows.ts';

type SiteRow = typeof sites.$inferSelect;

export interface SiteFilter {
  readonly role?: SiteRole;
  readonly kind?: SiteKind;
  readonly districtId?: AreaId;
  readonly ids?: readonly string[];
}

/** Who and where a site is, from its row (no hours). */
function summaryOf(r: SiteRow): SiteSummary {
  return {
    id: asSiteId(r.id),
    role: r.role as SiteRole,
    kind: r.kind as SiteKind,
    name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
    address: { street: r.streetAddress, postalCode: r.postalCode, city: r.city },
    location: { lat: r.lat, lon: r.lon },
    areaId: r.areaId === null ? null : asAreaId(r.areaId),
    districtId: r.districtId === null ? null : asAreaId(r.districtId),
    accessibility: localizedOrNull(r.accessibilityFi, r.accessibilitySv, r.accessibilityEn),
  };
}

export function createSiteRepository(db: Db) {
  async function hydrate(rows: SiteRow[]): Promise<Site[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [validity, weekly, exceptions] = await Promise.all([
      db.select().from(siteValidity).where(inArray(siteValidity.siteId, ids)).orderBy(asc(siteValidity.id)),
      db
        .select()
        .from(siteWeeklyHours)
        .where(inArray(siteWeeklyHours.siteId, ids))
        .orderBy(asc(siteWeeklyHours.weekday), asc(siteWeeklyHours.opens)),
      db
        .select()
        .from(siteHoursExceptions)
        .where(inArray(siteHoursExceptions.siteId, ids))
        .orderBy(asc(siteHoursExceptions.date), asc(siteHoursExceptions.opens)),
    ]);
    const group = <T extends { siteId: string }>(list: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of list) m.set(x.siteId, [...(m.get(x.siteId) ?? []), x]);
      return m;
    };
    const v = group(validity);
    const w = group(weekly);
    const e = group(exceptions);
    return rows.map((r) => {
      const exceptionsByDate = new Map<
        string,
        { intervals: TimeInterval[]; row: (typeof exceptions)[number] }
      >();
      for (const x of e.get(r.id) ?? []) {
        const entry = exceptionsByDate.get(x.date) ?? { intervals: [], row: x };
        if (x.opens !== null && x.closes !== null) {
          entry.intervals.push({ start: toWallTime(x.opens), end: toWallTime(x.closes) });
        }
        exceptionsByDate.set(x.date, entry);
      }
      const siteExceptions: HoursException[] = [...exceptionsByDate.entries()].map(
        ([date, { intervals, row }]) => ({
          date,
          intervals,
          note: localizedOrNull(row.noteFi, row.noteSv, row.noteEn),
        }),
      );
      return {
        ...summaryOf(r),
        locationAccuracyMeters: r.locationAccuracyMeters,
        partnerOrganisation: r.partnerOrganisation,
        capacityDesks: r.capacityDesks,
        validity: (v.get(r.id) ?? []).map((x) => ({ from: x.validFrom, to: x.validTo })),
        weeklyHours: (w.get(r.id) ?? []).map((x) => ({
          weekday: x.weekday as IsoWeekday,
          opens: toWallTime(x.opens),
          closes: toWallTime(x.closes),
          validFrom: x.validFrom,
          validTo: x.validTo,
        })),
        exceptions: siteExceptions,
        openOnPublicHolidays: r.openOnPublicHolidays,
        source: r.source,
        illustrative: r.illustrative,
      };
    });
  }

  return {
    async list(filter: SiteFilter = {}): Promise<Site[]> {
      const where: SQL[] = [];
      if (filter.role) where.push(eq(sites.role, filter.role));
      if (filter.kind) where.push(eq(sites.kind, filter.kind));
      if (filter.districtId) where.push(eq(sites.districtId, filter.districtId));
      if (filter.ids) {
        if (filter.ids.length === 0) return [];
        where.push(inArray(sites.id, [...filter.ids]));
      }
      const rows = await db
        .select()
        .from(sites)
        .where(where.length ? sql.join(where, sql` and `) : undefined)
        .orderBy(asc(sites.id));
      return hydrate(rows);
    },

    /** Sites without their hours and validity (one query, for lists that only name places). */
    async listPlaces(): Promise<SiteSummary[]> {
      return (await db.select().from(sites).orderBy(asc(sites.id))).map(summaryOf);
    },

    async get(id: SiteId): Promise<Site | undefined> {
      const rows = await db.select().from(sites).where(eq(sites.id, id));
      return (await hydrate(rows))[0];
    },

    async existingIds(ids: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (const part of chunk(ids, 1)) {
        if (part.length === 0) continue;
        for (const r of await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, part)))
          found.add(r.id);
      }
      return found;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sites);
      return row?.n ?? 0;
    },

    /** Inserts or updates by id and replaces each site's hours, exceptions and validity. Call inside a transaction. */
    async upsert(list: readonly Site[]): Promise<void> {
      if (list.length === 0) return;
      const rows = list.map((s) => ({
        id: s.id,
        role: s.role,
        kind: s.kind,
        nameFi: s.name.fi,
        nameSv: s.name.sv,
        nameEn: s.name.en,
        streetAddress: s.address.street,
        postalCode: s.address.postalCode,
        city: s.address.city,
        lat: s.location.lat,
        lon: s.location.lon,
        locationAccuracyMeters: s.locationAccuracyMeters,
        areaId: s.areaId,
        districtId: s.districtId,
        partnerOrganisation: s.partnerOrganisation,
        accessibilityFi: s.accessibility?.fi ?? null,
        accessibilitySv: s.accessibility?.sv ?? null,
        accessibilityEn: s.accessibility?.en ?? null,
        capacityDesks: s.capacityDesks,
        openOnPublicHolidays: s.openOnPublicHolidays,
        source: s.source,
        illustrative: s.illustrative,
      }));
      for (const part of chunk(rows, 23)) {
        await db
          .insert(sites)
          .values(part)
          .onConflictDoUpdate({ target: sites.id, set: excludedSet(sites) });
      }
      const ids = list.map((s) => s.id as string);
      for (const part of chunk(ids, 1)) {
        await db.delete(siteValidity).where(inArray(siteValidity.siteId, part));
        await db.delete(siteWeeklyHours).where(inArray(siteWeeklyHours.siteId, part));
        await db.delete(siteHoursExceptions).where(inArray(siteHoursExceptions.siteId, part));
      }
      const validity = list.flatMap((s) =>
        s.validity.map((p) => ({ siteId: s.id, validFrom: p.from, validTo: p.to })),
      );
      const weekly = list.flatMap((s) =>
        s.weeklyHours.map((h) => ({
          siteId: s.id,
          weekday: h.weekday,
          opens: h.opens,
          closes: h.closes,
          validFrom: h.validFrom,
          validTo: h.validTo,
        })),
      );
      const exceptions = list.flatMap((s) =>
        s.exceptions.flatMap((x): (typeof siteHoursExceptions.$inferInsert)[] => {
          const note = { noteFi: x.note?.fi ?? null, noteSv: x.note?.sv ?? null, noteEn: x.note?.en ?? null };
          if (x.intervals.length === 0)
            return [{ siteId: s.id, date: x.date, opens: null, closes: null, ...note }];
          return x.intervals.map((i) => ({
            siteId: s.id,
            date: x.date,
            opens: i.start,
            closes: i.end,
            ...note,
          }));
        }),
      );
      for (const part of chunk(validity, 3)) await db.insert(siteValidity).values(part);
      for (const part of chunk(weekly, 6)) await db.insert(siteWeeklyHours).values(part);
      for (const part of chunk(exceptions, 7)) await db.insert(siteHoursExceptions).values(part);
    },

    /** Closes a site for a whole day (replacing that day's exceptions), with a note for residents. */
    async replaceDayClosed(
      siteId: string,
      date: string,
      note: { fi: string; sv: string; en: string } | null,
    ) {
      await db
        .delete(siteHoursExceptions)
        .where(sql`${siteHoursExceptions.siteId} = ${siteId} and ${siteHoursExceptions.date} = ${date}`);
      await db.insert(siteHoursExceptions).values({
        siteId,
        date,
        opens: null,
        closes: null,
        noteFi: note?.fi ?? null,
        noteSv: note?.sv ?? null,
        noteEn: note?.en ?? null,
      });
    },
  };
}

export type SiteRepository = ReturnType<typeof createSiteRepository>;
