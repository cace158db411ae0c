/**
 * The report's sections about contacts: per week by channel with the trend and forecast, who
 * is served (topic, language, age band, target group), and reach against need per district.
 */

import type { Lang } from '../../core/i18n.ts';
import { type ContactDimension, REPORT_CHANNELS } from '../../core/reports/dimensions.ts';
import { addDays } from '../../core/time/civil-time.ts';
import type {
  ContactsReport,
  Dashboard,
  ForecastRow,
  ReachRow,
} from '../../services/reports/report-service.ts';
import { codeText, formatDate, groupLabel, type MessageKey, t } from '../messages.ts';
import { bars, reachDots, weeklyLines } from './report-charts.ts';
import {
  Chart,
  channelName,
  FigureTable,
  filterQuery,
  keyName,
  localeOf,
  methodName,
  mondayOf,
  num,
  pct,
  type ReportNames,
  shownNum,
  weekLabel,
} from './report-parts.tsx';

export function WeeklySection({ lang, d, print }: { lang: Lang; d: Dashboard; print: boolean }) {
  const f = d.filter;
  const api = `/api/v1/reports/trend?${filterQuery(f, { format: 'csv' })}`;
  const observed = d.trend.points.map((p) => ({
    monday: mondayOf(p.week),
    series: channelName(lang, p.channel),
    value: p.contacts,
  }));
  const band = d.trend.forecast
    .filter((x) => x.mean !== null)
    .map((x) => ({
      monday: mondayOf(x.week),
      series: channelName(lang, x.channel),
      mean: x.mean ?? 0,
      low80: x.lower80 ?? 0,
      high80: x.upper80 ?? 0,
      low95: x.lower95 ?? 0,
      high95: x.upper95 ?? 0,
    }));
  const weeks = [...new Set(d.trend.points.map((p) => p.week))];
  const value = new Map(d.trend.points.map((p) => [`${p.week}|${p.channel}`, p]));
  const channels = REPORT_CHANNELS.filter((c) => d.trend.points.some((p) => p.channel === c));
  // A week without a row had no contacts (0); a row with no figure is hidden (–).
  const cellOf = (p: { contacts: number | null } | undefined) =>
    p ? shownNum(lang, p.contacts) : num(lang, 0);
  const allSeries = REPORT_CHANNELS.map((c) => channelName(lang, c));
  const horizon = new Set(d.trend.forecast.map((x) => x.week)).size;
  const range = (mean: number | null, low: number | null, high: number | null) =>
    mean === null ? '–' : `${num(lang, low ?? 0)}–${num(lang, high ?? 0)}`;
  return (
    <section aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">{t(lang, 'repWeeklyTitle')}</h2>
      <p>
        {d.total === null
          ? t(lang, 'repTotalHidden', { n: String(d.threshold) })
          : t(lang, 'repTotal', { n: num(lang, d.total) })}
      </p>
      {observed.length === 0 ? (
        <p>{t(lang, 'repNoData')}</p>
      ) : (
        <>
          <Chart
            draw={(size) =>
              weeklyLines(
                observed,
                {
                  label: t(lang, 'repWeeklyChart', {
                    from: formatDate(lang, f.from, false),
                    to: formatDate(lang, f.to, false),
                  }),
                  yLabel: t(lang, 'repColContacts'),
                  size,
                  locale: localeOf(lang),
                },
                { series: allSeries },
              )
            }
          />
          <FigureTable
            lang={lang}
            print={print}
            caption={t(lang, 'repWeeklyTitle')}
            rowHead={{ head: t(lang, 'repColWeek'), cell: (w: string) => weekLabel(lang, w), nowrap: true }}
            columns={channels.map((c) => ({
              head: channelName(lang, c),
              num: true,
              cell: (w: string) => cellOf(value.get(`${w}|${c}`)),
            }))}
            rows={weeks}
            csv={api}
          />
          <h3>{t(lang, 'repTrendTitle')}</h3>
          <p>{t(lang, 'repTrendIntro')}</p>
          <ul>
            {REPORT_CHANNELS.flatMap((c) => {
              const m = d.trend.methods[c];
              return m === undefined ? [] : [<li>{`${channelName(lang, c)}: ${methodName(lang, m)}`}</li>];
            })}
          </ul>
          {band.length > 0
            ? // One chart per channel, each on its own scale: a channel of 30 contacts a week would
              // be a flat line beside one of 900.
              channels.map((c) => {
                const name = channelName(lang, c);
                const own = band.filter((b) => b.series === name);
                if (own.length === 0) return null;
                return (
                  <section class="report-part" aria-label={name}>
                    <h4>{name}</h4>
                    <Chart
                      draw={(size) =>
                        weeklyLines(
                          observed.filter(
                            (o) =>
                              o.series === name && o.monday >= addDays(mondayOf(weeks.at(-1) ?? ''), -7 * 25),
                          ),
                          {
                            label: t(lang, 'repTrendChart', { weeks: String(horizon), channel: name }),
                            yLabel: t(lang, 'repColContacts'),
                            size,
                            locale: localeOf(lang),
                          },
                          { band: own, series: allSeries },
                        )
                      }
                    />
                  </section>
                );
              })
            : null}
          <FigureTable
            lang={lang}
            print={print}
            caption={t(lang, 'repTrendTitle')}
            rowHead={{
              head: t(lang, 'repColWeek'),
              cell: (x: ForecastRow) => weekLabel(lang, x.week),
              nowrap: true,
            }}
            columns={[
              { head: t(lang, 'repColChannel'), cell: (x: ForecastRow) => channelName(lang, x.channel) },
              {
                head: t(lang, 'repColForecast'),
                num: true,
                cell: (x: ForecastRow) => shownNum(lang, x.mean),
              },
              {
                head: t(lang, 'repColInterval80'),
                num: true,
                nowrap: true,
                cell: (x: ForecastRow) => range(x.mean, x.lower80, x.upper80),
              },
              {
                head: t(lang, 'repColInterval95'),
                num: true,
                nowrap: true,
                cell: (x: ForecastRow) => range(x.mean, x.lower95, x.upper95),
              },
            ]}
            rows={d.trend.forecast}
          />
        </>
      )}
    </section>
  );
}

