/**
 * The planners' bookings page (/planner/bookings): the published visits of one ISO week per
 * venue with bookable seats, bookings by status and the fill rate, totals per venue and for the
 * week; below, each venue's booking rule as a small form (slot length, share kept for walk-ins,
 * or back to the default). Server-rendered; works without JavaScript.
 */
import type { Lang } from '../../core/i18n.ts';
import type { SlotRule } from '../../core/model/booking.ts';
import {
  type FillCounts,
  type FillRow,
  fillRate,
  type RuleProblem,
  type WeekFill,
} from '../../services/booking/booking-staff.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export const fillPath = (lang: Lang) => localePath(lang, '/planner/bookings');

/** The rule form as sent, with its problems (for one venue). */
export interface RuleFormState {
  readonly venueId: string;
  readonly slotMinutes: string;
  readonly walkInPercent: string;
  readonly problems: readonly RuleProblem[];
}

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);
const num = (lang: Lang, n: number) => n.toLocaleString(locale(lang));
/** A share as a whole per cent, "—" when there is nothing to divide by. */
export const percent = (lang: Lang, share: number | null) =>
  share === null ? '—' : `${Math.round(share * 100).toLocaleString(locale(lang))} %`;

function CountCells({ lang, c }: { lang: Lang; c: FillCounts }) {
  return (
    <>
      <td class="num">{num(lang, c.seats)}</td>
      <td class="num">{num(lang, c.booked)}</td>
      <td class="num">{num(lang, c.attended)}</td>
      <td class="num">{num(lang, c.noShow)}</td>
      <td class="num">{num(lang, c.cancelled)}</td>
      <td class="num">{percent(lang, fillRate(c))}</td>
    </>
  );
}

const COUNT_HEADS: readonly MessageKey[] = [
  'fillColSeats',
  'fillColBooked',
  'fillColAttended',
  'fillColNoShow',
  'fillColCancelled',
  'fillColRate',
];

