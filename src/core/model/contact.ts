import type { AdvisorId, ContactId, SiteId, TopicId, VisitId } from '../ids.ts';

/**
 * One resident helped, logged anonymously. There is deliberately no field for a name,
 * an identity number, contact details or free text: nothing here identifies a person.
 * `clientId` lets an advisor's offline device resend a log without duplicating it.
 */
export const CONTACT_OUTCOMES = ['resolved', 'taught-self-service', 'referred', 'unresolved'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const CONTACT_CHANNELS = ['fixed-point', 'mobile-visit', 'phone', 'online'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface Contact {
  readonly id: ContactId;
  readonly clientId: string;
  readonly loggedAtMs: number;
  readonly channel: ContactChannel;
  readonly visitId: VisitId | null;
  readonly siteId: SiteId | null;
  readonly advisorId: AdvisorId | null;
  readonly topicIds: readonly TopicId[];
  /** Language the help was given in (ISO 639-1). */
  readonly language: string | null;
  readonly durationMinutes: number | null;
  readonly outcome: ContactOutcome;
}
