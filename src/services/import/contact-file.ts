/**
 * The city's customer-service contact (the city profile's `files.contact`): who answers, a phone
 * number, an e-mail address and the main point's visiting address, shown at the foot of the
 * public pages. Validated with zod; stored as the setting `CITY_CONTACT_SETTING`.
 */
import { z } from 'zod';
import type { CityContact } from '../../core/model/city-contact.ts';
import type { IssueList } from './issues.ts';
import { parseWith } from './json-formats.ts';

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({ fi: text, sv: text, en: text }).strict();

export const cityContactSchema = z
  .object({
    name: localized,
    phone: z
      .object({
        display: text.regex(/^[0-9 ()+-]+$/, 'expected digits, spaces, "+", "-" or brackets'),
        international: text.regex(/^\+[0-9 ]+$/, 'expected "+" and digits, e.g. "+358 9 123 456"'),
      })
      .strict()
      .nullable(),
    email: z.email({ error: 'expected an e-mail address' }).nullable(),
    visitingAddress: z
      .object({
        place: localized,
        street: text,
        postalCode: z.string().regex(/^\d{5}$/, 'expected a five-digit postal code'),
        city: localized,
      })
      .strict()
      .nullable(),
    illustrative: z.boolean(),
  })
  .strict();

const contactFileSchema = cityContactSchema
  .extend({ note: z.string().optional(), source: z.string().optional() })
  .strict();

/** The contact of a contact file, without its note and source (undefined when invalid). */
export function readCityContact(value: unknown, issues: IssueList): CityContact | undefined {
  const parsed = parseWith(contactFileSchema, value, issues);
  if (!parsed) return undefined;
  const { note: _note, source: _source, ...contact } = parsed;
  return contact;
}
