/**
 * The target groups a contact may carry: the planner's groups. Apart from the contact service
 * (whose input schema is zod with the API's OpenAPI metadata) so that code drawing or checking
 * groups does not load that schema.
 */
import { DEFAULT_GROUPS } from './planning/planning-defaults.ts';

/** Target groups an entry may carry: the planner's groups. */
export const CONTACT_GROUPS: readonly string[] = DEFAULT_GROUPS.map((g) => g.id);

/** Groups the age band already tells; the app's form does not ask for them again. */
export const AGE_GROUPS: readonly string[] = ['age75plus', 'age65to74', 'age65plus'];
