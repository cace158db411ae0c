/**
 * The planner's visit plans: start a plan or a repair (forms work without script), follow a
 * job (the page refreshes itself), and read a plan — its figures and proof, the objective by
 * term, what publishing changes, a calendar, every visit with why it was chosen, visits per
 * district and week, and what-ifs — then publish it.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import { isoDateAt, isoWeekday, startOfIsoWeek, wallTimeAt } from '../../core/time/civil-time.ts';
import type { PlanDetail, PlanJobRow, PlanRow } from '../../services/planning/planning-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, groupLabel, type MessageKey, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

const fmt = (lang: Lang, v: number | null, digits = 0) =>
  v === null
    ? '—'
    : v.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
const pct = (lang: Lang, v: number | null) => (v === null ? '—' : `${fmt(lang, v * 100, 2)} %`);
const key = (k: string) => k as MessageKey;
/** An instant as date and time in Helsinki. */
const stamp = (ms: number) => `${isoDateAt(ms)} ${wallTimeAt(ms)}`;

interface Named {
  readonly id: string;
  readonly name: LocalizedText;
}

export interface PlansPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly jobs: readonly PlanJobRow[];
  readonly plans: readonly PlanRow[];
  readonly advisors: readonly { id: string; displayName: string }[];
  readonly venues: readonly Named[];
  readonly defaultFrom: string;
  readonly error: string | null;
}

interface Progress {
  elapsedSeconds: number;
  incumbent: number | null;
  bound: number | null;
  gap: number | null;
}

const progressText = (lang: Lang, p: unknown) => {
  const q = p as Progress | null;
  if (!q) return '—';
  return t(lang, 'jobElapsed', {
    seconds: fmt(lang, q.elapsedSeconds),
    incumbent: fmt(lang, q.incumbent),
    bound: fmt(lang, q.bound),
    gap: pct(lang, q.gap),
  });
};

