/** Small hand-made domain objects for repository and service tests. */
import { asAdvisorId, asAreaId, asScenarioId, asSiteId, asTopicId } from '../src/core/ids.ts';
import type { Advisor } from '../src/core/model/advisor.ts';
import type { Area } from '../src/core/model/area.ts';
import type { Scenario } from '../src/core/model/scenario.ts';
import type { Site } from '../src/core/model/site.ts';
import type { Topic } from '../src/core/model/topic.ts';

export const district: Area = {
  id: asAreaId('north'),
  kind: 'district',
  name: { fi: 'Pohjoinen', sv: 'Norra', en: 'North' },
  parentId: null,
  centroid: { lat: 60.3, lon: 24.7 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [24.6, 60.25],
        [24.8, 60.25],
        [24.8, 60.35],
        [24.6, 60.35],
        [24.6, 60.25],
      ],
    ],
  },
  population: {
    total: 1000,
    age65to74: 100,
    age75plus: 50,
    foreignLanguage: 120,
    swedishSpeaking: 60,
    extraGroups: { unemployed: 40 },
  },
  dataYear: 2024,
  source: 'test',
  estimatedFields: [],
  notes: '',
};

export const postalArea: Area = {
  ...district,
  id: asAreaId('02970'),
  kind: 'postal-code',
  name: { fi: 'Kalajärvi', sv: 'Kalajärvi', en: 'Kalajärvi' },
  parentId: asAreaId('north'),
  estimatedFields: ['population_swedish_speaking'],
};

export const site: Site = {
  id: asSiteId('P1'),
  role: 'fixed-point',
  kind: 'service-point',
  name: { fi: 'Piste', sv: 'Punkt', en: 'Point' },
  address: { street: 'Katu 1', postalCode: '02970', city: 'Espoo' },
  location: { lat: 60.3, lon: 24.7 },
  locationAccuracyMeters: 50,
  areaId: asAreaId('02970'),
  districtId: asAreaId('north'),
  partnerOrganisation: null,
  accessibility: { fi: 'Esteetön', sv: 'Tillgänglig', en: 'Step-free' },
  capacityDesks: 2,
  validity: [{ from: '2022-01-01', to: null }],
  weeklyHours: [
    { weekday: 1, opens: '09:00', closes: '12:00', validFrom: null, validTo: null },
    { weekday: 1, opens: '13:00', closes: '16:00', validFrom: null, validTo: null },
    { weekday: 6, opens: '10:00', closes: '24:00', validFrom: '2026-06-01', validTo: '2026-08-31' },
  ],
  exceptions: [
    { date: '2026-12-23', intervals: [{ start: '10:00', end: '14:00' }], note: null },
    { date: '2026-12-30', intervals: [], note: { fi: 'Suljettu', sv: 'Stängt', en: 'Closed' } },
  ],
  openOnPublicHolidays: false,
  source: 'test',
  illustrative: false,
};

export const advisor: Advisor = {
  id: asAdvisorId('A1'),
  displayName: 'Aino',
  languages: ['fi', 'sv'],
  skills: ['digital-support', 'kela'],
  contractedMinutesPerWeek: 2250,
  maxVisitsPerDay: 2,
  homeSiteId: asSiteId('P1'),
  availability: [{ weekday: 2, start: '08:00', end: '16:00' }],
  absences: [{ from: '2026-12-21', to: '2026-12-31', kind: 'leave' }],
  active: true,
  illustrative: true,
};

export const topic: Topic = {
  id: asTopicId('kela'),
  name: { fi: 'Kela', sv: 'FPA', en: 'Kela' },
  description: { fi: 'a', sv: 'b', en: 'c' },
  atFixedPoint: true,
  atMobileVisit: true,
  online: true,
  selfServiceUrl: { fi: 'https://www.kela.fi', sv: null, en: null },
  requiredSkill: 'kela',
  sortOrder: 0,
  illustrative: false,
};

export const scenario: Scenario = {
  id: asScenarioId('s1'),
  name: { fi: 'S', sv: 'S', en: 'S' },
  description: { fi: '', sv: '', en: '' },
  builtin: false,
  referenceDate: '2026-01-15',
  sites: [{ siteId: asSiteId('P1'), period: { from: null, to: '2026-06-30' } }],
};
