/**
 * The public maps' data as GeoJSON, asked with the same query as the page the map is on: the
 * near page's (the area asked about, the places of the visits listed, the customer-service
 * points) and the schedule's (the districts, and the places with the week's visits).
 */
import { Hono } from 'hono';
import { LANGS } from '../core/i18n.ts';
import type { PublicService, PublicVisit } from '../services/public-service.ts';
import { localePath } from './layout.tsx';
import { PUBLIC_MAX_AGE } from './public-page.tsx';
import { nearQuery, scheduleQuery } from './public-queries.ts';
import type { WebEnv } from './web-env.ts';

/** A place's page in each language, for a map's link. */
const placePaths = (id: string) =>
  Object.fromEntries(LANGS.map((l) => [l, localePath(l, `/places/${encodeURIComponent(id)}`)]));

export function createMapDataRoutes(publicSite: PublicService): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  // The near page's map data: the area asked about, the places of the visits listed, the points.
  app.get('/map/near.geojson', async (c) => {
    const { slow, query } = nearQuery(c);
    const result = query ? await publicSite.near(query, slow) : null;
    if (!result?.found) return c.json({ type: 'FeatureCollection', features: [] }, 404);
    const { answer } = result;
    // A position outside the city has no area of its own to draw.
    const origin = answer.place.outside ? null : await publicSite.areaShape(answer.place.origin.id);
    const visitsAt = new Map<string, { venue: PublicVisit['venue']; visits: number }>();
    for (const v of answer.visits) {
      const entry = visitsAt.get(v.venue.id) ?? { venue: v.venue, visits: 0 };
      entry.visits++;
      visitsAt.set(v.venue.id, entry);
    }
    const point = (p: { lat: number; lon: number }) => ({ type: 'Point', coordinates: [p.lon, p.lat] });
    const features = [
      ...(origin?.geometry
        ? [
            {
              type: 'Feature',
              geometry: origin.geometry,
              properties: { kind: 'origin', id: origin.id, name: origin.name },
            },
          ]
        : []),
      ...[...visitsAt.values()].map(({ venue, visits }) => ({
        type: 'Feature',
        geometry: point(venue.location),
        properties: { kind: 'venue', id: venue.id, name: venue.name, visits, paths: placePaths(venue.id) },
      })),
      ...answer.points.map(({ site, minutes }) => ({
        type: 'Feature',
        geometry: point(site.location),
        properties: { kind: 'point', id: site.id, name: site.name, minutes, paths: placePaths(site.id) },
      })),
    ];
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE}`);
    return c.json({ type: 'FeatureCollection', features });
  });

  // The schedule's map data: districts, and the places with this week's visits.
  app.get('/map/schedule.geojson', async (c) => {
    const q = await scheduleQuery(c, publicSite);
    const shapes = await publicSite.districtShapes();
    const byVenue = new Map<string, { venue: PublicVisit['venue']; visits: number }>();
    for (const d of q.days)
      for (const v of d.visits) {
        if (v.visit.status !== 'published') continue;
        const entry = byVenue.get(v.venue.id) ?? { venue: v.venue, visits: 0 };
        entry.visits++;
        byVenue.set(v.venue.id, entry);
      }
    const features = [
      ...shapes
        .filter((d) => d.geometry)
        .map((d) => ({
          type: 'Feature',
          geometry: d.geometry,
          properties: { kind: 'district', id: d.id, name: d.name },
        })),
      ...[...byVenue.values()].map(({ venue, visits }) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [venue.location.lon, venue.location.lat] },
        properties: { kind: 'venue', id: venue.id, name: venue.name, visits, paths: placePaths(venue.id) },
      })),
    ];
    c.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE}`);
    return c.json({ type: 'FeatureCollection', features });
  });
  return app;
}
