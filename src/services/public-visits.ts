/**
 * A visit as residents see it, and what every list of visits reads with it. Residents see only
 * published and cancelled visits, and of the advisors only the languages they speak and the
 * topics their skills cover, never who they are.
 */
import type { PublicAdvisor } from '../core/model/advisor.ts';
import type { Area } from '../core/model/area.ts';
import type { SiteSummary } from '../core/model/site.ts';
import type { Topic } from '../core/model/topic.ts';
import type { Visit } from '../core/model/visit.ts';
import { staffLanguages } from '../core/model/visit-series.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';

/** A published or cancelled visit as residents see it. */
export interface PublicVisit {
  readonly visit: Visit;
  readonly venue: SiteSummary;
  /** Languages the visit's own advisors speak (ISO 639-1), sorted. */
  readonly languages: readonly string[];
  /** Topics the visit's own advisors can help with, in catalogue order. */
  readonly topicIds: readonly string[];
  /** The same topics with their names. */
  readonly topics: readonly Topic[];
}

/** Places, advisors' public fields, topics, districts and spoken languages, by id where it helps. */
export interface PublicReference {
  readonly places: ReadonlyMap<string, SiteSummary>;
  readonly advisors: ReadonlyMap<string, PublicAdvisor>;
  readonly topics: readonly Topic[];
  readonly districts: readonly Area[];
  /** Languages the active advisors speak, for the schedule's filter. */
  readonly languages: readonly string[];
}

/** How far ahead residents see visits. */
export const PUBLIC_HORIZON_DAYS = 56;

function topicsOf(advisors: readonly PublicAdvisor[], topics: readonly Topic[]): Topic[] {
  const skills = new Set(advisors.flatMap((a) => a.skills));
  return topics.filter((t) => t.atMobileVisit && (t.requiredSkill === null || skills.has(t.requiredSkill)));
}

export function createPublicVisits(repos: ReadRepositories) {
  async function districts(): Promise<Area[]> {
    return repos.areas.list({ kind: 'district', withGeometry: false });
  }

  /** What every list of visits needs besides the visits, read once per page. */
  async function reference(): Promise<PublicReference> {
    const [places, advisors, topics, districtList] = await Promise.all([
      repos.sites.listPlaces(),
      repos.advisors.listPublic(),
      repos.topics.list(),
      districts(),
    ]);
    return {
      places: new Map(places.map((s) => [s.id as string, s])),
      advisors: new Map(advisors.map((a) => [a.id as string, a])),
      topics,
      districts: districtList,
      languages: [...new Set(advisors.filter((a) => a.active).flatMap((a) => a.languages))].sort(),
    };
  }

  /**
   * Visits with their venue, and the languages and topics of the advisors staffed on each visit
   * itself (never of a series it belongs to: another date may have other advisors).
   */
  function decorate(visits: readonly Visit[], ref: PublicReference): PublicVisit[] {
    return visits.flatMap((visit) => {
      const venue = ref.places.get(visit.venueId);
      if (!venue) return [];
      const staff = visit.advisorIds.flatMap((id) => ref.advisors.get(id) ?? []);
      const topics = topicsOf(staff, ref.topics);
      return [{ visit, venue, languages: staffLanguages(staff), topicIds: topics.map((t) => t.id), topics }];
    });
  }

  /** Published and cancelled visits dated in [from, to]. */
  async function visitsBetween(from: IsoDate, to: IsoDate, ref?: PublicReference): Promise<PublicVisit[]> {
    const [visits, r] = await Promise.all([
      repos.plans.listScheduled(from, to, ['published', 'cancelled']),
      ref ?? reference(),
    ]);
    return decorate(visits, r);
  }

  return { districts, reference, decorate, visitsBetween };
}

export type PublicVisits = ReturnType<typeof createPublicVisits>;
