/**
 * The report's sections about the service: capacity and delivered visits, bookings, the map of
 * contacts against need per district, and the before/after comparison with its form.
 */

import type { Lang } from '../../core/i18n.ts';
import type { ReportFilter } from '../../core/reports/dimensions.ts';
import type {
  BeforeAfterReport,
  BookingWeek,
  CapacityWeek,
  Dashboard,
  DistrictFigure,
} from '../../services/reports/report-service.ts';
import { formatDate, t } from '../messages.ts';
import { districtMap, weeklyLines } from './report-charts.ts';
import {
  Chart,
  FigureTable,
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
  const weekOf = (w: { week: string }) =>
    w.week === 'total' ? t(lang, 'fillVenueTotal') : weekLabel(lang, w.week);
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
      <FigureTable
        lang={lang}
        print={print}
        caption={t(lang, 'repCapacityTitle')}
        rowHead={{ head: t(lang, 'repColWeek'), nowrap: true, cell: weekOf }}
        columns={[
          { head: t(lang, 'repColPlanned'), num: true, cell: (w: CapacityWeek) => num(lang, w.planned) },
          { head: t(lang, 'repColCancelled'), num: true, cell: (w: CapacityWeek) => num(lang, w.cancelled) },
          { head: t(lang, 'repColDelivered'), num: true, cell: (w: CapacityWeek) => num(lang, w.delivered) },
          {
            head: t(lang, 'repColAdvisorHours'),
            num: true,
            cell: (w: CapacityWeek) => num(lang, w.advisorHours, 1),
          },
          {
            head: t(lang, 'repColContacts'),
            num: true,
            cell: (w: CapacityWeek) => shownNum(lang, w.contacts),
          },
          {
            head: t(lang, 'repColPerHour'),
            num: true,
            cell: (w: CapacityWeek) => shownNum(lang, w.contactsPerAdvisorHour, 2),
          },
        ]}
        rows={[...c.weeks, c.total]}
        csv={`/api/v1/reports/capacity?${filterQuery(d.filter, { format: 'csv' })}`}
      />
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
      <FigureTable
        lang={lang}
        print={print}
        caption={t(lang, 'repBookingsTitle')}
        rowHead={{ head: t(lang, 'repColWeek'), nowrap: true, cell: weekOf }}
        columns={[
          { head: t(lang, 'repColSeats'), num: true, cell: (w: BookingWeek) => num(lang, w.seats) },
          { head: t(lang, 'repColBooked'), num: true, cell: (w: BookingWeek) => shownNum(lang, w.booked) },
          {
            head: t(lang, 'repColAttended'),
            num: true,
            cell: (w: BookingWeek) => shownNum(lang, w.attended),
          },
          { head: t(lang, 'repColNoShow'), num: true, cell: (w: BookingWeek) => shownNum(lang, w.noShow) },
          {
            head: t(lang, 'repColBookingCancelled'),
            num: true,
            cell: (w: BookingWeek) => shownNum(lang, w.cancelled),
          },
          { head: t(lang, 'repColFill'), num: true, cell: (w: BookingWeek) => pct(lang, w.fillRate) },
          { head: t(lang, 'repColNoShowRate'), num: true, cell: (w: BookingWeek) => pct(lang, w.noShowRate) },
        ]}
        rows={[...b.weeks, b.total]}
        csv={`/api/v1/reports/bookings?${filterQuery(d.filter, { format: 'csv' })}`}
      />
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
      <FigureTable
        lang={lang}
        print={print}
        caption={t(lang, 'repMapTitle')}
        rowHead={{
          head: t(lang, 'repColDistrict'),
          cell: (x: DistrictFigure) => names.districts.get(x.district) ?? x.district,
        }}
        columns={[
          {
            head: t(lang, 'repColContacts'),
            num: true,
            cell: (x: DistrictFigure) => shownNum(lang, x.contacts),
          },
          {
            head: t(lang, 'repColNeed'),
            num: true,
            cell: (x: DistrictFigure) => shownNum(lang, x.weightedNeed),
          },
          {
            head: t(lang, 'repColPerThousand'),
            num: true,
            cell: (x: DistrictFigure) => shownNum(lang, x.perThousand, 1),
          },
        ]}
        rows={d.districts}
        csv={`/api/v1/reports/contacts?${filterQuery(d.filter, { groupBy: 'district', format: 'csv' })}`}
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
