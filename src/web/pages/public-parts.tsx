/** Pieces the residents' pages share: a visit in a list, the place search form, hours, addresses. */
import { createContext, useContext } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import type { SiteSummary } from '../../core/model/site.ts';
import type { Topic } from '../../core/model/topic.ts';
import type { IsoDate, WallTime } from '../../core/time/civil-time.ts';
import type { DayHours } from '../../core/time/opening-hours.ts';
import { languageName, type PublicVisit } from '../../services/public-service.ts';
import { localePath, useCity } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';

/** "suomi, ruotsi" / "finska, svenska" / "Finnish, Swedish". */
export function visitLanguages(lang: Lang, codes: readonly string[]): string {
  return codes.map((c) => languageName(lang, c)).join(', ');
}

/**
 * Topic names in the page's language, up to `max` and then "and 2 more". Names can hold
 * commas ("Help with your phone, tablet or computer"), so they are parted by semicolons.
 */
export function topicNames(lang: Lang, topics: readonly Pick<Topic, 'name'>[], max = Infinity): string {
  const names = topics.map((x) => x.name[lang]);
  // "and 1 more" saves no room: name the last one instead.
  if (names.length <= max + 1) return names.join('; ');
  return t(lang, 'topicsMore', { topics: names.slice(0, max).join('; '), n: String(names.length - max) });
}

/**
 * A postal address on one line; in Swedish, a bilingual town by its Swedish name (the city
 * profile's `swedishPlaceNames`: from `swedishNames`, else from the profile of the page being
 * rendered).
 */
export function siteAddress(
  site: Pick<SiteSummary, 'address'>,
  lang: Lang,
  swedishNames: Readonly<Record<string, string>> = useCity()?.swedishPlaceNames ?? {},
): string {
  const city = lang === 'sv' ? (swedishNames[site.address.city] ?? site.address.city) : site.address.city;
  return [site.address.street, [site.address.postalCode, city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

export const placeHref = (lang: Lang, site: Pick<SiteSummary, 'id'>) =>
  localePath(lang, `/places/${encodeURIComponent(site.id)}`);
export const visitCalendarHref = (lang: Lang, visitId: string) =>
  localePath(lang, `/calendar/visits/${visitId}.ics`);
export const visitBookHref = (lang: Lang, visitId: string) => localePath(lang, `/visits/${visitId}/book`);

/**
 * The present moment in Helsinki for the page being rendered (the routes provide it): visits
 * not yet over get a "book a time" link. Without it no such link is shown.
 */
export const NowContext = createContext<{ readonly date: IsoDate; readonly time: WallTime } | null>(null);

export function hoursText(lang: Lang, hours: DayHours | null, today = true): string {
  if (!hours?.open) {
    const reason = hours?.specialDay?.name[lang] ?? hours?.note?.[lang];
    if (!today) return reason ? t(lang, 'closedBecause', { reason }) : t(lang, 'closedDay');
    return reason ? t(lang, 'closedTodayBecause', { reason }) : t(lang, 'closedToday');
  }
  const spans = hours.intervals
    .map((i) => t(lang, 'timeRange', { start: formatTime(lang, i.start), end: formatTime(lang, i.end) }))
    .join(', ');
  if (!today) return hours.note ? `${spans} (${hours.note[lang]})` : spans;
  return t(lang, 'openToday', { hours: spans });
}

export function travelText(lang: Lang, minutes: number | null, slow: boolean): string {
  if (minutes === null) return t(lang, 'unreachable');
  // "About 0 minutes by public transport" means the place is next door.
  if (minutes <= 3) return t(lang, 'travelWalk');
  return t(lang, slow ? 'travelMinutesSlow' : 'travelMinutes', { minutes: String(minutes) });
}

/**
 * One visit in a list: when, where, its own advisors' languages and topics (none for a cancelled
 * visit: nobody is there), cancellation, a "book a time" link while it is not over, and an "add
 * to calendar" link.
 */
export function VisitItem({
  lang,
  item,
  showDate = true,
  showPlace = true,
  travel,
}: {
  lang: Lang;
  item: PublicVisit;
  showDate?: boolean;
  showPlace?: boolean;
  travel?: string | undefined;
}) {
  const { visit, venue, languages, topics } = item;
  const cancelled = visit.status === 'cancelled';
  const time = t(lang, 'timeRange', {
    start: formatTime(lang, visit.start),
    end: formatTime(lang, visit.end),
  });
  const when = showDate ? `${formatDate(lang, visit.date)} ${time}` : time;
  const now = useContext(NowContext);
  const bookable =
    visit.status === 'published' &&
    now !== null &&
    (visit.date > now.date || (visit.date === now.date && visit.end > now.time));
  return (
    <li class={cancelled ? 'cancelled' : undefined}>
      <p class="visit-when">
        {when}
        {cancelled ? <span class="visually-hidden"> ({t(lang, 'cancelledVisit')})</span> : null}
      </p>
      {showPlace ? (
        <p>
          <a href={placeHref(lang, venue)}>{venue.name[lang]}</a>
          {siteAddress(venue, lang) ? `, ${siteAddress(venue, lang)}` : null}
        </p>
      ) : null}
      {cancelled ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: visit.cancelNote?.[lang] ?? '' })}</p>
      ) : null}
      {!cancelled && languages.length > 0 ? (
        <p>{t(lang, 'advisorsSpeak', { languages: visitLanguages(lang, languages) })}</p>
      ) : null}
      {!cancelled && topics.length > 0 ? (
        <p>{t(lang, 'helpTopics', { topics: topicNames(lang, topics, 3) })}</p>
      ) : null}
      {travel ? <p>{travel}</p> : null}
      {bookable ? (
        <p>
          <a
            class="book-link"
            href={visitBookHref(lang, visit.id)}
            aria-label={t(lang, 'bookLinkLabel', { what: `${when}, ${venue.name[lang]}` })}
          >
            {t(lang, 'bookLink')}
          </a>
        </p>
      ) : null}
      {cancelled ? null : (
        <p>
          <a
            href={visitCalendarHref(lang, visit.id)}
            aria-label={t(lang, 'addToCalendarLabel', { what: `${when}, ${venue.name[lang]}` })}
          >
            {t(lang, 'addToCalendar')}
          </a>
        </p>
      )}
    </li>
  );
}

/** "Find help near you": postal code or district, slow walking, and (with script) the location. */
export function SearchForm({ lang, q = '', slow = false }: { lang: Lang; q?: string; slow?: boolean }) {
  const city = useCity();
  return (
    <form
      method="get"
      action={localePath(lang, '/near')}
      class="search-form"
      data-locate={t(lang, 'useMyLocation')}
      data-locating={t(lang, 'locating')}
      data-failed={t(lang, 'locationFailed')}
    >
      <label for="place-q">{t(lang, 'placeLabel')}</label>
      <p class="hint" id="place-hint">
        {city ? t(lang, 'placeHint', { examples: city.searchExamples[lang] }) : t(lang, 'placeHintGeneric')}
      </p>
      <input
        type="text"
        id="place-q"
        name="q"
        value={q}
        required
        maxlength={60}
        autocomplete="postal-code"
        aria-describedby="place-hint"
      />
      <div class="check">
        <input type="checkbox" id="place-slow" name="slow" value="1" checked={slow} />
        <label for="place-slow">{t(lang, 'slowLabel')}</label>
      </div>
      <div>
        <button type="submit">{t(lang, 'searchButton')}</button>
      </div>
    </form>
  );
}
