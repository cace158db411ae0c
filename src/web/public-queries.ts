/**
 * The public pages' questions as their queries ask them: the place of the near page (typed text
 * or the browser's position) and the schedule's week and filters. The pages and their map data
 * read the same query the same way, so a map always shows what its page lists.
 */
import type { Context } from 'hono';
import { mondayOfIsoWeek, startOfIsoWeek } from '../core/time/civil-time.ts';
import type { PublicService } from '../services/public-service.ts';
import type { ScheduleFilter } from './pages/schedule-page.tsx';
import { MAX_QUERY } from './public-page.tsx';

/** The place asked for on the near page: typed text, or the browser's position. */
export function nearQuery(c: Context) {
  const q = (c.req.query('q') ?? '').trim().slice(0, MAX_QUERY);
  const slow = c.req.query('slow') === '1';
  const lat = Number(c.req.query('lat'));
  const lon = Number(c.req.query('lon'));
  const hasLocation =
    c.req.query('lat') !== undefined &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180;
  const query = q ? { q } : hasLocation ? { location: { lat, lon } } : null;
  return { q, slow, query };
}

/** The schedule's week and filters from the query; unknown values are ignored and listed. */
export async function scheduleQuery(c: Context, publicSite: PublicService) {
  const ref = await publicSite.reference();
  const { districts, languages, topics } = ref;
  const ignored: string[] = [];
  const pick = (name: string, known: readonly string[]) => {
    const value = (c.req.query(name) ?? '').trim();
    if (value === '') return undefined;
    if (known.includes(value)) return value;
    ignored.push(value.slice(0, MAX_QUERY));
    return undefined;
  };
  const weekParam = (c.req.query('week') ?? '').trim();
  let monday = startOfIsoWeek(publicSite.today());
  if (weekParam !== '') {
    const m = mondayOfIsoWeek(weekParam);
    if (m) monday = m;
    else ignored.push(weekParam.slice(0, MAX_QUERY));
  }
  const filter: ScheduleFilter = {
    ...optional(
      'district',
      pick(
        'district',
        districts.map((d) => d.id),
      ),
    ),
    ...optional('language', pick('language', languages)),
    ...optional(
      'topic',
      pick(
        'topic',
        topics.map((x) => x.id),
      ),
    ),
  };
  const { days } = await publicSite.week(monday, serviceFilter(filter), ref);
  return { districts, languages, topics, ignored, monday, filter, days };
}

/** The schedule's filter as the public service takes it. */
export function serviceFilter(filter: ScheduleFilter) {
  return {
    ...optional('districtId', filter.district),
    ...optional('language', filter.language),
    ...optional('topicId', filter.topic),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
