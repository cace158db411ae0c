/**
 * Booking a support time on the public site: the form (the visit, its times as a radio group,
 * topic, language, needs, an optional first name and contact; every problem next to its field
 * and in a summary, what was typed kept). A plain post: nothing needs JavaScript.
 */
import type { Lang } from '../../core/i18n.ts';
import { BOOKING_NEEDS } from '../../core/model/booking.ts';
import type { Topic } from '../../core/model/topic.ts';
import {
  type BookingField,
  type BookingProblem,
  CONTACT_MAX,
  FIRST_NAME_MAX,
} from '../../services/booking/booking-input.ts';
import type { Slot } from '../../services/booking/booking-service.ts';
import { languageName, type PublicVisit } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatWait, t } from '../messages.ts';
import {
  bookingProblemText,
  bookPath,
  Field,
  firstChoosable,
  NEED_KEYS,
  SlotFieldset,
  slotId,
  timeRange,
  VisitFacts,
} from './booking-parts.tsx';
import { ErrorSummary } from './form-parts.tsx';
import { placeHref } from './public-parts.tsx';

/** The booking form's fields as typed (kept when the form comes back with a problem). */
export interface BookingFormValues {
  readonly start: string;
  readonly topicId: string;
  readonly language: string;
  readonly needs: readonly string[];
  readonly firstName: string;
  readonly contact: string;
}

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
      <ErrorSummary title={t(lang, 'bkErrorTitle')} items={summary} />
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
          <SlotFieldset
            lang={lang}
            id="book-slots"
            legend={t(lang, 'bkSlotsLegend')}
            slots={slots}
            prefix="slot"
            checked={values.start}
            error={startError}
          />

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
