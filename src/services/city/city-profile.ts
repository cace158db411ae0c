/**
 * A city profile (`data/<city>/city.json`): everything that makes neuvo one city's system rather
 * than another's — the city's names and the words its residents' pages use for it, the journey
 * planner residents are sent to, map tiles, the advisor skills and the dataset's files, time
 * blocks and target groups the planner starts from, retention periods. The code names no city;
 * a second city is a second folder. Checked with zod when a server starts and when a city is
 * imported: a missing or malformed field is named by its JSON path.
 */
import { z } from 'zod';
import { TRAVEL_MODES } from '../../core/access/modes.ts';
import { formatIssue, type ImportIssue, IssueList } from '../import/issues.ts';
import { parseWith } from '../import/json-formats.ts';
import { parseJson } from '../import/text.ts';

/** The name of the profile file in a city's folder. */
export const CITY_PROFILE_FILE = 'city.json';

/**
 * Where a database keeps the profile of the city it holds: its id (a database holds one city),
 * the names and words its pages use, its advisor skills (an advisors file is checked against
 * them) and the planner's time blocks and target groups. Written by the city's import.
 */
export const CITY_SETTING = 'city.profile';

/** The stored profile, or null when the database holds none or the stored one does not parse. */
export function storedProfile(value: unknown): CityProfile | null {
  const parsed = cityProfileSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The stored city's id, or null when the database holds none (or a malformed setting). */
export function storedCityId(value: unknown): string | null {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/** The stored city's skills, or undefined when the database holds none. */
export function storedCitySkills(value: unknown): string[] | undefined {
  const skills = (value as { skills?: unknown } | null | undefined)?.skills;
  return Array.isArray(skills) && skills.every((x) => typeof x === 'string') ? skills : undefined;
}

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({ fi: text, sv: text, en: text }).strict();
const code = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case code like "digital-support"');
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "09:30"');
const relativePath = z
  .string()
  .regex(/^(?!\/)(?!.*\.\.)[\w./-]+$/, 'expected a path inside the city folder, like "demo/topics.json"');
const days = (min: number, max: number) =>
  z
    .number()
    .int('expected whole days')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`);

const timeBlockSchema = z
  .object({ id: code, start: wallTime, end: wallTime })
  .strict()
  .refine((b) => b.start < b.end, { message: 'expected start before end', path: ['end'] });

const targetGroupSchema = z
  .object({
    /** A built-in group (`BUILTIN_GROUPS`) or one the areas carry as an extra group (`unemployed`). */
    id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'expected a group id like "age75plus"'),
    weight: z.number().min(0, 'expected a weight of 0 or more').max(100, 'expected a weight up to 100'),
    mode: z.enum(TRAVEL_MODES),
    thresholdMinutes: z.number().int().min(5).max(120),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'expected a language code like "sv"')
      .nullable(),
    /** Where the group's counts come from, in words (shown to planners). */
    source: text,
  })
  .strict();

/** The dataset's files, relative to the city folder (formats: docs/city-profile.md). */
const filesSchema = z
  .object({
    districts: relativePath,
    districtShapes: relativePath,
    postalAreas: relativePath,
    servicePoints: relativePath,
    venues: relativePath,
    siteDetails: relativePath,
    /** Sites in the `neuvo import sites` CSV format, or null when there are none. */
    extraSites: relativePath.nullable(),
    advisors: relativePath,
    topics: relativePath,
    scenarios: relativePath,
    closureRules: relativePath,
    stations: relativePath,
    transitModel: relativePath,
    demandModel: relativePath,
    contact: relativePath,
    planningRules: relativePath,
    referralTargets: relativePath,
  })
  .strict();

export const cityProfileSchema = z
  .object({
    note: z.string().optional(),
    id: code,
    /** True for a made-up city (test and demonstration data); its pages say so. */
    synthetic: z.boolean(),
    /** The municipality's name in each language ("Raasepori", "Raseborg"). */
    name: localized,
    /** The service's name in page titles and the header. */
    serviceName: localized,
    /** The calendar feeds' name for the mobile service. */
    mobileServiceName: localized,
    /** One sentence for residents whose search found nothing: the area the service covers. */
    servedArea: localized,
    /** Search examples after "For example": a postal code, a district, a place, a street address. */
    searchExamples: localized,
    /** The domain of the staff's e-mail addresses, for an example of one ("kaupunki.fi"). */
    staffEmailDomain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a domain like "kaupunki.fi"'),
    /** Swedish names of bilingual municipalities, by their Finnish name (addresses on sv pages). */
    swedishPlaceNames: z.record(text, text),
    journeyPlanner: z
      .object({
        /** A link with `{name}`, `{lat}` and `{lon}` (encoded), opened from a place's page. */
        url: z
          .url({ error: 'expected an https:// address' })
          .refine((u) => u.startsWith('https://'), 'expected an https:// address')
          .refine((u) => u.includes('{lat}') && u.includes('{lon}'), 'expected {lat} and {lon} in the link'),
        /** The link's text. */
        link: localized,
        /** The sentence under estimated travel times that points to the planner. */
        check: localized,
      })
      .strict()
      .nullable(),
    map: z
      .object({
        /** A raster tile URL template (`https://…/{z}/{x}/{y}.png`), or null: maps without tiles. */
        tiles: z
          .url({ error: 'expected an https:// tile address' })
          .refine((u) => u.startsWith('https://'), 'expected an https:// tile address')
          .nullable(),
        attribution: z.string(),
        /** Further origins the Content-Security-Policy allows for map images (`https://a.tiles.example`). */
        hosts: z.array(
          z
            .url()
            .refine((u) => new URL(u).origin === u, 'expected an origin only, like https://tiles.example'),
        ),
      })
      .strict(),
    /** Advisor skills; topics name the skill they need. */
    skills: z.array(code).min(1, 'expected at least one skill'),
    /** The planner's time blocks for mobile visits. */
    timeBlocks: z.array(timeBlockSchema).min(1, 'expected at least one time block'),
    /** Whom the mobile service is for and how much each counts (the planner starts from these). */
    targetGroups: z.array(targetGroupSchema).min(1, 'expected at least one target group'),
    retentionDays: z
      .object({ bookings: days(1, 365), feedback: days(30, 3650), partnerRequests: days(30, 3650) })
      .strict(),
    /** What the dataset's areas rest on, in words, and the year of their figures. */
    sources: z
      .object({
        districts: text,
        postalAreas: text,
        dataYear: z.number().int().min(1990).max(2100),
        /** The property of a district shape that holds the district's code in `districts`. */
        districtShapeCode: text,
      })
      .strict(),
    /** The advisor the demo's advisor account works as (null: the first active one). */
    demoAdvisorId: text.nullable(),
    files: filesSchema,
  })
  .strict();

