/**
 * The feedback form at /feedback (/sv/feedback, /en/feedback) and its post: same-site only,
 * counted by the per-client rate limit (over it, the form again with what was typed kept),
 * problems shown next to their field, never cached.
 */
import { Hono } from 'hono';
import { isSameSite } from '../services/auth-service.ts';
import type { CityService } from '../services/city/city-service.ts';
import type { FeedbackService } from '../services/feedback-service.ts';
import type { PublicService } from '../services/public-service.ts';
import { rateLimitedOf } from '../services/rate-limit.ts';
import { localePath } from './layout.tsx';
import { t } from './messages.ts';
import { FeedbackPage } from './pages/statement-pages.tsx';
import { localised, publicView } from './public-page.tsx';
import type { WebEnv } from './web-env.ts';

export interface FeedbackWebDeps {
  readonly publicSite: PublicService;
  readonly city: CityService;
  readonly feedback: FeedbackService;
  readonly now: () => number;
}

export function createFeedbackRoutes(deps: FeedbackWebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const view = publicView(deps);
  for (const [lang, path] of localised('/feedback')) {
    app.get(path, async (c) => {
      const page = (c.req.query('page') ?? '').slice(0, 300);
      const sent = c.req.query('sent') === '1';
      c.header('cache-control', 'no-store');
      return c.html(
        `<!doctype html>${await view(<FeedbackPage lang={lang} sent={sent} values={{ message: '', page, replyTo: '' }} />)}`,
      );
    });
  }
  for (const [lang, path] of localised('/feedback')) {
    app.post(path, async (c) => {
      c.header('cache-control', 'no-store');
      if (!isSameSite(c.req.header('origin') ?? c.req.header('referer'), c.req.url)) {
        return c.text(t(lang, 'forbiddenTitle'), 403);
      }
      const body = await c.req.parseBody();
      const field = (name: string) => {
        const v = body[name];
        return typeof v === 'string' ? v : '';
      };
      const values = { message: field('message'), page: field('page'), replyTo: field('replyTo') };
      const waitSeconds = rateLimitedOf(c);
      if (waitSeconds !== undefined)
        return c.html(
          `<!doctype html>${await view(<FeedbackPage lang={lang} values={values} waitSeconds={waitSeconds} />)}`,
          429,
        );
      const result = await deps.feedback.send({ lang, ...values });
      if (result.ok) return c.redirect(`${localePath(lang, '/feedback')}?sent=1`, 303);
      return c.html(
        `<!doctype html>${await view(<FeedbackPage lang={lang} values={values} problems={result.problems} />)}`,
        400,
      );
    });
  }
  return app;
}
