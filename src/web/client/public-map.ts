/**
 * The public schedule's map, an enhancement where JavaScript runs: districts and the places
 * with visits this week (size by number of visits), each place linking to its page. Tiles
 * only when the city configures them; the list on the page holds the same information.
 */
/// <reference lib="dom" />
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { addLegend, asText, featuresOf, nameIn, openMap } from './map-common.ts';

interface Labels {
  visits: string;
  place: string;
  district: string;
}

type Props = {
  kind: string;
  name?: Record<string, string>;
  visits?: number;
  minutes?: number | null;
  /** The place's page in each language. */
  paths?: Record<string, string>;
};

const AREA_FILL = '#dbe7f3';
const VENUE_FILL = '#f28e2b';
const POINT_FILL = '#0b4f8a';

/** A place on the map: a circle with a tooltip that opens the place's page when clicked. */
function placeMarker(latlng: L.LatLng, p: Props, fill: string, radius: number, tooltip: string) {
  const marker = L.circleMarker(latlng, {
    radius,
    color: '#1a1a1a',
    weight: 2,
    fillColor: fill,
    fillOpacity: 1,
  });
  const href = p.paths?.[document.documentElement.lang || 'fi'];
  if (href) marker.on('click', () => window.location.assign(href));
  return marker.bindTooltip(asText(tooltip));
}

async function drawScheduleMap(el: HTMLElement) {
  const labels = JSON.parse(el.dataset.labels ?? '{}') as Labels;
  const { map, data } = await openMap(el);
  const districts = L.geoJSON(featuresOf(data, 'district'), {
    style: () => ({ color: '#0b4f8a', weight: 1.5, fillColor: AREA_FILL, fillOpacity: 0.5 }),
    onEachFeature: (f, l) => {
      l.bindTooltip(asText(nameIn(f.properties as Props)));
    },
  }).addTo(map);
  L.geoJSON(featuresOf(data, 'venue'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      const visits = p.visits ?? 0;
      return placeMarker(
        latlng,
        p,
        VENUE_FILL,
        6 + Math.min(8, visits * 2),
        `${nameIn(p)}: ${visits} ${labels.visits}`,
      );
    },
  }).addTo(map);
  if (districts.getLayers().length > 0) map.fitBounds(districts.getBounds(), { padding: [10, 10] });
  else map.setView([60.2, 24.7], 10);
  addLegend(map, [
    { fill: VENUE_FILL, text: labels.place, round: true },
    { fill: AREA_FILL, text: labels.district },
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
  const all = L.featureGroup().addTo(map);
  L.geoJSON(featuresOf(data, 'origin'), {
    style: () => ({ color: '#0b4f8a', weight: 2, fillColor: AREA_FILL, fillOpacity: 0.6 }),
    onEachFeature: (f, l) => {
      l.bindTooltip(asText(nameIn(f.properties as Props)));
    },
  }).addTo(all);
  L.geoJSON(featuresOf(data, 'venue'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      return placeMarker(latlng, p, VENUE_FILL, 9, `${nameIn(p)}: ${p.visits ?? 0} ${labels.visits}`);
    },
  }).addTo(all);
  L.geoJSON(featuresOf(data, 'point'), {
    pointToLayer: (f, latlng) => {
      const p = f.properties as Props;
      const minutes = p.minutes === null || p.minutes === undefined ? '' : `: ${p.minutes} ${labels.minutes}`;
      return placeMarker(latlng, p, POINT_FILL, 8, `${nameIn(p)}${minutes}`);
    },
  }).addTo(all);
  if (all.getLayers().length > 0) map.fitBounds(all.getBounds(), { padding: [16, 16] });
  else map.setView([60.2, 24.7], 10);
  addLegend(map, [
    { fill: VENUE_FILL, text: labels.place, round: true },
    { fill: POINT_FILL, text: labels.point, round: true },
    { fill: AREA_FILL, text: labels.origin },
  ]);
}

document.documentElement.classList.add('js');
const el = document.getElementById('schedule-map');
if (el) void drawScheduleMap(el).catch((e) => console.error(e));
const nearEl = document.getElementById('near-map');
if (nearEl) void drawNearMap(nearEl).catch((e) => console.error(e));
