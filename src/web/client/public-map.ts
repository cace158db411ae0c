/**
 * The public schedule's map, an enhancement where JavaScript runs: districts and the places
 * with visits this week (size by number of visits), each place linking to its page. Tiles
 * only when the city configures them; the list on the page holds the same information.
 */
/// <reference lib="dom" />
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addLegend, featuresOf, nameIn, openMap } from './map-common.ts';

interface Labels {
  visits: string;
  place: string;
  district: string;
}

async function drawScheduleMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as Labels;
  const { map, data } = await openMap(el);
  type Props = { kind: string; name?: Record<string, string>; visits: number; href?: string };
  const districts = L.geoJSON(featuresOf(data, 'district'), {
    style: () => ({ color: '#0b4f8a', weight: 1.5, fillColor: '#dbe7f3', fillOpacity: 0.5 }),
    onEachFeature: (f, l) => {
      l.bindTooltip(nameIn(f.properties as Props));
    },
  }).addTo(map);
  L.geoJSON(featuresOf(data, 'venue'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      const marker = L.circleMarker(latlng, {
        radius: 6 + Math.min(8, p.visits * 2),
        color: '#1a1a1a',
        weight: 2,
        fillColor: '#f28e2b',
        fillOpacity: 1,
      }).bindTooltip(`${nameIn(p)}: ${p.visits} ${labels.visits}`);
      if (p.href) marker.on('click', () => window.location.assign(p.href ?? ''));
      return marker;
    },
  }).addTo(map);
  if (districts.getLayers().length > 0) map.fitBounds(districts.getBounds(), { padding: [10, 10] });
  else map.setView([60.2, 24.7], 10);
  addLegend(map, [
    { fill: '#f28e2b', text: labels.place, round: true },
    { fill: '#dbe7f3', text: labels.district },
  ]);
}

/** The near page's map: the area travel times are counted from, the visits' places, the points. */
async function drawNearMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as Labels & {
    point: string;
    origin: string;
    minutes: string;
  };
  const { map, data } = await openMap(el);
  type Props = {
    kind: string;
    name?: Record<string, string>;
    visits?: number;
    minutes?: number | null;
    paths?: Record<string, string>;
  };
  const lang = document.documentElement.lang || 'fi';
  const link = (marker: L.CircleMarker, p: Props) => {
    const href = p.paths?.[lang];
    if (href) marker.on('click', () => window.location.assign(href));
    return marker;
  };
  const all = L.featureGroup().addTo(map);
  L.geoJSON(featuresOf(data, 'origin'), {
    style: () => ({ color: '#0b4f8a', weight: 2, fillColor: '#dbe7f3', fillOpacity: 0.6 }),
    onEachFeature: (f, l) => {
      l.bindTooltip(nameIn(f.properties as Props));
    },
  }).addTo(all);
  L.geoJSON(featuresOf(data, 'venue'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      return link(
        L.circleMarker(latlng, {
          radius: 9,
          color: '#1a1a1a',
          weight: 2,
          fillColor: '#f28e2b',
          fillOpacity: 1,
        }),
        p,
      ).bindTooltip(`${nameIn(p)}: ${p.visits ?? 0} ${labels.visits}`);
    },
  }).addTo(all);
  L.geoJSON(featuresOf(data, 'point'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      const minutes = p.minutes === null || p.minutes === undefined ? '' : `: ${p.minutes} ${labels.minutes}`;
      return link(
        L.circleMarker(latlng, {
          radius: 8,
          color: '#1a1a1a',
          weight: 2,
          fillColor: '#0b4f8a',
          fillOpacity: 1,
        }),
        p,
      ).bindTooltip(`${nameIn(p)}${minutes}`);
    },
  }).addTo(all);
  if (all.getLayers().length > 0) map.fitBounds(all.getBounds(), { padding: [16, 16] });
  else map.setView([60.2, 24.7], 10);
  addLegend(map, [
    { fill: '#f28e2b', text: labels.place, round: true },
    { fill: '#0b4f8a', text: labels.point, round: true },
    { fill: '#dbe7f3', text: labels.origin },
  ]);
}

document.documentElement.classList.add('js');
const el = document.getElementById('schedule-map');
if (el) void drawScheduleMap(el).catch((e) => console.error(e));
const nearEl = document.getElementById('near-map');
if (nearEl) void drawNearMap(nearEl).catch((e) => console.error(e));
