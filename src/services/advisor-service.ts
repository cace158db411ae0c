/**
 * The advisors' app, read side and check-ins: the signed-in advisor's visits of this week
 * (Monday to Sunday of the app's clock, Europe/Helsinki) as residents see them (languages and
 * topics of the visit's own advisors), with the venue's hours on the day and the advisor's
 * check-in and check-out times; what the contact form offers. Check-in and check-out store the
 * app's clock once per visit and advisor (a second one changes nothing).
 */

import { asAdvisorId } from '../core/ids.ts';
import { type Site, scheduleOf } from '../core/model/site.ts';
import type { StaffUser } from '../core/model/staff.ts';
import type { Topic } from '../core/model/topic.ts';
import { addDays, type IsoDate, isoDateAt, startOfIsoWeek, wallTimeAt } from '../core/time/civil-time.ts';
import { type DayHours, hoursOn } from '../core/time/opening-hours.ts';
import type { VisitAttendance } from '../db/repositories/contact-repository.ts';
import { inTransaction, type ReadRepositories, type Repositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { writeAudit } from './audit-service.ts';
import { loadHolidayCalendar } from './catalog-service.ts';
import { AGE_GROUPS, contactGroups } from './contact-groups.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { PublicService, PublicVisit } from './public-service.ts';

/** One of the advisor's visits, with the venue's hours that day and the advisor's own times. */
export interface AdvisorVisit {
  readonly item: PublicVisit;
  /** The venue with its hours and accessibility (null if it is gone from the data). */
  readonly site: Site | null;
  /** The venue's opening hours on the visit's date. */
  readonly hours: DayHours | null;
  readonly checkedInAtMs: number | null;
  readonly checkedOutAtMs: number | null;
  readonly today: boolean;
}

export interface AdvisorWeek {
  readonly today: IsoDate;
  readonly monday: IsoDate;
  readonly sunday: IsoDate;
  /** False: the account works as no advisor, so it has no visits. */
  readonly linked: boolean;
  /** Today's visits first (by time), then the rest of the week by date and time. */
  readonly visits: readonly AdvisorVisit[];
  /** The visit a contact logged now most likely belongs to (null: none today). */
  readonly currentVisitId: string | null;
}

export interface ContactFormData {
  readonly week: AdvisorWeek;
  /** Visits a contact may be logged for: today's, and `preselect` if it is another of the week's. */
  readonly visits: readonly AdvisorVisit[];
  /** The visit checked on the form (null: none). */
  readonly selectedVisitId: string | null;
  readonly topics: readonly Topic[];
  /** Language codes: the selected visit's languages first, then Finnish, Swedish, English and the rest. */
  readonly languages: readonly string[];
  /** Target groups the form asks for (the age band tells the others). */
  readonly groups: readonly string[];
}

/**
 * Which visit a contact logged now belongs to: the one checked into and not out, else the one
 * going on, else the next one today, else today's last one.
 */
export function currentVisitOf(visits: readonly AdvisorVisit[], nowMs: number): string | null {
  const today = visits.filter((v) => v.today && v.item.visit.status === 'published');
  const time = wallTimeAt(nowMs);
  const pick =
    today.find((v) => v.checkedInAtMs !== null && v.checkedOutAtMs === null) ??
    today.find((v) => v.item.visit.start <= time && time < v.item.visit.end) ??
    today.find((v) => time < v.item.visit.start) ??
    today.at(-1);
  return pick?.item.visit.id ?? null;
}

const audit = (
  tx: Repositories,
  user: StaffUser,
  action: string,
  visitId: string,
  advisorId: string,
  t: number,
) =>
  writeAudit(tx, t, { actor: user, action, targetType: 'visit', targetId: visitId, details: { advisorId } });

export function createAdvisorService(deps: {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly publicSite: PublicService;
  readonly now: () => number;
}) {
  const { store, repos, publicSite, now } = deps;

  async function week(user: StaffUser): Promise<AdvisorWeek> {
    const t = now();
    const today = isoDateAt(t);
    const monday = startOfIsoWeek(today);
    const sunday = addDays(monday, 6);
    const advisorId = user.advisorId;
    if (!advisorId) return { today, monday, sunday, linked: false, visits: [], currentVisitId: null };
    const [all, attendance, sites, calendar] = await Promise.all([
      publicSite.upcoming({}, 7, monday),
      repos.contacts.listAttendance(advisorId, monday, sunday),
      repos.sites.list(),
      loadHolidayCalendar(repos),
    ]);
    const times = new Map<string, VisitAttendance>(attendance.map((a) => [a.visitId, a]));
    const siteById = new Map<string, Site>(sites.map((s) => [s.id as string, s]));
    const visits = all
      .filter((v) => v.visit.advisorIds.includes(asAdvisorId(advisorId)))
      .map((item): AdvisorVisit => {
        const site = siteById.get(item.venue.id) ?? null;
        const own = times.get(item.visit.id);
        return {
          item,
          site,
          hours: site ? hoursOn(scheduleOf(site), item.visit.date, calendar) : null,
          checkedInAtMs: own?.checkedInAtMs ?? null,
          checkedOutAtMs: own?.checkedOutAtMs ?? null,
          today: item.visit.date === today,
        };
      })
      .sort((a, b) => Number(b.today) - Number(a.today));
    return { today, monday, sunday, linked: true, visits, currentVisitId: currentVisitOf(visits, t) };
  }

  /** The advisor's own visit that may be checked into or out of now: published, today. */
  async function todaysVisit(user: StaffUser, visitId: string) {
    if (!user.advisorId) throw new NotFoundError('this account is not linked to an advisor', 'visit');
    const [visit] = await repos.plans.listVisitsById([visitId]);
    if (!visit?.advisorIds.includes(asAdvisorId(user.advisorId)))
      throw new NotFoundError(`visit ${visitId} is not one of your visits`, 'visit', {
        code: 'advNotYourVisit',
        params: {},
      });
    if (visit.status !== 'published')
      throw new ConflictError(`visit ${visitId} is cancelled`, 'visit', {
        code: 'advVisitCancelled',
        params: {},
      });
    if (visit.date !== isoDateAt(now()))
      throw new ConflictError(`visit ${visitId} is on ${visit.date}, not today`, 'visit', {
        code: 'advVisitNotToday',
        params: {},
      });
    return { advisorId: user.advisorId, visit };
  }

  return {
    week,

    /** Records the arrival (the first check-in's time is kept). */
    async checkIn(user: StaffUser, visitId: string): Promise<VisitAttendance> {
      const { advisorId } = await todaysVisit(user, visitId);
      const t = now();
      const done = await inTransaction(store, async (tx) => {
        const set = await tx.contacts.setCheckedIn(advisorId, visitId, t);
        // A repeated check-in keeps the first time and is not logged again.
        if (set?.changed) await audit(tx, user, 'visit.check-in', visitId, advisorId, t);
        return set?.attendance;
      });
      if (!done) throw new NotFoundError(`visit ${visitId} is not one of your visits`, 'visit');
      return done;
    },

    /** Records the departure after a check-in (the first check-out's time is kept). */
    async checkOut(user: StaffUser, visitId: string): Promise<VisitAttendance> {
      const { advisorId } = await todaysVisit(user, visitId);
      const t = now();
      const done = await inTransaction(store, async (tx) => {
        const set = await tx.contacts.setCheckedOut(advisorId, visitId, t);
        if (set?.changed) await audit(tx, user, 'visit.check-out', visitId, advisorId, t);
        return set?.attendance;
      });
      if (!done)
        throw new ConflictError(`check in to visit ${visitId} first`, 'visit', {
          code: 'advCheckInFirst',
          params: {},
        });
      return done;
    },

    /** What the contact form offers; `preselect` is a visit id from the day view's link. */
    async contactForm(user: StaffUser, preselect?: string): Promise<ContactFormData> {
      const [w, topics, reference] = await Promise.all([
        week(user),
        repos.topics.list(),
        publicSite.reference(),
      ]);
      const open = w.visits.filter((v) => v.item.visit.status === 'published');
      const chosen = open.find((v) => v.item.visit.id === preselect);
      const visits = open.filter((v) => v.today || v === chosen);
      const selectedVisitId = chosen?.item.visit.id ?? w.currentVisitId;
      const selected = visits.find((v) => v.item.visit.id === selectedVisitId);
      const languages = [
        ...new Set([...(selected?.item.languages ?? []), 'fi', 'sv', 'en', ...reference.languages]),
      ];
      return {
        week: w,
        visits,
        selectedVisitId: selected ? selectedVisitId : null,
        topics,
        languages,
        groups: (await contactGroups(repos)).filter((g) => !AGE_GROUPS.includes(g)),
      };
    },
  };
}

export type AdvisorService = ReturnType<typeof createAdvisorService>;
