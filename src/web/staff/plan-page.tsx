/**
 * One visit plan: its figures and proof, problems, what publishing changes, the objective by
 * term, its rules and series, a map, a calendar, every visit with why it was chosen, visits per
 * district and week, and what-ifs — and the button that publishes a draft.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import { isoDateAt, isoWeekday, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { PartnerRequestInPlan } from '../../services/partner-request-service.ts';
import type { PlanDetail } from '../../services/planning/planning-service.ts';
import type { StoredSeriesPin } from '../../services/planning/series-pin-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, groupLabel, t } from '../messages.ts';
import { PlanCancelledBookings } from './plan-bookings.tsx';
import { fmt, pct } from './plan-format.ts';
import { PlanPartnerRequests } from './plan-partner-requests.tsx';
import { DistrictWeekTable, PlanRulesTable, SeriesTable } from './plan-tables.tsx';
import { StaffNav } from './staff-nav.tsx';

export interface PlanPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly detail: PlanDetail;
  readonly venueNames: ReadonlyMap<string, LocalizedText>;
  readonly advisorNames: ReadonlyMap<string, string>;
  readonly areaNames: ReadonlyMap<string, LocalizedText>;
  readonly districtNames: ReadonlyMap<string, LocalizedText>;
  /** Every series pin now (a series of the plan that matches one shows as pinned). */
  readonly pins: readonly StoredSeriesPin[];
  /** Accepted partner requests in the plan's weeks, with the dates that meet them (absent: not shown). */
  readonly partnerRequests?: readonly PartnerRequestInPlan[] | undefined;
  /** Open bookings at the visits publishing this draft would cancel (absent or 0: nothing said). */
  readonly cancelledBookings?: number | undefined;
  readonly error: string | null;
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  readonly clientAvailable: boolean;
}

/** A visit's explanation as the planner stores it (src/core/planning/explain.ts). */
interface Explained {
  reached?: { areaId: string; groups: string[]; weightedNeed: number }[];
  expectedContacts?: number;
  /** Absent in plans made before the planner learned contacts from the log. */
  expectedFrom?: 'need' | 'logs';
  valueIfDropped?: number;
  rhythm?: 'weekly' | 'fortnightly' | 'one-off';
  languages?: string[];
}

