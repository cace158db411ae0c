/**
 * The advisors' anonymous contact log (advisor role; admins too): record an entry, idempotent by
 * the device-made `clientId`, and list one's own entries. Reports over everyone's entries come
 * later; nothing else about contacts is in the API.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  type ContactEntry,
  REFERRAL_TARGETS,
} from '../../core/model/contact.ts';
import {
  type ContactService,
  contactInputSchema,
  type FieldProblem,
  fieldProblemsOf,
} from '../../services/contact-service.ts';
import { type AppEnv, signedInUser } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { problem } from '../problem.ts';
import { asJson, Problem, problemResponses } from '../schemas.ts';

const Contact = z
  .object({
    id: z.string(),
    clientId: z.string(),
    loggedAt: z.string().openapi({ format: 'date-time' }),
    recordedAt: z.string().openapi({ format: 'date-time', description: 'When the server stored it' }),
    advisorId: z.string().nullable(),
    channel: z.enum(CONTACT_CHANNELS),
    visitId: z.string().nullable(),
    siteId: z.string().nullable(),
    topicIds: z.array(z.string()),
    language: z.string(),
    ageBand: z.enum(AGE_BANDS),
    groups: z.array(z.string()),
    durationMinutes: z.number().int().nullable(),
    outcome: z.enum(CONTACT_OUTCOMES),
    referredTo: z.enum(REFERRAL_TARGETS).nullable(),
  })
  .openapi('Contact', {
    description:
      'One resident helped, logged anonymously: codes only, no name, no contact details, no free text.',
  });

const ContactInput = contactInputSchema.openapi('ContactInput');

export const contactJson = (e: ContactEntry) => ({
  id: e.id,
  clientId: e.clientId,
  loggedAt: new Date(e.loggedAtMs).toISOString(),
  recordedAt: new Date(e.recordedAtMs).toISOString(),
  advisorId: e.advisorId,
  channel: e.channel,
  visitId: e.visitId,
  siteId: e.siteId,
  topicIds: [...e.topicIds],
  language: e.language,
  ageBand: e.ageBand,
  groups: [...e.groups],
  durationMinutes: e.durationMinutes,
  outcome: e.outcome,
  referredTo: e.referredTo,
});

const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .openapi({ format: 'date', example: '2026-12-01' });

const security = SESSION_SECURITY;
const signIn = {
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: Problem } } },
  403: {
    description: 'Signed in without the advisor role, or a write from another site',
    content: { 'application/problem+json': { schema: Problem } },
  },
};

const routes = {
  create: createRoute({
    method: 'post',
    path: '/api/v1/contacts',
    tags: ['advisors'],
    security,
    summary: 'Log a contact (idempotent by clientId)',
    description:
      'Stores the entry and answers 201 with it. The same `clientId` again answers 200 with the entry stored first, whatever the body, and never adds a row (also when both arrive at once). A refused field is named by its JSON path in `errors`.',
    request: { body: { required: true, content: { 'application/json': { schema: ContactInput } } } },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: Contact } } },
      200: {
        description: 'Stored before with this clientId: the first entry',
        content: { 'application/json': { schema: Contact } },
      },
      ...problemResponses,
      ...signIn,
      409: {
        description: 'The clientId is another account’s entry',
        content: { 'application/problem+json': { schema: Problem } },
      },
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/api/v1/contacts',
    tags: ['advisors'],
    security,
    summary: 'The caller’s own contacts logged on the dates from–to (Europe/Helsinki), oldest first',
    request: { query: z.object({ from: DateParam, to: DateParam }) },
    responses: {
      200: { description: 'The entries', content: { 'application/json': { schema: z.array(Contact) } } },
      ...problemResponses,
      ...signIn,
    },
  }),
};

export function registerContactRoutes(app: OpenAPIHono<AppEnv>, deps: { contacts: ContactService }) {
  // Advisors (and admins) only, writes from this site only: the access table (src/api/access.ts)
  // says so, and its guard, before every route, sets the signed-in user.
  app.use('/api/v1/contacts', async (c, next) => {
    if (!c.get('user')) return problem(c, 401, 'sign in first (POST /login)');
    await next();
    return undefined;
  });

  // Refused fields are named alike whether the shape or a check against the data refuses them.
  const refused = (c: Context, errors: readonly FieldProblem[]) =>
    problem(
      c,
      400,
      errors.map((e) => `body parameter "${e.path}": ${e.message}`).join('; '),
      errors.map((e) => ({ in: 'body', name: e.path, message: e.message })),
    );

  app.openapi(
    routes.create,
    async (c) => {
      const result = await deps.contacts.record(signedInUser(c), c.req.valid('json'));
      if (!result.ok) return refused(c, result.errors);
      const json = asJson(contactJson(result.entry));
      return result.created ? c.json(json, 201) : c.json(json, 200);
    },
    (result, c) => (result.success ? undefined : refused(c, fieldProblemsOf(result.error))),
  );

  app.openapi(routes.list, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(asJson((await deps.contacts.listOwn(signedInUser(c), from, to)).map(contactJson)), 200);
  });
}
