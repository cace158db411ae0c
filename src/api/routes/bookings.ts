/**
 * Public booking API: a published visit's bookable slots, booking one, and the booker's own
 * booking by its secret token (read, delete). The HTML booking pages post to their own routes
 * and use the same service.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BOOKING_NEEDS, type Booking } from '../../core/model/booking.ts';
import type { BookingProblem } from '../../services/booking/booking-input.ts';
import type { BookingService } from '../../services/booking/booking-service.ts';
import { type AppEnv, signedInUser } from '../app-env.ts';
import { SESSION_SECURITY } from '../guards.ts';
import { problem } from '../problem.ts';
import { asJson, Problem } from '../schemas.ts';

const problemContent = { 'application/problem+json': { schema: Problem } } as const;

const Slot = z
  .object({
    start: z.string().openapi({ example: '13:00' }),
    end: z.string().openapi({ example: '13:30' }),
    free: z.number().int().openapi({ description: 'Seats still free: one per advisor on the visit' }),
  })
  .openapi('Slot');

const BookingInputSchema = z
  .object({
    start: z.string().openapi({ example: '13:00', description: 'Start of one of the visit’s slots (HH:MM)' }),
    language: z.string().max(12).openapi({ example: 'fi', description: 'Language to be served in' }),
    topicId: z.string().max(64).optional(),
    needs: z.array(z.enum(BOOKING_NEEDS)).max(2).optional(),
    firstName: z.string().max(60).optional(),
    contact: z
      .string()
      .max(254)
      .optional()
      .openapi({ description: 'E-mail address or phone number for the reminder and change notices' }),
    lang: z
      .enum(['fi', 'sv', 'en'])
      .optional()
      .openapi({ description: 'Language of the messages (default fi)' }),
  })
  .strict()
  .openapi('BookingInput');

const Created = z
  .object({
    token: z.string().openapi({ description: 'Secret: opens, changes and deletes the booking' }),
    referenceCode: z.string().openapi({ example: 'B-7K3Q-9XMA' }),
    start: z.string(),
    end: z.string(),
  })
  .openapi('BookingCreated');

const BookingView = z
  .object({
    referenceCode: z.string(),
    visitId: z.string(),
    date: z.string().openapi({ format: 'date' }),
    start: z.string(),
    end: z.string(),
    status: z.enum(['booked', 'cancelled', 'attended', 'no-show']),
    topicId: z.string().nullable(),
    language: z.string(),
    needs: z.array(z.enum(BOOKING_NEEDS)),
    hasContact: z.boolean(),
  })
  .openapi('Booking');

const VisitIdParam = z.object({
  visitId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'visitId', in: 'path' } }),
});
const TokenParam = z.object({
  token: z
    .string()
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The booking’s secret token' }),
});

const BookingRule = z
  .object({
    slotMinutes: z
      .number()
      .int()
      .min(10)
      .max(120)
      .nullable()
      .openapi({ description: 'null: the venue’s rule' }),
    walkInPercent: z.number().int().min(0).max(100).nullable().openapi({
      description: 'Share of the times kept for walk-ins; 100 = no bookings; null: the venue’s rule',
    }),
  })
  .strict()
  .openapi('VisitBookingRule');

const routes = {
  rule: createRoute({
    method: 'put',
    path: '/api/v1/visits/{visitId}/booking-rule',
    tags: ['bookings'],
    security: SESSION_SECURITY,
    summary: 'Set a visit’s own slot length and walk-in share (planner)',
    request: {
      params: VisitIdParam,
      body: { required: true, content: { 'application/json': { schema: BookingRule } } },
    },
    responses: {
      200: {
        description: 'The visit’s slots under the new rule',
        content: { 'application/json': { schema: z.object({ items: z.array(Slot) }) } },
      },
      400: { description: 'Bad request', content: problemContent },
      401: { description: 'Not signed in', content: problemContent },
      403: { description: 'Not a planner, or a write from another site', content: problemContent },
      404: { description: 'No planned or published visit with this id', content: problemContent },
    },
  }),
  slots: createRoute({
    method: 'get',
    path: '/api/v1/visits/{visitId}/slots',
    tags: ['bookings'],
    summary: 'Bookable slots of a published visit',
    request: { params: VisitIdParam },
    responses: {
      200: {
        description: 'The slots still ahead, with their free seats',
        content: { 'application/json': { schema: z.object({ items: z.array(Slot) }) } },
      },
      400: { description: 'Bad request', content: problemContent },
      404: { description: 'No published visit with this id', content: problemContent },
      409: { description: 'The visit is cancelled or over', content: problemContent },
    },
  }),
  book: createRoute({
    method: 'post',
    path: '/api/v1/visits/{visitId}/bookings',
    tags: ['bookings'],
    summary: 'Book a slot',
    description:
      'Takes one seat of the slot. The database refuses a second booking of a seat, so simultaneous requests for the last seat give one 201 and 409s.',
    request: {
      params: VisitIdParam,
      body: { required: true, content: { 'application/json': { schema: BookingInputSchema } } },
    },
    responses: {
      201: { description: 'Booked', content: { 'application/json': { schema: Created } } },
      400: { description: 'A field is refused (named in `errors`)', content: problemContent },
      404: { description: 'No published visit with this id', content: problemContent },
      409: { description: 'The slot is full, or the visit is cancelled or over', content: problemContent },
      429: { description: 'Too many bookings from this client', content: problemContent },
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/v1/bookings/{token}',
    tags: ['bookings'],
    summary: 'The booking of this token',
    request: { params: TokenParam },
    responses: {
      200: { description: 'The booking', content: { 'application/json': { schema: BookingView } } },
      404: { description: 'No booking with this token (or its data was deleted)', content: problemContent },
    },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/api/v1/bookings/{token}',
    tags: ['bookings'],
    summary: 'Delete the booking: cancel it if it is ahead and erase its personal data',
    request: { params: TokenParam },
    responses: {
      204: { description: 'Deleted; the token no longer works' },
      404: { description: 'No booking with this token', content: problemContent },
    },
  }),
};

const VISIT_DETAIL: Record<string, string> = {
  unknown: 'no published visit with this id',
  cancelled: 'the visit is cancelled: it takes no bookings',
  past: 'the visit is over: it takes no bookings',
};

const FIELD_DETAIL: Record<string, string> = {
  required: 'is required',
  unknown: 'is not one of the known values',
  'too-long': 'is too long',
  malformed: 'is not valid',
  'control-character': 'contains a control character',
  'not-bookable': 'is not the start of one of the visit’s bookable slots',
  past: 'has already started',
  full: 'is full',
};

/** A refusal as a problem: 404 unknown visit, 409 visit over/cancelled or slot full, else 400. */
export function bookingProblem(c: Context, problems: readonly BookingProblem[]) {
  const visit = problems.find((p) => p.field === 'visit');
  if (visit) return problem(c, visit.problem === 'unknown' ? 404 : 409, VISIT_DETAIL[visit.problem]);
  const full = problems.find((p) => p.field === 'start' && (p.problem === 'full' || p.problem === 'past'));
  if (full)
    return problem(
      c,
      409,
      full.problem === 'full' ? 'the slot is full: choose another time' : 'the slot has started',
    );
  const errors = problems.map((p) => ({
    in: 'body',
    name: p.field,
    message: `${p.field} ${FIELD_DETAIL[p.problem] ?? p.problem}`,
  }));
  return problem(c, 400, errors.map((e) => e.message).join('; '), errors);
}

