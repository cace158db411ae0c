/**
 * The residents' read side: where and when help is near, the week's schedule, a place's
 * visits and hours, the topic catalogue, timetables and calendar feeds. It reads only
 * published (and cancelled) visits and public fields of advisors: their languages and the
 * topics their skills cover, never who they are. Each concept has its module: `public-visits.ts`
 * (a visit as residents see it), `public-schedule.ts` (weeks, timetables, feeds),
 * `place-search.ts` (what a query names), `public-near.ts` (help near a place),
 * `public-places.ts` (place and district pages, the city's contact).
 */
import type { Lang } from '../core/i18n.ts';
import { isoDateAt } from '../core/time/civil-time.ts';
import type { ReadRepositories } from '../db/repositories.ts';
import type { AccessService } from './access-service.ts';
import { createNearSearch } from './public-near.ts';
import { createPublicPlaces } from './public-places.ts';
import { createPublicSchedule } from './public-schedule.ts';
import { createPublicVisits } from './public-visits.ts';

// The names the pages read from this service, where they have always been imported from.
export type { NearAnswer } from './public-near.ts';
export type { EmptyWeekHint } from './public-schedule.ts';
export { PUBLIC_HORIZON_DAYS, type PublicVisit } from './public-visits.ts';

export interface PublicDeps {
  readonly repos: ReadRepositories;
  readonly access: AccessService;
  readonly now: () => number;
}

export function createPublicService({ repos, access, now }: PublicDeps) {
  const visits = createPublicVisits(repos);
  const schedule = createPublicSchedule({ repos, now, visits });
  const places = createPublicPlaces({ repos, now, visits });
  return {
    today: () => isoDateAt(now()),
    districts: visits.districts,
    reference: visits.reference,
    areaShape: places.areaShape,
    districtShapes: places.districtShapes,
    topics: places.topics,
    scheduleVersion: schedule.scheduleVersion,
    contact: places.contact,
    lastPublished: schedule.lastPublished,
    emptyWeekHint: schedule.emptyWeekHint,
    near: createNearSearch({ repos, access, now, visits }),
    week: schedule.week,
    place: places.place,
    places: places.places,
    upcoming: schedule.upcoming,
    visit: schedule.visit,
  };
}

export type PublicService = ReturnType<typeof createPublicService>;

const languageNames = new Map<string, Intl.DisplayNames>();

/** Label of a language code in a language: "ruotsi", "svenska", "Swedish". */
export function languageName(lang: Lang, code: string): string {
  try {
    let names = languageNames.get(lang);
    if (!names) {
      names = new Intl.DisplayNames([lang], { type: 'language' });
      languageNames.set(lang, names);
    }
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
