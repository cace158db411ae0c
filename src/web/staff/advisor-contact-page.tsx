/**
 * The advisors' one-screen contact log: codes only, never free text (topics, age band,
 * outcome, language, duration, target groups, channel and visit), the notice after a save with
 * its Undo, and the texts `client/advisor.ts` shows when it keeps an entry on the device.
 * Works without JavaScript: the form then posts to the server as it is.
 */
import type { Child } from 'hono/jsx';
import type { Lang } from '../../core/i18n.ts';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  DURATION_BANDS,
  REFERRAL_TARGETS,
  type ReferralTarget,
  UNDO_SECONDS,
} from '../../core/model/contact.ts';
import type { StaffUser } from '../../core/model/staff.ts';
import type { AdvisorVisit, ContactFormData } from '../../services/advisor-service.ts';
import type { ReferralTargetNames } from '../../services/contact-service.ts';
import { languageName } from '../../services/public-service.ts';
import { localePath } from '../layout.tsx';
import { formatDate, formatTime, groupLabel, t } from '../messages.ts';
import { AdvisorShell, contactFormPath } from './advisor-shell.tsx';
import { ageBandName, contactChannelName, durationName, referralTargetName } from './contact-labels.ts';

/** A referral target's name: the city's own (from its settings), else the product's. */
export function referralName(lang: Lang, code: ReferralTarget, names: ReferralTargetNames): string {
  return names[code]?.[lang] ?? referralTargetName(lang, code);
}

/** The form as sent (or as first shown): codes, never free text. */
export interface ContactFormValues {
  readonly topics: readonly string[];
  readonly ageBand: string;
  readonly language: string;
  readonly groups: readonly string[];
  /** A duration band's representative minutes as text, or '' for none. */
  readonly duration: string;
  /** `solved`, `follow-up` or `referred:<target>`. */
  readonly outcome: string;
  readonly channel: string;
  /** A visit id, or '' for none. */
  readonly visit: string;
}

export type ContactFormField =
  | 'topic'
  | 'ageBand'
  | 'language'
  | 'group'
  | 'duration'
  | 'outcome'
  | 'channel'
  | 'visit';
export type ContactFormErrors = Partial<Record<ContactFormField | 'form', string>>;

/** What the page says above the form after a save or an undo. */
export type ContactNotice =
  | { readonly kind: 'saved'; readonly clientId: string; readonly secondsLeft: number }
  | { readonly kind: 'undone' }
  | { readonly kind: 'too-late' }
  | { readonly kind: 'not-found' };

export function contactFormDefaults(data: ContactFormData): ContactFormValues {
  return {
    topics: [],
    ageBand: '',
    language: data.languages.includes('fi') ? 'fi' : (data.languages[0] ?? 'fi'),
    groups: [],
    duration: '',
    outcome: 'solved',
    channel: 'walk-in',
    visit: data.selectedVisitId ?? '',
  };
}

function Choice({
  type,
  name,
  value,
  checked,
  label,
  required,
}: {
  type: 'checkbox' | 'radio';
  name: string;
  value: string;
  checked: boolean;
  label: string;
  required?: boolean;
}) {
  return (
    <label class="choice">
      <input type={type} name={name} value={value} checked={checked} required={required} />
      <span>{label}</span>
    </label>
  );
}

function Group({
  id,
  legend,
  error,
  children,
  wide = false,
}: {
  id: string;
  legend: string;
  error?: string | undefined;
  children: Child;
  wide?: boolean;
}) {
  return (
    <fieldset class="adv-group" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div class={wide ? 'choices wide' : 'choices'}>{children}</div>
    </fieldset>
  );
}

export function UndoForm({
  lang,
  clientId,
  visit,
  secondsLeft,
}: {
  lang: Lang;
  clientId: string;
  visit: string;
  /** How long undo is still possible (the page's script removes the button then). */
  secondsLeft: number;
}) {
  return (
    <form
      method="post"
      action={localePath(lang, '/advisor/contacts/undo')}
      class="adv-undo"
      data-seconds={String(secondsLeft)}
    >
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="visit" value={visit} />
      <button type="submit" class="adv-secondary">
        {t(lang, 'advUndo')}
      </button>
    </form>
  );
}

function Notice({ lang, notice, visit }: { lang: Lang; notice: ContactNotice | null; visit: string }) {
  if (!notice) return null;
  if (notice.kind === 'saved')
    return (
      <div class="notice adv-saved">
        <p>{t(lang, 'advSaved')}</p>
        {notice.secondsLeft > 0 ? (
          <>
            <UndoForm lang={lang} clientId={notice.clientId} visit={visit} secondsLeft={notice.secondsLeft} />
            <p class="hint">{t(lang, 'advUndoHint')}</p>
          </>
        ) : null}
      </div>
    );
  if (notice.kind === 'undone') return <p class="notice">{t(lang, 'advUndone')}</p>;
  return (
    <p class="error" role="alert">
      {t(lang, notice.kind === 'too-late' ? 'advUndoTooLate' : 'advUndoNotFound')}
    </p>
  );
}

