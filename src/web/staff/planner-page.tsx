/** The planner's scenario comparison: tables rendered here, the map and the chart added by script. */
import type { ScenarioComparison } from '../../core/access/comparison.ts';
import { TRAVEL_MODES } from '../../core/access/modes.ts';
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import type { FiguresBasis } from '../../services/access-service.ts';
import { Layout, localePath } from '../layout.tsx';
import { demandBasisText, groupLabel, modeLabel, t } from '../messages.ts';
import { StaffNav } from './staff-nav.tsx';

export interface PlannerPageProps {
  readonly lang: Lang;
  readonly user: { readonly displayName: string };
  readonly scenarios: readonly { id: string; name: LocalizedText; date: string }[];
  readonly comparison: ScenarioComparison & {
    readonly warnings: readonly string[];
    readonly basis: FiguresBasis;
  };
  readonly map: { readonly tiles: string | null; readonly attribution: string };
  readonly clientAvailable: boolean;
}

const minutes = (lang: Lang, v: number | null) =>
  v === null
    ? '—'
    : v.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
        maximumFractionDigits: 1,
        minimumFractionDigits: 1,
      });
const share = (lang: Lang, v: number) =>
  `${(v * 100).toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`;
const count = (lang: Lang, v: number) => Math.round(v).toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`);

export function PlannerPage({
  lang,
  user,
  scenarios,
  comparison: c,
  map,
  clientAvailable,
}: PlannerPageProps) {
  const query = `base=${encodeURIComponent(c.base)}&alt=${encodeURIComponent(c.alt)}&mode=${c.mode}`;
  const api = `/api/v1/scenarios/compare?${query}`;
  const name = (id: string) => scenarios.find((s) => s.id === id)?.name[lang] ?? id;
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  const labels = {
    base: c.scenarios.base.name[lang],
    alt: c.scenarios.alt.name[lang],
    legendLoss: t(lang, 'legendLoss'),
    legendGain: t(lang, 'legendGain'),
    legendNoChange: t(lang, 'legendNoChange'),
    noAccess: t(lang, 'noAccess'),
    chartLabel: t(lang, 'chartLabel'),
    groups: Object.fromEntries(c.groups.map((g) => [g.group, groupLabel(lang, g.group)])),
    minutes: lang === 'fi' ? 'min' : 'min',
    share: lang === 'fi' ? 'osuus' : lang === 'sv' ? 'andel' : 'share',
  };
  return (
    <Layout
      lang={lang}
      title={t(lang, 'plannerTitle')}
      path="/planner"
      user={user}
      wide
      styles={clientAvailable ? ['/assets/client/client.css'] : []}
      scripts={clientAvailable ? ['/assets/client/planner.js'] : []}
    >
      <StaffNav lang={lang} current="scenarios" user={user} />
      <h1>{t(lang, 'plannerTitle')}</h1>
      <p>{t(lang, 'plannerIntro')}</p>
      <form method="get" action={localePath(lang, '/planner')} class="inline-form">
        <label>
          {t(lang, 'baseScenario')}
          <select name="base">
            {scenarios.map((s) => (
              <option value={s.id} selected={s.id === c.base}>
                {s.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'altScenario')}
          <select name="alt">
            {scenarios.map((s) => (
              <option value={s.id} selected={s.id === c.alt}>
                {s.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'travelMode')}
          <select name="mode">
            {TRAVEL_MODES.map((m) => (
              <option value={m} selected={m === c.mode}>
                {modeLabel(lang, m)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t(lang, 'compare')}</button>
      </form>
      {c.engine.approximate ? (
        <p class="notice">{t(lang, 'approximateNotice')}</p>
      ) : (
        <p>{t(lang, 'engineNotice', { engine: c.basis.engine })}</p>
      )}
      <p class={c.basis.demand.basis === 'modelled' ? 'notice' : undefined}>
        {t(lang, 'demandNotice', { demand: demandBasisText(lang, c.basis.demand) })}
      </p>
      {c.warnings.map((w) => (
        <p class="error">{t(lang, 'warning', { text: w })}</p>
      ))}

      <h2 id="groups-heading">{t(lang, 'groupTableTitle')}</h2>
      <section class="table-wrap" aria-labelledby="groups-heading" tabindex={0}>
        <table>
          <caption>
            {t(lang, 'groupTableCaption', {
              base: `${name(c.base)} (${c.scenarios.base.date})`,
              alt: `${name(c.alt)} (${c.scenarios.alt.date})`,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colGroup')}</th>
              <th scope="col" class="num">
                {t(lang, 'colResidents')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colMean')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colMedian')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colP90')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colWithin', { minutes: '15' })}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colWithin', { minutes: '30' })}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colWithin', { minutes: '45' })}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colServiceHours', { minutes: String(c.serviceHoursThresholdMinutes) })}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.groups.map((g) => (
              <tr>
                <th scope="row">
                  {groupLabel(lang, g.group)}
                  {g.base.dataShare < 0.9995 ? (
                    <span class="muted">
                      {' '}
                      ({t(lang, 'groupPartialData', { share: share(lang, g.base.dataShare) })})
                    </span>
                  ) : null}
                </th>
                <td class="num">{count(lang, g.base.population)}</td>
                <td class="num">
                  {arrow(minutes(lang, g.base.meanMinutes), minutes(lang, g.alt.meanMinutes))}
                </td>
                <td class="num">
                  {arrow(minutes(lang, g.base.medianMinutes), minutes(lang, g.alt.medianMinutes))}
                </td>
                <td class="num">
                  {arrow(minutes(lang, g.base.p90Minutes), minutes(lang, g.alt.p90Minutes))}
                </td>
                <td class="num">
                  {arrow(share(lang, g.base.shareWithin['15']), share(lang, g.alt.shareWithin['15']))}
                </td>
                <td class="num">
                  {arrow(share(lang, g.base.shareWithin['30']), share(lang, g.alt.shareWithin['30']))}
                </td>
                <td class="num">
                  {arrow(share(lang, g.base.shareWithin['45']), share(lang, g.alt.shareWithin['45']))}
                </td>
                <td class="num">
                  {arrow(minutes(lang, g.serviceHours.base), minutes(lang, g.serviceHours.alt))}
                </td>
              </tr>
            ))}
            {c.groupsWithoutData.map((group) => (
              <tr class="no-data">
                <th scope="row">{groupLabel(lang, group)}</th>
                <td colspan={8}>
                  {t(lang, 'groupNoData')}: {t(lang, 'groupNoDataReason')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h2 id="areas-heading">{t(lang, 'areaTableTitle')}</h2>
      <section class="table-wrap" aria-labelledby="areas-heading" tabindex={0}>
        <table>
          <caption>{t(lang, 'areaTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'colArea')}</th>
              <th scope="col" class="num">
                {t(lang, 'colBefore')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colAfter')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colChange')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colResidents')}
              </th>
              <th scope="col" class="num">
                {t(lang, 'colResidents75')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.areas.slice(0, 15).map((a) => (
              <tr>
                <th scope="row">
                  {a.areaId} {a.names[lang]}
                </th>
                <td class="num">{minutes(lang, a.baseMinutes)}</td>
                <td class="num">
                  {a.altMinutes === null ? t(lang, 'noAccess') : minutes(lang, a.altMinutes)}
                </td>
                <td class="num">
                  {a.deltaMinutes === null
                    ? '—'
                    : `${a.deltaMinutes > 0 ? '+' : ''}${minutes(lang, a.deltaMinutes)}`}
                </td>
                <td class="num">{count(lang, a.population)}</td>
                <td class="num">{count(lang, a.population75Plus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <p>
        {t(lang, 'downloads')}: <a href={`${api}&format=csv`}>{t(lang, 'downloadAreas')}</a>,{' '}
        <a href={`${api}&format=groups-csv`}>{t(lang, 'downloadGroups')}</a>,{' '}
        <a href={`${api}&format=geojson`}>{t(lang, 'downloadGeoJson')}</a>
      </p>

      <h2>{t(lang, 'mapTitle')}</h2>
      <p class="muted js-hide">{t(lang, 'mapNeedsScript')}</p>
      <section
        id="change-map"
        class="map"
        aria-label={t(lang, 'mapLabel')}
        data-geojson={`${api}&format=geojson`}
        data-tiles={map.tiles ?? ''}
        data-attribution={map.attribution}
        data-labels={JSON.stringify(labels)}
      />
      <h2 id="chart-heading">{t(lang, 'chartTitle')}</h2>
      <label class="inline-form" for="chart-group">
        {t(lang, 'chartGroup')}
        <select id="chart-group">
          {c.groups.map((g) => (
            <option value={g.group}>{groupLabel(lang, g.group)}</option>
          ))}
        </select>
      </label>
      <p class="chart-legend js-only">
        <span class="line base" />
        {`${c.scenarios.base.name[lang]} (${c.scenarios.base.date})`}
        <span class="line alt" />
        {`${c.scenarios.alt.name[lang]} (${c.scenarios.alt.date})`}
      </p>
      <div id="cdf-chart" class="chart" data-json={api} data-labels={JSON.stringify(labels)} />
    </Layout>
  );
}
