/**
 * Branded ids: a string at runtime, a distinct type at compile time, so an AreaId
 * cannot be passed where a SiteId is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AreaId = Brand<string, 'AreaId'>;
export type SiteId = Brand<string, 'SiteId'>;
export type AdvisorId = Brand<string, 'AdvisorId'>;
export type TopicId = Brand<string, 'TopicId'>;
export type ScenarioId = Brand<string, 'ScenarioId'>;
export type PlanId = Brand<string, 'PlanId'>;
export type VisitId = Brand<string, 'VisitId'>;
export type ContactId = Brand<string, 'ContactId'>;
export type BookingId = Brand<string, 'BookingId'>;

/** Ids that travel through files and URLs: letters, digits, `_`, `-`, `.`; 1–64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Ids made by the database (plans, visits, jobs) are UUIDs. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export const asAreaId = (s: string) => s as AreaId;
export const asSiteId = (s: string) => s as SiteId;
export const asAdvisorId = (s: string) => s as AdvisorId;
export const asTopicId = (s: string) => s as TopicId;
export const asScenarioId = (s: string) => s as ScenarioId;
export const asPlanId = (s: string) => s as PlanId;
export const asVisitId = (s: string) => s as VisitId;
