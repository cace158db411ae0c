/**
 * The planner's visit plans, listed: start a plan (with its rhythm rules) or a repair after an
 * absence or a closure (forms work without script), the jobs and plans so far, and one job
 * followed while it runs (the page refreshes itself). A plan itself is ./plan-page.tsx.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import type { CityRules, EffectiveRules } from '../../services/planning/planning-rules.ts';
import type { PlanJob, PlanVersion } from '../../services/planning/planning-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';
import type { FieldErrors, NewPlanValues } from './plan-form.ts';
import { fmt, pct, progressText, stamp } from './plan-format.ts';
import { RulesFieldset } from './plan-rules-fieldset.tsx';
import { StaffNav } from './staff-nav.tsx';

interface Named {
  readonly id: string;
  readonly name: LocalizedText;
}

export interface PlansPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly jobs: readonly PlanJob[];
  readonly plans: readonly PlanVersion[];
  readonly advisors: readonly { id: string; displayName: string }[];
  readonly venues: readonly Named[];
  readonly defaultFrom: string;
  /** The new-plan form as typed (or its defaults) and its errors by field. */
  readonly form: NewPlanValues;
  readonly formErrors: FieldErrors;
  /** The city's default rules (filled in with the product's) and where they come from. */
  readonly cityRules: { readonly rules: EffectiveRules; readonly source: CityRules['source'] };
  readonly error: string | null;
}

