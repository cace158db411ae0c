/**
 * The city's names of the referral targets of the advisors' contact log
 * (the city profile's `files.referralTargets`): for each code of `REFERRAL_TARGETS` (kela,
 * city-service, city-eservice, other) a name in fi, sv and en, e.g. the name of the city's own
 * e-service. A code without a name is shown with the app's generic words. Validated
 * with zod; stored as the setting `contacts.referral-targets` (REFERRAL_TARGETS_SETTING).
 */
import { z } from 'zod';
import { REFERRAL_TARGETS } from '../../core/model/contact.ts';
import type { IssueList } from './issues.ts';
import { parseWith } from './json-formats.ts';

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({ fi: text, sv: text, en: text }).strict();

/** The setting `contacts.referral-targets`: a display name per referral code, in fi, sv and en. */
export const referralTargetNamesSchema = z.partialRecord(z.enum(REFERRAL_TARGETS), localized, {
  // A partial record with enum keys refuses other keys as unrecognised (its typings do not say so).
  error: (issue) => {
    const { code, keys } = issue as { code: string; keys?: readonly string[] };
    return code === 'unrecognized_keys' && keys
      ? `unknown referral code ${keys.map((k) => `"${k}"`).join(', ')}; expected ${REFERRAL_TARGETS.join(', ')}`
      : undefined;
  },
});
export type ReferralTargetNames = z.output<typeof referralTargetNamesSchema>;

const referralTargetsFileSchema = z
  .object({
    note: z.string().optional(),
    source: z.string().optional(),
    illustrative: z.boolean(),
    targets: referralTargetNamesSchema,
  })
  .strict();

/** The names of a referral-targets file (undefined when invalid). */
export function readReferralTargets(value: unknown, issues: IssueList): ReferralTargetNames | undefined {
  return parseWith(referralTargetsFileSchema, value, issues)?.targets;
}
