/**
 * How the plan pages write figures: numbers and shares in the reader's language, instants in
 * Helsinki time, a job's progress, and a rhythm rule's value in words (the new-plan form shows
 * the city's defaults, a plan shows the rules it was made with, both the same way).
 */
import type { Lang } from '../../core/i18n.ts';
import { isoDateAt, wallTimeAt } from '../../core/time/civil-time.ts';
import type { EffectiveRules } from '../../services/planning/planning-rules.ts';
import { t } from '../messages.ts';

export const fmt = (lang: Lang, v: number | null, digits = 0) =>
  v === null
    ? '—'
    : v.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`, {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      });
export const pct = (lang: Lang, v: number | null) => (v === null ? '—' : `${fmt(lang, v * 100, 2)} %`);
/** An instant as date and time in Helsinki. */
export const stamp = (ms: number) => `${isoDateAt(ms)} ${wallTimeAt(ms)}`;

interface Progress {
  elapsedSeconds: number;
  incumbent: number | null;
  bound: number | null;
  gap: number | null;
}

/** A running job's progress as the solver last reported it. */
export const progressText = (lang: Lang, p: unknown) => {
  const q = p as Progress | null;
  if (!q) return '—';
  return t(lang, 'jobElapsed', {
    seconds: fmt(lang, q.elapsedSeconds),
    incumbent: fmt(lang, q.incumbent),
    bound: fmt(lang, q.bound),
    gap: pct(lang, q.gap),
  });
};

/** A rule's value in words: "no limit", "yes", venue names. */
export function ruleValueText(
  lang: Lang,
  rule: keyof EffectiveRules,
  rules: EffectiveRules,
  venueName: (id: string) => string,
): string {
  if (rule === 'allowOneOffs') return t(lang, rules.allowOneOffs ? 'ruleYes' : 'ruleNo');
  if (rule === 'allowNearFixedPoint')
    return rules.allowNearFixedPoint.length === 0
      ? t(lang, 'ruleNoVenues')
      : rules.allowNearFixedPoint.map(venueName).join(', ');
  const v = rules[rule];
  if (v === 0 && (rule === 'maxVenueMinutesPerWeek' || rule === 'maxDistrictShareFactor'))
    return t(lang, 'ruleNoLimit');
  if (v === 0 && (rule === 'minWalkFromFixedPoint' || rule === 'continuityCost')) return t(lang, 'ruleOff');
  return fmt(lang, v, Number.isInteger(v) ? 0 : 1);
}

/** The order rules are shown in. */
export const RULE_ORDER: readonly (keyof EffectiveRules)[] = [
  'maxSeriesPerVenue',
  'allowOneOffs',
  'maxVenueMinutesPerWeek',
  'maxDistrictShareFactor',
  'minVisitsPerDistrict',
  'minWalkFromFixedPoint',
  'allowNearFixedPoint',
  'continuityCost',
];