export function PlanPage(props: PlanPageProps) {
  const { lang, detail } = props;
  const { plan, summary, changes } = detail;
  const base = localePath(lang, '/planner/plans');
  const venue = (id: string) => props.venueNames.get(id)?.[lang] ?? id;
  const advisors = (ids: readonly string[]) => ids.map((a) => props.advisorNames.get(a) ?? a).join(', ');
  const title = t(lang, 'planTitle', {
    from: formatDate(lang, plan.horizonFrom, false),
    to: formatDate(lang, plan.horizonTo, false),
  });
  // Calendar: weeks × working days.
  const days = ['', '', '', '', ''];
  const weekdayNames = t(lang, 'weekdayShort').split(' ');
  const weeks = new Map<string, Map<number, PlanDetail['visits'][number][]>>();
  for (const v of detail.visits) {
    const monday = startOfIsoWeek(v.date);
    const weekday = isoWeekday(v.date);
    const week = weeks.get(monday) ?? new Map();
    week.set(weekday, [...(week.get(weekday) ?? []), v]);
    weeks.set(monday, week);
  }
  const terms = summary
    ? (
        [
          ['coverage', summary.breakdown.coverage],
          ['language', summary.breakdown.language],
          ['requests', summary.breakdown.requests],
          ['rhythm', -summary.breakdown.rhythm],
          ['fairness', -summary.breakdown.fairness],
          // Plans made before the continuity rule have no such term.
          ['continuity', -(summary.breakdown.continuity ?? 0)],
          ['total', summary.breakdown.total],
        ] as const
      )
        // A cost of nothing is 0, not "−0".
        .map(([k, v]) => [k, v === 0 ? 0 : v] as const)
    : [];
  return (
    <Layout
      lang={lang}
      title={title}
      path={`/planner/plans/${plan.id}`}
      user={props.user}
      wide
      styles={props.clientAvailable ? ['/assets/client/client.css'] : []}
      scripts={props.clientAvailable ? ['/assets/client/planner.js'] : []}
    >
      <StaffNav lang={lang} current="plans" user={props.user} />
      <h1>{title}</h1>
      <p>
        {t(lang, 'colStatus')}: {t(lang, `status_${plan.status}`)} ({t(lang, `kind_${plan.kind}`)}).{' '}
        {plan.publishedAtMs
          ? t(lang, 'publishedNote', { date: formatDate(lang, isoDateAt(plan.publishedAtMs)) })
          : null}
      </p>
      <p>
        {t(lang, 'planFigures', {
          visits: fmt(lang, detail.visits.length),
          objective: fmt(lang, plan.objective),
          bound: fmt(lang, plan.bound),
          gap: pct(lang, plan.gap),
          optimal: plan.optimal ? ` – ${t(lang, 'provenOptimal')}` : '',
          seconds: fmt(lang, plan.seconds, 1),
          solver: plan.solver ?? '',
        })}
      </p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {plan.status === 'draft' ? (
        <form method="post" action={`${base}/${plan.id}/publish`}>
          <button type="submit">{t(lang, 'publishPlan')}</button>
        </form>
      ) : null}

      {summary && summary.problems.length > 0 ? (
        <>
          <h2>{t(lang, 'problemsTitle')}</h2>
          <ul>
            {summary.problems.map((p) => (
              <li>{p.message}</li>
            ))}
          </ul>
        </>
      ) : null}

      {summary && (summary.seriesPins?.leftOut.length ?? 0) > 0 ? (
        <>
          <h2 id="pins-left-out-heading">{t(lang, 'pinsLeftOutTitle')}</h2>
          <ul aria-labelledby="pins-left-out-heading">
            {summary.seriesPins?.leftOut.map((p) => (
              <li>{t(lang, 'pinLeftOutVenue', { venue: venue(p.venueId) })}</li>
            ))}
          </ul>
        </>
      ) : null}

      {props.partnerRequests ? (
        <PlanPartnerRequests
          lang={lang}
          requests={props.partnerRequests}
          used={summary?.partnerRequests}
          venue={venue}
        />
      ) : null}

      <h2 id="changes-heading">{t(lang, 'changesTitle')}</h2>
      <p>
        {t(lang, 'changesSummary', {
          added: String(changes.added),
          restaffed: String(changes.restaffed.length),
          cancelled: String(changes.cancelled.length),
          kept: String(changes.kept.length),
        })}
      </p>
      {detail.cancelled.length > 0 ? (
        <>
          <h3 id="cancelled-heading">{t(lang, 'cancelledVisits')}</h3>
          <ul aria-labelledby="cancelled-heading">
            {detail.cancelled.map((v) => (
              <li>
                {formatDate(lang, v.date)} {v.start}–{v.end} {venue(v.venueId)} ({advisors(v.advisorIds)}):{' '}
                {t(lang, `reason_${v.reason}`)}
              </li>
            ))}
          </ul>
          <PlanCancelledBookings lang={lang} count={props.cancelledBookings ?? 0} />
        </>
      ) : null}

      {summary ? (
        <>
          <h2 id="terms-heading">{t(lang, 'termsTitle')}</h2>
          <section class="table-wrap" aria-labelledby="terms-heading" tabindex={0}>
            <table>
              <tbody>
                {terms.map(([k, v]) => (
                  <tr>
                    <th scope="row">{t(lang, `term_${k}`)}</th>
                    <td class="num">{fmt(lang, v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}

      <PlanRulesTable {...props} venue={venue} />

      <SeriesTable {...props} venue={venue} />

      <h2>{t(lang, 'planMapTitle')}</h2>
      <p class="muted js-hide">{t(lang, 'mapNeedsScript')}</p>
      <section
        id="plan-map"
        class="map"
        aria-label={t(lang, 'planMapLabel')}
        data-geojson={`/api/v1/plans/${plan.id}/geojson`}
        data-tiles={props.map.tiles ?? ''}
        data-attribution={props.map.attribution}
        data-labels={JSON.stringify({
          visits: t(lang, 'mapVisits'),
          venue: t(lang, 'legendVenueVisited'),
          none: t(lang, 'legendNotReached'),
        })}
      />

      <h2 id="calendar-heading">{t(lang, 'calendarTitle')}</h2>
      <section class="table-wrap" aria-labelledby="calendar-heading" tabindex={0}>
        <table class="calendar">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colWeek')}</th>
              {days.map((_, i) => (
                <th scope="col">{weekdayNames[i] ?? ''}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...weeks.entries()]
              .sort((a, b) => a[0].localeCompare(b[0]))
              .map(([monday, week]) => (
                <tr>
                  <th scope="row">{formatDate(lang, monday, false)}</th>
                  {days.map((_, i) => (
                    <td>
                      <ul class="plain">
                        {(week.get(i + 1) ?? []).map((v) => (
                          <li>
                            {v.start} {venue(v.venueId)}
                            {v.change !== 'kept' ? ` (${t(lang, `change_${v.change}`)})` : ''}
                          </li>
                        ))}
                      </ul>
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </section>

      <h2 id="visits-heading">{t(lang, 'visitsTitle')}</h2>
      <section class="table-wrap" aria-labelledby="visits-heading" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colWhen')}</th>
              <th scope="col">{t(lang, 'colVenue')}</th>
              <th scope="col">{t(lang, 'colAdvisors')}</th>
              <th scope="col">{t(lang, 'colReaches')}</th>
              <th scope="col" class="num">
                {t(lang, 'colContacts')}
              </th>
              <th scope="col">{t(lang, 'colRhythm')}</th>
              <th scope="col" class="num">
                {t(lang, 'colWorth')}
              </th>
              <th scope="col">{t(lang, 'colChangeKind')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.visits.map((v) => {
              const e = (v.explanation ?? {}) as Explained;
              const reached = e.reached ?? [];
              return (
                <tr>
                  <td>
                    {formatDate(lang, v.date)} {v.start}–{v.end}
                  </td>
                  <td>{venue(v.venueId)}</td>
                  <td>
                    {advisors(v.advisorIds)}
                    {e.languages && e.languages.length > 0 ? ` (${e.languages.join(', ')})` : ''}
                  </td>
                  <td>
                    {reached.length === 0
                      ? t(lang, 'reachesNone')
                      : reached
                          .slice(0, 3)
                          .map(
                            (r) =>
                              `${props.areaNames.get(r.areaId)?.[lang] ?? r.areaId}: ${r.groups.map((g) => groupLabel(lang, g)).join(', ')}`,
                          )
                          .join('; ') + (reached.length > 3 ? ` (+${reached.length - 3})` : '')}
                  </td>
                  <td class="num">
                    {fmt(lang, e.expectedContacts ?? null, 1)}
                    {e.expectedFrom ? (
                      <>
                        <br />
                        <span class="muted">{t(lang, `contactsFrom_${e.expectedFrom}`)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{e.rhythm ? t(lang, `rhythm_${e.rhythm}`) : '—'}</td>
                  <td class="num">{fmt(lang, e.valueIfDropped ?? null)}</td>
                  <td>{t(lang, `change_${v.change}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {summary ? (
        <>
          <DistrictWeekTable {...props} venue={venue} />
          {summary.whatIfs.length > 0 ? (
            <>
              <h2 id="whatif-heading">{t(lang, 'whatIfTitle')}</h2>
              <section class="table-wrap" aria-labelledby="whatif-heading" tabindex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t(lang, 'whatIfTitle')}</th>
                      <th scope="col" class="num">
                        {t(lang, 'colObjective')}
                      </th>
                      <th scope="col" class="num">
                        {t(lang, 'colVisitsPerWeek')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.whatIfs.map((w) => (
                      <tr>
                        <th scope="row">
                          {t(lang, `whatIf_${w.kind}`, {
                            subject:
                              w.kind === 'venue-dropped'
                                ? venue(w.subject)
                                : (props.advisorNames.get(w.subject) ?? w.subject),
                          })}
                        </th>
                        <td class="num">
                          {w.change >= 0 ? '+' : ''}
                          {fmt(lang, w.change)}
                        </td>
                        <td class="num">
                          {w.visitsChange >= 0 ? '+' : ''}
                          {fmt(lang, w.visitsChange, 1)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={base}>{t(lang, 'navPlans')}</a>
      </p>
    </Layout>
  );
}
