import type { LocalizedText } from '../i18n.ts';

/**
 * How residents reach the city's customer service: shown at the foot of every public page
 * and on printed timetables. Any part may be missing; with none, nothing is shown.
 */
export interface CityContact {
  /** Who answers, e.g. the city's customer service. */
  readonly name: LocalizedText;
  /** The number as residents dial it, and in international form for a `tel:` link. */
  readonly phone: { readonly display: string; readonly international: string } | null;
  readonly email: string | null;
  /** The main service point's visiting address. */
  readonly visitingAddress: {
    readonly place: LocalizedText;
    readonly street: string;
    readonly postalCode: string;
    /** The town in each language ("Raasepori", "Raseborg"). */
    readonly city: LocalizedText;
  } | null;
  /** True when the values are examples rather than the city's confirmed contact. */
  readonly illustrative: boolean;
}

/** The settings key the contact is stored under. */
export const CITY_CONTACT_SETTING = 'city.contact';
