/**
 * The advisors' app: the day view (this week's visits, today's first, with check-in and
 * check-out and each visit's bookings, ./advisor-bookings.tsx) and the one-screen contact log.
 * Both work without JavaScript; `client/advisor.ts` adds the offline queue and the sync panel,
 * with its texts from data attributes.
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
import { isoWeekOf } from '../../core/time/civil-time.ts';
import type { AdvisorVisit, AdvisorWeek, ContactFormData } from '../../services/advisor-service.ts';
import type { DayBookings } from '../../services/booking/booking-staff.ts';
import type { ReferralTargetNames } from '../../services/contact-service.ts';
import { languageName } from '../../services/public-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, formatTime, groupLabel, type MessageKey, t } from '../messages.ts';
import { hoursText, placeHref, siteAddress, topicNames, visitLanguages } from '../pages/public-parts.tsx';
import { VisitBookings } from './advisor-bookings.tsx';

/** Where the app's static files are (stylesheet, icons, manifests, service worker). */
export const ADVISOR_ASSETS = '/assets/advisor';
/** The client script that adds the offline queue (bundled by Vite). */
export const ADVISOR_SCRIPT = '/assets/client/advisor.js';

/** The day view's path in a language, with the trailing slash the service worker's scope needs. */
export const advisorHome = (lang: Lang) => localePath(lang, '/advisor/');
export const contactFormPath = (lang: Lang) => localePath(lang, '/advisor/contacts/new');

/** A code as a message-key part: `city-service` → `city_service`. */
const keyPart = (code: string) => code.replace(/-/g, '_');

export function referralName(lang: Lang, code: ReferralTarget, names: ReferralTargetNames): string {
  return names[code]?.[lang] ?? t(lang, `advReferral_${keyPart(code)}` as MessageKey);
}

const timeOf = (lang: Lang, ms: number) => {
  const hm = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
  return formatTime(lang, hm);
};

interface ShellProps {
  readonly lang: Lang;
  readonly user: StaffUser;
  readonly title: string;
  readonly path: string;
  readonly current: 'week' | 'log';
  readonly clientAvailable: boolean;
  readonly children: Child;
}

/** The app's shell: the navigation, the sync panel (shown by the script) and the script's settings. */
function AdvisorShell({ lang, user, title, path, current, clientAvailable, children }: ShellProps) {
  const items = [
    ['week', advisorHome(lang), t(lang, 'advNavWeek')],
    ['log', contactFormPath(lang), t(lang, 'advNavLog')],
  ] as const;
  return (
    <Layout
      lang={lang}
      title={title}
      path={path}
      user={user}
      styles={[`${ADVISOR_ASSETS}/advisor.css`]}
      scripts={clientAvailable ? [ADVISOR_SCRIPT] : []}
      manifest={`${ADVISOR_ASSETS}/manifest.${lang}.webmanifest`}
    >
      <div
        class="advisor-app"
        id="advisor-app"
        data-user={user.id}
        data-lang={lang}
        data-scope={advisorHome(lang)}
        data-worker={`${ADVISOR_ASSETS}/sw.js`}
        data-api="/api/v1/contacts"
        data-login={`${localePath(lang, '/login')}?next=${encodeURIComponent(contactFormPath(lang))}`}
      >
        <nav aria-label={t(lang, 'advNav')} class="staff-nav adv-nav">
          <ul>
            {items.map(([key, href, label]) => (
              <li>
                <a href={href} aria-current={key === current ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {children}
        <SyncPanel lang={lang} />
      </div>
    </Layout>
  );
}

/** What waits on this device to be sent, and when sending last worked (filled in by the script). */
function SyncPanel({ lang }: { lang: Lang }) {
  return (
    <section
      class="adv-sync js-only"
      id="adv-sync"
      aria-labelledby="adv-sync-heading"
      data-waiting={t(lang, 'advSyncWaiting')}
      data-nothing={t(lang, 'advSyncNothing')}
      data-last={t(lang, 'advSyncLast')}
      data-never={t(lang, 'advSyncNever')}
      data-offline={t(lang, 'advSyncOffline')}
      data-sign-in={t(lang, 'advSyncSignIn')}
      data-refused={t(lang, 'advSyncRefused')}
      data-discard={t(lang, 'advSyncDiscard')}
    >
      <h2 id="adv-sync-heading">{t(lang, 'advSyncHeading')}</h2>
      <p id="adv-sync-count" role="status">
        {t(lang, 'advSyncNothing')}
      </p>
      <ul id="adv-sync-list" class="adv-sync-list" />
      <p id="adv-sync-note" class="hint" />
      <p id="adv-sync-last" class="hint">
        {t(lang, 'advSyncNever')}
      </p>
      <p>
        <button type="button" id="adv-sync-now" class="adv-secondary">
          {t(lang, 'advSyncNow')}
        </button>
      </p>
    </section>
  );
}

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
              label={t(lang, `advAge_${keyPart(band)}` as MessageKey)}
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
              label={t(lang, `advDuration_${keyPart(band.id)}` as MessageKey)}
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
              label={t(lang, `advChannel_${keyPart(ch)}` as MessageKey)}
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
