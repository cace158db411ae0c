/** Exports of a scenario comparison: a CSV table per area and GeoJSON for maps. */
import type { ScenarioComparison } from '../core/access/comparison.ts';
import type { Area } from '../core/model/area.ts';
import type { FiguresBasis } from './access-service.ts';

/** A comparison with what its figures rest on (every export names both). */
type Exported = ScenarioComparison & { readonly basis: FiguresBasis };

/** `modelled: …` — the demand basis as one cell. */
const demandCell = (b: FiguresBasis) => `${b.demand.basis}: ${b.demand.description}`;

const cell = (v: string | number | null | boolean) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function comparisonAreasCsv(c: Exported): string {
  const header = [
    'area_id',
    'name',
    'population',
    'population_75_plus',
    `${c.base}_minutes`,
    `${c.alt}_minutes`,
    'delta_minutes',
    'loss_person_minutes',
    'loses_access',
    'engine',
    'demand_basis',
  ];
  const rows = c.areas.map((a) =>
    [
      a.areaId,
      a.name,
      a.population,
      a.population75Plus,
      a.baseMinutes,
      a.altMinutes,
      a.deltaMinutes,
      a.lossPersonMinutes,
      a.losesAccess,
      c.basis.engine,
      demandCell(c.basis),
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

export function comparisonGroupsCsv(c: Exported): string {
  const header = [
    'group',
    'scenario',
    'population',
    'mean_minutes',
    'median_minutes',
    'p90_minutes',
    'share_within_15',
    'share_within_30',
    'share_within_45',
    'unreachable_share',
    'service_hours_within_threshold',
    'data_share',
    'engine',
    'demand_basis',
  ];
  const rows = c.groups.flatMap((g) =>
    (['base', 'alt'] as const).map((side) =>
      [
        g.group,
        side === 'base' ? c.base : c.alt,
        g[side].population,
        g[side].meanMinutes,
        g[side].medianMinutes,
        g[side].p90Minutes,
        g[side].shareWithin['15'],
        g[side].shareWithin['30'],
        g[side].shareWithin['45'],
        g[side].unreachableShare,
        g.serviceHours[side],
        g[side].dataShare,
        c.basis.engine,
        demandCell(c.basis),
      ]
        .map(cell)
        .join(','),
    ),
  );
  // A group without data is listed with empty figures and data_share 0, never with numbers.
  for (const group of c.groupsWithoutData)
    for (const side of [c.base, c.alt])
      rows.push(
        [
          group,
          side,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          0,
          c.basis.engine,
          demandCell(c.basis),
        ]
          .map(cell)
          .join(','),
      );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** A FeatureCollection of the areas (polygons where known, else their point) with the change as properties. */
export function comparisonGeoJson(c: Exported, areas: readonly Area[]) {
  const byId = new Map(areas.map((a) => [a.id as string, a]));
  return {
    type: 'FeatureCollection' as const,
    properties: {
      base: c.base,
      alt: c.alt,
      mode: c.mode,
      engine: c.engine.name,
      engineDescription: c.basis.engine,
      approximate: c.engine.approximate,
      demandBasis: c.basis.demand,
      groupsWithoutData: c.groupsWithoutData,
    },
    features: c.areas.map((a) => {
      const area = byId.get(a.areaId);
      return {
        type: 'Feature' as const,
        id: a.areaId,
        geometry:
          area?.geometry ??
          (area ? { type: 'Point' as const, coordinates: [area.centroid.lon, area.centroid.lat] } : null),
        properties: {
          areaId: a.areaId,
          name: a.name,
          nameSv: a.names.sv,
          nameEn: a.names.en,
          baseMinutes: a.baseMinutes,
          altMinutes: a.altMinutes,
          deltaMinutes: a.deltaMinutes,
          population: a.population,
          population75Plus: a.population75Plus,
          lossPersonMinutes: a.lossPersonMinutes,
          losesAccess: a.losesAccess,
        },
      };
    }),
  };
}