/** The headings of the breakdowns by dimension (the dashboard shows topic, language, age band and group). */
const BREAKDOWN_KEYS: Readonly<Partial<Record<ContactDimension, MessageKey>>> = {
  topic: 'repBy_topic',
  language: 'repBy_language',
  ageBand: 'repBy_ageBand',
  group: 'repBy_group',
  outcome: 'repBy_outcome',
  venue: 'repBy_venue',
};

export function Breakdown({
  lang,
  r,
  names,
  print,
}: {
  lang: Lang;
  r: ContactsReport;
  names: ReportNames;
  print: boolean;
}) {
  const what = codeText(lang, BREAKDOWN_KEYS, r.groupBy);
  const rows = r.rows.map((x) => ({
    label: keyName(lang, r.groupBy, x.key, names),
    value: x.contacts,
    suppressed: x.suppressed,
  }));
  const visible = rows.filter(
    (x): x is { label: string; value: number; suppressed: false } => x.value !== null,
  );
  const id = `by-${r.groupBy}`;
  return (
    <section aria-labelledby={id} class="report-part">
      <h3 id={id}>{what}</h3>
      {visible.length > 0 ? (
        <Chart
          draw={(size) =>
            bars(visible.slice(0, 15), {
              label: t(lang, 'repBarsChart', { what: what.toLowerCase() }),
              xLabel: t(lang, 'repColContacts'),
              size,
              locale: localeOf(lang),
            })
          }
        />
      ) : (
        <p>{t(lang, 'repNoData')}</p>
      )}
      <FigureTable
        lang={lang}
        print={print}
        caption={what}
        rowHead={{ head: t(lang, 'repColKey'), cell: (x: (typeof rows)[number]) => x.label }}
        columns={[
          {
            head: t(lang, 'repColContacts'),
            num: true,
            cell: (x: (typeof rows)[number]) =>
              x.value === null ? t(lang, 'repHiddenNote', { n: String(r.threshold) }) : num(lang, x.value),
          },
        ]}
        rows={rows}
        csv={`/api/v1/reports/contacts?${filterQuery(r.filter, { groupBy: r.groupBy, format: 'csv' })}`}
      />
    </section>
  );
}

export function ReachSection({
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
  const r = d.reach;
  const dots = r.rows
    .filter((x) => x.index !== null && x.index > 0)
    .map((x) => ({
      district: names.districts.get(x.district) ?? x.district,
      group: groupLabel(lang, x.group),
      index: x.index ?? 1,
    }));
  return (
    <section aria-labelledby="reach-heading">
      <h2 id="reach-heading">{t(lang, 'repReachTitle')}</h2>
      <p>
        {r.needDate
          ? t(lang, 'repReachIntro', { date: formatDate(lang, r.needDate, false) })
          : t(lang, 'repReachNoNeed')}
      </p>
      {dots.length > 0 ? (
        <Chart
          draw={(size) =>
            reachDots(dots, {
              label: t(lang, 'repReachChart'),
              xLabel: t(lang, 'repColIndex'),
              size,
              locale: localeOf(lang),
            })
          }
        />
      ) : null}
      <FigureTable
        lang={lang}
        print={print}
        caption={t(lang, 'repReachTitle')}
        rowHead={{
          head: t(lang, 'repColDistrict'),
          cell: (x: ReachRow) => names.districts.get(x.district) ?? x.district,
        }}
        columns={[
          { head: t(lang, 'repColGroup'), cell: (x: ReachRow) => groupLabel(lang, x.group) },
          { head: t(lang, 'repColContacts'), num: true, cell: (x: ReachRow) => shownNum(lang, x.contacts) },
          {
            head: t(lang, 'repColContactShare'),
            num: true,
            cell: (x: ReachRow) => pct(lang, x.contactShare),
          },
          { head: t(lang, 'repColNeedShare'), num: true, cell: (x: ReachRow) => pct(lang, x.needShare) },
          {
            head: t(lang, 'repColIndex'),
            num: true,
            cell: (x: ReachRow) => (x.index === null ? '–' : num(lang, x.index, 2)),
          },
        ]}
        rows={r.rows}
        csv={`/api/v1/reports/reach?${filterQuery(d.filter, { format: 'csv' })}`}
      />
    </section>
  );
}
