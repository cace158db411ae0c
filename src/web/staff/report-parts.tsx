/**
 * What the report's sections share: number formats, names of codes, the figures table (folded
 * on screen, open in print), the CSV link and the chart holder.
 */
import type { Lang } from '../../core/i18n.ts';
import type { ReportChannel, ReportFilter } from '../../core/reports/dimensions.ts';
import type { ForecastModel } from '../../core/reports/forecast.ts';
import { mondayOfIsoWeek } from '../../core/time/civil-time.ts';
import { localePath } from '../layout.tsx';
import { codeText, formatDate, groupLabel, type MessageKey, t } from '../messages.ts';
import { AGE_BAND_KEYS } from './contact-labels.ts';
import type { ChartSize } from './report-charts.ts';

export const reportsPath = (lang: Lang) => localePath(lang, '/planner/reports');

/** Names the page shows for the codes in the figures. */
export interface ReportNames {
  readonly districts: ReadonlyMap<string, string>;
  readonly venues: ReadonlyMap<string, string>;
  readonly topics: ReadonlyMap<string, string>;
  readonly geometry: ReadonlyMap<string, unknown>;
}

export interface FilterProblem {
  readonly field: string;
  readonly key: MessageKey;
}

export const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);
export const num = (lang: Lang, n: number, digits = 0) =>
  n.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
export const pct = (lang: Lang, share: number | null) =>
  share === null ? '–' : `${num(lang, share * 100)} %`;
export const shownNum = (lang: Lang, n: number | null, digits = 0) =>
  n === null ? '–' : num(lang, n, digits);
export const mondayOf = (week: string) => mondayOfIsoWeek(week) ?? week;
export const weekLabel = (lang: Lang, week: string) =>
  `${week.slice(0, 4)}/${Number(week.slice(6))} (${formatDate(lang, mondayOf(week), false)})`;
const CHANNEL_KEYS: Readonly<Record<ReportChannel, MessageKey>> = {
  'fixed-point': 'repCh_fixed_point',
  mobile: 'repCh_mobile',
  booked: 'repCh_booked',
};

export const channelName = (lang: Lang, c: ReportChannel) => t(lang, CHANNEL_KEYS[c]);

const METHOD_KEYS: Readonly<Record<ForecastModel['method'], MessageKey>> = {
  'holt-winters': 'repMethod_holt-winters',
  holt: 'repMethod_holt',
  mean: 'repMethod_mean',
};

/** A forecast method's name (the report carries it as text). */
export const methodName = (lang: Lang, method: string) => codeText(lang, METHOD_KEYS, method);

export function keyName(lang: Lang, dim: string, key: string, names: ReportNames): string {
  if (dim === 'topic') return names.topics.get(key) ?? key;
  if (dim === 'language')
    return new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' }).of(key) ?? key;
  if (dim === 'ageBand') return codeText(lang, AGE_BAND_KEYS, key);
  if (dim === 'group') return groupLabel(lang, key);
  if (dim === 'district') return names.districts.get(key) ?? key;
  if (dim === 'venue') return names.venues.get(key) ?? key;
  return key;
}

/** A query string for the same filter (and more). */
export function filterQuery(f: ReportFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.district) q.set('district', f.district);
  if (f.venue) q.set('venue', f.venue);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function Csv({ lang, href }: { lang: Lang; href: string }) {
  return (
    <p class="no-print">
      <a href={href} download>
        {t(lang, 'repCsv')}
      </a>
    </p>
  );
}

/** A table of figures, folded away on screen, open in print. */
export function Figures({ lang, print, children }: { lang: Lang; print: boolean; children: unknown }) {
  if (print) return <div class="table-wrap">{children}</div>;
  return (
    <details class="report-table">
      <summary>{t(lang, 'repTable')}</summary>
      <div class="table-wrap" tabindex={0}>
        {children}
      </div>
    </details>
  );
}

/** One column of a figures table: its heading and its cell of a row. */
export interface Column<R> {
  readonly head: string;
  readonly cell: (row: R) => string;
  /** Figures: right-aligned, tabular digits. */
  readonly num?: boolean;
  /** Kept on one line (dates, ranges). */
  readonly nowrap?: boolean;
}

const classOf = (c: { num?: boolean; nowrap?: boolean }) =>
  [c.num ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;

/**
 * A chart's figures as a table (its text alternative and what a reader copies): the first
 * column heads each row; folded on screen, open in print; with the CSV of the same table.
 */
export function FigureTable<R>({
  lang,
  print,
  caption,
  rowHead,
  columns,
  rows,
  csv,
}: {
  lang: Lang;
  print: boolean;
  caption: string;
  rowHead: Column<R>;
  columns: readonly Column<R>[];
  rows: readonly R[];
  /** The API address of the same table as CSV. */
  csv?: string | undefined;
}) {
  return (
    <>
      <Figures lang={lang} print={print}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHead.head}</th>
              {columns.map((c) => (
                <th scope="col" class={c.num ? 'num' : undefined}>
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row" class={classOf({ nowrap: rowHead.nowrap ?? false })}>
                  {rowHead.cell(r)}
                </th>
                {columns.map((c) => (
                  <td class={classOf(c)}>{c.cell(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </Figures>
      {csv ? <Csv lang={lang} href={csv} /> : null}
    </>
  );
}

/** A chart drawn for a phone and for a wide screen or paper; a media query shows one. */
export function Chart({ draw }: { draw: (size: ChartSize) => string }) {
  return (
    <>
      <div class="report-figure chart-narrow" dangerouslySetInnerHTML={{ __html: draw('narrow') }} />
      <div class="report-figure chart-wide" dangerouslySetInnerHTML={{ __html: draw('wide') }} />
    </>
  );
}

/** The locale of a page's numbers. */
export const localeOf = (lang: Lang) => (lang === 'en' ? 'en-GB' : `${lang}-FI`);
