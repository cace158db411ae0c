/**
 * The planner's visit plans: start a plan or a repair (forms work without script), follow a
 * job (the page refreshes itself), and read a plan — its figures and proof, the objective by
 * term, what publishing changes, a calendar, every visit with why it was chosen, visits per
 * district and week, and what-ifs — then publish it.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import { groupSeries, type VisitSeries } from '../../core/model/visit-series.ts';
import { addDays, isoDateAt, isoWeekday, startOfIsoWeek, wallTimeAt } from '../../core/time/civil-time.ts';
import type { PartnerRequestInPlan } from '../../services/partner-request-service.ts';
import {
  type CityRules,
  type EffectiveRules,
  NUMERIC_RULES,
  type NumericRule,
  RULE_LIMITS,
} from '../../services/planning/planning-rules.ts';
import type { PlanDetail, PlanJobRow, PlanRow } from '../../services/planning/planning-service.ts';
import type { StoredSeriesPin } from '../../services/planning/series-pin-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, groupLabel, type MessageKey, t } from '../messages.ts';
import { dateList, shortDate } from '../pages/series-parts.tsx';
import { PlanCancelledBookings } from './plan-bookings.tsx';
import type { FieldErrors, NewPlanValues } from './plan-form.ts';
import { PlanPartnerRequests } from './plan-partner-requests.tsx';
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
  /** The new-plan form as typed (or its defaults) and its errors by field. */
  readonly form: NewPlanValues;
  readonly formErrors: FieldErrors;
  /** The city's default rules (filled in with the product's) and where they come from. */
  readonly cityRules: { readonly rules: EffectiveRules; readonly source: CityRules['source'] };
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

/** A rule's value in words: "no limit", "yes", venue names. */
export function ruleValueText(
  lang: Lang,
  rule: keyof EffectiveRules,
  rules: EffectiveRules,
  venueName: (id: string) => string,
): string {
  if (rule === 'allowOneOffs') return t(lang, rules.allowOneOffs ? 'ruleYes' : 'ruleNo');
  if (rule === 'allowNearFixedPoint')
    return rules.allowNearFixedPoint.length === 0
      ? t(lang, 'ruleNoVenues')
      : rules.allowNearFixedPoint.map(venueName).join(', ');
  const v = rules[rule];
  if (v === 0 && (rule === 'maxVenueMinutesPerWeek' || rule === 'maxDistrictShareFactor'))
    return t(lang, 'ruleNoLimit');
  if (v === 0 && (rule === 'minWalkFromFixedPoint' || rule === 'continuityCost')) return t(lang, 'ruleOff');
  return fmt(lang, v, Number.isInteger(v) ? 0 : 1);
}

/** The order rules are shown in. */
export const RULE_ORDER: readonly (keyof EffectiveRules)[] = [
  'maxSeriesPerVenue',
  'allowOneOffs',
  'maxVenueMinutesPerWeek',
  'maxDistrictShareFactor',
  'minVisitsPerDistrict',
  'minWalkFromFixedPoint',
  'allowNearFixedPoint',
  'continuityCost',
];

/** The rhythm rules of the new-plan form, prefilled with the city's defaults, an error next to each field. */
function RulesFieldset(props: PlansPageProps) {
  const { lang, form, formErrors } = props;
  const city = props.cityRules;
  const venueName = (id: string) => props.venues.find((v) => v.id === id)?.name[lang] ?? id;
  const defaultText = (rule: keyof EffectiveRules) =>
    t(lang, city.source === 'city' ? 'ruleCityDefault' : 'ruleProductDefault', {
      value: ruleValueText(lang, rule, city.rules, venueName),
    });
  const errorText = (rule: keyof EffectiveRules) => {
    const e = formErrors[rule as keyof FieldErrors];
    return e ? t(lang, e.key, e.params) : null;
  };
  const numberField = (rule: NumericRule) => {
    const id = `rule-${rule}`;
    const error = errorText(rule);
    const l = RULE_LIMITS[rule];
    return (
      <div class="rule-field">
        <label for={id}>{t(lang, key(`rule_${rule}`))}</label>
        <p class="hint" id={`${id}-hint`}>
          {defaultText(rule)}
        </p>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input
          id={id}
          name={rule}
          type="number"
          min={String(l.min)}
          max={String(l.max)}
          step={l.integer ? '1' : 'any'}
          inputmode={l.integer ? 'numeric' : 'decimal'}
          value={form.numbers[rule]}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          {...(error ? { 'aria-invalid': 'true' } : {})}
        />
      </div>
    );
  };
  const nearError = errorText('allowNearFixedPoint');
  const chosen = new Set(form.allowNearFixedPoint);
  return (
    <fieldset class="rules-fieldset" aria-describedby="rules-source">
      <legend>{t(lang, 'rulesLegend')}</legend>
      <p class="hint" id="rules-source">
        {t(
          lang,
          city.source === 'city'
            ? 'rulesFromCity'
            : city.source === 'invalid'
              ? 'rulesInvalid'
              : 'rulesFromProduct',
        )}
      </p>
      <input type="hidden" name="rules" value="1" />
      <div class="inline-form">
        {numberField('maxSeriesPerVenue')}
        <div class="rule-field">
          <label class="radio">
            <input
              name="allowOneOffs"
              type="checkbox"
              value="1"
              checked={form.allowOneOffs}
              aria-describedby="rule-allowOneOffs-hint"
            />
            {t(lang, 'rule_allowOneOffs')}
          </label>
          <p class="hint" id="rule-allowOneOffs-hint">
            {defaultText('allowOneOffs')}
          </p>
        </div>
        {NUMERIC_RULES.filter((r) => r !== 'maxSeriesPerVenue').map(numberField)}
      </div>
      <fieldset
        id="rule-allowNearFixedPoint"
        aria-describedby={
          nearError
            ? 'rule-allowNearFixedPoint-error rule-allowNearFixedPoint-hint'
            : 'rule-allowNearFixedPoint-hint'
        }
      >
        <legend>{t(lang, 'rule_allowNearFixedPoint')}</legend>
        <p class="hint" id="rule-allowNearFixedPoint-hint">
          {defaultText('allowNearFixedPoint')}
        </p>
        {nearError ? (
          <p class="field-error" id="rule-allowNearFixedPoint-error">
            {nearError}
          </p>
        ) : null}
        <details open={chosen.size > 0 || nearError !== null}>
          <summary>{t(lang, 'allowNearSummary', { count: String(chosen.size) })}</summary>
          <ul class="plain venue-choices">
            {props.venues.map((v) => (
              <li>
                <label class="radio">
                  <input name="allowNearFixedPoint" type="checkbox" value={v.id} checked={chosen.has(v.id)} />
                  {v.name[lang]}
                </label>
              </li>
            ))}
            {/* An id that names no venue stays in the form, marked, so it can be removed. */}
            {[...chosen]
              .filter((id) => !props.venues.some((v) => v.id === id))
              .map((id) => (
                <li>
                  <label class="radio">
                    <input
                      name="allowNearFixedPoint"
                      type="checkbox"
                      value={id}
                      checked
                      aria-invalid="true"
                    />
                    {id}
                  </label>
                </li>
              ))}
          </ul>
        </details>
      </fieldset>
    </fieldset>
  );
}

