/**
 * The reports' charts, drawn on the server with Observable Plot into SVG (a DOM from linkedom),
 * so the report works without JavaScript and prints as it shows. Each chart gets `role="img"`
 * and a one-sentence `aria-label`; the page puts the same figures in a table beside it (the
 * chart's text alternative). Charts only ever get figures the report service handed out, so a
 * suppressed count is a gap, never a value.
 *
 * Every chart is drawn twice, for a phone (`narrow`, 340 units wide) and for a desktop or paper
 * (`wide`, 720): an SVG scaled down to a phone's width would shrink its text below reading size.
 * The page shows one of them by a media query (report-parts.tsx, `Chart`).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export type ChartSize = 'narrow' | 'wide';

export interface ChartText {
  /** One sentence saying what the chart shows, for screen readers. */
  readonly label: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly size: ChartSize;
  /** BCP 47 locale for the axes' numbers (`fi-FI`). */
  readonly locale: string;
}

const WIDTH: Record<ChartSize, number> = { narrow: 340, wide: 720 };

/** A label cut to `n` characters with an ellipsis (the full text is in the table). */
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function render(options: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const node = Plot.plot({
    document: document as unknown as Document,
    width: WIDTH[text.size],
    style: { background: 'transparent', fontSize: '12px', overflow: 'visible' },
    ...options,
  }) as unknown as Element;
  // With a legend Plot answers a <figure>: the legend first (swatches, or a colour ramp that is
  // an <svg> itself), then the chart, the figure's last <svg> child.
  const svg =
    node.tagName.toLowerCase() === 'svg'
      ? node
      : ([...node.children].filter((e) => e.tagName.toLowerCase() === 'svg').at(-1) ?? null);
  if (svg) {
    // Plot names its mark groups ("line", "rule"); inside an image those labels are noise for a
    // screen reader (and not allowed on an element without a role): the chart's label says it.
    for (const e of [...svg.querySelectorAll('g, path, text, circle, rect, line')]) {
      e.removeAttribute('aria-label');
      e.removeAttribute('aria-description');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', text.label);
    svg.setAttribute('class', `${svg.getAttribute('class') ?? ''} report-chart`.trim());
  }
  // Legends are HTML beside the SVG: they carry text, so they stay readable as they are.
  return node.outerHTML;
}

/** Ticks at the start of months, every one, two, three or six of them by the span and the width. */
function monthInterval(mondays: readonly string[], size: ChartSize): string {
  const sorted = [...mondays].sort();
  const weeks =
    sorted.length === 0 ? 0 : (Date.parse(sorted.at(-1) ?? '') - Date.parse(sorted[0] ?? '')) / 604_800_000;
  const months = Math.max(1, weeks / 4.35);
  const fit = size === 'narrow' ? 4 : 8;
  const step = [1, 2, 3, 6, 12].find((n) => months / n <= fit) ?? 12;
  return step === 1 ? 'month' : `${step} months`;
}

/** Month names in the page's language, with the year under January (and under the first tick). */
function monthTicks(locale: string): (d: Date, i: number) => string {
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  return (d, i) => {
    const name = month.format(d).replace(/\.$/, '');
    return d.getUTCMonth() === 0 || i === 0 ? `${name}\n${d.getUTCFullYear()}` : name;
  };
}

/** A Monday (YYYY-MM-DD) as a Date at noon UTC (the axis shows dates, not times). */
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

export interface WeekValue {
  readonly monday: string;
  readonly series: string;
  readonly value: number | null;
}

/** Weekly values per series as lines (gaps where a value is suppressed). */
export function weeklyLines(
  rows: readonly WeekValue[],
  text: ChartText,
  options: {
    readonly percent?: boolean;
    readonly band?: readonly WeekBand[];
    /** Every series name in a fixed order, so a series keeps its colour from chart to chart. */
    readonly series?: readonly string[];
  } = {},
): string {
  const data = rows.map((r) => ({ x: day(r.monday), y: r.value, series: r.series }));
  const band = (options.band ?? []).map((b) => ({ ...b, x: day(b.monday) }));
  const format = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 1 });
  return render(
    {
      height: text.size === 'narrow' ? 240 : 280,
      marginLeft: 48,
      x: {
        type: 'utc',
        label: text.xLabel ?? null,
        ticks: monthInterval(
          rows.map((r) => r.monday).concat((options.band ?? []).map((b) => b.monday)),
          text.size,
        ),
        tickFormat: monthTicks(text.locale),
      },
      y: {
        grid: true,
        zero: true,
        label: text.yLabel ?? null,
        tickFormat: (n: number) => format.format(options.percent ? n * 100 : n),
        ...(options.percent ? { label: `${text.yLabel ?? ''} %`.trim() } : {}),
      },
      // One series needs no legend: the heading names it.
      color: {
        legend: new Set(rows.map((r) => r.series)).size > 1,
        ...(options.series ? { domain: [...options.series] } : {}),
      },
      marks: [
        Plot.areaY(band, { x: 'x', y1: 'low95', y2: 'high95', fill: 'series', fillOpacity: 0.12 }),
        Plot.areaY(band, { x: 'x', y1: 'low80', y2: 'high80', fill: 'series', fillOpacity: 0.22 }),
        Plot.lineY(band, { x: 'x', y: 'mean', stroke: 'series', strokeDasharray: '4,3' }),
        Plot.lineY(data, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2, marker: 'circle-stroke' }),
        Plot.ruleY([0]),
      ],
    },
    text,
  );
}

