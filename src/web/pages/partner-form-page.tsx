/**
 * The partner request form on the public site: an organisation asks for a visit (where, which
 * weeks, days and time block, for whom, in which languages). Every problem is shown next to its
 * field and in a summary, and what was typed is kept.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import {
  PARTNER_LIMITS,
  type PartnerField,
  type PartnerFormOptions,
  type PartnerProblem,
  type PartnerRequestInput,
} from '../../services/partner-request-service.ts';
import { languageName } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatWait, t } from '../messages.ts';
import { ErrorSummary, type FieldAria, FormField } from './form-parts.tsx';
import { blockLabel, weekdayName } from './partner-labels.ts';

/** Where the field's input is, for the error summary's links. */
const FIELD_IDS: Record<PartnerField, string> = {
  organisation: 'pr-organisation',
  contactName: 'pr-contactName',
  contact: 'pr-contact',
  venueId: 'pr-venueId',
  address: 'pr-address',
  weeksFrom: 'pr-weeksFrom',
  weeksTo: 'pr-weeksTo',
  weekdays: 'pr-weekday-1',
  blockId: 'pr-blockId',
  audience: 'pr-audience',
  audienceSize: 'pr-audienceSize',
  languages: 'pr-languages',
  message: 'pr-message',
};

/** A problem in words, in the reader's language. */
function problemText(lang: Lang, p: PartnerProblem): string {
  const max: Partial<Record<PartnerField, number>> = {
    organisation: PARTNER_LIMITS.organisation,
    contactName: PARTNER_LIMITS.contactName,
    contact: PARTNER_LIMITS.contact,
    address: PARTNER_LIMITS.address,
    audience: PARTNER_LIMITS.audience,
    message: PARTNER_LIMITS.message,
  };
  switch (p.problem) {
    case 'required':
      return t(
        lang,
        p.field === 'organisation'
          ? 'partnerErrOrganisationRequired'
          : p.field === 'contact'
            ? 'partnerErrContactRequired'
            : 'partnerErrDateRequired',
      );
    case 'too-long':
      return t(lang, 'partnerErrTooLong', { max: String(max[p.field] ?? '') });
    case 'control-character':
      return t(lang, 'partnerErrControl');
    case 'invalid-contact':
      return t(lang, 'partnerErrContactInvalid');
    case 'unknown-venue':
      return t(lang, 'partnerErrUnknownVenue');
    case 'venue-or-address':
      return t(lang, 'partnerErrVenueOrAddress');
    case 'invalid-date':
      return t(lang, 'partnerErrDateInvalid');
    case 'past':
      return t(lang, 'partnerErrDatePast');
    case 'before-start':
      return t(lang, 'partnerErrBeforeStart');
    case 'too-long-span':
      return t(lang, 'partnerErrSpan');
    case 'invalid-weekday':
      return t(lang, 'partnerErrWeekday');
    case 'unknown-block':
      return t(lang, 'partnerErrBlock');
    case 'invalid-number':
      return t(lang, 'partnerErrAudienceSize', {
        min: String(PARTNER_LIMITS.audienceSizeMin),
        max: String(PARTNER_LIMITS.audienceSizeMax),
      });
    case 'unknown-language':
      return t(lang, 'partnerErrLanguage');
  }
}

/** Label (with "required" or "optional"), hint, error and control, wired for screen readers. */
function Field(props: {
  id: string;
  label: string;
  lang: Lang;
  required?: boolean;
  hint?: string | undefined;
  error: string | null;
  children: (aria: FieldAria) => Child;
}) {
  return (
    <div class="field">
      <FormField
        id={props.id}
        label={props.label}
        need={t(props.lang, props.required ? 'partnerRequired' : 'partnerOptional')}
        hint={props.hint}
        error={props.error}
      >
        {props.children}
      </FormField>
    </div>
  );
}

export interface PartnerFormPageProps {
  readonly lang: Lang;
  readonly options: PartnerFormOptions;
  readonly values: PartnerRequestInput;
  readonly problems?: readonly PartnerProblem[];
  /** Set when this address has sent too many: nothing was stored, what was typed is kept. */
  readonly waitSeconds?: number | undefined;
  readonly retentionDays: number;
}