export function PlansPage(props: PlansPageProps) {
  const { lang } = props;
  const base = localePath(lang, '/planner/plans');
  return (
    <Layout lang={lang} title={t(lang, 'plansTitle')} path="/planner/plans" user={props.user} wide>
      <StaffNav lang={lang} current="plans" />
      <h1>{t(lang, 'plansTitle')}</h1>
      <p>{t(lang, 'plansIntro')}</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <h2 id="new-plan">{t(lang, 'newPlanTitle')}</h2>
      <form method="post" action={base} aria-labelledby="new-plan">
        <div class="inline-form">
          <label>
            {t(lang, 'planFrom')}
            <input name="from" type="date" required value={props.defaultFrom} />
          </label>
          <label>
            {t(lang, 'planWeeks')}
            <input name="weeks" type="number" min="1" max="26" value="4" inputmode="numeric" />
          </label>
          <label>
            {t(lang, 'planSolver')}
            <select name="solver">
              {(['auto', 'exact', 'heuristic'] as const).map((s) => (
                <option value={s}>{t(lang, key(`solver_${s}`))}</option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'planTimeLimit')}
            <input name="timeLimit" type="number" min="1" max="600" value="60" inputmode="numeric" />
          </label>
          <label class="radio">
            <input name="keepPublished" type="checkbox" value="1" checked />
            {t(lang, 'keepPublished')}
          </label>
        </div>
        <button type="submit">{t(lang, 'makePlan')}</button>
      </form>

      <h2 id="repair">{t(lang, 'repairTitle')}</h2>
      <p>{t(lang, 'repairIntro')}</p>
      <form method="post" action={`${base}/repair`} aria-label={t(lang, 'repairAbsence')}>
        <input type="hidden" name="type" value="absence" />
        <div class="inline-form">
          <label>
            {t(lang, 'absentAdvisor')}
            <select name="advisorId">
              {props.advisors.map((a) => (
                <option value={a.id}>{a.displayName}</option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'absentFrom')}
            <input name="from" type="date" required value={props.defaultFrom} />
          </label>
          <label>
            {t(lang, 'absentTo')}
            <input name="to" type="date" value={props.defaultFrom} />
          </label>
        </div>
        <button type="submit">{t(lang, 'repairAbsence')}</button>
      </form>
      <form method="post" action={`${base}/repair`} aria-label={t(lang, 'repairClosure')}>
        <input type="hidden" name="type" value="venue-closed" />
        <div class="inline-form">
          <label>
            {t(lang, 'closedVenue')}
            <select name="venueId">
              {props.venues.map((v) => (
                <option value={v.id}>{v.name[lang]}</option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'closedDate')}
            <input name="date" type="date" required value={props.defaultFrom} />
          </label>
        </div>
        <button type="submit">{t(lang, 'repairClosure')}</button>
      </form>

      <h2 id="jobs-heading">{t(lang, 'jobsTitle')}</h2>
      {props.jobs.length === 0 ? (
        <p>{t(lang, 'noneYet')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="jobs-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colCreated')}</th>
                <th scope="col">{t(lang, 'colKind')}</th>
                <th scope="col">{t(lang, 'colStatus')}</th>
                <th scope="col">{t(lang, 'colProgress')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t(lang, 'open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.jobs.map((j) => (
                <tr>
                  <td>{stamp(j.createdAtMs)}</td>
                  <td>{t(lang, key(`kind_${j.kind}`))}</td>
                  <td>{t(lang, key(`status_${j.status}`))}</td>
                  <td>{j.error ?? progressText(lang, j.progress)}</td>
                  <td>
                    <a href={`${base}/jobs/${j.id}`}>{t(lang, 'open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <h2 id="plans-heading">{t(lang, 'plansListTitle')}</h2>
      {props.plans.length === 0 ? (
        <p>{t(lang, 'noneYet')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="plans-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colCreated')}</th>
                <th scope="col">{t(lang, 'colKind')}</th>
                <th scope="col">{t(lang, 'colStatus')}</th>
                <th scope="col">{t(lang, 'colHorizon')}</th>
                <th scope="col" class="num">
                  {t(lang, 'colObjective')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'colGap')}
                </th>
                <th scope="col">
                  <span class="visually-hidden">{t(lang, 'open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.plans.map((p) => (
                <tr>
                  <td>{stamp(p.createdAtMs)}</td>
                  <td>{t(lang, key(`kind_${p.kind}`))}</td>
                  <td>{t(lang, key(`status_${p.status}`))}</td>
                  <td>
                    {formatDate(lang, p.horizonFrom, false)}–{formatDate(lang, p.horizonTo, false)}
                  </td>
                  <td class="num">{fmt(lang, p.objective)}</td>
                  <td class="num">{pct(lang, p.gap)}</td>
                  <td>
                    <a href={`${base}/${p.id}`}>{t(lang, 'open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}

export function JobPage(props: { lang: Lang; user: { displayName: string }; job: PlanJobRow }) {
  const { lang, job } = props;
  const base = localePath(lang, '/planner/plans');
  const active = job.status === 'queued' || job.status === 'running';
  return (
    <Layout
      lang={lang}
      title={t(lang, 'jobTitle')}
      path={`/planner/plans/jobs/${job.id}`}
      user={props.user}
      refreshSeconds={active ? 2 : undefined}
    >
      <StaffNav lang={lang} current="plans" />
      <h1>
        {t(lang, 'jobTitle')}: {t(lang, key(`kind_${job.kind}`))}
      </h1>
      <p role="status">
        {t(lang, 'colStatus')}: {t(lang, key(`status_${job.status}`))}. {progressText(lang, job.progress)}
      </p>
      {active ? <p>{t(lang, 'jobRunning')}</p> : null}
      {job.status === 'failed' ? (
        <p class="error" role="alert">
          {t(lang, 'jobFailed', { error: job.error ?? '' })}
        </p>
      ) : null}
      {active ? (
        <form method="post" action={`${base}/jobs/${job.id}/cancel`}>
          <button type="submit">{t(lang, 'cancelJob')}</button>
        </form>
      ) : null}
      {job.planId ? (
        <p>
          <a href={`${base}/${job.planId}`}>{t(lang, 'showPlan')}</a>
        </p>
      ) : null}
      <p>
        <a href={base}>{t(lang, 'navPlans')}</a>
      </p>
    </Layout>
  );
}

export interface PlanPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly detail: PlanDetail;
  readonly venueNames: ReadonlyMap<string, LocalizedText>;
  readonly advisorNames: ReadonlyMap<string, string>;
  readonly areaNames: ReadonlyMap<string, LocalizedText>;
  readonly districtNames: ReadonlyMap<string, LocalizedText>;
  readonly error: string | null;
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  readonly clientAvailable: boolean;
}

interface Explained {
  reached?: { areaId: string; groups: string[]; weightedNeed: number }[];
  expectedContacts?: number;
  valueIfDropped?: number;
  rhythm?: string;
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
          ['total', summary.breakdown.total],
        ] as const
      ).map(([k, v]) => [k, v] as const)
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
      <StaffNav lang={lang} current="plans" />
      <h1>{title}</h1>
      <p>
        {t(lang, 'colStatus')}: {t(lang, key(`status_${plan.status}`))} ({t(lang, key(`kind_${plan.kind}`))}).{' '}
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
                {t(lang, key(`reason_${v.reason}`))}
              </li>
            ))}
          </ul>
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
                    <th scope="row">{t(lang, key(`term_${k}`))}</th>
                    <td class="num">{fmt(lang, v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}

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
                            {v.change !== 'kept' ? ` (${t(lang, key(`change_${v.change}`))})` : ''}
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
                  <td class="num">{fmt(lang, e.expectedContacts ?? null, 1)}</td>
                  <td>{e.rhythm ? t(lang, key(`rhythm_${e.rhythm}`)) : '—'}</td>
                  <td class="num">{fmt(lang, e.valueIfDropped ?? null)}</td>
                  <td>{t(lang, key(`change_${v.change}`))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {summary ? (
        <>
          <h2 id="district-heading">{t(lang, 'districtTitle')}</h2>
          <section class="table-wrap" aria-labelledby="district-heading" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colDistrict')}</th>
                  {[...new Set(summary.perDistrictWeek.map((r) => r.week))].map((w) => (
                    <th scope="col" class="num">
                      {t(lang, 'colWeek')} {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...new Set(summary.perDistrictWeek.map((r) => r.district))].map((d) => (
                  <tr>
                    <th scope="row">{props.districtNames.get(d)?.[lang] ?? d}</th>
                    {summary.perDistrictWeek
                      .filter((r) => r.district === d)
                      .map((r) => (
                        <td class="num">
                          {r.visits} ({t(lang, 'colRequired')} {r.required})
                        </td>
                      ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
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
                          {t(lang, key(`whatIf_${w.kind}`), {
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
