/** The planner's "which points to keep": a form (works without script), the answer with its proof and explanation, and a map. */

import { TRAVEL_MODES } from '../../core/access/modes.ts';
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import {
  CANDIDATE_SETS,
  type CandidateSet,
  type CandidateSite,
  type NetworkAnswer,
} from '../../services/network-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { demandBasisText, groupLabel, modeLabel, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export interface NetworkForm {
  readonly scenario: string;
  readonly model: 'p-median' | 'mclp' | 'lscp';
  readonly k: number;
  readonly radius: number;
  readonly mode: string;
  /** Which sites may be chosen; the rules below list this set's sites. */
  readonly candidates: CandidateSet;
  readonly weights: Readonly<Record<string, number>>;
  readonly rules: Readonly<Record<string, 'free' | 'keep' | 'close'>>;
}

export interface NetworkPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly scenarios: readonly { id: string; name: LocalizedText }[];
  /** The sites of the form's candidate set, in service on the scenario's date. */
  readonly candidates: readonly CandidateSite[];
  readonly groups: readonly string[];
  readonly form: NetworkForm;
  readonly answer: NetworkAnswer | null;
  readonly error: string | null;
  readonly query: string;
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  readonly clientAvailable: boolean;
}

const setLabel = (lang: Lang, set: CandidateSet) =>
  t(
    lang,
    set === 'scenario'
      ? 'candidates_scenario'
      : set === 'fixed-points'
        ? 'candidates_fixed_points'
        : 'candidates_all_sites',
  );
const roleLabel = (lang: Lang, role: CandidateSite['role']) =>
  t(lang, role === 'venue' ? 'role_venue' : 'role_fixed_point');
/** Up to this many sites, the rules are shown open; a longer list folds away. */
const OPEN_RULES_UP_TO = 12;

const num = (lang: Lang, v: number, digits = 0) =>
  v.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });

