/**
 * What the schedule says for a week without visits: that it is not published yet (with the last
 * published week), or that the choices find nothing (with the nearest week or the districts
 * where they do).
 */
import type { Lang } from '../../core/i18n.ts';
import { addDays, type IsoDate, isoWeekOf, startOfIsoWeek } from '../../core/time/civil-time.ts';
import type { EmptyWeekHint } from '../../services/public-service.ts';
import { formatDate, type MessageKey, t } from '../messages.ts';

/** "viikko 51, 14.12.2026–20.12.2026" as a link text's parameters. */
function weekParams(lang: Lang, monday: IsoDate): Record<string, string> {
  return {
    week: String(Number(isoWeekOf(monday).slice(6))),
    from: formatDate(lang, monday, false),
    to: formatDate(lang, addDays(monday, 6), false),
  };
}

export function EmptyWeek({
  lang,
  monday,
  hint,
  href,
}: {
  lang: Lang;
  monday: IsoDate;
  hint: EmptyWeekHint | undefined;
  /** The schedule's address for an ISO week ("2026-W51"), optionally in another district. */
  href: (week: string, district?: string) => string;
}) {
  const week = String(Number(isoWeekOf(monday).slice(6)));
  const weekLink = (key: MessageKey, m: IsoDate) => (
    <p>
      <a href={href(isoWeekOf(m))}>{t(lang, key, weekParams(lang, m))}</a>
    </p>
  );
  if (!hint) return <p>{t(lang, 'noVisitsWeek')}</p>;
  const last = hint.lastPublished ? startOfIsoWeek(hint.lastPublished) : null;
  return (
    <div class="empty-week">
      {hint.notPublished ? (
        <>
          <p>{t(lang, 'weekNotPublished', { week })}</p>
          {last ? weekLink('lastPublishedWeek', last) : <p>{t(lang, 'nothingPublished')}</p>}
        </>
      ) : (
        <p>{t(lang, 'noVisitsWeek')}</p>
      )}
      {hint.nearestWeek && hint.nearestWeek !== last ? weekLink('nearestWeekMatch', hint.nearestWeek) : null}
      {hint.districts.length > 0 ? (
        <>
          <p>{t(lang, 'otherDistrictsMatch')}</p>
          <ul>
            {hint.districts.map((d) => (
              <li>
                <a href={href(isoWeekOf(monday), d.id)}>{d.name[lang]}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
