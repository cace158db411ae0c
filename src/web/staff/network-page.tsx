/** The planner's "which points to keep": a form (works without script), the answer with its proof and explanation, and a map. */

import { TRAVEL_MODES } from '../../core/access/modes.ts';
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import type { NetworkAnswer } from '../../services/network-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { groupLabel, modeLabel, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export interface NetworkForm {
  readonly scenario: string;
  readonly model: 'p-median' | 'mclp' | 'lscp';
  readonly k: number;
  readonly radius: number;
  readonly mode: string;
  readonly weights: Readonly<Record<string, number>>;
  readonly rules: Readonly<Record<string, 'free' | 'keep' | 'close'>>;
}

export interface NetworkPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly scenarios: readonly { id: string; name: LocalizedText }[];
  readonly candidates: readonly { id: string; name: LocalizedText }[];
  readonly groups: readonly string[];
  readonly form: NetworkForm;
  readonly answer: NetworkAnswer | null;
  readonly error: string | null;
  readonly query: string;
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  readonly clientAvailable: boolean;
}

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
      <StaffNav lang={lang} current="network" />
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
          <div class="rules">
            {props.candidates.map((c) => (
              <fieldset class="rule">
                <legend>{c.name[lang]}</legend>
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
          {answer.engine.approximate ? <p class="notice">{t(lang, 'approximateNotice')}</p> : null}
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
          <h3 id="chosen-heading">{t(lang, 'chosenTitle')}</h3>
          <section class="table-wrap" aria-labelledby="chosen-heading" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colPoint')}</th>
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
