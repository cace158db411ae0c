import { describe, expect, it } from 'vitest';
import {
  areaGeometrySchema,
  BadJsonColumnError,
  demandBasisInfoSchema,
  groupCountsSchema,
  jsonObjectSchema,
  planChangesSchema,
  readJsonColumn,
  toJsonColumn,
} from './json-columns.ts';

describe('JSON columns', () => {
  it('gives back a value of the column’s shape', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [24.6, 60.2],
          [24.7, 60.2],
          [24.7, 60.3],
          [24.6, 60.2],
        ],
      ],
    };
    expect(readJsonColumn('areas.geometry', areaGeometrySchema, square)).toEqual(square);
    expect(readJsonColumn('demand_points.counts', groupCountsSchema, { all: 12.5 })).toEqual({ all: 12.5 });
  });

  it('names the table, column and path of a value of the wrong shape', () => {
    const read = () =>
      readJsonColumn('areas.geometry', areaGeometrySchema, { type: 'Polygon', coordinates: [[[24.6, 'x']]] });
    expect(read).toThrow(BadJsonColumnError);
    expect(read).toThrow(/^areas\.geometry holds a value of the wrong shape: at coordinates\.0\.0\.1: /);
    expect(() =>
      readJsonColumn('settings.value (demand.basis)', demandBasisInfoSchema, { basis: 'guess', points: 1 }),
    ).toThrow(/^settings\.value \(demand\.basis\) holds a value of the wrong shape: at basis: /);
    expect(() => readJsonColumn('audit_log.details', jsonObjectSchema, [1, 2])).toThrow(
      /^audit_log\.details /,
    );
  });

  it('writes what the driver would: undefined properties dropped, dates as text, undefined as null', () => {
    const at = new Date(Date.UTC(2027, 0, 11));
    expect(toJsonColumn('plans.summary', { notes: ['a'], rules: undefined, at })).toEqual({
      notes: ['a'],
      at: '2027-01-11T00:00:00.000Z',
    });
    expect(toJsonColumn('visits.explanation', undefined)).toBeNull();
    expect(toJsonColumn('audit_log.details', { method: 'oidc' }, jsonObjectSchema)).toEqual({
      method: 'oidc',
    });
  });

  it("reads a plan's changes, a list left out as empty, and refuses an unknown cancel reason", () => {
    expect(readJsonColumn('plans.changes', planChangesSchema, {})).toEqual({
      kept: [],
      restaffed: [],
      cancelled: [],
      added: 0,
    });
    const changes = {
      kept: ['v1'],
      restaffed: [],
      cancelled: [{ visitId: 'v2', reason: 'venue-closed' }],
      added: 3,
    };
    expect(readJsonColumn('plans.changes', planChangesSchema, changes)).toEqual(changes);
    expect(() =>
      readJsonColumn('plans.changes', planChangesSchema, { cancelled: [{ visitId: 'v2', reason: 'rain' }] }),
    ).toThrow(/plans\.changes .*cancelled\.0\.reason/);
  });
});
