import type { LocalizedText } from '../i18n.ts';
import type { ScenarioId, SiteId } from '../ids.ts';
import type { IsoDate } from '../time/civil-time.ts';
import { isWithinPeriod, type ValidityPeriod } from '../time/opening-hours.ts';

/** Which fixed points are open on which dates: one network option to compare with others. */
export interface Scenario {
  readonly id: ScenarioId;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly sites: readonly ScenarioSite[];
  readonly builtin: boolean;
  /** The date the scenario is evaluated on unless another is asked for (null: today). */
  readonly referenceDate: IsoDate | null;
}

export interface ScenarioSite {
  readonly siteId: SiteId;
  /** Both ends inclusive; null is open-ended. */
  readonly period: ValidityPeriod;
}

/** The fixed points a scenario has open on a date, in the scenario's order. */
export function openSitesOn(scenario: Scenario, date: IsoDate): SiteId[] {
  const out: SiteId[] = [];
  for (const s of scenario.sites) {
    if (isWithinPeriod(date, s.period) && !out.includes(s.siteId)) out.push(s.siteId);
  }
  return out;
}