export function NetworkPage(props: NetworkPageProps) {
  const { lang, form, answer } = props;
  const models = [
    ['p-median', t(lang, 'model_p_median')],
    ['mclp', t(lang, 'model_mclp')],
    ['lscp', t(lang, 'model_lscp')],
  ] as const;
  const siteName = (id: string) => props.candidates.find((c) => c.id === id)?.name[lang] ?? id;
  const ruleCount = (rule: 'keep' | 'close') =>
    props.candidates.filter((c) => form.rules[c.id] === rule).length;
  const showRole = form.candidates !== 'scenario';
  return (
    <Layout
      lang={lang}
      title={t(lang, 'networkTitle')}
      path="/planner/network"
      user={props.user}
      wide
      styles={props.clientAvailable ? ['/assets/client/client.css'] : []}
      scripts={props.clientAvailable ? ['/assets/client/planner.js'] : []}
    >
      <StaffNav lang={lang} current="network" user={props.user} />
      <h1>{t(lang, 'networkTitle')}</h1>
      <p>{t(lang, 'networkIntro')}</p>
      <form method="get" action={localePath(lang, '/planner/network')}>
        <div class="inline-form">
          <label>
            {t(lang, 'scenarioLabel')}
            <select name="scenario">
              {props.scenarios.map((s) => (
                <option value={s.id} selected={s.id === form.scenario}>
                  {s.name[lang]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'modelLabel')}
            <select name="model">
              {models.map(([value, label]) => (
                <option value={value} selected={value === form.model}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(lang, 'keepCount')}
            <input name="k" type="number" min="1" max="50" value={String(form.k)} inputmode="numeric" />
          </label>
          <label>
            {t(lang, 'thresholdMinutes')}
            <input
              name="radius"
              type="number"
              min="1"
              max="180"
              value={String(form.radius)}
              inputmode="numeric"
            />
          </label>
          <label>
            {t(lang, 'travelMode')}
            <select name="mode">
              {TRAVEL_MODES.map((m) => (
                <option value={m} selected={m === form.mode}>
                  {modeLabel(lang, m)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>{t(lang, 'candidatesLegend')}</legend>
          <p class="muted">{t(lang, 'candidatesHelp')}</p>
          {CANDIDATE_SETS.map((set) => (
            <label class="radio">
              <input type="radio" name="candidates" value={set} checked={form.candidates === set} />{' '}
              {setLabel(lang, set)}
            </label>
          ))}
        </fieldset>
        <fieldset class="inline-form">
          <legend>{t(lang, 'groupWeightsLegend')}</legend>
          <p class="muted full">{t(lang, 'groupWeightsHelp')}</p>
          {props.groups.map((g) => (
            <label>
              {groupLabel(lang, g)}
              <input
                name={`w_${g}`}
                type="number"
                min="0"
                max="10"
                step="0.5"
                value={String(form.weights[g] ?? 0)}
              />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'siteRulesLegend')}</legend>
          <p class="muted">{t(lang, 'siteRulesHelp')}</p>
          <details id="site-rules" open={props.candidates.length <= OPEN_RULES_UP_TO}>
            <summary>
              {t(lang, 'siteRulesSummary', {
                count: String(props.candidates.length),
                kept: String(ruleCount('keep')),
                closed: String(ruleCount('close')),
              })}
            </summary>
            <div class="rules">
              {props.candidates.map((c) => (
                <fieldset class="rule">
                  <legend>
                    {c.name[lang]}
                    {showRole ? ` (${roleLabel(lang, c.role)})` : ''}
                  </legend>
                  {(['free', 'keep', 'close'] as const).map((rule) => (
                    <label class="radio">
                      <input
                        type="radio"
                        name={`rule_${c.id}`}
                        value={rule}
                        checked={(form.rules[c.id] ?? 'free') === rule}
                      />{' '}
                      {t(lang, rule === 'free' ? 'ruleFree' : rule === 'keep' ? 'ruleKeep' : 'ruleClose')}
                    </label>
                  ))}
                </fieldset>
              ))}
            </div>
          </details>
        </fieldset>
        <p>
          <button type="submit">{t(lang, 'solve')}</button>
        </p>
      </form>
      {props.error ? (
        <p class="error" role="alert">
          {t(lang, 'optimizeFailed', { reason: props.error })}
        </p>
      ) : null}
      {answer ? (
        <section aria-labelledby="answer-heading">
          <h2 id="answer-heading">{t(lang, 'answerTitle')}</h2>
          {answer.engine.approximate ? (
            <p class="notice">{t(lang, 'approximateNotice')}</p>
          ) : (
            <p>{t(lang, 'engineNotice', { engine: answer.basis.engine })}</p>
          )}
          <p class={answer.basis.demand.basis === 'modelled' ? 'notice' : undefined}>
            {t(lang, 'demandNotice', { demand: demandBasisText(lang, answer.basis.demand) })}
          </p>
          <p>
            {t(lang, 'answerSummary', {
              objective: num(lang, answer.objective),
              unit: t(
                lang,
                answer.query.model === 'p-median'
                  ? 'unit_p_median'
                  : answer.query.model === 'mclp'
                    ? 'unit_mclp'
                    : 'unit_lscp',
              ),
              bound: num(lang, answer.bound),
              proof: answer.optimal
                ? t(lang, 'provenOptimal')
                : t(lang, 'gapAtMost', { gap: num(lang, answer.gap * 100, 2) }),
            })}{' '}
            <span class="muted">
              ({answer.solver}, {num(lang, answer.seconds, 2)} s)
            </span>
          </p>
          <p id="candidates-used">
            {t(lang, 'candidatesUsed', {
              count: String(answer.candidateCount),
              set: setLabel(lang, answer.query.candidates),
            })}
          </p>
          <h3 id="chosen-heading">{t(lang, 'chosenTitle')}</h3>
          <section class="table-wrap" aria-labelledby="chosen-heading" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colPoint')}</th>
                  <th scope="col">{t(lang, 'colSiteRole')}</th>
                  {props.groups.map((g) => (
                    <th scope="col" class="num">
                      {groupLabel(lang, g)}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t(lang, 'colMeanMinutes')}
                  </th>
                  <th scope="col" class="num">
                    {t(lang, 'colLossIfClosed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.chosen.map((c) => (
                  <tr>
                    <th scope="row">{c.name[lang]}</th>
                    <td>{roleLabel(lang, c.role)}</td>
                    {props.groups.map((g) => (
                      <td class="num">{num(lang, c.served[g] ?? 0)}</td>
                    ))}
                    <td class="num">{c.meanMinutes === null ? '—' : num(lang, c.meanMinutes, 1)}</td>
                    <td class="num">{num(lang, c.lossIfClosed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <h3 id="closed-heading">{t(lang, 'closedTitle')}</h3>
          <section class="table-wrap" aria-labelledby="closed-heading" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colPoint')}</th>
                  <th scope="col">{t(lang, 'colSiteRole')}</th>
                  <th scope="col">{t(lang, 'colWhyClosed')}</th>
                  <th scope="col" class="num">
                    {t(lang, 'colGainIfKept')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {answer.closures.map((c) => (
                  <tr>
                    <th scope="row">{c.name[lang]}</th>
                    <td>{roleLabel(lang, c.role)}</td>
                    <td>{c.closedByRule ? t(lang, 'closedByRule') : t(lang, 'closedByOptimiser')}</td>
                    <td class="num">{num(lang, c.gainIfKept)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <h3>{t(lang, 'alternativesTitle')}</h3>
          {answer.alternatives.length === 0 ? (
            <p>{t(lang, 'noAlternatives')}</p>
          ) : (
            <ul>
              {answer.alternatives.map((a) => (
                <li>
                  {t(lang, 'alternativeLine', {
                    sites: a.siteIds.map(siteName).join(', '),
                    worse: num(lang, a.worseBy * 100, 2),
                  })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t(lang, 'networkMapTitle')}</h3>
          <p class="muted js-hide">{t(lang, 'mapNeedsScript')}</p>
          <section
            id="network-map"
            class="map"
            aria-label={t(lang, 'networkMapLabel')}
            data-geojson={`/api/v1/network/optimize?${props.query}&format=geojson`}
            data-tiles={props.map.tiles ?? ''}
            data-attribution={props.map.attribution}
            data-labels={JSON.stringify({
              chosen: t(lang, 'legendChosen'),
              closed: t(lang, 'legendClosed'),
              minutes: 'min',
            })}
          />
        </section>
      ) : null}
    </Layout>
  );
}
