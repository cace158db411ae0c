/** The mobile service's schedule by week, filterable by district, language and topic. */
import type { Lang } from '../../core/i18n.ts';
import type { Area } from '../../core/model/area.ts';
import type { Topic } from '../../core/model/topic.ts';
import { addDays, type IsoDate, isoWeekOf } from '../../core/time/civil-time.ts';
import { type EmptyWeekHint, languageName, type PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import { EmptyWeek } from './empty-week.tsx';
import { VisitItem } from './public-parts.tsx';

export interface ScheduleFilter {
  readonly district?: string;
  readonly language?: string;
  readonly topic?: string;
}

export interface SchedulePageProps {
  readonly lang: Lang;
  readonly monday: IsoDate;
  readonly filter: ScheduleFilter;
  readonly days: readonly { date: IsoDate; visits: readonly PublicVisit[] }[];
  readonly districts: readonly Area[];
  readonly languages: readonly string[];
  readonly topics: readonly Topic[];
  /** Filter values that were not recognised (ignored, and said so). */
  readonly ignored: readonly string[];
  /** The map's data and tiles (drawn only where JavaScript runs). */
  readonly map?: { readonly src: string; readonly tiles: string | null; readonly attribution: string };
  /** Why an empty week is empty, and where visits are (given when the week has none). */
  readonly empty?: EmptyWeekHint | undefined;
}

export function scheduleQuery(week: string | null, filter: ScheduleFilter): string {
  const params = new URLSearchParams();
  if (week) params.set('week', week);
  for (const key of ['district', 'language', 'topic'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function Select({
  id,
  label,
  value,
  options,
  lang,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  lang: Lang;
}) {
  return (
    <label for={id}>
      {label}
      <select id={id} name={id}>
        <option value="">{t(lang, 'anyOption')}</option>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SchedulePage(p: SchedulePageProps) {
  const { lang, monday, filter } = p;
  const week = isoWeekOf(monday);
  const district = p.districts.find((d) => d.id === filter.district);
  const total = p.days.reduce((n, d) => n + d.visits.length, 0);
  const collator = new Intl.Collator(lang);
  const feed = district
    ? {
        href: `/calendar/districts/${encodeURIComponent(district.id)}.ics`,
        text: t(lang, 'feedDistrict', { district: district.name[lang] }),
      }
    : { href: '/calendar/all.ics', text: t(lang, 'feedAll') };
  return (
    <Layout
      lang={lang}
      title={`${t(lang, 'scheduleTitle')} – ${t(lang, 'weekLabel')} ${Number(week.slice(6))}`}
      path={`/schedule${scheduleQuery(week, filter)}`}
      current="schedule"
      styles={p.map ? ['/assets/client/client.css'] : []}
      scripts={p.map ? ['/assets/client/public-map.js'] : []}
    >
      <h1>{t(lang, 'scheduleTitle')}</h1>
      <p>{t(lang, 'scheduleIntro')}</p>
      {p.ignored.map((value) => (
        <p class="notice">{t(lang, 'invalidFilter', { value })}</p>
      ))}
      <form method="get" action={localePath(lang, '/schedule')} class="inline-form">
        <input type="hidden" name="week" value={week} />
        <fieldset class="full">
          <legend>{t(lang, 'filterLegend')}</legend>
          <div class="inline-form">
            <Select
              id="district"
              lang={lang}
              label={t(lang, 'districtLabel')}
              value={filter.district}
              options={[...p.districts]
                .sort((a, b) => collator.compare(a.name[lang], b.name[lang]))
                .map((d) => [d.id, d.name[lang]] as const)}
            />
            <Select
              id="language"
              lang={lang}
              label={t(lang, 'languageLabel')}
              value={filter.language}
              options={p.languages.map((c) => [c, languageName(lang, c)] as const)}
            />
            <Select
              id="topic"
              lang={lang}
              label={t(lang, 'topicLabel')}
              value={filter.topic}
              options={p.topics.filter((x) => x.atMobileVisit).map((x) => [x.id, x.name[lang]] as const)}
            />
            <button type="submit">{t(lang, 'showButton')}</button>
          </div>
        </fieldset>
      </form>
      <h2 id="week-heading">
        {t(lang, 'weekHeading', {
          week: String(Number(week.slice(6))),
          from: formatDate(lang, monday, false),
          to: formatDate(lang, addDays(monday, 6), false),
        })}
      </h2>
      <nav aria-labelledby="week-heading" class="week-nav">
        <a href={localePath(lang, `/schedule${scheduleQuery(isoWeekOf(addDays(monday, -7)), filter)}`)}>
          {t(lang, 'previousWeek')}
        </a>
        <a href={localePath(lang, `/schedule${scheduleQuery(isoWeekOf(addDays(monday, 7)), filter)}`)}>
          {t(lang, 'nextWeek')}
        </a>
      </nav>
      {total === 0 ? (
        <EmptyWeek
          lang={lang}
          monday={monday}
          hint={p.empty}
          href={(w, district) =>
            localePath(lang, `/schedule${scheduleQuery(w, district ? { ...filter, district } : filter)}`)
          }
        />
      ) : null}
      {p.days
        .filter((d) => d.visits.length > 0)
        .map((d) => (
          <section class="day" aria-labelledby={`day-${d.date}`}>
            <h3 id={`day-${d.date}`}>{formatDate(lang, d.date)}</h3>
            <ul class="visit-list">
              {d.visits.map((v) => (
                <VisitItem lang={lang} item={v} showDate={false} />
              ))}
            </ul>
          </section>
        ))}
      {p.map && total > 0 ? (
        <section
          id="schedule-map"
          class="map js-only"
          aria-label={t(lang, 'publicMapLabel')}
          data-geojson={p.map.src}
          data-tiles={p.map.tiles ?? ''}
          data-attribution={p.map.attribution}
          data-labels={JSON.stringify({
            visits: t(lang, 'mapVisitsThisWeek'),
            place: t(lang, 'mapPlaceLegend'),
            district: t(lang, 'districtLabel'),
          })}
        />
      ) : null}
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{t(lang, 'calendarFeeds')}</h2>
        <p>{t(lang, 'calendarFeedsHelp')}</p>
        <ul>
          <li>
            <a href={localePath(lang, feed.href)}>{feed.text}</a>
          </li>
          {district ? (
            <li>
              <a href={localePath(lang, `/print/districts/${encodeURIComponent(district.id)}`)}>
                {t(lang, 'printDistrict', { district: district.name[lang] })}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
    </Layout>
  );
}
