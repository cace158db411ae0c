/**
 * A GTFS feed as neuvo uses it (https://gtfs.org/documentation/schedule/reference/), after
 * parsing and validation: stops, trips with their stop times in seconds since the service
 * day's noon-minus-12h (so times past 24:00 stay as they are), service calendars with their
 * exceptions, and frequency-based trips.
 */
import { addDays, type IsoDate, isoWeekday } from '../time/civil-time.ts';

export interface GtfsStop {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

export interface GtfsRoute {
  readonly id: string;
  readonly shortName: string;
  readonly longName: string;
  /** GTFS route_type (0 tram, 1 metro, 2 rail, 3 bus, …). */
  readonly type: number;
}

export interface GtfsTrip {
  readonly id: string;
  readonly routeId: string;
  readonly serviceId: string;
  /** Stop ids in stop_sequence order. */
  readonly stopIds: readonly string[];
  /** Seconds after the service day's start; may exceed 86 400 for trips past midnight. */
  readonly arrivals: readonly number[];
  readonly departures: readonly number[];
  /** Per stop time: true where boarding is not allowed (`pickup_type` 1). Absent: allowed everywhere. */
  readonly noPickup?: readonly boolean[];
  /** Per stop time: true where alighting is not allowed (`drop_off_type` 1). */
  readonly noDropOff?: readonly boolean[];
}

/**
 * A rule of transfers.txt between two stops (the same stop for a change of vehicle there):
 * 0 and 1 change nothing (a recommended or timed transfer), 2 needs `minSeconds`, 3 forbids it.
 */
export interface GtfsTransfer {
  readonly fromStopId: string;
  readonly toStopId: string;
  readonly type: 0 | 1 | 2 | 3;
  readonly minSeconds: number;
}

export interface GtfsCalendar {
  readonly serviceId: string;
  /** Monday first. */
  readonly weekdays: readonly [boolean, boolean, boolean, boolean, boolean, boolean, boolean];
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

export interface GtfsCalendarDate {
  readonly serviceId: string;
  readonly date: IsoDate;
  /** 1: service added on this date; 2: service removed. */
  readonly exceptionType: 1 | 2;
}

export interface GtfsFrequency {
  readonly tripId: string;
  readonly startSeconds: number;
  /** Exclusive, as in GTFS. */
  readonly endSeconds: number;
  readonly headwaySeconds: number;
  readonly exactTimes: boolean;
}

export interface GtfsFeed {
  readonly stops: readonly GtfsStop[];
  readonly routes: readonly GtfsRoute[];
  readonly trips: readonly GtfsTrip[];
  readonly calendars: readonly GtfsCalendar[];
  readonly calendarDates: readonly GtfsCalendarDate[];
  readonly frequencies: readonly GtfsFrequency[];
  /** transfers.txt between stops (absent: none). */
  readonly transfers?: readonly GtfsTransfer[];
}

export const SECONDS_PER_DAY = 86_400;

/** Which services run on a date: calendar.txt weekdays and range, then calendar_dates.txt exceptions. */
export function activeServices(feed: GtfsFeed, date: IsoDate): Set<string> {
  const active = new Set<string>();
  const weekday = isoWeekday(date) - 1;
  for (const c of feed.calendars) {
    if (c.startDate <= date && date <= c.endDate && c.weekdays[weekday]) active.add(c.serviceId);
  }
  for (const e of feed.calendarDates) {
    if (e.date !== date) continue;
    if (e.exceptionType === 1) active.add(e.serviceId);
    else active.delete(e.serviceId);
  }
  return active;
}

/** A concrete run of a trip on the query date, with times relative to the query date's start. */
export interface TripRun {
  readonly tripId: string;
  readonly stopIds: readonly string[];
  readonly arrivals: readonly number[];
  readonly departures: readonly number[];
  readonly noPickup?: readonly boolean[];
  readonly noDropOff?: readonly boolean[];
}

/**
 * Every trip run that happens on `date`: trips of the date's services, plus trips of the
 * previous day's services shifted by −24 h (those still running after midnight), with
 * frequency-based trips expanded to one run per headway from start_time (exclusive of
 * end_time). Runs entirely before 00:00 of the date are left out.
 */
export function tripRunsOn(feed: GtfsFeed, date: IsoDate): TripRun[] {
  const today = activeServices(feed, date);
  const yesterday = activeServices(feed, addDays(date, -1));
  const frequencies = new Map<string, GtfsFrequency[]>();
  for (const f of feed.frequencies) frequencies.set(f.tripId, [...(frequencies.get(f.tripId) ?? []), f]);
  const runs: TripRun[] = [];
  for (const trip of feed.trips) {
    const base = trip.departures[0] ?? 0;
    const starts: number[] = [];
    const freq = frequencies.get(trip.id);
    if (freq) {
      for (const f of freq)
        for (let s = f.startSeconds; s < f.endSeconds; s += f.headwaySeconds) starts.push(s);
    } else starts.push(base);
    for (const [offset, active] of [
      [0, today],
      [-SECONDS_PER_DAY, yesterday],
    ] as const) {
      if (!active.has(trip.serviceId)) continue;
      for (const start of starts) {
        const shift = start - base + offset;
        const last = (trip.arrivals[trip.arrivals.length - 1] ?? 0) + shift;
        if (last < 0) continue;
        runs.push({
          tripId: trip.id,
          stopIds: trip.stopIds,
          arrivals: trip.arrivals.map((t) => t + shift),
          departures: trip.departures.map((t) => t + shift),
          ...(trip.noPickup ? { noPickup: trip.noPickup } : {}),
          ...(trip.noDropOff ? { noDropOff: trip.noDropOff } : {}),
        });
      }
    }
  }
  return runs;
}
