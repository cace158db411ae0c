import type { LocalizedText } from '../i18n.ts';
import type { TopicId } from '../ids.ts';
import type { Skill } from './advisor.ts';

/** Something residents need help with, and where they can get it. */
export interface Topic {
  readonly id: TopicId;
  readonly name: LocalizedText;
  /** Plain-language description for residents. */
  readonly description: LocalizedText;
  readonly atFixedPoint: boolean;
  readonly atMobileVisit: boolean;
  readonly online: boolean;
  /** Self-service link per language (null where there is none). */
  readonly selfServiceUrl: Readonly<Record<'fi' | 'sv' | 'en', string | null>>;
  readonly requiredSkill: Skill | null;
  readonly sortOrder: number;
  readonly illustrative: boolean;
}
