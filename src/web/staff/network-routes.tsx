/**
 * The planner's network page, in fi at /planner/network, sv at /sv/planner/network and en at
 * /en/planner/network: the location model (p-median, MCLP, LSCP) over a scenario's candidate
 * places, its settings in the query so an answer is a link, solved on the server and drawn
 * without JavaScript. Who may open it is decided by the access table (src/api/access.ts).
 */
import { type Context, Hono } from 'hono';
import { isTravelMode, type TravelMode } from '../../core/access/modes.ts';
import { LANGS } from '../../core/i18n.ts';
import type { AccessService } from '../../services/access-service.ts';
import { DomainError } from '../../services/errors.ts';
import { CANDIDATE_SETS, type NetworkService } from '../../services/network-service.ts';
import { localePath } from '../layout.tsx';
import { isMessageKey, t } from '../messages.ts';
import type { StaffEnv } from '../web-env.ts';
import { clientAvailable } from './client-files.ts';
import { ForbiddenPage } from './login-page.tsx';
import { type NetworkForm, NetworkPage } from './network-page.tsx';
import type { MapConfig } from './routes.tsx';

export interface NetworkWebDeps {
  readonly access: AccessService;
  readonly network: NetworkService;
  readonly map: MapConfig;
}

const html = (c: Context, body: string, status: 200 | 400 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

export function createNetworkRoutes(deps: NetworkWebDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  for (const lang of LANGS) {
    app.get(localePath(lang, '/planner/network'), async (c) => {
      const scenarios = await deps.access.listScenarios();
      const q = c.req.query();
      const scenario = scenarios.find((s) => s.scenario.id === q.scenario) ?? scenarios[0];
      if (!scenario) return html(c, String(<ForbiddenPage lang={lang} />), 400);
      const date = scenario.date;
      const { candidateSets, groups } = await deps.network.options(scenario.scenario.id, date);
      const set = CANDIDATE_SETS.find((v) => v === q.candidates) ?? 'scenario';
      const candidates = candidateSets[set];
      const number = (v: string | undefined, fallback: number, min: number, max: number) => {
        const n = Number(v);
        return v !== undefined && v !== '' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
      };
      const model = q.model === 'mclp' || q.model === 'lscp' ? q.model : 'p-median';
      const weights: Record<string, number> = {};
      const anyWeight = groups.some((g) => q[`w_${g}`] !== undefined);
      for (const g of groups) weights[g] = anyWeight ? number(q[`w_${g}`], 0, 0, 10) : g === 'all' ? 1 : 0;
      const rules: Record<string, 'free' | 'keep' | 'close'> = {};
      for (const c0 of candidates) {
        const r = q[`rule_${c0.id}`];
        rules[c0.id] = r === 'keep' || r === 'close' ? r : 'free';
      }
      const form: NetworkForm = {
        scenario: scenario.scenario.id,
        model,
        k: Math.round(number(q.k, Math.min(3, candidates.length), 1, Math.max(1, candidates.length))),
        radius: number(q.radius, 30, 1, 180),
        mode: isTravelMode(q.mode ?? '') ? (q.mode as string) : 'pt-slow',
        candidates: set,
        weights,
        rules,
      };
      const nonZero = Object.entries(weights).filter(([, w]) => w > 0);
      const keep = candidates.filter((c0) => rules[c0.id] === 'keep').map((c0) => c0.id);
      const closed = candidates.filter((c0) => rules[c0.id] === 'close').map((c0) => c0.id);
      const apiQuery = new URLSearchParams({
        scenario: form.scenario,
        model,
        mode: form.mode,
        ...(set !== 'scenario' ? { candidates: set } : {}),
        ...(model !== 'lscp' ? { k: String(form.k) } : {}),
        ...(model !== 'p-median' ? { radius: String(form.radius) } : {}),
        ...(nonZero.length > 0 ? { weights: nonZero.map(([g, w]) => `${g}:${w}`).join(',') } : {}),
        ...(keep.length > 0 ? { keep: keep.join(',') } : {}),
        ...(closed.length > 0 ? { closed: closed.join(',') } : {}),
      }).toString();
      let answer = null;
      let error: string | null = null;
      try {
        answer = await deps.network.optimize({
          scenarioId: form.scenario,
          model,
          mode: form.mode as TravelMode,
          ...(model !== 'lscp' ? { k: form.k } : {}),
          ...(model !== 'p-median' ? { radiusMinutes: form.radius } : {}),
          groupWeights: Object.fromEntries(nonZero),
          candidates: set,
          mustKeep: keep,
          closed,
          timeLimitSeconds: 20,
        });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const code = e.detail?.code;
        error = code && isMessageKey(code) ? t(lang, code, e.detail?.params) : e.message;
      }
      return html(
        c,
        String(
          <NetworkPage
            lang={lang}
            user={c.get('user')}
            scenarios={scenarios.map((s) => ({ id: s.scenario.id, name: s.scenario.name }))}
            candidates={candidates}
            groups={groups}
            form={form}
            answer={answer}
            error={error}
            query={apiQuery}
            map={deps.map}
            clientAvailable={await clientAvailable()}
          />,
        ),
        error ? 400 : 200,
      );
    });
  }
  return app;
}
