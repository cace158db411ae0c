/**
 * The planners' reports (/planner/reports) and the printable report for the City Board
 * (/planner/reports/print): charts drawn on the server (report-charts.ts), each with its figures
 * in a table beside it and a CSV of the same table, under a period, district and place filter.
 * Server-rendered; works without JavaScript; the print stylesheet hides the navigation and forms.
 */
import type { Lang } from '../../core/i18n.ts';
import type { Dashboard } from '../../services/reports/report-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, type MessageKey, t } from '../messages.ts';
import { type FilterProblem, filterQuery, type ReportNames, reportsPath } from './report-parts.tsx';
import { Breakdown, ReachSection, WeeklySection } from './report-sections.tsx';
import {
  type BeforeAfterForm,
  BeforeAfterSection,
  CapacitySection,
  MapSection,
} from './report-service-sections.tsx';
import { StaffNav } from './staff-nav.tsx';

export type { BeforeAfterForm, FilterProblem, ReportNames };
export { reportsPath };

export function ReportPage({
  lang,
  user,
  d,
  names,
  input,
  problems,
  synthetic,
  beforeAfter,
  print,
  today,
}: {
  lang: Lang;
  user: { readonly displayName: string };
  d: Dashboard | null;
  names: ReportNames;
  /** The filter as typed. */
  input: { readonly from: string; readonly to: string; readonly district: string; readonly venue: string };
  problems: readonly FilterProblem[];
  synthetic: { readonly from: string; readonly to: string } | null;
  beforeAfter: BeforeAfterForm;
  print: boolean;
  today: string;
}) {
  const title = t(lang, print ? 'repPrintTitle' : 'repTitle');
  const problem = (field: string) => problems.find((p) => p.field === field);
  const field = (name: 'from' | 'to', label: MessageKey) => (
    <div class="field">
      <label for={`f-${name}`}>{t(lang, label)}</label>
      {problem(name) ? (
        <p class="field-error" id={`f-${name}-error`}>
          {t(lang, problem(name)?.key ?? 'repErrDate', { days: '800' })}
        </p>
      ) : null}
      <input
        id={`f-${name}`}
        name={name}
        type="text"
        size={10}
        value={input[name]}
        {...(problem(name) ? { 'aria-invalid': 'true', 'aria-describedby': `f-${name}-error` } : {})}
      />
    </div>
  );
  const select = (name: 'district' | 'venue', label: MessageKey, options: ReadonlyMap<string, string>) => (
    <div class="field">
      <label for={`f-${name}`}>{t(lang, label)}</label>
      {problem(name) ? (
        <p class="field-error" id={`f-${name}-error`}>
          {t(lang, 'repErrUnknown')}
        </p>
      ) : null}
      <select id={`f-${name}`} name={name}>
        <option value="">{t(lang, 'repAll')}</option>
        {[...options.entries()].map(([id, n]) => (
          <option value={id} selected={input[name] === id}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Layout
      lang={lang}
      title={title}
      path={print ? '/planner/reports/print' : '/planner/reports'}
      user={user}
      wide
      printable={print}
    >
      {print ? null : <StaffNav lang={lang} current="reports" user={user} />}
      <h1>{title}</h1>
      {d ? (
        <p>
          {t(lang, 'repPeriod', {
            from: formatDate(lang, d.filter.from, false),
            to: formatDate(lang, d.filter.to, false),
          })}{' '}
          {t(lang, 'repScope', {
            district: d.filter.district
              ? (names.districts.get(d.filter.district) ?? d.filter.district)
              : t(lang, 'repAll'),
            venue: d.filter.venue ? (names.venues.get(d.filter.venue) ?? d.filter.venue) : t(lang, 'repAll'),
          })}
        </p>
      ) : null}
      {synthetic ? (
        <p class="notice synthetic" role="note">
          {t(lang, 'repSynthetic', {
            from: formatDate(lang, synthetic.from, false),
            to: formatDate(lang, synthetic.to, false),
          })}
        </p>
      ) : null}
      <p>{t(lang, 'repIntro', { n: String(d?.threshold ?? 5) })}</p>
      {print ? (
        <p>
          {t(lang, 'repGenerated', { date: formatDate(lang, today, false), n: String(d?.threshold ?? 5) })}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div class="error" role="alert">
          <p>{t(lang, 'repErrSummary')}</p>
          <ul>
            {problems.map((p) => (
              <li>
                <a href={`#f-${p.field}`}>{t(lang, p.key, { days: '800' })}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {print ? null : (
        <form method="get" action={reportsPath(lang)} class="report-form no-print">
          <fieldset>
            <legend>{t(lang, 'repFilterLegend')}</legend>
            {field('from', 'repFrom')}
            {field('to', 'repTo')}
            {select('district', 'repDistrict', names.districts)}
            {select('venue', 'repVenue', names.venues)}
            <button type="submit">{t(lang, 'repShow')}</button>
          </fieldset>
        </form>
      )}
      {d && !print ? (
        <p class="no-print">
          <a href={`${localePath(lang, '/planner/reports/print')}?${filterQuery(d.filter)}`}>
            {t(lang, 'repPrint')}
          </a>
        </p>
      ) : null}
      {d ? (
        <>
          <WeeklySection lang={lang} d={d} print={print} />
          <section aria-labelledby="who-heading">
            <h2 id="who-heading">{t(lang, 'repWhoTitle')}</h2>
            <p>{t(lang, 'repMultiNote')}</p>
            <div class="report-grid">
              <Breakdown lang={lang} r={d.by.topic} names={names} print={print} />
              <Breakdown lang={lang} r={d.by.language} names={names} print={print} />
              <Breakdown lang={lang} r={d.by.ageBand} names={names} print={print} />
              <Breakdown lang={lang} r={d.by.group} names={names} print={print} />
            </div>
          </section>
          <ReachSection lang={lang} d={d} names={names} print={print} />
          <MapSection lang={lang} d={d} names={names} print={print} />
          <CapacitySection lang={lang} d={d} print={print} />
          {print ? null : <BeforeAfterSection lang={lang} f={d.filter} form={beforeAfter} names={names} />}
          {print ? null : (
            <section aria-labelledby="export-heading" class="no-print">
              <h2 id="export-heading">{t(lang, 'repExportTitle')}</h2>
              <p>{t(lang, 'repExportText')}</p>
              <p>
                <a href={`/api/v1/reports/contacts/export?${filterQuery(d.filter)}`} download>
                  {t(lang, 'repExportLink')}
                </a>
              </p>
            </section>
          )}
        </>
      ) : null}
    </Layout>
  );
}
