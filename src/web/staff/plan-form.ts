/**
 * The "new plan" form of /planner/plans: its values as typed (kept when the form comes back
 * with errors), prefilled with the city's default rhythm rules, and read into a plan request's
 * `rules` with an error per field in the reader's language.
 */
import {
  type EffectiveRules,
  NUMERIC_RULES,
  type NumericRule,
  type PlanningRules,
  RULE_LIMITS,
  ruleValueAllowed,
} from '../../services/planning/planning-rules.ts';
import type { MessageKey } from '../messages.ts';

export type RuleField = NumericRule | 'allowNearFixedPoint';

/** What the form holds, as typed. */
export interface NewPlanValues {
  readonly from: string;
  readonly weeks: string;
  readonly solver: string;
  readonly timeLimit: string;
  readonly keepPublished: boolean;
  readonly numbers: Readonly<Record<NumericRule, string>>;
  readonly allowOneOffs: boolean;
  readonly allowNearFixedPoint: readonly string[];
}

export interface FieldError {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string>>;
}

export type FieldErrors = Partial<Record<RuleField, FieldError>>;

/** The form before anything is typed: the horizon's defaults and the city's rules. */
export function newPlanDefaults(from: string, rules: EffectiveRules): NewPlanValues {
  return {
    from,
    weeks: '4',
    solver: 'auto',
    timeLimit: '60',
    keepPublished: true,
    numbers: Object.fromEntries(NUMERIC_RULES.map((r) => [r, String(rules[r])])) as Record<
      NumericRule,
      string
    >,
    allowOneOffs: rules.allowOneOffs,
    allowNearFixedPoint: [...rules.allowNearFixedPoint],
  };
}

type FormBody = Record<string, string | File | (string | File)[]>;

const text = (form: FormBody, name: string): string => {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};
const texts = (form: FormBody, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};

/** A number as planners type it: `1,5` or `1.5`; null when it is not one. */
function parseNumber(typed: string): number | null {
  const s = typed.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function errorOf(rule: NumericRule): FieldError {
  const l = RULE_LIMITS[rule];
  if (rule === 'maxDistrictShareFactor') return { key: 'ruleErrShare', params: {} };
  return {
    key: l.integer ? 'ruleErrWhole' : 'ruleErrNumber',
    params: { min: String(l.min), max: String(l.max) },
  };
}

/**
 * The form as typed, the rules it sets (undefined when it carries no rules fieldset), and an
 * error per rule that is out of its range or names an unknown venue.
 */
export function readNewPlanForm(
  form: FormBody,
  venueIds: ReadonlySet<string>,
): { values: NewPlanValues; rules: PlanningRules | undefined; errors: FieldErrors } {
  const hasRules = text(form, 'rules') === '1';
  const numbers = Object.fromEntries(NUMERIC_RULES.map((r) => [r, text(form, r)])) as Record<
    NumericRule,
    string
  >;
  const values: NewPlanValues = {
    from: text(form, 'from'),
    weeks: text(form, 'weeks'),
    solver: text(form, 'solver'),
    timeLimit: text(form, 'timeLimit'),
    keepPublished: text(form, 'keepPublished') === '1',
    numbers,
    allowOneOffs: text(form, 'allowOneOffs') === '1',
    allowNearFixedPoint: texts(form, 'allowNearFixedPoint'),
  };
  if (!hasRules) return { values, rules: undefined, errors: {} };
  const errors: FieldErrors = {};
  const parsed: Partial<Record<NumericRule, number>> = {};
  for (const rule of NUMERIC_RULES) {
    const n = parseNumber(numbers[rule]);
    if (n === null || !ruleValueAllowed(rule, n)) errors[rule] = errorOf(rule);
    else parsed[rule] = n;
  }
  const unknown = values.allowNearFixedPoint.find((id) => !venueIds.has(id));
  if (unknown !== undefined) errors.allowNearFixedPoint = { key: 'ruleErrVenue', params: { id: unknown } };
  const rules: PlanningRules = {
    ...parsed,
    allowOneOffs: values.allowOneOffs,
    allowNearFixedPoint: [...new Set(values.allowNearFixedPoint)],
  };
  return { values, rules, errors };
}