export function PartnerFormPage(props: PartnerFormPageProps) {
  const { lang, options, values, problems = [], waitSeconds } = props;
  const errorOf = (field: PartnerField) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemText(lang, p) : null;
  };
  const failed = problems.length > 0 || waitSeconds !== undefined;
  const title = failed
    ? `${t(lang, 'partnerErrorTitle')}: ${t(lang, 'partnerFormTitle')}`
    : t(lang, 'partnerFormTitle');
  const collator = new Intl.Collator(lang);
  const venues = [...options.venues].sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
  const weekdaysError = errorOf('weekdays');
  const languagesError = errorOf('languages');
  return (
    <Layout lang={lang} title={title} path="/partners">
      <h1>{t(lang, 'partnerFormTitle')}</h1>
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'partnerTooMany', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      <ErrorSummary
        title={t(lang, 'partnerErrorTitle')}
        items={problems.map((p) => ({ href: `#${FIELD_IDS[p.field]}`, text: problemText(lang, p) }))}
      />
      <p>{t(lang, 'partnerFormIntro')}</p>
      <form method="post" action={localePath(lang, '/partners')} class="stacked-form partner-form">
        <fieldset>
          <legend>{t(lang, 'partnerOrgLegend')}</legend>
          <Field
            id="pr-organisation"
            lang={lang}
            label={t(lang, 'partnerOrganisation')}
            required
            error={errorOf('organisation')}
          >
            {(aria) => (
              <input
                type="text"
                id="pr-organisation"
                name="organisation"
                value={values.organisation}
                required
                maxlength={PARTNER_LIMITS.organisation}
                autocomplete="organization"
                {...aria}
              />
            )}
          </Field>
          <Field
            id="pr-contactName"
            lang={lang}
            label={t(lang, 'partnerContactName')}
            error={errorOf('contactName')}
          >
            {(aria) => (
              <input
                type="text"
                id="pr-contactName"
                name="contactName"
                value={values.contactName}
                maxlength={PARTNER_LIMITS.contactName}
                autocomplete="name"
                {...aria}
              />
            )}
          </Field>
          <Field
            id="pr-contact"
            lang={lang}
            label={t(lang, 'partnerContact')}
            required
            hint={t(lang, 'partnerContactHint')}
            error={errorOf('contact')}
          >
            {(aria) => (
              <input
                type="text"
                id="pr-contact"
                name="contact"
                value={values.contact}
                required
                maxlength={PARTNER_LIMITS.contact}
                {...aria}
              />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'partnerWhereLegend')}</legend>
          <Field
            id="pr-venueId"
            lang={lang}
            label={t(lang, 'partnerVenue')}
            hint={t(lang, 'partnerVenueHint')}
            error={errorOf('venueId')}
          >
            {(aria) => (
              <select id="pr-venueId" name="venueId" {...aria}>
                <option value="">{t(lang, 'partnerVenueNone')}</option>
                {venues.map((v) => (
                  <option value={v.id} selected={values.venueId === v.id}>
                    {v.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="pr-address"
            lang={lang}
            label={t(lang, 'partnerAddress')}
            hint={t(lang, 'partnerAddressHint')}
            error={errorOf('address')}
          >
            {(aria) => (
              <input
                type="text"
                id="pr-address"
                name="address"
                value={values.address}
                maxlength={PARTNER_LIMITS.address}
                autocomplete="street-address"
                {...aria}
              />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'partnerWhenLegend')}</legend>
          <p class="hint" id="pr-weeks-hint">
            {t(lang, 'partnerWeeksHint')}
          </p>
          {(['weeksFrom', 'weeksTo'] as const).map((field) => {
            const error = errorOf(field);
            const id = `pr-${field}`;
            return (
              <Field
                id={id}
                lang={lang}
                label={t(lang, field === 'weeksFrom' ? 'partnerWeeksFrom' : 'partnerWeeksTo')}
                required
                error={error}
              >
                {(aria) => (
                  <input
                    type="date"
                    id={id}
                    name={field}
                    value={values[field]}
                    required
                    min={options.today}
                    {...aria}
                    aria-describedby={[aria['aria-describedby'], 'pr-weeks-hint'].filter(Boolean).join(' ')}
                  />
                )}
              </Field>
            );
          })}
          <fieldset
            class="choices"
            aria-describedby={[weekdaysError ? 'pr-weekdays-error' : null, 'pr-weekdays-hint']
              .filter(Boolean)
              .join(' ')}
          >
            <legend>
              {t(lang, 'partnerWeekdays')} <span class="field-need">({t(lang, 'partnerOptional')})</span>
            </legend>
            <p class="hint" id="pr-weekdays-hint">
              {t(lang, 'partnerWeekdaysHint')}
            </p>
            {weekdaysError ? (
              <p class="field-error" id="pr-weekdays-error">
                {weekdaysError}
              </p>
            ) : null}
            {[1, 2, 3, 4, 5].map((d) => (
              <label class="check" for={`pr-weekday-${d}`}>
                <input
                  type="checkbox"
                  id={`pr-weekday-${d}`}
                  name="weekdays"
                  value={String(d)}
                  checked={values.weekdays.includes(String(d))}
                />
                {weekdayName(lang, d)}
              </label>
            ))}
          </fieldset>
          <Field id="pr-blockId" lang={lang} label={t(lang, 'partnerBlock')} error={errorOf('blockId')}>
            {(aria) => (
              <select id="pr-blockId" name="blockId" {...aria}>
                <option value="">{t(lang, 'partnerBlockAny')}</option>
                {options.blocks.map((b) => (
                  <option value={b.id} selected={values.blockId === b.id}>
                    {blockLabel(lang, b)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'partnerAudienceLegend')}</legend>
          <Field
            id="pr-audience"
            lang={lang}
            label={t(lang, 'partnerAudience')}
            hint={t(lang, 'partnerAudienceHint')}
            error={errorOf('audience')}
          >
            {(aria) => (
              <input
                type="text"
                id="pr-audience"
                name="audience"
                value={values.audience}
                maxlength={PARTNER_LIMITS.audience}
                {...aria}
              />
            )}
          </Field>
          <Field
            id="pr-audienceSize"
            lang={lang}
            label={t(lang, 'partnerAudienceSize')}
            error={errorOf('audienceSize')}
          >
            {(aria) => (
              <input
                type="text"
                inputmode="numeric"
                id="pr-audienceSize"
                name="audienceSize"
                value={values.audienceSize}
                maxlength={6}
                {...aria}
              />
            )}
          </Field>
          {options.languages.length > 0 ? (
            <fieldset
              class="choices"
              id="pr-languages"
              tabindex={-1}
              aria-describedby={[languagesError ? 'pr-languages-error' : null, 'pr-languages-hint']
                .filter(Boolean)
                .join(' ')}
            >
              <legend>
                {t(lang, 'partnerLanguages')} <span class="field-need">({t(lang, 'partnerOptional')})</span>
              </legend>
              <p class="hint" id="pr-languages-hint">
                {t(lang, 'partnerLanguagesHint')}
              </p>
              {languagesError ? (
                <p class="field-error" id="pr-languages-error">
                  {languagesError}
                </p>
              ) : null}
              {options.languages.map((code) => (
                <label class="check" for={`pr-language-${code}`}>
                  <input
                    type="checkbox"
                    id={`pr-language-${code}`}
                    name="languages"
                    value={code}
                    checked={values.languages.includes(code)}
                  />
                  <span lang={code}>{languageName(code as Lang, code)}</span>
                  {code !== lang ? <span> ({languageName(lang, code)})</span> : null}
                </label>
              ))}
            </fieldset>
          ) : null}
        </fieldset>

        <Field id="pr-message" lang={lang} label={t(lang, 'partnerMessage')} error={errorOf('message')}>
          {(aria) => (
            <textarea id="pr-message" name="message" maxlength={PARTNER_LIMITS.message} {...aria}>
              {values.message}
            </textarea>
          )}
        </Field>

        {/* For bots: people never see this field; a form that fills it in is not stored. */}
        <div class="visually-hidden">
          <label for="pr-website">{t(lang, 'partnerWebsite')}</label>
          <input type="text" id="pr-website" name="website" value="" autocomplete="off" tabindex={-1} />
        </div>

        <p class="hint">{t(lang, 'partnerPrivacy', { days: String(props.retentionDays) })}</p>
        <div>
          <button type="submit">{t(lang, 'partnerSend')}</button>
        </div>
      </form>
    </Layout>
  );
}