export type CityProfile = z.infer<typeof cityProfileSchema>;
export type CityFiles = CityProfile['files'];

/** Reads a file of the city's folder by its path relative to the folder. */
export type ReadCityFile = (relativePath: string) => Promise<Uint8Array>;

/** The profile of a city folder, or every problem with it (file and JSON path). */
export async function readCityProfile(
  read: ReadCityFile,
  folderName: string,
): Promise<{ ok: true; profile: CityProfile } | { ok: false; issues: ImportIssue[] }> {
  const name = `${folderName}/${CITY_PROFILE_FILE}`;
  const issues = new IssueList(name);
  let bytes: Uint8Array;
  try {
    bytes = await read(CITY_PROFILE_FILE);
  } catch {
    return { ok: false, issues: [{ file: name, message: 'no city profile here (expected a city.json)' }] };
  }
  const profile = parseWith(cityProfileSchema, parseJson({ name, bytes }, issues), issues);
  if (profile && !profile.skills.every((s, i) => profile.skills.indexOf(s) === i))
    issues.add({ path: 'skills', message: 'a skill is listed twice' });
  return profile && issues.ok ? { ok: true, profile } : { ok: false, issues: issues.issues };
}

/** The problems of a failed `readCityProfile` on lines, for an error message. */
export const describeProfileIssues = (issues: readonly ImportIssue[]): string =>
  issues.map((i) => `  ${formatIssue(i)}`).join('\n');
