/**
 * Staff accounts and how they sign in (OpenID Connect identities, sessions, known devices,
 * the sign-in throttle and rate counters), and the audit log of what staff did.
 */
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { JsonObject } from '../json-columns.ts';
import { advisors } from './advisors.ts';

/** Staff who log in: planners, advisors, administrators. Residents never have accounts. */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** `scrypt$N$r$p$salt$hash`, base64url parts; null for an account that signs in only through OpenID Connect. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    /** The advisor record this account works as (its visits, its contacts), if any. */
    advisorId: text('advisor_id').references(() => advisors.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    unique('staff_users_email_unique').on(t.email),
    unique('staff_users_advisor_unique').on(t.advisorId),
  ],
);

/** An OpenID Connect identity (issuer and subject) linked to a staff account. */
export const staffIdentities = pgTable(
  'staff_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('staff_identities_user_idx').on(t.userId)],
);

/**
 * Browsers a staff member has signed in with (the `neuvo_device` cookie holds a random token,
 * the table its SHA-256): evidence that lets the real user past an attack on the account.
 */
export const staffDevices = pgTable(
  'staff_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_devices_user_idx').on(t.userId)],
);

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** The last request with this session (updated at most once a minute); the idle timeout counts from it. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt), index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts since the last success, per account (its e-mail, known or not) and per
 * client address, both as SHA-256 so no address or typed e-mail is kept in the clear. Every
 * server process counts in the same rows (see services/auth/throttle.ts).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
});

/** Requests per client (hashed address) and limit in the current window, for the rate limits. */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_counters_window_idx').on(t.windowStart)],
);

/**
 * Who did what when, for staff actions (sign-ins, plan jobs, publishing, staff changes, series
 * pins, contacts logged): what information-management law expects of a public authority. Rows
 * name the staff member and the target's id, never a resident.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member, and their e-mail at the time (kept when the account is removed). */
    actorUserId: uuid('actor_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    /** A dotted verb: `auth.sign-in`, `plan.publish`, `staff.update`, `contact.create`, … */
    action: text('action').notNull(),
    /** The kind and id of what the action was on (`plan`, `visit`, `staff-user`, …). */
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** Codes and ids only (never free text a resident wrote). */
    details: jsonb('details').$type<JsonObject>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
