/**
 * The planners' bookings page, in fi at /planner/bookings, sv at /sv/planner/bookings and en at
 * /en/planner/bookings: fill rates of a chosen ISO week (`?week=2026-W49`, default this week by
 * the app's clock) and each venue's booking rule, set or reset by a plain form post
 * (POST …/rules, same origin, checked field by field, what was typed kept on error). Who may open
 * them is decided by the access table (src/api/access.ts).
 */
import { type Context, Hono } from 'hono';
import { LANGS } from '../../core/i18n.ts';
import { type BookingStaffService, checkRule } from '../../services/booking/booking-staff.ts';
import { NotFoundError } from '../../services/errors.ts';
import { t } from '../messages.ts';
import type { StaffEnv } from '../web-env.ts';
import { staffAccessPages } from './access-pages.tsx';
import { BookingFillPage, fillPath, type RuleFormState } from './booking-fill-page.tsx';
import { isSameOrigin } from './session.ts';

export interface BookingStaffWebDeps {
  readonly bookingStaff: BookingStaffService;
}

const html = (c: Context, body: string, status: 200 | 400 | 404 = 200) => {
  c.header('cache-control', 'private, no-store');
  return c.html(`<!doctype html>${body}`, status);
};

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

export function createBookingStaffRoutes(deps: BookingStaffWebDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  const service = deps.bookingStaff;

  for (const lang of LANGS) {
    const base = fillPath(lang);

    const page = async (
      c: Context<StaffEnv>,
      options: {
        week: string;
        notice?: string | null;
        ruleForm?: RuleFormState;
        status?: 200 | 400;
      },
    ) => {
      const wanted = options.week.trim();
      const weekInvalid = wanted !== '' && !service.isWeek(wanted);
      const fill = await service.week(weekInvalid || wanted === '' ? undefined : wanted);
      return html(
        c,
        String(
          <BookingFillPage
            lang={lang}
            user={c.get('user')}
            fill={fill}
            weekInput={weekInvalid ? wanted : fill.week}
            weekInvalid={weekInvalid}
            notice={options.notice ?? null}
            ruleForm={options.ruleForm}
          />,
        ),
        options.status ?? (weekInvalid ? 400 : 200),
      );
    };

    app.get(base, async (c) => {
      const venueNotice = async (venueId: string | undefined, key: 'fillRuleSaved' | 'fillRuleWasReset') => {
        if (!venueId) return null;
        const name = (await service.venueName(venueId))?.[lang];
        return name ? t(lang, key, { venue: name }) : null;
      };
      const notice =
        (await venueNotice(c.req.query('saved'), 'fillRuleSaved')) ??
        (await venueNotice(c.req.query('reset'), 'fillRuleWasReset'));
      return page(c, { week: c.req.query('week') ?? '', notice });
    });

    app.post(`${base}/rules`, async (c) => {
      // The access table refuses a cross-site post already; this says so for the handler too.
      if (!isSameOrigin(c)) return staffAccessPages.forbidden(c);
      const form = await c.req.parseBody();
      const venueId = text(form, 'venueId');
      const week = text(form, 'week');
      const back = (query: Record<string, string>) =>
        `${base}?${new URLSearchParams({ ...(service.isWeek(week) ? { week } : {}), ...query })}`;
      if (!(await service.venueName(venueId))) return c.notFound();
      try {
        if (text(form, 'action') === 'reset') {
          await service.setRule(c.get('user'), venueId, null);
          return c.redirect(`${back({ reset: venueId })}#rule-${venueId}`, 303);
        }
        const input = { slotMinutes: text(form, 'slotMinutes'), walkInPercent: text(form, 'walkInPercent') };
        const checked = checkRule(input);
        if (!checked.ok)
          return page(c, { week, ruleForm: { venueId, ...input, problems: checked.problems }, status: 400 });
        await service.setRule(c.get('user'), venueId, checked.rule);
        return c.redirect(`${back({ saved: venueId })}#rule-${venueId}`, 303);
      } catch (e) {
        if (e instanceof NotFoundError) return c.notFound();
        throw e;
      }
    });
  }
  return app;
}