export function PlansPage(props: PlansPageProps) {
  const { lang, form } = props;
  const base = localePath(lang, '/planner/plans');
  const hasErrors = Object.keys(props.formErrors).length > 0;
  return (
    <Layout lang={lang} title={t(lang, 'plansTitle')} path="/planner/plans" user={props.user} wide>
      <StaffNav lang={lang} current="plans" user={props.user} />
      <h1>{t(lang, 'plansTitle')}</h1>
      <p>{t(lang, 'plansIntro')}</p>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <h2 id="new-plan">{t(lang, 'newPlanTitle')}</h2>
      <form method="post" action={base} aria-labelledby="new-plan">
        {hasErrors ? (
          <p class="error" role="alert">
            {t(lang, 'formErrors')}
          </p>
        ) : null}
        <div class="inline-form">
          <label>
            {t(lang, 'planFrom')}
            <input name="from" type="date" required value={form.from} />
          </label>
          <label>
            {t(lang, 'planWeeks')}
            <input name="weeks" type="number" min="1" max="26" value={form.weeks} inputmode="numeric" />
          </label>
          <label>
            {t(lang, 'planSolver')}
            <select name="solver">
              {(['auto', 'exact', 'heuristic'] as const).map((s) => (
                <option value={s} selected={form.solver === s}>
                  {t(lang, `solver_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'planTimeLimit')}
            <input
              name="timeLimit"
              type="number"
              min="1"
              max="600"
              value={form.timeLimit}
              inputmode="numeric"
            />
          </label>
          <label class="radio">
            <input name="keepPublished" type="checkbox" value="1" checked={form.keepPublished} />
            {t(lang, 'keepPublished')}
          </label>
        </div>
        <RulesFieldset {...props} />
        <button type="submit">{t(lang, 'makePlan')}</button>
      </form>

      <h2 id="repair">{t(lang, 'repairTitle')}</h2>
      <p>{t(lang, 'repairIntro')}</p>
      <form method="post" action={`${base}/repair`} aria-label={t(lang, 'repairAbsence')}>
        <input type="hidden" name="type" value="absence" />
        <div class="inline-form">
          <label>
            {t(lang, 'absentAdvisor')}
            <select name="advisorId">
              {props.advisors.map((a) => (
                <option value={a.id}>{a.displayName}</option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'absentFrom')}
            <input name="from" type="date" required value={props.defaultFrom} />
          </label>
          <label>
            {t(lang, 'absentTo')}
            <input name="to" type="date" value={props.defaultFrom} />
          </label>
        </div>
        <button type="submit">{t(lang, 'repairAbsence')}</button>
      </form>
      <form method="post" action={`${base}/repair`} aria-label={t(lang, 'repairClosure')}>
        <input type="hidden" name="type" value="venue-closed" />
        <div class="inline-form">
          <label>
            {t(lang, 'closedVenue')}
            <select name="venueId">
              {props.venues.map((v) => (
                <option value={v.id}>{v.name[lang]}</option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'closedDate')}
            <input name="date" type="date" required value={props.defaultFrom} />
          </label>
        </div>
        <button type="submit">{t(lang, 'repairClosure')}</button>
      </form>

      <h2 id="jobs-heading">{t(lang, 'jobsTitle')}</h2>
      {props.jobs.length === 0 ? (
        <p>{t(lang, 'noneYet')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="jobs-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colCreated')}</th>
                <th scope="col">{t(lang, 'colKind')}</th>
                <th scope="col">{t(lang, 'colStatus')}</th>
                <th scope="col">{t(lang, 'colProgress')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t(lang, 'open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.jobs.map((j) => (
                <tr>
                  <td>{stamp(j.createdAtMs)}</td>
                  <td>{t(lang, `kind_${j.kind}`)}</td>
                  <td>{t(lang, `status_${j.status}`)}</td>
                  <td>{j.error ?? progressText(lang, j.progress)}</td>
                  <td>
                    <a href={`${base}/jobs/${j.id}`}>{t(lang, 'open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <h2 id="plans-heading">{t(lang, 'plansListTitle')}</h2>
      {props.plans.length === 0 ? (
        <p>{t(lang, 'noneYet')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="plans-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'colCreated')}</th>
                <th scope="col">{t(lang, 'colKind')}</th>
                <th scope="col">{t(lang, 'colStatus')}</th>
                <th scope="col">{t(lang, 'colHorizon')}</th>
                <th scope="col" class="num">
                  {t(lang, 'colObjective')}
                </th>
                <th scope="col" class="num">
                  {t(lang, 'colGap')}
                </th>
                <th scope="col">
                  <span class="visually-hidden">{t(lang, 'open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.plans.map((p) => (
                <tr>
                  <td>{stamp(p.createdAtMs)}</td>
                  <td>{t(lang, `kind_${p.kind}`)}</td>
                  <td>{t(lang, `status_${p.status}`)}</td>
                  <td>
                    {formatDate(lang, p.horizonFrom, false)}–{formatDate(lang, p.horizonTo, false)}
                  </td>
                  <td class="num">{fmt(lang, p.objective)}</td>
                  <td class="num">{pct(lang, p.gap)}</td>
                  <td>
                    <a href={`${base}/${p.id}`}>{t(lang, 'open')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}

export function JobPage(props: { lang: Lang; user: { displayName: string }; job: PlanJob }) {
  const { lang, job } = props;
  const base = localePath(lang, '/planner/plans');
  const active = job.status === 'queued' || job.status === 'running';
  return (
    <Layout
      lang={lang}
      title={t(lang, 'jobTitle')}
      path={`/planner/plans/jobs/${job.id}`}
      user={props.user}
      refreshSeconds={active ? 2 : undefined}
    >
      <StaffNav lang={lang} current="plans" user={props.user} />
      <h1>
        {t(lang, 'jobTitle')}: {t(lang, `kind_${job.kind}`)}
      </h1>
      <p role="status">
        {t(lang, 'colStatus')}: {t(lang, `status_${job.status}`)}. {progressText(lang, job.progress)}
      </p>
      {active ? <p>{t(lang, 'jobRunning')}</p> : null}
      {job.status === 'failed' ? (
        <p class="error" role="alert">
          {t(lang, 'jobFailed', { error: job.error ?? '' })}
        </p>
      ) : null}
      {active ? (
        <form method="post" action={`${base}/jobs/${job.id}/cancel`}>
          <button type="submit">{t(lang, 'cancelJob')}</button>
        </form>
      ) : null}
      {job.planId ? (
        <p>
          <a href={`${base}/${job.planId}`}>{t(lang, 'showPlan')}</a>
        </p>
      ) : null}
      <p>
        <a href={base}>{t(lang, 'navPlans')}</a>
      </p>
    </Layout>
  );
}