export function ContactFormPage({
  lang,
  user,
  data,
  clientId,
  values,
  errors = {},
  notice = null,
  referralNames,
  clientAvailable,
}: {
  lang: Lang;
  user: StaffUser;
  data: ContactFormData;
  clientId: string;
  values: ContactFormValues;
  errors?: ContactFormErrors;
  notice?: ContactNotice | null;
  referralNames: ReferralTargetNames;
  clientAvailable: boolean;
}) {
  const time = (v: AdvisorVisit) =>
    t(lang, 'timeRange', {
      start: formatTime(lang, v.item.visit.start),
      end: formatTime(lang, v.item.visit.end),
    });
  const outcomes: [string, string][] = [
    ['solved', t(lang, 'advOutcomeSolved')],
    ...REFERRAL_TARGETS.map((r): [string, string] => [
      `referred:${r}`,
      t(lang, 'advOutcomeReferred', { target: referralName(lang, r, referralNames) }),
    ]),
    ['follow-up', t(lang, 'advOutcomeFollowUp')],
  ];
  const failed = Object.keys(errors).length > 0;
  return (
    <AdvisorShell
      lang={lang}
      user={user}
      title={t(lang, 'advLogTitle')}
      path="/advisor/contacts/new"
      current="log"
      clientAvailable={clientAvailable}
    >
      <h1>{t(lang, 'advLogTitle')}</h1>
      <div
        id="adv-status"
        class="adv-status"
        role="status"
        data-saved={t(lang, 'advSaved')}
        data-saved-device={t(lang, 'advSavedOnDevice')}
        data-undo={t(lang, 'advUndo')}
        data-undo-hint={t(lang, 'advUndoHint')}
        data-undone={t(lang, 'advUndone')}
        data-undo-offline={t(lang, 'advUndoNeedsConnection')}
        data-undo-action={localePath(lang, '/advisor/contacts/undo')}
        data-undo-seconds={String(UNDO_SECONDS)}
        data-err-topic={t(lang, 'advErrTopic')}
      >
        <Notice lang={lang} notice={notice} visit={values.visit} />
      </div>
      {failed ? (
        <p class="error" role="alert">
          {errors.form ?? t(lang, 'advFormErrors')}
        </p>
      ) : null}
      <p class="hint">{t(lang, 'advLogIntro')}</p>
      <form method="post" action={contactFormPath(lang)} class="adv-form" id="contact-form">
        <input type="hidden" name="clientId" value={clientId} />
        <Group id="f-topic" legend={t(lang, 'advTopics')} error={errors.topic} wide>
          {data.topics.map((topic) => (
            <Choice
              type="checkbox"
              name="topic"
              value={topic.id}
              checked={values.topics.includes(topic.id)}
              label={topic.name[lang]}
            />
          ))}
        </Group>
        <Group id="f-ageBand" legend={t(lang, 'advAgeBand')} error={errors.ageBand}>
          {AGE_BANDS.map((band) => (
            <Choice
              type="radio"
              name="ageBand"
              value={band}
              checked={values.ageBand === band}
              label={ageBandName(lang, band)}
              required
            />
          ))}
        </Group>
        <Group id="f-outcome" legend={t(lang, 'advOutcome')} error={errors.outcome} wide>
          {outcomes.map(([value, label]) => (
            <Choice
              type="radio"
              name="outcome"
              value={value}
              checked={values.outcome === value}
              label={label}
            />
          ))}
        </Group>
        <Group id="f-language" legend={t(lang, 'advLanguage')} error={errors.language}>
          {data.languages.map((code) => (
            <Choice
              type="radio"
              name="language"
              value={code}
              checked={values.language === code}
              label={languageName(lang, code)}
            />
          ))}
        </Group>
        <Group id="f-duration" legend={t(lang, 'advDuration')} error={errors.duration}>
          <Choice
            type="radio"
            name="duration"
            value=""
            checked={values.duration === ''}
            label={t(lang, 'advDurationNone')}
          />
          {DURATION_BANDS.map((band) => (
            <Choice
              type="radio"
              name="duration"
              value={String(band.minutes)}
              checked={values.duration === String(band.minutes)}
              label={durationName(lang, band.id)}
            />
          ))}
        </Group>
        <Group id="f-group" legend={t(lang, 'advGroups')} error={errors.group}>
          {data.groups.map((g) => (
            <Choice
              type="checkbox"
              name="group"
              value={g}
              checked={values.groups.includes(g)}
              label={groupLabel(lang, g)}
            />
          ))}
        </Group>
        <Group id="f-channel" legend={t(lang, 'advChannel')} error={errors.channel} wide>
          {CONTACT_CHANNELS.map((ch) => (
            <Choice
              type="radio"
              name="channel"
              value={ch}
              checked={values.channel === ch}
              label={contactChannelName(lang, ch)}
            />
          ))}
        </Group>
        <Group id="f-visit" legend={t(lang, 'advVisit')} error={errors.visit} wide>
          {data.visits.map((v) => (
            <Choice
              type="radio"
              name="visit"
              value={v.item.visit.id}
              checked={values.visit === v.item.visit.id}
              label={`${v.today ? time(v) : `${formatDate(lang, v.item.visit.date)} ${time(v)}`} ${v.item.venue.name[lang]}`}
            />
          ))}
          <Choice
            type="radio"
            name="visit"
            value=""
            checked={values.visit === ''}
            label={t(lang, 'advNoVisit')}
          />
        </Group>
        <div class="adv-submit">
          <button type="submit" class="adv-primary">
            {t(lang, 'advSave')}
          </button>
        </div>
      </form>
      <noscript>
        <p class="hint">{t(lang, 'advSyncNoScript')}</p>
      </noscript>
    </AdvisorShell>
  );
}
