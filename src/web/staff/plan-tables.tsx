/**
 * The plan page's tables: the plan's series by venue in words (with pinning, so every new plan
 * keeps a series), visits per district and week against each district's minimum, and the rules
 * the plan was made with.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import { groupSeries, type VisitSeries } from '../../core/model/visit-series.ts';
import { addDays, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { PlanDetail } from '../../services/planning/planning-service.ts';
import type { StoredSeriesPin } from '../../services/planning/series-pin-service.ts';
import { localePath } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';
import { dateList, shortDate, weekdaysText } from '../pages/series-parts.tsx';
import { RULE_ORDER, ruleValueText } from './plan-format.ts';

/** What every table of the plan page reads: the plan and the names of what it mentions. */
export interface PlanTableProps {
  readonly lang: Lang;
  readonly detail: PlanDetail;
  readonly advisorNames: ReadonlyMap<string, string>;
  readonly districtNames: ReadonlyMap<string, LocalizedText>;
  /** A venue's name in the page's language. */
  readonly venue: (id: string) => string;
}

type PlanSeries = VisitSeries<PlanDetail['visits'][number]>;

const samePinSeries = (
  p: StoredSeriesPin,
  s: { venueId: string; weekday: number; start: string; end: string },
) => p.venueId === s.venueId && p.weekday === s.weekday && p.start === s.start && p.end === s.end;

/** "every week", "every other week (not 22.12.)", "once", "some weeks". */
function rhythmText(lang: Lang, series: PlanSeries): string {
  if (series.rhythm === 'once') return t(lang, 'rhythmOnce');
  const words = t(
    lang,
    series.rhythm === 'weekly'
      ? 'rhythmWeekly'
      : series.rhythm === 'fortnightly'
        ? 'rhythmFortnightly'
        : 'rhythmIrregular',
  );
  return series.skipped.length > 0
    ? t(lang, 'rhythmSkips', { rhythm: words, dates: dateList(lang, series.skipped, 'disjunction') })
    : words;
}

const timeText = (lang: Lang, start: string, end: string) =>
  t(lang, 'timeRange', { start: formatTime(lang, start), end: formatTime(lang, end) });

const pinRhythm = (lang: Lang, every: 1 | 2) => t(lang, every === 2 ? 'rhythmFortnightly' : 'rhythmWeekly');

/**
 * The plan's series by venue, in words: weekday, time, rhythm, dates and how many advisors
 * staff it, with a button to pin it (every new plan keeps it) or, when pinned, to unpin it.
 */
