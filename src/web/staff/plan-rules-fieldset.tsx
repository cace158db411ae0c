/**
 * The rhythm rules of the new-plan form: each rule prefilled with the city's default (or the
 * product's), a hint saying which, and an error next to the field that has one.
 */
import type { Lang, LocalizedText } from '../../core/i18n.ts';
import {
  type CityRules,
  type EffectiveRules,
  NUMERIC_RULES,
  type NumericRule,
  RULE_LIMITS,
} from '../../services/planning/planning-rules.ts';
import { t } from '../messages.ts';
import type { FieldErrors, NewPlanValues } from './plan-form.ts';
import { ruleValueText } from './plan-format.ts';

export interface RulesFieldsetProps {
  readonly lang: Lang;
  readonly venues: readonly { readonly id: string; readonly name: LocalizedText }[];
  /** The new-plan form as typed (or its defaults) and its errors by field. */
  readonly form: NewPlanValues;
  readonly formErrors: FieldErrors;
  /** The city's default rules (filled in with the product's) and where they come from. */
  readonly cityRules: { readonly rules: EffectiveRules; readonly source: CityRules['source'] };
}

/** The rhythm rules of the new-plan form, prefilled with the city's defaults, an error next to each field. */
export function RulesFieldset(props: RulesFieldsetProps) {
  const { lang, form, formErrors } = props;
  const city = props.cityRules;
  const venueName = (id: string) => props.venues.find((v) => v.id === id)?.name[lang] ?? id;
  const defaultText = (rule: keyof EffectiveRules) =>
    t(lang, city.source === 'city' ? 'ruleCityDefault' : 'ruleProductDefault', {
      value: ruleValueText(lang, rule, city.rules, venueName),
    });
  const errorText = (rule: keyof EffectiveRules) => {
    const e = formErrors[rule as keyof FieldErrors];
    return e ? t(lang, e.key, e.params) : null;
  };
  const numberField = (rule: NumericRule) => {
    const id = `rule-${rule}`;
    const error = errorText(rule);
    const l = RULE_LIMITS[rule];
    return (
      <div class="rule-field">
        <label for={id}>{t(lang, `rule_${rule}`)}</label>
        <p class="hint" id={`${id}-hint`}>
          {defaultText(rule)}
        </p>
        {error ? (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input
          id={id}
          name={rule}
          type="number"
          min={String(l.min)}
          max={String(l.max)}
          step={l.integer ? '1' : 'any'}
          inputmode={l.integer ? 'numeric' : 'decimal'}
          value={form.numbers[rule]}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          {...(error ? { 'aria-invalid': 'true' } : {})}
        />
      </div>
    );
  };
  const nearError = errorText('allowNearFixedPoint');
  const chosen = new Set(form.allowNearFixedPoint);
  return (
    <fieldset class="rules-fieldset" aria-describedby="rules-source">
      <legend>{t(lang, 'rulesLegend')}</legend>
      <p class="hint" id="rules-source">
        {t(
          lang,
          city.source === 'city'
            ? 'rulesFromCity'
            : city.source === 'invalid'
              ? 'rulesInvalid'
              : 'rulesFromProduct',
        )}
      </p>
      <input type="hidden" name="rules" value="1" />
      <div class="inline-form">
        {numberField('maxSeriesPerVenue')}
        <div class="rule-field">
          <label class="radio">
            <input
              name="allowOneOffs"
              type="checkbox"
              value="1"
              checked={form.allowOneOffs}
              aria-describedby="rule-allowOneOffs-hint"
            />
            {t(lang, 'rule_allowOneOffs')}
          </label>
          <p class="hint" id="rule-allowOneOffs-hint">
            {defaultText('allowOneOffs')}
          </p>
        </div>
        {NUMERIC_RULES.filter((r) => r !== 'maxSeriesPerVenue').map(numberField)}
      </div>
      <fieldset
        id="rule-allowNearFixedPoint"
        aria-describedby={
          nearError
            ? 'rule-allowNearFixedPoint-error rule-allowNearFixedPoint-hint'
            : 'rule-allowNearFixedPoint-hint'
        }
      >
        <legend>{t(lang, 'rule_allowNearFixedPoint')}</legend>
        <p class="hint" id="rule-allowNearFixedPoint-hint">
          {defaultText('allowNearFixedPoint')}
        </p>
        {nearError ? (
          <p class="field-error" id="rule-allowNearFixedPoint-error">
            {nearError}
          </p>
        ) : null}
        <details open={chosen.size > 0 || nearError !== null}>
          <summary>{t(lang, 'allowNearSummary', { count: String(chosen.size) })}</summary>
          <ul class="plain venue-choices">
            {props.venues.map((v) => (
              <li>
                <label class="radio">
                  <input name="allowNearFixedPoint" type="checkbox" value={v.id} checked={chosen.has(v.id)} />
                  {v.name[lang]}
                </label>
              </li>
            ))}
            {/* An id that names no venue stays in the form, marked, so it can be removed. */}
            {[...chosen]
              .filter((id) => !props.venues.some((v) => v.id === id))
              .map((id) => (
                <li>
                  <label class="radio">
                    <input
                      name="allowNearFixedPoint"
                      type="checkbox"
                      value={id}
                      checked
                      aria-invalid="true"
                    />
                    {id}
                  </label>
                </li>
              ))}
          </ul>
        </details>
      </fieldset>
    </fieldset>
  );
}