export interface WeekBand {
  readonly monday: string;
  readonly series: string;
  readonly mean: number;
  readonly low80: number;
  readonly high80: number;
  readonly low95: number;
  readonly high95: number;
}

/** Counts by label as horizontal bars, largest first. */
export function bars(
  rows: readonly { readonly label: string; readonly value: number }[],
  text: ChartText,
): string {
  const narrow = text.size === 'narrow';
  const format = new Intl.NumberFormat(text.locale);
  const data = rows.map((r) => ({ label: cut(r.label, narrow ? 17 : 30), value: r.value }));
  return render(
    {
      height: 40 + rows.length * 26,
      marginLeft: narrow ? 136 : 210,
      marginRight: 48,
      x: {
        grid: true,
        label: text.xLabel ?? null,
        ticks: narrow ? 3 : 6,
        tickFormat: (n: number) => format.format(n),
      },
      y: { label: null },
      marks: [
        Plot.barX(data, { y: 'label', x: 'value', fill: '#2b6cb0', sort: { y: '-x' } }),
        Plot.text(data, {
          y: 'label',
          x: 'value',
          text: (d: { value: number }) => format.format(d.value),
          dx: 4,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    },
    text,
  );
}

/** Reach index per district and group: dots on a scale where 1 is "in proportion to need". */
export function reachDots(
  rows: readonly { readonly district: string; readonly group: string; readonly index: number }[],
  text: ChartText,
): string {
  const districts = new Set(rows.map((r) => r.district)).size;
  const narrow = text.size === 'narrow';
  const format = new Intl.NumberFormat(text.locale, { maximumFractionDigits: 2 });
  const data = rows.map((r) => ({ ...r, district: cut(r.district, narrow ? 14 : 28) }));
  return render(
    {
      height: 70 + districts * 30,
      marginLeft: narrow ? 104 : 170,
      x: {
        type: 'log',
        grid: true,
        label: text.xLabel ?? null,
        ticks: narrow ? 4 : 8,
        tickFormat: (n: number) => format.format(n),
      },
      y: { label: null },
      color: { legend: true },
      symbol: { legend: false },
      marks: [
        Plot.ruleX([1], { stroke: '#555', strokeDasharray: '3,3' }),
        Plot.dot(data, { x: 'index', y: 'district', fill: 'group', symbol: 'group', r: 5 }),
      ],
    },
    text,
  );
}

/** Districts filled by a value (per 1,000 residents in need), with their names. */
export function districtMap(
  features: readonly { readonly name: string; readonly value: number | null; readonly geometry: unknown }[],
  text: ChartText & { readonly legend: string },
): string {
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: { name: f.name, value: f.value },
      geometry: f.geometry,
    })),
  };
  type F = { properties: { name: string; value: number | null } };
  return render(
    {
      height: text.size === 'narrow' ? 380 : 460,
      projection: { type: 'mercator', domain: collection as never },
      // Five classes, not a continuous ramp: a ramp legend needs a canvas, and classes read better.
      color: { type: 'quantize', n: 5, scheme: 'blues', legend: true, label: text.legend, unknown: '#eee' },
      marks: [
        Plot.geo(collection as never, {
          fill: (d: F) => d.properties.value,
          stroke: '#333',
          strokeWidth: 0.8,
        }),
        Plot.text(
          collection.features as never,
          Plot.centroid({
            text: (d: F) => d.properties.name,
            fill: '#000',
            stroke: '#fff',
            strokeWidth: 3,
            fontSize: text.size === 'narrow' ? 10 : 12,
          }),
        ),
      ],
    },
    text,
  );
}