export function SeriesTable(props: PlanTableProps & { readonly pins: readonly StoredSeriesPin[] }) {
  const { lang, detail } = props;
  const planId = detail.plan.id;
  const base = localePath(lang, '/planner/plans');
  const series = groupSeries(detail.visits, (v) => ({
    venueId: v.venueId,
    date: v.date,
    start: v.start,
    end: v.end,
    cancelled: false,
    languages: [],
    topicIds: [],
  })).sort(
    (a, b) =>
      props.venue(a.venueId).localeCompare(props.venue(b.venueId), lang) ||
      a.weekday - b.weekday ||
      a.start.localeCompare(b.start),
  );
  const others = props.pins.filter((p) => !series.some((s) => samePinSeries(p, s)));
  const unpinForm = (pin: StoredSeriesPin, what: string) => (
    <form method="post" action={`${base}/${planId}/pins/${pin.id}/delete`} class="inline-action">
      <button type="submit">
        {t(lang, 'unpin')}
        <span class="visually-hidden"> {what}</span>
      </button>
    </form>
  );
  return (
    <>
      <h2 id="series-heading">{t(lang, 'seriesTitle')}</h2>
      <p>{t(lang, 'seriesIntro')}</p>
      <section class="table-wrap" aria-labelledby="series-heading" tabindex={0}>
        <table id="series-table">
          <caption class="visually-hidden">{t(lang, 'seriesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colVenue')}</th>
              <th scope="col">{t(lang, 'colWeekday')}</th>
              <th scope="col">{t(lang, 'colTime')}</th>
              <th scope="col">{t(lang, 'colRhythm')}</th>
              <th scope="col">{t(lang, 'colDates')}</th>
              <th scope="col" class="num">
                {t(lang, 'colAdvisorCount')}
              </th>
              <th scope="col">{t(lang, 'colPin')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((s) => {
              const advisorIds = [...new Set(s.visits.flatMap((v) => v.advisorIds as readonly string[]))];
              const names = advisorIds
                .map((a) => props.advisorNames.get(a) ?? a)
                .sort((x, y) => x.localeCompare(y, lang));
              const pin = props.pins.find((p) => samePinSeries(p, s));
              const weekdays = weekdaysText(lang, s.weekday);
              const time = timeText(lang, s.start, s.end);
              const what = `${props.venue(s.venueId)}, ${weekdays} ${time}`;
              const first = s.dates[0] ?? detail.plan.horizonFrom;
              return (
                <tr>
                  <th scope="row">{props.venue(s.venueId)}</th>
                  <td>{weekdays}</td>
                  <td class="nowrap">{time}</td>
                  <td>{rhythmText(lang, s)}</td>
                  <td>{s.dates.map((d) => shortDate(lang, d)).join(', ')}</td>
                  <td class="num">
                    {advisorIds.length}
                    {names.length > 0 ? <span class="muted"> ({names.join(', ')})</span> : null}
                  </td>
                  <td>
                    {pin ? (
                      <>
                        <p class="pinned">
                          {t(lang, 'pinnedNote', {
                            rhythm: pinRhythm(lang, pin.every),
                            date: shortDate(lang, pin.since),
                          })}
                        </p>
                        {unpinForm(pin, what)}
                      </>
                    ) : (
                      <form method="post" action={`${base}/${planId}/pins`} class="inline-action">
                        <input type="hidden" name="venueId" value={s.venueId} />
                        <input type="hidden" name="weekday" value={String(s.weekday)} />
                        <input type="hidden" name="start" value={s.start} />
                        <input type="hidden" name="end" value={s.end} />
                        <input type="hidden" name="every" value={s.rhythm === 'fortnightly' ? '2' : '1'} />
                        <input type="hidden" name="since" value={first} />
                        <button type="submit">
                          {t(lang, 'pinSeries')}
                          <span class="visually-hidden"> {what}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {others.length > 0 ? (
        <>
          <h3 id="other-pins-heading">{t(lang, 'otherPinsTitle')}</h3>
          <p>{t(lang, 'otherPinsIntro')}</p>
          <ul aria-labelledby="other-pins-heading" class="plain pin-list">
            {others.map((p) => {
              const line = t(lang, 'pinLine', {
                venue: props.venue(p.venueId),
                weekdays: weekdaysText(lang, p.weekday),
                time: timeText(lang, p.start, p.end),
                rhythm: pinRhythm(lang, p.every),
                date: formatDate(lang, p.since, false),
              });
              return (
                <li>
                  {line} {unpinForm(p, line)}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Visits per district and week (weeks as columns) against each district's weekly minimum. */
export function DistrictWeekTable(props: PlanTableProps) {
  const { lang, detail } = props;
  const rows = detail.summary?.perDistrictWeek ?? [];
  if (rows.length === 0) return null;
  const weeks = [...new Set(rows.map((r) => r.week))].sort((a, b) => a - b);
  const districts = [...new Set(rows.map((r) => r.district))];
  const mondayOf = (week: number) => addDays(startOfIsoWeek(detail.plan.horizonFrom), (week - 1) * 7);
  return (
    <>
      <h2 id="district-heading">{t(lang, 'districtTitle')}</h2>
      <section class="table-wrap" aria-labelledby="district-heading" tabindex={0}>
        <table id="district-week-table">
          <caption class="visually-hidden">{t(lang, 'districtTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colDistrict')}</th>
              <th scope="col" class="num">
                {t(lang, 'colMinimum')}
              </th>
              {weeks.map((w) => (
                <th scope="col" class="num">
                  {t(lang, 'weekOf', { n: String(w), date: shortDate(lang, mondayOf(w)) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {districts.map((d) => {
              const own = rows.filter((r) => r.district === d);
              const minimum = Math.max(0, ...own.map((r) => r.required));
              return (
                <tr>
                  <th scope="row">{props.districtNames.get(d)?.[lang] ?? d}</th>
                  <td class="num">{minimum}</td>
                  {weeks.map((w) => {
                    const r = own.find((x) => x.week === w);
                    if (!r) return <td class="num">—</td>;
                    return (
                      <td class="num">
                        {r.visits}
                        {r.required !== minimum ? ` (${t(lang, 'colRequired')} ${r.required})` : ''}
                        {r.visits < r.required ? <strong> {t(lang, 'belowMinimum')}</strong> : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** The rules the plan was made with (older plans have none recorded). */
export function PlanRulesTable(props: PlanTableProps) {
  const { lang } = props;
  const rules = props.detail.summary?.rules;
  if (!rules) return null;
  return (
    <>
      <h2 id="rules-heading">{t(lang, 'planRulesTitle')}</h2>
      <section class="table-wrap" aria-labelledby="rules-heading" tabindex={0}>
        <table id="plan-rules-table">
          <caption class="visually-hidden">{t(lang, 'planRulesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colRule')}</th>
              <th scope="col">{t(lang, 'colValue')}</th>
            </tr>
          </thead>
          <tbody>
            {RULE_ORDER.map((rule) => (
              <tr>
                <th scope="row">{t(lang, `rule_${rule}`)}</th>
                <td>{ruleValueText(lang, rule, rules, props.venue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
