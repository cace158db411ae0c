/**
 * The report's sections about the service: capacity and delivered visits, bookings, the map of
 * contacts against need per district, and the before/after comparison with its form.
 */

import type { Lang } from '../../core/i18n.ts';
import type { ReportFilter } from '../../core/reports/dimensions.ts';
import type { BeforeAfterReport, Dashboard } from '../../services/reports/report-service.ts';
import { formatDate, t } from '../messages.ts';
import { districtMap, weeklyLines } from './report-charts.ts';
import {
  Chart,
  Csv,
  Figures,
  type FilterProblem,
  filterQuery,
  localeOf,
  mondayOf,
  num,
  pct,
  type ReportNames,
  reportsPath,
  shownNum,
  weekLabel,
} from './report-parts.tsx';

export function CapacitySection({ lang, d, print }: { lang: Lang; d: Dashboard; print: boolean }) {
  const c = d.capacity;
  const visits = c.weeks.flatMap((w) => [
    { monday: mondayOf(w.week), series: t(lang, 'repSeriesPlanned'), value: w.planned },
    { monday: mondayOf(w.week), series: t(lang, 'repSeriesDelivered'), value: w.delivered },
  ]);
  const perHour = c.weeks.map((w) => ({
    monday: mondayOf(w.week),
    series: t(lang, 'repSeriesPerHour'),
    value: w.contactsPerAdvisorHour,
  }));
  const b = d.bookings;
  const rates = b.weeks.flatMap((w) => [
    { monday: mondayOf(w.week), series: t(lang, 'repSeriesFill'), value: w.fillRate },
    { monday: mondayOf(w.week), series: t(lang, 'repSeriesNoShow'), value: w.noShowRate },
  ]);
  return (
    <section aria-labelledby="capacity-heading">
      <h2 id="capacity-heading">{t(lang, 'repCapacityTitle')}</h2>
      <p>{t(lang, 'repCapacityIntro')}</p>
      <Chart
        draw={(size) =>
          weeklyLines(visits, { label: t(lang, 'repCapacityChart'), size, locale: localeOf(lang) })
        }
      />
      <Chart
        draw={(size) =>
          weeklyLines(perHour, { label: t(lang, 'repPerHourChart'), size, locale: localeOf(lang) })
        }
      />
      <Figures lang={lang} print={print}>
        <table>
          <caption>{t(lang, 'repCapacityTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'repColWeek')}</th>
              {(
                [
                  'repColPlanned',
                  'repColCancelled',
                  'repColDelivered',
                  'repColAdvisorHours',
                  'repColContacts',
                  'repColPerHour',
                ] as const
              ).map((k) => (
                <th scope="col" class="num">
                  {t(lang, k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...c.weeks, c.total].map((w) => (
              <tr>
                <th scope="row" class="nowrap">
                  {w.week === 'total' ? t(lang, 'fillVenueTotal') : weekLabel(lang, w.week)}
                </th>
                <td class="num">{num(lang, w.planned)}</td>
                <td class="num">{num(lang, w.cancelled)}</td>
                <td class="num">{num(lang, w.delivered)}</td>
                <td class="num">{num(lang, w.advisorHours, 1)}</td>
                <td class="num">{shownNum(lang, w.contacts)}</td>
                <td class="num">{shownNum(lang, w.contactsPerAdvisorHour, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figures>
      <Csv lang={lang} href={`/api/v1/reports/capacity?${filterQuery(d.filter, { format: 'csv' })}`} />
      <h3>{t(lang, 'repBookingsTitle')}</h3>
      <Chart
        draw={(size) =>
          weeklyLines(
            rates,
            { label: t(lang, 'repBookingsChart'), size, locale: localeOf(lang) },
            { percent: true },
          )
        }
      />
      <Figures lang={lang} print={print}>
        <table>
          <caption>{t(lang, 'repBookingsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'repColWeek')}</th>
              {(
                [
                  'repColSeats',
                  'repColBooked',
                  'repColAttended',
                  'repColNoShow',
                  'repColBookingCancelled',
                  'repColFill',
                  'repColNoShowRate',
                ] as const
              ).map((k) => (
                <th scope="col" class="num">
                  {t(lang, k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...b.weeks, b.total].map((w) => (
              <tr>
                <th scope="row" class="nowrap">
                  {w.week === 'total' ? t(lang, 'fillVenueTotal') : weekLabel(lang, w.week)}
                </th>
                <td class="num">{num(lang, w.seats)}</td>
                <td class="num">{shownNum(lang, w.booked)}</td>
                <td class="num">{shownNum(lang, w.attended)}</td>
                <td class="num">{shownNum(lang, w.noShow)}</td>
                <td class="num">{shownNum(lang, w.cancelled)}</td>
                <td class="num">{pct(lang, w.fillRate)}</td>
                <td class="num">{pct(lang, w.noShowRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figures>
      <Csv lang={lang} href={`/api/v1/reports/bookings?${filterQuery(d.filter, { format: 'csv' })}`} />
    </section>
  );
}

export function MapSection({
  lang,
  d,
  names,
  print,
}: {
  lang: Lang;
  d: Dashboard;
  names: ReportNames;
  print: boolean;
}) {
  const features = d.districts
    .filter((x) => names.geometry.get(x.district))
    .map((x) => ({
      name: names.districts.get(x.district) ?? x.district,
      value: x.perThousand,
      geometry: names.geometry.get(x.district),
    }));
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t(lang, 'repMapTitle')}</h2>
      <p>{t(lang, 'repMapIntro')}</p>
      {features.length > 0 ? (
        <Chart
          draw={(size) =>
            districtMap(features, {
              label: t(lang, 'repMapChart'),
              legend: t(lang, 'repMapLegend'),
              size,
              locale: localeOf(lang),
            })
          }
        />
      ) : null}
      <Figures lang={lang} print={print}>
        <table>
          <caption>{t(lang, 'repMapTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'repColDistrict')}</th>
              <th scope="col" class="num">
                {t(lang, 'repColContacts')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'repColNeed')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'repColPerThousand')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.districts.map((x) => (
              <tr>
                <th scope="row">{names.districts.get(x.district) ?? x.district}</th>
                <td class="num">{shownNum(lang, x.contacts)}</td>
                <td class="num">{shownNum(lang, x.weightedNeed)}</td>
                <td class="num">{shownNum(lang, x.perThousand, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Figures>
      <Csv
        lang={lang}
        href={`/api/v1/reports/contacts?${filterQuery(d.filter, { groupBy: 'district', format: 'csv' })}`}
      />
    </section>
  );
}

export interface BeforeAfterForm {
  readonly districts: readonly string[];
  readonly change: string;
  readonly weeks: string;
  readonly problems: readonly FilterProblem[];
  readonly result: BeforeAfterReport | null;
}

export function BeforeAfterSection({
  lang,
  f,
  form,
  names,
}: {
  lang: Lang;
  f: ReportFilter;
  form: BeforeAfterForm;
  names: ReportNames;
}) {
  const r = form.result;
  const problem = (field: string) => form.problems.find((p) => p.field === field);
  const signed = (x: number) => `${x > 0 ? '+' : ''}${num(lang, x, 1)}`;
  return (
    <section aria-labelledby="ba-heading" id="before-after">
      <h2 id="ba-heading">{t(lang, 'repBaTitle')}</h2>
      <p>{t(lang, 'repBaIntro')}</p>
      <form method="get" action={`${reportsPath(lang)}#before-after`} class="report-form no-print">
        <input type="hidden" name="from" value={f.from} />
        <input type="hidden" name="to" value={f.to} />
        <fieldset>
          <legend>{t(lang, 'repBaDistricts')}</legend>
          {problem('districts') ? <p class="field-error">{t(lang, 'repErrDistricts')}</p> : null}
          {[...names.districts.entries()].map(([id, name]) => (
            <label class="check">
              <input type="checkbox" name="ba" value={id} checked={form.districts.includes(id)} /> {name}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="ba-change">{t(lang, 'repBaChange')}</label>
          {problem('change') ? (
            <p class="field-error" id="ba-change-error">
              {t(lang, 'repErrDate')}
            </p>
          ) : null}
          <input
            id="ba-change"
            name="change"
            type="text"
            size={10}
            value={form.change}
            {...(problem('change') ? { 'aria-invalid': 'true', 'aria-describedby': 'ba-change-error' } : {})}
          />
        </div>
        <div class="field">
          <label for="ba-weeks">{t(lang, 'repBaWeeks')}</label>
          {problem('weeks') ? (
            <p class="field-error" id="ba-weeks-error">
              {t(lang, 'repErrWeeks')}
            </p>
          ) : null}
          <input
            id="ba-weeks"
            name="weeks"
            type="text"
            inputmode="numeric"
            size={3}
            value={form.weeks}
            {...(problem('weeks') ? { 'aria-invalid': 'true', 'aria-describedby': 'ba-weeks-error' } : {})}
          />
        </div>
        <button type="submit">{t(lang, 'repBaCompare')}</button>
      </form>
      {r ? (
        r.suppressed ? (
          <p role="status">{t(lang, 'repBaHidden', { n: String(r.threshold) })}</p>
        ) : (
          <>
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption>
                  {t(lang, 'repBaTitle')}: {r.districts.map((x) => names.districts.get(x) ?? x).join(', ')},{' '}
                  {formatDate(lang, r.change, false)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'repBaGroup')}</th>
                    <th scope="col" class="num">
                      {t(lang, 'repBaBefore')}
                    </th>
                    <th scope="col" class="num">
                      {t(lang, 'repBaAfter')}
                    </th>
                    <th scope="col" class="num">
                      {t(lang, 'repBaChangePct')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t(lang, 'repBaChosen')}</th>
                    <td class="num">{shownNum(lang, r.treated.before, 1)}</td>
                    <td class="num">{shownNum(lang, r.treated.after, 1)}</td>
                    <td class="num">
                      {r.treatedChangePercent === null ? '–' : `${signed(r.treatedChangePercent)} %`}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{t(lang, 'repBaRest')}</th>
                    <td class="num">{shownNum(lang, r.control.before, 1)}</td>
                    <td class="num">{shownNum(lang, r.control.after, 1)}</td>
                    <td class="num">
                      {r.controlChangePercent === null ? '–' : `${signed(r.controlChangePercent)} %`}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            {r.difference !== null && r.interval ? (
              <p role="status">
                {t(lang, 'repBaResult', {
                  diff: signed(r.difference),
                  low: signed(r.interval.low),
                  high: signed(r.interval.high),
                })}
              </p>
            ) : null}
            {r.expectedAfter !== null && r.effect !== null && r.treated.after !== null ? (
              <p>
                {t(lang, 'repBaExpected', {
                  expected: num(lang, r.expectedAfter, 1),
                  after: num(lang, r.treated.after, 1),
                  effect: signed(r.effect),
                  percent: r.effectPercent === null ? '–' : `${signed(r.effectPercent)} %`,
                })}
              </p>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
