/**
 * When the feed's services run: calendar.txt (weekdays between two dates) and calendar_dates.txt
 * (dates added or removed); a service may be named in either or both.
 */
import type { GtfsCalendar, GtfsCalendarDate } from '../../core/access/gtfs.ts';
import { csvSource, FieldReader } from './fields.ts';
import { type FeedReader, parseGtfsDate } from './gtfs-reading.ts';

/** calendar.txt; `serviceIds` gets every service it defines. */
export function readCalendar(reader: FeedReader, serviceIds: Set<string>): GtfsCalendar[] {
  const calendars: GtfsCalendar[] = [];
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const { rows, list } = reader.table('calendar.txt', ['service_id', ...days, 'start_date', 'end_date']);
  for (const row of rows) {
    const r = new FieldReader(csvSource(row), list);
    const id = r.text('service_id', { required: true });
    const flags = days.map((d) => r.int(d, { required: true, min: 0, max: 1 }));
    const start = r.text('start_date', { required: true });
    const end = r.text('end_date', { required: true });
    const startDate = start ? parseGtfsDate(start) : undefined;
    const endDate = end ? parseGtfsDate(end) : undefined;
    if (start && !startDate) r.fail('start_date', `expected a date as YYYYMMDD, got "${start}"`);
    if (end && !endDate) r.fail('end_date', `expected a date as YYYYMMDD, got "${end}"`);
    if (startDate && endDate && endDate < startDate)
      r.fail('end_date', `end_date ${end} is before start_date ${start}`);
    if (!id || !startDate || !endDate || flags.some((f) => f === undefined)) continue;
    if (serviceIds.has(id)) {
      r.fail('service_id', `duplicate service_id "${id}"`);
      continue;
    }
    serviceIds.add(id);
    const runs = (day: number) => flags[day] === 1;
    calendars.push({
      serviceId: id,
      weekdays: [runs(0), runs(1), runs(2), runs(3), runs(4), runs(5), runs(6)],
      startDate,
      endDate,
    });
  }
  return calendars;
}

/** calendar_dates.txt; `serviceIds` gets every service it names. */
export function readCalendarDates(reader: FeedReader, serviceIds: Set<string>): GtfsCalendarDate[] {
  const calendarDates: GtfsCalendarDate[] = [];
  const { rows, list } = reader.table('calendar_dates.txt', ['service_id', 'date', 'exception_type']);
  for (const row of rows) {
    const r = new FieldReader(csvSource(row), list);
    const id = r.text('service_id', { required: true });
    const raw = r.text('date', { required: true });
    const date = raw ? parseGtfsDate(raw) : undefined;
    if (raw && !date) r.fail('date', `expected a date as YYYYMMDD, got "${raw}"`);
    const type = r.int('exception_type', { required: true, min: 1, max: 2 });
    if (!id || !date || (type !== 1 && type !== 2)) continue;
    serviceIds.add(id);
    calendarDates.push({ serviceId: id, date, exceptionType: type });
  }
  return calendarDates;
}
