/**
 * What the booking pages share: their paths, a booking problem in words, a labelled field with
 * its hint and error, the error summary, the visit's facts, and the visit's times as radios.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import type { BookingNeed } from '../../core/model/booking.ts';
import { type BookingProblem, CONTACT_MAX, FIRST_NAME_MAX } from '../../services/booking/booking-input.ts';
import type { Slot } from '../../services/booking/booking-service.ts';
import type { PublicVisit } from '../../services/public-service.ts';
import { formatDate, formatTime, type MessageKey, t } from '../messages.ts';
import { type FieldAria, FormField } from './form-parts.tsx';
import { placeHref, siteAddress, topicNames, visitLanguages } from './public-parts.tsx';

export const bookPath = (visitId: string) => `/visits/${visitId}/book`;
export const bookingPath = (token: string) => `/bookings/${token}`;

export const NEED_KEYS: Record<BookingNeed, MessageKey> = {
  interpreter: 'bkNeedInterpreter',
  accessibility: 'bkNeedAccessibility',
};

export const timeRange = (lang: Lang, start: string, end: string) =>
  t(lang, 'timeRange', { start: formatTime(lang, start), end: formatTime(lang, end) });

export const slotId = (prefix: string, start: string) => `${prefix}-${start.replace(':', '')}`;

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

/** Label (with "optional" where it is), hint, error and control, wired for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  lang: Lang;
  optional?: boolean;
  hint?: string | undefined;
  error: string | null;
  children: (aria: FieldAria) => Child;
}) {
  return (
    <div class="field">
      <FormField
        id={props.id}
        label={props.label}
        need={props.optional ? t(props.lang, 'bkOptional') : null}
        hint={props.hint}
        error={props.error}
      >
        {props.children}
      </FormField>
    </div>
  );
}

/**
 * Where, when, who speaks what and helps with what: the visit as the public pages tell it, as
 * rows of a list of facts (a booking's own time instead of the visit's hours when given).
 */
export function VisitFacts({ lang, item, time }: { lang: Lang; item: PublicVisit; time?: string }) {
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
export function SlotChoices({
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

/**
 * The times of a visit to choose from, as a fieldset with its legend and the error next to it
 * (the booking form and the change form): the error summary's link lands on `id`.
 */
export function SlotFieldset(props: {
  lang: Lang;
  id: string;
  legend: string;
  slots: readonly Slot[];
  prefix: string;
  checked: string;
  own?: string;
  error: string | null;
}) {
  const { id, error } = props;
  return (
    <fieldset id={id} tabindex={-1} {...(error ? { 'aria-describedby': `${id}-error` } : {})}>
      <legend>{props.legend}</legend>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <SlotChoices
        lang={props.lang}
        slots={props.slots}
        prefix={props.prefix}
        checked={props.checked}
        {...(props.own !== undefined ? { own: props.own } : {})}
        error={error}
      />
    </fieldset>
  );
}

/** The first time that can be chosen, for the error summary's link. */
export const firstChoosable = (slots: readonly Slot[], own?: string) =>
  slots.find((s) => !s.past && (s.free > 0 || s.start === own));
