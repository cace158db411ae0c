/**
 * Enhancements of the planner page: a choropleth of the change in travel time (Leaflet;
 * with map tiles when configured, polygons on a plain background otherwise) and the
 * cumulative distribution of travel times per group (Observable Plot). The page's tables
 * carry the same figures for anyone without JavaScript or a screen.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as Plot from '@observablehq/plot';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addLegend, asText, featuresOf, nameIn, openMap } from './map-common.ts';

interface Labels {
  base: string;
  alt: string;
  legendLoss: string;
  legendGain: string;
  legendNoChange: string;
  noAccess: string;
  chartLabel: string;
  groups: Record<string, string>;
  minutes: string;
  share: string;
}

type Feature = GeoJSON.Feature<
  GeoJSON.Geometry,
  {
    name: string;
    deltaMinutes: number | null;
    losesAccess: boolean;
    baseMinutes: number | null;
    altMinutes: number | null;
  }
>;

// A diverging scale (ColorBrewer RdBu): blue shorter, white no change, red longer.
function colour(delta: number | null, losesAccess: boolean): string {
  if (losesAccess) return '#67001f';
  if (delta === null) return '#bdbdbd';
  const steps: [number, string][] = [
    [-10, '#2166ac'],
    [-5, '#67a9cf'],
    [-1, '#d1e5f0'],
    [1, '#f7f7f7'],
    [5, '#fddbc7'],
    [10, '#ef8a62'],
    [20, '#b2182b'],
  ];
  for (const [limit, c] of steps) if (delta <= limit) return c;
  return '#67001f';
}

async function drawMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as Labels;
  const { map, data } = await openMap(el);
  const layer = L.geoJSON(data, {
    style: (f) => {
      const p = (f as Feature).properties;
      return { color: '#444', weight: 1, fillOpacity: 0.8, fillColor: colour(p.deltaMinutes, p.losesAccess) };
    },
    onEachFeature: (f, l) => {
      const p = (f as Feature).properties;
      const change = p.losesAccess
        ? labels.noAccess
        : p.deltaMinutes === null
          ? '—'
          : `${p.deltaMinutes > 0 ? '+' : ''}${p.deltaMinutes.toFixed(1)} ${labels.minutes}`;
      l.bindTooltip(asText(`${p.name}: ${change}`));
    },
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  addLegend(map, [
    { fill: '#b2182b', text: labels.legendLoss },
    { fill: '#f7f7f7', text: labels.legendNoChange },
    { fill: '#2166ac', text: labels.legendGain },
  ]);
}

async function drawChart(el: HTMLElement, select: HTMLSelectElement | null) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as Labels;
  const c = (await (await fetch(el.dataset.json ?? '')).json()) as {
    cdf: { minutes: number[]; groups: { group: string; base: number[]; alt: number[] }[] };
  };
  const render = () => {
    const group = select?.value ?? 'all';
    const g = c.cdf.groups.find((x) => x.group === group) ?? c.cdf.groups[0];
    if (!g) return;
    const rows = c.cdf.minutes.flatMap((m, i) => [
      { minutes: m, share: g.base[i] ?? 0, scenario: labels.base },
      { minutes: m, share: g.alt[i] ?? 0, scenario: labels.alt },
    ]);
    const chart = Plot.plot({
      ariaLabel: `${labels.chartLabel} ${labels.groups[group] ?? group}`,
      width: Math.min(900, el.clientWidth || 900),
      height: 320,
      x: { label: labels.minutes, domain: [0, c.cdf.minutes.length - 1] },
      y: { label: labels.share, domain: [0, 1], tickFormat: '%', grid: true },
      color: { domain: [labels.base, labels.alt], range: ['#0b4f8a', '#b2182b'] },
      marks: [
        Plot.line(
          rows.filter((r) => r.scenario === labels.base),
          { x: 'minutes', y: 'share', stroke: 'scenario', strokeWidth: 2.5, curve: 'step-after' },
        ),
        Plot.line(
          rows.filter((r) => r.scenario === labels.alt),
          {
            x: 'minutes',
            y: 'share',
            stroke: 'scenario',
            strokeWidth: 2.5,
            strokeDasharray: '6,4',
            curve: 'step-after',
          },
        ),
        Plot.ruleY([0]),
      ],
    }) as SVGSVGElement;
    // One accessible image; the figures themselves are in the page's tables.
    chart.setAttribute('role', 'img');
    for (const inner of chart.querySelectorAll('[aria-label], [aria-description]')) {
      inner.removeAttribute('aria-label');
      inner.removeAttribute('aria-description');
    }
    el.replaceChildren(chart);
  };
  select?.addEventListener('change', render);
  render();
}

// Sequential scale (ColorBrewer YlOrRd) for minutes to the nearest point kept.
const MINUTE_STEPS: readonly (readonly [number, string])[] = [
  [10, '#ffffb2'],
  [15, '#fed976'],
  [20, '#feb24c'],
  [30, '#fd8d3c'],
  [45, '#f03b20'],
];
const BEYOND_COLOUR = '#bd0026';

function minutesColour(m: number | null): string {
  if (m === null) return '#bdbdbd';
  for (const [limit, c] of MINUTE_STEPS) if (m <= limit) return c;
  return BEYOND_COLOUR;
}

async function drawNetworkMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as { chosen: string; closed: string; minutes: string };
  const { map, data } = await openMap(el);
  type Props = {
    kind: string;
    name?: Record<string, string>;
    minutes?: number | null;
    chosen?: boolean;
    siteId?: string;
  };
  const areas = L.geoJSON(featuresOf(data, 'area'), {
    style: (f) => ({
      color: '#555',
      weight: 1,
      fillOpacity: 0.75,
      fillColor: minutesColour((f?.properties as Props | undefined)?.minutes ?? null),
    }),
    onEachFeature: (f, l) => {
      const p = f.properties as Props;
      l.bindTooltip(asText(`${nameIn(p)}: ${p.minutes ?? '—'} ${labels.minutes}`));
    },
  }).addTo(map);
  L.geoJSON(featuresOf(data, 'site'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      return L.circleMarker(latlng, {
        radius: p.chosen ? 9 : 6,
        color: '#000',
        weight: 2,
        fillColor: p.chosen ? '#0b4f8a' : '#ffffff',
        fillOpacity: 1,
      }).bindTooltip(asText(`${nameIn(p)}: ${p.chosen ? labels.chosen : labels.closed}`));
    },
  }).addTo(map);
  map.fitBounds(areas.getBounds(), { padding: [10, 10] });
  const last = MINUTE_STEPS[MINUTE_STEPS.length - 1]?.[0] ?? 0;
  addLegend(map, [
    { fill: '#0b4f8a', text: labels.chosen, round: true },
    { fill: '#ffffff', text: labels.closed, round: true },
    ...MINUTE_STEPS.map(([l, fill]) => ({ fill, text: `≤ ${l} ${labels.minutes}` })),
    { fill: BEYOND_COLOUR, text: `> ${last} ${labels.minutes}` },
  ]);
}

// Visits reaching an area: none, 1–2, 3–5, 6–9, 10 or more (ColorBrewer Blues).
const REACH_STEPS: [number, string][] = [
  [0, '#f7fbff'],
  [2, '#c6dbef'],
  [5, '#6baed6'],
  [9, '#2171b5'],
];
const REACH_MORE = '#08306b';
const reachColour = (n: number) => REACH_STEPS.find(([limit]) => n <= limit)?.[1] ?? REACH_MORE;

async function drawPlanMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as { visits: string; venue: string; none: string };
  const { map, data } = await openMap(el);
  type Props = { kind: string; name?: Record<string, string>; visits: number; siteId?: string };
  const areas = L.geoJSON(featuresOf(data, 'area'), {
    style: (f) => ({
      color: '#555',
      weight: 1,
      fillOpacity: 0.7,
      fillColor: reachColour((f?.properties as Props | undefined)?.visits ?? 0),
    }),
    onEachFeature: (f, l) => {
      const p = f.properties as Props;
      l.bindTooltip(asText(`${nameIn(p)}: ${p.visits} ${labels.visits}`));
    },
  }).addTo(map);
  L.geoJSON(featuresOf(data, 'venue'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      return L.circleMarker(latlng, {
        radius: 5 + Math.min(8, p.visits),
        color: '#000',
        weight: 2,
        fillColor: '#f28e2b',
        fillOpacity: 1,
      }).bindTooltip(asText(`${nameIn(p)}: ${p.visits} ${labels.visits}`));
    },
  }).addTo(map);
  map.fitBounds(areas.getBounds(), { padding: [10, 10] });
  addLegend(map, [
    { fill: '#f28e2b', text: labels.venue, round: true },
    { fill: reachColour(0), text: labels.none },
    { fill: reachColour(1), text: `1–2 ${labels.visits}` },
    { fill: reachColour(3), text: `3–5 ${labels.visits}` },
    { fill: reachColour(6), text: `6–9 ${labels.visits}` },
    { fill: REACH_MORE, text: `≥ 10 ${labels.visits}` },
  ]);
}

document.documentElement.classList.add('js');
const planEl = document.getElementById('plan-map');
if (planEl) void drawPlanMap(planEl).catch((e) => console.error(e));
const networkEl = document.getElementById('network-map');
if (networkEl) void drawNetworkMap(networkEl).catch((e) => console.error(e));
const mapEl = document.getElementById('change-map');
if (mapEl) void drawMap(mapEl).catch((e) => console.error(e));
const chartEl = document.getElementById('cdf-chart');
if (chartEl)
  void drawChart(chartEl, document.getElementById('chart-group') as HTMLSelectElement | null).catch((e) =>
    console.error(e),
  );
