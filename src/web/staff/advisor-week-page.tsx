/**
 * The advisors' day view: this week's visits, today's first, each with its place and hours,
 * check-in and check-out, and its bookings (./advisor-bookings.tsx). Works without JavaScript.
 */
import type { Lang } from '../../core/i18n.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import { isoWeekOf } from '../../core/time/civil-time.ts';
import type { AdvisorVisit, AdvisorWeek } from '../../services/advisor-service.ts';
import type { DayBookings } from '../../services/booking/booking-staff.ts';
import { localePath } from '../layout.tsx';
import { formatDate, formatTime, t } from '../messages.ts';
import { hoursText, placeHref, siteAddress, topicNames, visitLanguages } from '../pages/public-parts.tsx';
import { VisitBookings } from './advisor-bookings.tsx';
import { AdvisorShell, contactFormPath } from './advisor-shell.tsx';

/** An instant's time of day in Helsinki (check-in and check-out). */
const timeOf = (lang: Lang, ms: number) => {
  const hm = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
  return formatTime(lang, hm);
};

function VisitCard({
  lang,
  v,
  bookings,
}: {
  lang: Lang;
  v: AdvisorVisit;
  bookings: DayBookings | undefined;
}) {
  const { visit, venue, languages, topics } = v.item;
  const cancelled = visit.status === 'cancelled';
  const time = t(lang, 'timeRange', {
    start: formatTime(lang, visit.start),
    end: formatTime(lang, visit.end),
  });
  const when = v.today ? time : `${formatDate(lang, visit.date)} ${time}`;
  const headingId = `visit-${visit.id}`;
  const context = `: ${venue.name[lang]}, ${when}`;
  const base = localePath(lang, `/advisor/visits/${visit.id}`);
  const address = siteAddress(venue, lang);
  return (
    <article
      class={`adv-visit${cancelled ? ' cancelled' : ''}`}
      aria-labelledby={headingId}
      id={`v-${visit.id}`}
    >
      <h3 id={headingId}>
        <span class="visit-when">{when}</span> <a href={placeHref(lang, venue)}>{venue.name[lang]}</a>
        {cancelled ? <span class="visually-hidden"> ({t(lang, 'cancelledVisit')})</span> : null}
      </h3>
      {cancelled ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: visit.cancelNote?.[lang] ?? '' })}</p>
      ) : null}
      <p>
        <span class="muted">{t(lang, 'address')}: </span>
        {address || t(lang, 'addressUnknown')}
      </p>
      {v.today ? <p>{hoursText(lang, v.hours)}</p> : null}
      {v.today && venue.accessibility?.[lang] ? (
        <p>
          <span class="muted">{t(lang, 'accessibilityInfo')}: </span>
          {venue.accessibility[lang]}
        </p>
      ) : null}
      {!cancelled && languages.length > 0 ? (
        <p>{t(lang, 'advisorsSpeak', { languages: visitLanguages(lang, languages) })}</p>
      ) : null}
      {!cancelled && topics.length > 0 ? (
        <p>{t(lang, 'helpTopics', { topics: topicNames(lang, topics) })}</p>
      ) : null}
      {v.checkedInAtMs !== null ? (
        <p class="adv-time">{t(lang, 'advCheckedIn', { time: timeOf(lang, v.checkedInAtMs) })}</p>
      ) : null}
      {v.checkedOutAtMs !== null ? (
        <p class="adv-time">{t(lang, 'advCheckedOut', { time: timeOf(lang, v.checkedOutAtMs) })}</p>
      ) : null}
      {!cancelled ? (
        <div class="adv-actions">
          {v.today && v.checkedInAtMs === null ? (
            <form method="post" action={`${base}/check-in`}>
              <button type="submit" class="adv-primary">
                {t(lang, 'advCheckIn')}
                <span class="visually-hidden">{context}</span>
              </button>
            </form>
          ) : null}
          {v.today && v.checkedInAtMs !== null && v.checkedOutAtMs === null ? (
            <form method="post" action={`${base}/check-out`}>
              <button type="submit" class="adv-primary">
                {t(lang, 'advCheckOut')}
                <span class="visually-hidden">{context}</span>
              </button>
            </form>
          ) : null}
          <a class="adv-link-button" href={`${contactFormPath(lang)}?visit=${visit.id}`}>
            {t(lang, 'advLogHere')}
            <span class="visually-hidden">{context}</span>
          </a>
        </div>
      ) : null}
      <VisitBookings lang={lang} visitId={visit.id} bookings={bookings} />
    </article>
  );
}

export function AdvisorWeekPage({
  lang,
  user,
  week,
  error,
  notice,
  bookings,
  clientAvailable,
}: {
  lang: Lang;
  user: StaffUser;
  week: AdvisorWeek;
  error?: string | null;
  /** What the page confirms after a form post (a booking marked). */
  notice?: string | null;
  /** Each visit's bookings (absent: the tables say there are none). */
  bookings?: DayBookings | undefined;
  clientAvailable: boolean;
}) {
  const today = week.visits.filter((v) => v.today);
  const rest = week.visits.filter((v) => !v.today);
  return (
    <AdvisorShell
      lang={lang}
      user={user}
      title={t(lang, 'advWeekTitle')}
      path="/advisor/"
      current="week"
      clientAvailable={clientAvailable}
    >
      <h1>{t(lang, 'advWeekTitle')}</h1>
      <p>
        {t(lang, 'advWeekRange', {
          week: String(Number(isoWeekOf(week.monday).slice(6))),
          from: formatDate(lang, week.monday),
          to: formatDate(lang, week.sunday),
        })}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!week.linked ? (
        <p class="notice">{t(lang, 'advNotLinked')}</p>
      ) : (
        <>
          <section aria-labelledby="today-heading">
            <h2 id="today-heading">
              {t(lang, 'advToday')}, {formatDate(lang, week.today)}
            </h2>
            {today.length === 0 ? <p>{t(lang, 'advNoVisitsToday')}</p> : null}
            {today.map((v) => (
              <VisitCard lang={lang} v={v} bookings={bookings} />
            ))}
          </section>
          <section aria-labelledby="week-heading">
            <h2 id="week-heading">{t(lang, 'advRestOfWeek')}</h2>
            {rest.length === 0 ? <p>{t(lang, 'advNoOtherVisits')}</p> : null}
            {rest.map((v) => (
              <VisitCard lang={lang} v={v} bookings={bookings} />
            ))}
          </section>
        </>
      )}
    </AdvisorShell>
  );
}
