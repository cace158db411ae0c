/**
 * Booking a support time on the public site: the form (the visit, its times as a radio group,
 * topic, language, needs, an optional first name and contact; every problem next to its field
 * and in a summary, what was typed kept), the booker's own page by the private link (details,
 * calendar file, change the time, cancel, delete my details), and the pages that say why
 * something cannot be done. Every form is a plain post: nothing needs JavaScript.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import { BOOKING_NEEDS, type Booking, type BookingNeed } from '../../core/model/booking.ts';
import type { Topic } from '../../core/model/topic.ts';
import { isoDateAt } from '../../core/time/civil-time.ts';
import {
  type BookingField,
  type BookingProblem,
  CONTACT_MAX,
  FIRST_NAME_MAX,
} from '../../services/booking/booking-input.ts';
import type { Slot, VisitRefusal } from '../../services/booking/booking-service.ts';
import { languageName, type PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, formatWait, type MessageKey, t } from '../messages.ts';
import { placeHref, siteAddress, topicNames, visitLanguages } from './public-parts.tsx';

/** The booking form's fields as typed (kept when the form comes back with a problem). */
export interface BookingFormValues {
  readonly start: string;
  readonly topicId: string;
  readonly language: string;
  readonly needs: readonly string[];
  readonly firstName: string;
  readonly contact: string;
}

export const bookPath = (visitId: string) => `/visits/${visitId}/book`;
export const bookingPath = (token: string) => `/bookings/${token}`;

const NEED_KEYS: Record<BookingNeed, MessageKey> = {
  interpreter: 'bkNeedInterpreter',
  accessibility: 'bkNeedAccessibility',
};

const timeRange = (lang: Lang, start: string, end: string) =>
  t(lang, 'timeRange', { start: formatTime(lang, start), end: formatTime(lang, end) });

const slotId = (prefix: string, start: string) => `${prefix}-${start.replace(':', '')}`;

/** A problem in words, in the reader's language. */
export function bookingProblemText(lang: Lang, p: BookingProblem, contact = ''): string {
  switch (p.field) {
    case 'visit':
      return t(lang, p.problem === 'cancelled' ? 'bkVisitCancelledText' : 'bkCancelTooLate');
    case 'start':
      if (p.problem === 'required') return t(lang, 'bkErrStartRequired');
      if (p.problem === 'full') return t(lang, 'bkErrStartFull');
      if (p.problem === 'past') return t(lang, 'bkErrStartPast');
      return t(lang, 'bkErrStartNotBookable');
    case 'language':
      return t(lang, 'bkErrLanguage');
    case 'topicId':
      return t(lang, 'bkErrTopic');
    case 'needs':
      return t(lang, 'bkErrNeeds');
    case 'firstName':
    case 'contact':
      if (p.problem === 'too-long')
        return t(lang, 'bkErrTooLong', {
          max: String(p.field === 'firstName' ? FIRST_NAME_MAX : CONTACT_MAX),
        });
      if (p.problem === 'control-character') return t(lang, 'bkErrControl');
      return t(lang, contact.includes('@') ? 'bkErrEmail' : 'bkErrPhone');
  }
}

type Aria = { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };

const ariaOf = (id: string, error: string | null, hint: boolean): Aria => {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return {
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
};

/** Label (with "optional" where it is), hint, error and control, wired for screen readers. */
function Field(props: {
  id: string;
  label: string;
  lang: Lang;
  optional?: boolean;
  hint?: string | undefined;
  error: string | null;
  children: (aria: Aria) => Child;
}) {
  const { id, error, hint } = props;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.optional ? <span class="field-need"> ({t(props.lang, 'bkOptional')})</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children(ariaOf(id, error, Boolean(hint)))}
    </div>
  );
}