export function bookingJson(b: Booking, date: string) {
  return {
    referenceCode: b.referenceCode,
    visitId: b.visitId,
    date,
    start: b.start,
    end: b.end,
    status: b.status,
    topicId: b.topicId,
    language: b.language,
    needs: [...b.needs],
    hasContact: b.contact !== null,
  };
}

export function registerBookingRoutes(app: OpenAPIHono<AppEnv>, deps: { bookings: BookingService }) {
  app.openapi(routes.rule, async (c) => {
    const result = await deps.bookings.setVisitRule(
      signedInUser(c),
      c.req.valid('param').visitId,
      c.req.valid('json'),
    );
    if (!result.ok) return problem(c, 404, 'no planned or published visit with this id');
    return c.json({ items: result.slots.map((s) => ({ start: s.start, end: s.end, free: s.free })) }, 200);
  });

  app.openapi(routes.slots, async (c) => {
    const result = await deps.bookings.slots(c.req.valid('param').visitId);
    if (!result.ok) return problem(c, result.refusal === 'unknown' ? 404 : 409, VISIT_DETAIL[result.refusal]);
    c.header('cache-control', 'no-store');
    return c.json(
      {
        items: result.items.filter((s) => !s.past).map((s) => ({ start: s.start, end: s.end, free: s.free })),
      },
      200,
    );
  });

  app.openapi(routes.book, async (c) => {
    const body = c.req.valid('json');
    const result = await deps.bookings.book(c.req.valid('param').visitId, {
      start: body.start,
      language: body.language,
      topicId: body.topicId,
      needs: body.needs,
      firstName: body.firstName,
      contact: body.contact,
      lang: body.lang ?? 'fi',
    });
    if (!result.ok) return bookingProblem(c, result.problems);
    const b = result.booking;
    return c.json(
      asJson({ token: result.token, referenceCode: b.referenceCode, start: b.start, end: b.end }),
      201,
    );
  });

  app.openapi(routes.get, async (c) => {
    const found = await deps.bookings.byToken(c.req.valid('param').token);
    if (!found) return problem(c, 404, 'no booking with this token');
    c.header('cache-control', 'no-store');
    return c.json(asJson(bookingJson(found.booking, found.visit.date)), 200);
  });

  app.openapi(routes.delete, async (c) => {
    const erased = await deps.bookings.erase(c.req.valid('param').token);
    if (!erased) return problem(c, 404, 'no booking with this token');
    return c.body(null, 204);
  });
}
