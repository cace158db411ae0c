/**
 * The planners' reports, in fi at /planner/reports, sv at /sv/planner/reports and en at
 * /en/planner/reports, and the printable report under …/planner/reports/print, both by GET with
 * the filter in the query (`from`, `to`, `district`, `venue`), so a report is a link one can
 * share with a colleague. The before/after comparison reads `ba` (districts), `change` and
 * `weeks`. Who may open them is decided by the access table (src/api/access.ts).
 */
import { type Context, Hono } from 'hono';
import { LANGS, type Lang } from '../../core/i18n.ts';
import { addDays, isoDateAt, startOfIsoWeek } from '../../core/time/civil-time.ts';
import { InvalidInputError } from '../../services/errors.ts';
import type { ReportService } from '../../services/reports/report-service.ts';
import type { MessageKey } from '../messages.ts';
import type { StaffEnv } from '../web-env.ts';
import { type BeforeAfterForm, type FilterProblem, type ReportNames, ReportPage } from './report-pages.tsx';

export interface ReportWebDeps {
  readonly reports: ReportService;
  readonly now: () => number;
}

const html = (c: Context, body: string, status: 200 | 400 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

function problemOf(e: InvalidInputError): FilterProblem {
  const field = e.target ?? 'from';
  let key: MessageKey = 'repErrDate';
  if (field === 'district' || field === 'venue') key = 'repErrUnknown';
  else if (field === 'weeks') key = 'repErrWeeks';
  else if (field === 'districts') key = 'repErrDistricts';
  else if (/later|at most/.test(e.message)) key = 'repErrRange';
  return { field, key };
}

export function createReportPages(deps: ReportWebDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const { reports } = deps;

  const namesFor = async (lang: Lang): Promise<ReportNames> => {
    const ref = await reports.reference();
    const byName = <T extends { name: Record<Lang, string> }>(xs: readonly T[]) =>
      [...xs].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
    return {
      districts: new Map(byName(ref.districts).map((d) => [d.id, d.name[lang]])),
      venues: new Map(byName(ref.sites).map((s) => [s.id, s.name[lang]])),
      topics: new Map(ref.topics.map((x) => [x.id, x.name[lang]])),
      geometry: new Map(ref.districts.map((d) => [d.id, d.geometry])),
    };
  };

  const synthetic = async () => {
    const s = (await reports.syntheticHistory()) as { from?: unknown; to?: unknown } | null;
    return s && typeof s.from === 'string' && typeof s.to === 'string' ? { from: s.from, to: s.to } : null;
  };

  for (const lang of LANGS) {
    const base = lang === 'fi' ? '/planner/reports' : `/${lang}/planner/reports`;
    const page = async (c: Context<StaffEnv>, print: boolean) => {
      const q = c.req.query();
      const input = { from: q.from ?? '', to: q.to ?? '', district: q.district ?? '', venue: q.venue ?? '' };
      const problems: FilterProblem[] = [];
      let filter = null;
      try {
        filter = await reports.parseFilter(input);
      } catch (e) {
        if (!(e instanceof InvalidInputError)) throw e;
        problems.push(problemOf(e));
      }
      const beforeAfter: BeforeAfterForm = await (async () => {
        const districts = c.req.queries('ba') ?? [];
        const thisMonday = startOfIsoWeek(isoDateAt(deps.now()));
        const change = q.change ?? '';
        const weeks = q.weeks ?? '12';
        const form = { districts, change: change || addDays(thisMonday, -7 * 12), weeks };
        if (!change) return { ...form, problems: [], result: null };
        try {
          const result = await reports.beforeAfter({
            districts,
            change,
            weeks: /^\d+$/.test(weeks) ? Number(weeks) : Number.NaN,
          });
          return { ...form, problems: [], result };
        } catch (e) {
          if (!(e instanceof InvalidInputError)) throw e;
          return { ...form, problems: [problemOf(e)], result: null };
        }
      })();
      const [d, names, syn] = await Promise.all([
        filter ? reports.dashboard(filter) : Promise.resolve(null),
        namesFor(lang),
        synthetic(),
      ]);
      return html(
        c,
        String(
          <ReportPage
            lang={lang}
            user={c.get('user')}
            d={d}
            names={names}
            input={filter && !q.from ? { ...input, from: filter.from, to: filter.to } : input}
            problems={problems}
            synthetic={syn}
            beforeAfter={beforeAfter}
            print={print}
            today={isoDateAt(deps.now())}
          />,
        ),
        problems.length > 0 || beforeAfter.problems.length > 0 ? 400 : 200,
      );
    };
    app.get(base, (c) => page(c, false));
    app.get(`${base}/print`, (c) => page(c, true));
  }
  return app;
}
