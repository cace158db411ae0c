/**
 * The target groups a contact may carry: the planner's groups, the city's (its profile's
 * `targetGroups`) or, for a database without a city, the product's. Apart from the contact
 * service (whose input schema is zod with the API's OpenAPI metadata) so that code drawing or
 * checking groups does not load that schema.
 */
import type { ReadRepositories } from '../db/repositories.ts';
import { loadPlanningDefaults } from './planning/planning-defaults.ts';

/** Target groups an entry may carry: the planner's groups. */
export async function contactGroups(repos: ReadRepositories): Promise<string[]> {
  return (await loadPlanningDefaults(repos)).targetGroups.map((g) => g.id);
}

/** Groups the age band already tells; the app's form does not ask for them again. */
export const AGE_GROUPS: readonly string[] = ['age75plus', 'age65to74', 'age65plus'];