function VenueTable({
  lang,
  id,
  rows,
  total,
  advisorNames,
}: {
  lang: Lang;
  id: string;
  rows: readonly FillRow[];
  total: FillCounts;
  advisorNames: ReadonlyMap<string, string>;
}) {
  return (
    <section class="table-wrap" aria-labelledby={id} tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'fillColDate')}</th>
            <th scope="col">{t(lang, 'fillColTime')}</th>
            <th scope="col">{t(lang, 'fillColAdvisors')}</th>
            {COUNT_HEADS.map((k) => (
              <th scope="col" class="num">
                {t(lang, k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td class="nowrap">{formatDate(lang, r.date)}</td>
              <td class="nowrap">
                {t(lang, 'timeRange', { start: formatTime(lang, r.start), end: formatTime(lang, r.end) })}
              </td>
              <td>{r.advisorIds.map((a) => advisorNames.get(a) ?? a).join(', ')}</td>
              <CountCells lang={lang} c={r} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan={3}>
              {t(lang, 'fillVenueTotal')}
            </th>
            <CountCells lang={lang} c={total} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

const ruleText = (lang: Lang, key: 'fillRuleOwn' | 'fillRuleDefault', r: SlotRule) =>
  t(lang, key, { minutes: String(r.slotMinutes), percent: String(r.walkInPercent) });

const PROBLEM_TEXT: Record<'slotMinutes' | 'walkInPercent', MessageKey> = {
  slotMinutes: 'fillErrSlotMinutes',
  walkInPercent: 'fillErrWalkInPercent',
};

function RuleForm({
  lang,
  week,
  venue,
  defaultRule,
  state,
}: {
  lang: Lang;
  week: string;
  venue: WeekFill['rules'][number];
  defaultRule: SlotRule;
  state: RuleFormState | undefined;
}) {
  const base = `rule-${venue.venueId}`;
  const shown = venue.rule ?? defaultRule;
  const errorOf = (field: 'slotMinutes' | 'walkInPercent') => {
    const p = state?.problems.find((x) => x.field === field);
    if (!p) return null;
    return t(lang, p.problem === 'required' ? 'fillErrRequired' : PROBLEM_TEXT[field]);
  };
  const field = (name: 'slotMinutes' | 'walkInPercent', label: MessageKey) => {
    const id = `${base}-${name}`;
    const error = errorOf(name);
    return (
      <div class="rule-field">
        <label for={id}>{t(lang, label)}</label>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input
          id={id}
          name={name}
          type="text"
          inputmode="numeric"
          size={4}
          value={state ? state[name] : String(shown[name])}
          {...(error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {})}
        />
      </div>
    );
  };
  const problems = state?.problems ?? [];
  return (
    <section aria-labelledby={`${base}-heading`} class="fill-rule" id={base}>
      <h3 id={`${base}-heading`}>{venue.name[lang]}</h3>
      <p>
        {venue.rule
          ? ruleText(lang, 'fillRuleOwn', venue.rule)
          : ruleText(lang, 'fillRuleDefault', defaultRule)}
      </p>
      {problems.length > 0 ? (
        <div class="error" role="alert">
          <p>{t(lang, 'fillErrSummary')}</p>
          <ul>
            {problems.map((p) =>
              p.field === 'venueId' ? null : (
                <li>
                  <a href={`#${base}-${p.field}`}>{errorOf(p.field)}</a>
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`${fillPath(lang)}/rules`} class="fill-rule-form">
        <input type="hidden" name="venueId" value={venue.venueId} />
        <input type="hidden" name="week" value={week} />
        {field('slotMinutes', 'fillSlotMinutes')}
        {field('walkInPercent', 'fillWalkInPercent')}
        <div class="fill-rule-actions">
          <button type="submit" name="action" value="save">
            {t(lang, 'fillSave')}
          </button>
          {venue.rule ? (
            <button type="submit" name="action" value="reset">
              {t(lang, 'fillReset')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

export function BookingFillPage({
  lang,
  user,
  fill,
  weekInput,
  weekInvalid,
  notice,
  ruleForm,
}: {
  lang: Lang;
  user: { readonly displayName: string };
  fill: WeekFill;
  /** The week field as typed (kept when it was not a week). */
  weekInput: string;
  weekInvalid: boolean;
  notice: string | null;
  /** A rule form sent with problems: shown again with what was typed. */
  ruleForm?: RuleFormState | undefined;
}) {
  const base = fillPath(lang);
  const example = fill.week;
  return (
    <Layout lang={lang} title={t(lang, 'fillTitle')} path="/planner/bookings" user={user} wide>
      <StaffNav lang={lang} current="bookings" user={user} />
      <h1>{t(lang, 'fillTitle')}</h1>
      <p>{t(lang, 'fillIntro')}</p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form method="get" action={base} class="fill-week-form">
        <div class="rule-field">
          <label for="week">{t(lang, 'fillChooseWeek', { example })}</label>
          {weekInvalid ? (
            <p class="field-error" id="week-error">
              {t(lang, 'fillWeekInvalid', { example })}
            </p>
          ) : null}
          <input
            id="week"
            name="week"
            type="text"
            size={9}
            value={weekInput}
            {...(weekInvalid ? { 'aria-invalid': 'true', 'aria-describedby': 'week-error' } : {})}
          />
        </div>
        <button type="submit">{t(lang, 'fillShow')}</button>
      </form>
      <h2 id="week-heading">
        {t(lang, 'fillWeek', {
          week: String(Number(fill.week.slice(6))),
          from: formatDate(lang, fill.monday, false),
          to: formatDate(lang, fill.sunday, false),
        })}
      </h2>
      <p class="week-nav">
        <a href={`${base}?week=${fill.previous}`}>{t(lang, 'fillPrevWeek')}</a>
        <a href={`${base}?week=${fill.next}`}>{t(lang, 'fillNextWeek')}</a>
      </p>
      {fill.venues.length === 0 ? <p>{t(lang, 'fillNoVisits')}</p> : null}
      {fill.venues.map((v) => (
        <>
          <h3 id={`venue-${v.venueId}`}>{v.name?.[lang] ?? v.venueId}</h3>
          <VenueTable
            lang={lang}
            id={`venue-${v.venueId}`}
            rows={v.rows}
            total={v.total}
            advisorNames={fill.advisorNames}
          />
        </>
      ))}
      {fill.venues.length > 0 ? (
        <>
          <h3 id="week-total-heading">{t(lang, 'fillWeekTotalHeading')}</h3>
          <section class="table-wrap" aria-labelledby="week-total-heading" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'fillColPlace')}</th>
                  {COUNT_HEADS.map((k) => (
                    <th scope="col" class="num">
                      {t(lang, k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {fill.venues.map((v) => (
                  <tr>
                    <th scope="row">{v.name?.[lang] ?? v.venueId}</th>
                    <CountCells lang={lang} c={v.total} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t(lang, 'fillWeekTotal')}</th>
                  <CountCells lang={lang} c={fill.total} />
                </tr>
              </tfoot>
            </table>
          </section>
        </>
      ) : null}

      <h2 id="rules-heading">{t(lang, 'fillRulesTitle')}</h2>
      <p>
        {t(lang, 'fillRulesIntro', {
          minutes: String(fill.defaultRule.slotMinutes),
          percent: String(fill.defaultRule.walkInPercent),
        })}
      </p>
      {fill.rules.map((venue) => (
        <RuleForm
          lang={lang}
          week={fill.week}
          venue={venue}
          defaultRule={fill.defaultRule}
          state={ruleForm?.venueId === venue.venueId ? ruleForm : undefined}
        />
      ))}
    </Layout>
  );
}