/** The error summary at the top of a form: each problem a link to its field. */
function ErrorSummary({ lang, items }: { lang: Lang; items: readonly { href: string; text: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div class="error" role="alert" aria-labelledby="error-summary">
      <h2 id="error-summary">{t(lang, 'bkErrorTitle')}</h2>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Where, when, who speaks what and helps with what: the visit as the public pages tell it, as
 * rows of a list of facts (a booking's own time instead of the visit's hours when given).
 */
function VisitFacts({ lang, item, time }: { lang: Lang; item: PublicVisit; time?: string }) {
  const { visit, venue, languages, topics } = item;
  const address = siteAddress(venue, lang);
  const cancelled = visit.status === 'cancelled';
  return (
    <>
      <dt>{t(lang, 'bkPlace')}</dt>
      <dd>
        <a href={placeHref(lang, venue)}>{venue.name[lang]}</a>
      </dd>
      {address ? (
        <>
          <dt>{t(lang, 'address')}</dt>
          <dd>{address}</dd>
        </>
      ) : null}
      <dt>{t(lang, 'bkDate')}</dt>
      <dd>{formatDate(lang, visit.date)}</dd>
      {time ? (
        <>
          <dt>{t(lang, 'bkTime')}</dt>
          <dd>
            <strong>{time}</strong>
          </dd>
        </>
      ) : (
        <>
          <dt>{t(lang, 'bkVisitHours')}</dt>
          <dd>{timeRange(lang, visit.start, visit.end)}</dd>
        </>
      )}
      {!time && !cancelled && languages.length > 0 ? (
        <>
          <dt>{t(lang, 'bkVisitLanguages')}</dt>
          <dd>{visitLanguages(lang, languages)}</dd>
        </>
      ) : null}
      {!time && !cancelled && topics.length > 0 ? (
        <>
          <dt>{t(lang, 'bkVisitTopics')}</dt>
          <dd>{topicNames(lang, topics)}</dd>
        </>
      ) : null}
    </>
  );
}

/** The times of a visit as radios; full ones shown but not choosable, started ones left out. */
function SlotChoices({
  lang,
  slots,
  prefix,
  checked,
  own,
  error,
}: {
  lang: Lang;
  slots: readonly Slot[];
  /** Id prefix of the radios (two forms never share a page, but their ids stay distinct). */
  prefix: string;
  checked: string;
  /** The booker's own current time (the change form): always choosable, marked as theirs. */
  own?: string;
  error: string | null;
}) {
  return (
    <div class="choice-list">
      {slots
        .filter((s) => !s.past)
        .map((s) => {
          const id = slotId(prefix, s.start);
          const mine = s.start === own;
          const full = s.free <= 0 && !mine;
          const state = mine
            ? t(lang, 'bkSlotYours')
            : full
              ? t(lang, 'bkSlotFull')
              : t(lang, s.free === 1 ? 'bkSlotFreeOne' : 'bkSlotFreeMany', { n: String(s.free) });
          return (
            <label class={full ? 'choice full' : 'choice'} for={id}>
              <input
                type="radio"
                id={id}
                name="start"
                value={s.start}
                checked={!full && checked === s.start}
                disabled={full}
                required
                {...(error ? { 'aria-invalid': 'true' as const } : {})}
              />
              <span>
                <span class="slot-time">{timeRange(lang, s.start, s.end)}</span>
                <span class="slot-state"> · {state}</span>
              </span>
            </label>
          );
        })}
    </div>
  );
}

/** The first time that can be chosen, for the error summary's link. */
const firstChoosable = (slots: readonly Slot[], own?: string) =>
  slots.find((s) => !s.past && (s.free > 0 || s.start === own));

export interface BookingFormPageProps {
  readonly lang: Lang;
  readonly item: PublicVisit;
  readonly slots: readonly Slot[];
  /** The languages the service offers: the visit's advisors' first, then the others. */
  readonly languages: { readonly here: readonly string[]; readonly other: readonly string[] };
  readonly values: BookingFormValues;
  readonly problems?: readonly BookingProblem[];
  /** Set when this address has booked too often: nothing was stored, what was typed is kept. */
  readonly waitSeconds?: number | undefined;
  readonly retentionDays: number;
}

const FORM_FIELD_IDS: Record<Exclude<BookingField, 'start' | 'visit'>, string> = {
  topicId: 'book-topic',
  language: 'book-language',
  needs: `book-need-${BOOKING_NEEDS[0]}`,
  firstName: 'book-firstName',
  contact: 'book-contact',
};

export function BookingFormPage(props: BookingFormPageProps) {
  const { lang, item, slots, values, problems = [], waitSeconds } = props;
  const { visit, venue, topics } = item;
  const errorOf = (field: BookingField) => {
    const p = problems.find((x) => x.field === field);
    return p ? bookingProblemText(lang, p, values.contact) : null;
  };
  const open = slots.filter((s) => !s.past);
  const choosable = firstChoosable(slots);
  const failed = problems.length > 0 || waitSeconds !== undefined;
  const heading = t(lang, 'bkTitleAt', { place: venue.name[lang] });
  const title = failed ? `${t(lang, 'bkErrorTitle')}: ${heading}` : heading;
  const startError = errorOf('start');
  const needsError = errorOf('needs');
  const hours = timeRange(lang, visit.start, visit.end);
  const summary = problems
    .filter((p) => p.field !== 'visit')
    .map((p) => ({
      href:
        p.field === 'start'
          ? `#${choosable ? slotId('slot', choosable.start) : 'book-slots'}`
          : `#${FORM_FIELD_IDS[p.field as keyof typeof FORM_FIELD_IDS]}`,
      text: bookingProblemText(lang, p, values.contact),
    }));
  return (
    <Layout lang={lang} title={title} path={bookPath(visit.id)}>
      <h1>{heading}</h1>
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'bkTooMany', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      <ErrorSummary lang={lang} items={summary} />
      <p>{t(lang, 'bkIntro')}</p>
      <section aria-labelledby="visit-heading">
        <h2 id="visit-heading">{t(lang, 'bkVisitHeading')}</h2>
        <dl class="facts visit-facts">
          <VisitFacts lang={lang} item={item} />
        </dl>
      </section>
      {choosable ? (
        <form method="post" action={localePath(lang, bookPath(visit.id))} class="stacked-form booking-form">
          <h2>{t(lang, 'bkFormHeading')}</h2>
          <fieldset
            id="book-slots"
            tabindex={-1}
            {...(startError ? { 'aria-describedby': 'book-slots-error' } : {})}
          >
            <legend>{t(lang, 'bkSlotsLegend')}</legend>
            {startError ? (
              <p class="field-error" id="book-slots-error">
                {startError}
              </p>
            ) : null}
            <SlotChoices lang={lang} slots={slots} prefix="slot" checked={values.start} error={startError} />
          </fieldset>

          <Field id="book-topic" lang={lang} label={t(lang, 'bkTopic')} error={errorOf('topicId')}>
            {(aria) => (
              <select id="book-topic" name="topicId" {...aria}>
                {topics.map((x: Topic) => (
                  <option value={x.id} selected={values.topicId === x.id}>
                    {x.name[lang]}
                  </option>
                ))}
                <option value="" selected={!topics.some((x) => x.id === values.topicId)}>
                  {t(lang, 'bkTopicOther')}
                </option>
              </select>
            )}
          </Field>

          <Field
            id="book-language"
            lang={lang}
            label={t(lang, 'bkLanguage')}
            hint={t(lang, 'bkLanguageHint')}
            error={errorOf('language')}
          >
            {(aria) => (
              <select id="book-language" name="language" required {...aria}>
                {props.languages.here.length > 0 ? (
                  <optgroup label={t(lang, 'bkLanguagesHere')}>
                    {props.languages.here.map((code) => (
                      <option value={code} selected={values.language === code}>
                        {languageName(lang, code)}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {props.languages.other.length > 0 ? (
                  <optgroup label={t(lang, 'bkLanguagesOther')}>
                    {props.languages.other.map((code) => (
                      <option value={code} selected={values.language === code}>
                        {languageName(lang, code)}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            )}
          </Field>

          <fieldset {...(needsError ? { 'aria-describedby': 'book-needs-error' } : {})}>
            <legend>
              {t(lang, 'bkNeedsLegend')} <span class="field-need">({t(lang, 'bkOptional')})</span>
            </legend>
            {needsError ? (
              <p class="field-error" id="book-needs-error">
                {needsError}
              </p>
            ) : null}
            {BOOKING_NEEDS.map((need) => (
              <label class="choice" for={`book-need-${need}`}>
                <input
                  type="checkbox"
                  id={`book-need-${need}`}
                  name="needs"
                  value={need}
                  checked={values.needs.includes(need)}
                  {...(needsError ? { 'aria-invalid': 'true' as const } : {})}
                />
                <span>{t(lang, NEED_KEYS[need])}</span>
              </label>
            ))}
          </fieldset>

          <Field
            id="book-firstName"
            lang={lang}
            label={t(lang, 'bkFirstName')}
            optional
            hint={t(lang, 'bkFirstNameHint')}
            error={errorOf('firstName')}
          >
            {(aria) => (
              <input
                type="text"
                id="book-firstName"
                name="firstName"
                value={values.firstName}
                maxlength={FIRST_NAME_MAX}
                autocomplete="given-name"
                {...aria}
              />
            )}
          </Field>

          <Field
            id="book-contact"
            lang={lang}
            label={t(lang, 'bkContact')}
            optional
            hint={t(lang, 'bkContactHint', { days: String(props.retentionDays) })}
            error={errorOf('contact')}
          >
            {(aria) => (
              <input
                type="text"
                id="book-contact"
                name="contact"
                value={values.contact}
                maxlength={CONTACT_MAX}
                autocomplete="email"
                {...aria}
              />
            )}
          </Field>

          {/* For bots: people never see this field; a form that fills it in is not stored. */}
          <div class="visually-hidden">
            <label for="book-website">{t(lang, 'bkWebsite')}</label>
            <input type="text" id="book-website" name="website" value="" autocomplete="off" tabindex={-1} />
          </div>

          <div>
            <button type="submit">{t(lang, 'bkConfirm')}</button>
          </div>
        </form>
      ) : (
        <section aria-labelledby="no-slots-heading">
          <h2 id="no-slots-heading">{t(lang, 'bkSlotsLegend')}</h2>
          <p class="notice">{t(lang, open.length > 0 ? 'bkNoSlots' : 'bkNoSlotsLeft')}</p>
          <p>{t(lang, 'bkWalkIn', { time: hours })}</p>
        </section>
      )}
      <ul class="plain link-list">
        <li>
          <a href={placeHref(lang, venue)}>{t(lang, 'bkBackToPlace', { place: venue.name[lang] })}</a>
        </li>
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}

const REFUSAL_KEYS: Record<VisitRefusal, readonly [MessageKey, MessageKey]> = {
  unknown: ['bkVisitUnknownTitle', 'bkVisitUnknownText'],
  cancelled: ['bkVisitCancelledTitle', 'bkVisitCancelledText'],
  past: ['bkVisitPastTitle', 'bkVisitPastText'],
};

/** A visit that takes no bookings: unknown, cancelled (with its note) or over. */
export function VisitRefusalPage({
  lang,
  refusal,
  item,
  path,
}: {
  lang: Lang;
  refusal: VisitRefusal;
  item?: PublicVisit | undefined;
  path: string;
}) {
  const [title, text] = REFUSAL_KEYS[refusal];
  const note = item?.visit.cancelNote?.[lang];
  return (
    <Layout lang={lang} title={t(lang, title)} path={path}>
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, text)}</p>
      {refusal === 'cancelled' && note ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: note })}</p>
      ) : null}
      {item ? (
        <dl class="facts visit-facts">
          <VisitFacts lang={lang} item={item} />
        </dl>
      ) : null}
      <ul class="plain link-list">
        {item ? (
          <li>
            <a href={placeHref(lang, item.venue)}>
              {t(lang, 'bkBackToPlace', { place: item.venue.name[lang] })}
            </a>
          </li>
        ) : null}
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** A short page: a title, a text, and the way to the schedule. */
export function BookingMessagePage({
  lang,
  title,
  text,
  path,
  noindex = false,
}: {
  lang: Lang;
  title: MessageKey;
  text: MessageKey;
  path: string;
  noindex?: boolean;
}) {
  return (
    <Layout lang={lang} title={t(lang, title)} path={path} noindex={noindex}>
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, text)}</p>
      <ul class="plain link-list">
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export interface BookingPageProps {
  readonly lang: Lang;
  readonly token: string;
  readonly booking: Booking;
  readonly item: PublicVisit;
  /** The visit's times (for the change form); none when the visit takes no bookings. */
  readonly slots: readonly Slot[];
  /** Every topic of the catalogue, for the booking's topic name. */
  readonly topics: readonly Topic[];
  /** The booking is still ahead and open: it can be changed and cancelled. */
  readonly ahead: boolean;
  /** The time was just changed. */
  readonly changed?: boolean;
  /** What went wrong with a change or a cancellation. */
  readonly problems?: readonly BookingProblem[];
  readonly waitSeconds?: number | undefined;
}

/** The booker's own page: details, calendar file, change the time, cancel, delete my details. */
export function BookingPage(props: BookingPageProps) {
  const { lang, token, booking: b, item, ahead, problems = [], waitSeconds } = props;
  const path = bookingPath(token);
  const action = (what: string) => localePath(lang, `${path}/${what}`);
  const visitCancelled = item.visit.status === 'cancelled';
  const title =
    b.status === 'cancelled'
      ? t(lang, 'bkCancelledTitle')
      : b.status === 'booked' && ahead
        ? t(lang, 'bkConfirmedTitle')
        : t(lang, 'bkOverTitle');
  const topic = b.topicId ? props.topics.find((x) => x.id === b.topicId) : undefined;
  const startError = problems.find((p) => p.field === 'start');
  const visitError = problems.find((p) => p.field === 'visit');
  const startErrorText = startError ? bookingProblemText(lang, startError) : null;
  const changeable = props.slots.filter((s) => !s.past && (s.free > 0 || s.start === b.start));
  const canChange = ahead && changeable.some((s) => s.start !== b.start);
  const note = item.visit.cancelNote?.[lang];
  const summary = startError
    ? [
        {
          href: `#${slotId('change', firstChoosable(props.slots, b.start)?.start ?? b.start)}`,
          text: startErrorText ?? '',
        },
      ]
    : [];
  return (
    <Layout
      lang={lang}
      title={problems.length > 0 ? `${t(lang, 'bkErrorTitle')}: ${title}` : title}
      path={path}
      noindex
    >
      <h1>{title}</h1>
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'bkTooManyChanges', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      {visitError ? (
        <p class="error" role="alert">
          {bookingProblemText(lang, visitError)}
        </p>
      ) : null}
      <ErrorSummary lang={lang} items={summary} />
      {props.changed ? (
        <p class="notice" role="status">
          {t(lang, 'bkChanged')}
        </p>
      ) : null}
      {b.status === 'cancelled' ? (
        <p class="notice" role="status">
          {t(lang, visitCancelled ? 'bkCancelledByVisit' : 'bkCancelledText')}
        </p>
      ) : null}
      {visitCancelled && note ? (
        <p class="cancel-note">{t(lang, 'cancelledBecause', { reason: note })}</p>
      ) : null}
      <dl class="facts visit-facts">
        <dt>{t(lang, 'bkReference')}</dt>
        <dd>
          <strong class="reference-code">{b.referenceCode}</strong>
        </dd>
        <VisitFacts lang={lang} item={item} time={timeRange(lang, b.start, b.end)} />
        <dt>{t(lang, 'bkTopicShown')}</dt>
        <dd>{topic ? topic.name[lang] : t(lang, 'bkTopicOtherShown')}</dd>
        <dt>{t(lang, 'bkLanguageShown')}</dt>
        <dd>{languageName(lang, b.language)}</dd>
        <dt>{t(lang, 'bkNeedsShown')}</dt>
        <dd>
          {b.needs.length > 0 ? b.needs.map((n) => t(lang, NEED_KEYS[n])).join('; ') : t(lang, 'bkNeedsNone')}
        </dd>
        {b.firstName ? (
          <>
            <dt>{t(lang, 'bkNameShown')}</dt>
            <dd>{b.firstName}</dd>
          </>
        ) : null}
        {b.contact ? (
          <>
            <dt>{t(lang, 'bkContactShown')}</dt>
            <dd class="contact-value">{b.contact}</dd>
          </>
        ) : null}
      </dl>
      {b.firstName || b.contact ? (
        <p class="hint">
          {t(lang, 'bkErasureNote', { date: formatDate(lang, isoDateAt(b.eraseAfterMs), false) })}
        </p>
      ) : null}
      {b.status === 'booked' && ahead ? (
        <>
          <p>{t(lang, 'bkKeepLink')}</p>
          <p>
            <a href={localePath(lang, `${path}/booking.ics`)}>{t(lang, 'bkAddToCalendar')}</a>
          </p>
        </>
      ) : null}

      {b.status === 'booked' && ahead ? (
        <section aria-labelledby="change-heading" class="booking-action">
          <h2 id="change-heading">{t(lang, 'bkChangeHeading')}</h2>
          {canChange ? (
            <form method="post" action={action('change')} class="stacked-form booking-form">
              <fieldset
                id="change-slots"
                tabindex={-1}
                {...(startErrorText ? { 'aria-describedby': 'change-slots-error' } : {})}
              >
                <legend>{t(lang, 'bkChangeLegend')}</legend>
                {startErrorText ? (
                  <p class="field-error" id="change-slots-error">
                    {startErrorText}
                  </p>
                ) : null}
                <SlotChoices
                  lang={lang}
                  slots={props.slots}
                  prefix="change"
                  checked={b.start}
                  own={b.start}
                  error={startErrorText}
                />
              </fieldset>
              <div>
                <button type="submit">{t(lang, 'bkChangeButton')}</button>
              </div>
            </form>
          ) : (
            <p>{t(lang, 'bkChangeNone')}</p>
          )}
        </section>
      ) : null}

      {b.status === 'booked' && ahead ? (
        <section aria-labelledby="cancel-heading" class="booking-action">
          <h2 id="cancel-heading">{t(lang, 'bkCancelHeading')}</h2>
          <p>{t(lang, 'bkCancelText')}</p>
          <form method="post" action={action('cancel')} class="booking-form">
            <button type="submit">{t(lang, 'bkCancelButton')}</button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="delete-heading" class="booking-action">
        <h2 id="delete-heading">{t(lang, 'bkDeleteHeading')}</h2>
        <p>{t(lang, 'bkDeleteText')}</p>
        <form method="post" action={action('delete')} class="booking-form">
          <button type="submit" class="secondary">
            {t(lang, 'bkDeleteButton')}
          </button>
        </form>
      </section>

      <ul class="plain link-list">
        {b.status === 'booked' && ahead ? null : (
          <li>
            <a href={placeHref(lang, item.venue)}>{t(lang, 'bkBookAgain')}</a>
          </li>
        )}
        <li>
          <a href={localePath(lang, '/schedule')}>{t(lang, 'bkSeeSchedule')}</a>
        </li>
      </ul>
    </Layout>
  );
}