export function PlansPage(props: PlansPageProps) {
  const { lang, form } = props;
  const base = localePath(lang, '/planner/plans');
  const hasErrors = Object.keys(props.formErrors).length > 0;
  return (
    <Layout lang={lang} title={t(lang, 'plansTitle')} path="/planner/plans" user={props.user} wide>
      <StaffNav lang={lang} current="plans" user={props.user} />
      <h1>{t(lang, 'plansTitle')}</h1>
      <p>{t(lang, 'plansIntro')}</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <h2 id="new-plan">{t(lang, 'newPlanTitle')}</h2>
      <form method="post" action={base} aria-labelledby="new-plan">
        {hasErrors ? (
          <p class="error" role="alert">
            {t(lang, 'formErrors')}
          </p>
        ) : null}
        <div class="inline-form">
          <label>
            {t(lang, 'planFrom')}
            <input name="from" type="date" required value={form.from} />
          </label>
          <label>
            {t(lang, 'planWeeks')}
            <input name="weeks" type="number" min="1" max="26" value={form.weeks} inputmode="numeric" />
          </label>
          <label>
            {t(lang, 'planSolver')}
            <select name="solver">
              {(['auto', 'exact', 'heuristic'] as const).map((s) => (
                <option value={s} selected={form.solver === s}>
                  {t(lang, key(`solver_${s}`))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'planTimeLimit')}
            <input
              name="timeLimit"
              type="number"
              min="1"
              max="600"
              value={form.timeLimit}
              inputmode="numeric"
            />
          </label>
          <label class="radio">
            <input name="keepPublished" type="checkbox" value="1" checked={form.keepPublished} />
            {t(lang, 'keepPublished')}
          </label>
        </div>
        <RulesFieldset {...props} />
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
      <StaffNav lang={lang} current="plans" user={props.user} />
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
function SeriesTable(props: PlanPageProps & { venue: (id: string) => string }) {
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
              const weekdays = t(lang, key(`weekdays_${s.weekday}`));
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
                weekdays: t(lang, key(`weekdays_${p.weekday}`)),
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
function DistrictWeekTable(props: PlanPageProps) {
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
function PlanRulesTable(props: PlanPageProps & { venue: (id: string) => string }) {
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
                <th scope="row">{t(lang, key(`rule_${rule}`))}</th>
                <td>{ruleValueText(lang, rule, rules, props.venue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

interface Explained {
  reached?: { areaId: string; groups: string[]; weightedNeed: number }[];
  expectedContacts?: number;
  /** Absent in plans made before the planner learned contacts from the log. */
  expectedFrom?: 'need' | 'logs';
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
                {t(lang, key(`reason_${v.reason}`))}
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
                    <th scope="row">{t(lang, key(`term_${k}`))}</th>
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
                  <td class="num">
                    {fmt(lang, e.expectedContacts ?? null, 1)}
                    {e.expectedFrom ? (
                      <>
                        <br />
                        <span class="muted">{t(lang, key(`contactsFrom_${e.expectedFrom}`))}</span>
                      </>
                    ) : null}
                  </td>
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
          <DistrictWeekTable {...props} />
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
