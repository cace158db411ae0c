/**
 * Map helpers shared by the staff pages and the public schedule's map: a Leaflet map with the
 * configured tiles (none: areas and places on a plain background), features by kind, a legend.
 */
/// <reference lib="dom" />
import L from 'leaflet';

/** A Leaflet map in `el` with the configured tiles (none: a plain background) and its GeoJSON. */
export async function openMap(el: HTMLElement): Promise<{ map: L.Map; data: GeoJSON.FeatureCollection }> {
  const data = (await (await fetch(el.dataset.geojson ?? '')).json()) as GeoJSON.FeatureCollection;
  const map = L.map(el, { scrollWheelZoom: false });
  if (el.dataset.tiles)
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution ?? '' }).addTo(map);
  return { map, data };
}

/** The features of one kind (`area`, `site`, `venue`) that have a geometry. */
export function featuresOf(data: GeoJSON.FeatureCollection, kind: string): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: data.features.filter((f) => (f.properties as { kind?: string }).kind === kind && f.geometry),
  };
}

/** A legend in the map's corner: one swatch and text per row (round: a point, else an area). */
export function addLegend(
  map: L.Map,
  rows: readonly { fill: string; text: string; round?: boolean }[],
): void {
  const legend = new L.Control({ position: 'bottomright' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'map-legend');
    for (const r of rows) {
      const row = L.DomUtil.create('div', '', div);
      const swatch = L.DomUtil.create('span', 'swatch', row);
      swatch.style.background = r.fill;
      if (r.round) swatch.style.borderRadius = '50%';
      row.append(r.text);
    }
    return div;
  };
  legend.addTo(map);
}

/** A place's name in the page's language. */
export const nameIn = (p: { name?: Record<string, string>; siteId?: string }) =>
  p.name?.[document.documentElement.lang || 'fi'] ?? p.name?.fi ?? p.siteId ?? '';

/**
 * Tooltip content as text, never markup: Leaflet reads a string as HTML, and names come from
 * imported data.
 */
export function asText(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}
