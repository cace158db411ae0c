/**
 * Writes data/esimerkkila: a small made-up city (four districts, eight postal areas, two service
 * points, six venues, three advisors) in the same file formats as any city folder, to prove that
 * neuvo serves a second city from data alone. Every name, number and place in it is invented;
 * the folder's README and the profile's `synthetic` flag say so. Run `npx tsx
 * scripts/make-synthetic-city.ts` after changing it; the output is checked in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../data/esimerkkila/', import.meta.url));
const SYNTHETIC = 'SYNTHETIC: invented for neuvo, not a real place';

// The town lies around (62.000 N, 26.500 E): 12 km east-west by 8 km north-south, four
// districts of 6 km × 4 km, each of two postal areas of 3 km × 4 km.
const LAT0 = 61.964;
const LON0 = 26.385;
const DLAT = 4 / 111.2; // 4 km
const DLON = 3 / 52.3; // 3 km at 62° N

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const box = (col: number, row: number, cols = 1) => {
  const [w, s] = [LON0 + col * DLON, LAT0 + row * DLAT];
  const [e, n] = [w + cols * DLON, s + DLAT];
  return {
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ].map(([x, y]) => [round(x as number), round(y as number)]),
      ],
    },
    at: (fx: number, fy: number) => ({ lat: round(s + fy * DLAT), lon: round(w + fx * cols * DLON) }),
  };
};

interface District {
  code: string;
  fi: string;
  sv: string;
  col: number;
  row: number;
}
const DISTRICTS: District[] = [
  { code: 'D1', fi: 'Pohjoisranta', sv: 'Norrstrand', col: 0, row: 1 },
  { code: 'D2', fi: 'Keskusta', sv: 'Centrum', col: 2, row: 1 },
  { code: 'D3', fi: 'Mäkikylä', sv: 'Backby', col: 0, row: 0 },
  { code: 'D4', fi: 'Niittylä', sv: 'Ängsby', col: 2, row: 0 },
];

// Two postal areas per district (west, east): code, names, residents, 65+, 75+, unemployed.
const POSTAL: [string, string, string, number, number, number, number][] = [
  ['77710', 'Rantakylä', 'Strandby', 3120, 690, 310, 140],
  ['77720', 'Satama', 'Hamnen', 2480, 420, 170, 160],
  ['77730', 'Tori', 'Torget', 5210, 1180, 560, 330],
  ['77740', 'Asema', 'Stationen', 4380, 610, 240, 290],
  ['77750', 'Ylämäki', 'Övre backen', 2650, 820, 430, 120],
  ['77760', 'Alamäki', 'Nedre backen', 3340, 540, 200, 210],
  ['77770', 'Kukkaniitty', 'Blomsteräng', 1980, 710, 390, 80],
  ['77780', 'Peltola', 'Åkerby', 2760, 380, 130, 230],
];

const csv = (rows: readonly (readonly (string | number)[])[]) =>
  `${rows
    .map((r) =>
      r
        .map((v) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : String(v)))
        .join(','),
    )
    .join('\n')}\n`;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const write = (path: string, text: string) => {
  mkdirSync(join(DIR, path, '..'), { recursive: true });
  writeFileSync(join(DIR, path), text);
};

function areas() {
  const districtRows: (string | number)[][] = [
    ['level', 'code', 'name_fi', 'name_sv', 'lat', 'lon', 'pop_official', 'pop_official_date', 'source'],
  ];
  const shapes: unknown[] = [];
  const postal: unknown[] = [];
  for (const [i, d] of DISTRICTS.entries()) {
    const whole = box(d.col, d.row, 2);
    const [west, east] = [POSTAL[2 * i], POSTAL[2 * i + 1]];
    if (!west || !east) throw new Error('two postal areas per district');
    const centre = whole.at(0.5, 0.5);
    districtRows.push([
      'suuralue',
      d.code,
      d.fi,
      d.sv,
      centre.lat,
      centre.lon,
      west[3] + east[3],
      '2025-12-31',
      SYNTHETIC,
    ]);
    shapes.push({ type: 'Feature', properties: { code: d.code, name_fi: d.fi }, geometry: whole.polygon });
    for (const [j, [code, fi, sv, total, age65, age75, unemployed]] of [west, east].entries()) {
      const half = box(d.col + j, d.row);
      const rep = half.at(0.45 + 0.1 * j, 0.5);
      postal.push({
        type: 'Feature',
        properties: {
          postal_code: code,
          name_fi: fi,
          name_sv: sv,
          suuralue: d.fi,
          pop_2017: total,
          age65plus_2017: age65,
          age75plus_2017: age75,
          unemployed_2016: unemployed,
          rep_lat: rep.lat,
          rep_lon: rep.lon,
        },
        geometry: half.polygon,
      });
    }
  }
  write('districts.csv', csv(districtRows));
  write('districts.geojson', json({ type: 'FeatureCollection', features: shapes }));
  write('postal_areas.geojson', json({ type: 'FeatureCollection', features: postal }));
}

// A place in a district's postal area (0: west, 1: east) at a fraction of its box.
const placeIn = (district: number, half: 0 | 1, fx: number, fy: number) => {
  const d = DISTRICTS[district];
  if (!d) throw new Error(`no district ${district}`);
  return box(d.col + half, d.row).at(fx, fy);
};

function sites() {
  const points = [
    [
      'SP_KESKUSTA',
      'Keskustan asiointipiste',
      'Centrums servicepunkt',
      'City Centre Service Point',
      1,
      0,
      0.6,
      0.4,
      'Torikatu 1',
      '77730',
    ],
    [
      'SP_MAKIKYLA',
      'Mäkikylän asiointipiste',
      'Backby servicepunkt',
      'Mäkikylä Service Point',
      2,
      1,
      0.3,
      0.6,
      'Mäkitie 4',
      '77760',
    ],
  ] as const;
  const venues = [
    [
      'LIB_PAAKIRJASTO',
      'library',
      'Pääkirjasto',
      'Huvudbiblioteket',
      'Main Library',
      1,
      0,
      0.45,
      0.55,
      'Kirjastokatu 2',
      '77730',
    ],
    [
      'LIB_RANTA',
      'library',
      'Rannan kirjasto',
      'Strandbiblioteket',
      'Shore Library',
      0,
      0,
      0.5,
      0.5,
      'Rantatie 10',
      '77710',
    ],
    [
      'MALL_ASEMA',
      'shopping_centre',
      'Kauppakeskus Asema',
      'Köpcentret Stationen',
      'Asema Shopping Centre',
      1,
      1,
      0.3,
      0.35,
      'Asemakatu 5',
      '77740',
    ],
    [
      'SEN_NIITTY',
      'senior_centre',
      'Niittylän palvelutalo',
      'Ängsby servicehus',
      'Niittylä Service House',
      3,
      0,
      0.55,
      0.5,
      'Niittypolku 3',
      '77770',
    ],
    [
      'HS_MAKIKYLA',
      'health_station',
      'Mäkikylän terveysasema',
      'Backby hälsostation',
      'Mäkikylä Health Station',
      2,
      0,
      0.6,
      0.45,
      'Ylämäentie 8',
      '77750',
    ],
    [
      'LIB_PELTOLA',
      'library',
      'Peltolan kirjasto',
      'Åkerby bibliotek',
      'Peltola Library',
      3,
      1,
      0.4,
      0.6,
      'Peltokatu 12',
      '77780',
    ],
  ] as const;
  const coordinates = 'synthetic: placed inside its postal area';
  write(
    'service_points.csv',
    csv([
      [
        'point_id',
        'name_fi',
        'name_sv',
        'name_en',
        'suuralue',
        'address',
        'lat',
        'lon',
        'coord_method',
        'coord_accuracy',
        'source',
      ],
      ...points.map(([id, fi, sv, en, d, half, fx, fy, street, postalCode]) => {
        const at = placeIn(d, half, fx, fy);
        return [
          id,
          fi,
          sv,
          en,
          DISTRICTS[d]?.fi ?? '',
          `${street}, ${postalCode}`,
          at.lat,
          at.lon,
          coordinates,
          'exact building',
          SYNTHETIC,
        ];
      }),
    ]),
  );
  write(
    'venues.csv',
    csv([
      [
        'venue_id',
        'type',
        'name_fi',
        'name_sv',
        'name_en',
        'address',
        'postal_code',
        'lat',
        'lon',
        'coord_method',
        'coord_accuracy',
        'source',
      ],
      ...venues.map(([id, type, fi, sv, en, d, half, fx, fy, street, postalCode]) => {
        const at = placeIn(d, half, fx, fy);
        return [
          id,
          type,
          fi,
          sv,
          en,
          street,
          postalCode,
          at.lat,
          at.lon,
          coordinates,
          'exact building',
          SYNTHETIC,
        ];
      }),
    ]),
  );
  const detail = (id: string, street: string, postalCode: string, hours: string, desks: number) => [
    id,
    street,
    postalCode,
    hours,
    'false',
    desks,
    'true',
    'SYNTHETIC: hours and desks are invented',
  ];
  write(
    'demo/site_details.csv',
    csv([
      [
        'id',
        'street_address',
        'postal_code',
        'hours',
        'open_on_public_holidays',
        'capacity_desks',
        'illustrative',
        'note',
      ],
      ...points.map(([id, , , , , , , , street, postalCode]) =>
        detail(id, street, postalCode, 'Mo-Fr 09:00-16:00', 3),
      ),
      ...venues.map(([id, , , , , , , , , street, postalCode]) =>
        detail(id, street, postalCode, 'Mo-Fr 09:00-19:00; Sa 10:00-15:00', 1),
      ),
    ]),
  );
}

function transport() {
  const stations = [
    ['R_RANTAKYLA', 'Rantakylä', 'Strandby', 0, 0, 0.7, 0.2],
    ['R_ESIMERKKILA', 'Esimerkkilä', 'Exempelby', 1, 1, 0.25, 0.4],
    ['R_PELTOLA', 'Peltola', 'Åkerby', 3, 1, 0.5, 0.8],
  ] as const;
  write(
    'stations.csv',
    csv([
      ['station_id', 'name_fi', 'name_sv', 'mode', 'opened', 'lat', 'lon', 'coord_method', 'source'],
      ...stations.map(([id, fi, sv, d, half, fx, fy]) => {
        const at = placeIn(d, half, fx, fy);
        return [id, fi, sv, 'rail', '1995-06-01', at.lat, at.lon, 'synthetic', SYNTHETIC];
      }),
    ]),
  );
  write(
    'demo/transit_model.json',
    json({
      note: `${SYNTHETIC}. One local train line and buses at small-town speeds and headways.`,
      lines: [{ id: 'local-rail', stations: stations.map((s) => s[0]), speedKmh: 45, headwayMinutes: 30 }],
      bus: {
        default: { speedKmh: 22, headwayMinutes: 20, stopSpacingMeters: 500, detourFactor: 1.3 },
        byDistrict: {
          niittyla: { speedKmh: 25, headwayMinutes: 30, stopSpacingMeters: 700, detourFactor: 1.4 },
        },
      },
    }),
  );
  write(
    'demo/demand_model.json',
    json({
      note: `${SYNTHETIC}. How each postal area's residents are spread over demand points.`,
      cellMeters: 1000,
      placeShare: 0.5,
      mergeMeters: 150,
      placeKinds: ['station', 'library', 'health-station', 'senior-centre', 'mall', 'service-point'],
    }),
  );
}

const L = (fi: string, sv: string, en: string) => ({ fi, sv, en });

function service() {
  write(
    'demo/advisors.csv',
    csv([
      [
        'id',
        'display_name',
        'languages',
        'skills',
        'contracted_hours_per_week',
        'max_visits_per_day',
        'home_site_id',
        'availability',
        'active',
        'illustrative',
      ],
      [
        'ADV_SAARA',
        'Saara',
        'fi;sv;en',
        'digital-support;city-services;kela;general',
        37.5,
        2,
        'SP_KESKUSTA',
        'Mo-Fr 08:00-16:00',
        'true',
        'true',
      ],
      [
        'ADV_OLLI',
        'Olli',
        'fi;en',
        'digital-support;transport;general',
        37.5,
        2,
        'SP_MAKIKYLA',
        'Mo-Fr 08:00-16:00',
        'true',
        'true',
      ],
      [
        'ADV_NOOR',
        'Noor',
        'ar;fi;en',
        'digital-support;kela;city-services',
        30,
        2,
        'SP_KESKUSTA',
        'Mo-Th 09:00-16:00',
        'true',
        'true',
      ],
    ]),
  );
  const topic = (
    id: string,
    name: ReturnType<typeof L>,
    description: ReturnType<typeof L>,
    skill: string,
  ) => ({
    id,
    name,
    description,
    atFixedPoint: true,
    atMobileVisit: true,
    online: false,
    selfServiceUrl: { fi: null, sv: null, en: null },
    requiredSkill: skill,
  });
  write(
    'demo/topics.json',
    json({
      note: `${SYNTHETIC}. A short topic catalogue for the made-up town.`,
      topics: [
        topic(
          'device-help',
          L('Apua laitteen kanssa', 'Hjälp med enheten', 'Help with your device'),
          L(
            'Neuvomme puhelimen ja tietokoneen käytössä.',
            'Vi hjälper dig med telefon och dator.',
            'We help you use your phone and computer.',
          ),
          'digital-support',
        ),
        topic(
          'town-eservices',
          L('Kunnan sähköiset palvelut', 'Kommunens e-tjänster', "The town's e-services"),
          L(
            'Autamme hakemusten täyttämisessä verkossa.',
            'Vi hjälper dig att fylla i ansökningar på nätet.',
            'We help you fill in applications online.',
          ),
          'city-services',
        ),
        topic(
          'kela',
          L('Kelan asiat', 'FPA-ärenden', 'Kela matters'),
          L(
            'Neuvomme Kelan verkkopalvelun käytössä.',
            'Vi hjälper dig med FPA:s e-tjänst.',
            "We help you with Kela's online service.",
          ),
          'kela',
        ),
        topic(
          'travel-card',
          L('Matkakortti', 'Resekort', 'Travel card'),
          L(
            'Neuvomme paikallisliikenteen matkakortin kanssa.',
            'Vi hjälper dig med kollektivtrafikens resekort.',
            'We help you with the local travel card.',
          ),
          'transport',
        ),
        topic(
          'general-advice',
          L('Yleinen neuvonta', 'Allmän rådgivning', 'General advice'),
          L(
            'Kysy mitä tahansa kunnan palveluista.',
            'Fråga om kommunens tjänster.',
            "Ask anything about the town's services.",
          ),
          'general',
        ),
      ],
    }),
  );
  write(
    'demo/scenarios.json',
    json({
      note: SYNTHETIC,
      scenarios: [
        {
          id: 'current',
          referenceDate: '2026-01-05',
          name: L('Nykyinen verkko', 'Nuvarande nät', 'Current network'),
          description: L(
            'Kaksi asiointipistettä: Keskusta ja Mäkikylä.',
            'Två servicepunkter: Centrum och Backby.',
            'Two service points: Keskusta and Mäkikylä.',
          ),
          sites: [{ siteId: 'SP_KESKUSTA' }, { siteId: 'SP_MAKIKYLA' }],
        },
        {
          id: 'one-point',
          referenceDate: '2027-02-01',
          name: L('Vain Keskustan piste', 'Bara Centrums servicepunkt', 'The Keskusta point only'),
          description: L(
            'Mäkikylän asiointipiste suljettaisiin; Keskustan piste jää.',
            'Backby servicepunkt skulle stängas; Centrums servicepunkt blir kvar.',
            'The Mäkikylä point would close; the Keskusta point stays.',
          ),
          sites: [{ siteId: 'SP_KESKUSTA' }],
        },
      ],
    }),
  );
  write(
    'demo/closure_rules.json',
    json({ note: SYNTHETIC, rules: [{ rule: '12-24', name: L('Jouluaatto', 'Julafton', 'Christmas Eve') }] }),
  );
}

function cityFiles() {
  write(
    'demo/contact.json',
    json({
      note: `${SYNTHETIC}: the phone number and address are invented; the e-mail domain is reserved for examples.`,
      illustrative: true,
      name: L('Esimerkkilän asiakaspalvelu', 'Exempelby kundtjänst', 'Esimerkkilä Customer Service'),
      phone: { display: '012 345 6789', international: '+358 12 345 6789' },
      email: 'asiakaspalvelu@esimerkkila.example',
      visitingAddress: {
        place: L('Keskustan asiointipiste', 'Centrums servicepunkt', 'City Centre Service Point'),
        street: 'Torikatu 1',
        postalCode: '77730',
        city: L('Esimerkkilä', 'Exempelby', 'Esimerkkilä'),
      },
    }),
  );
  write(
    'demo/planning_rules.json',
    json({
      note: `${SYNTHETIC}: the product defaults of the rhythm rules.`,
      maxSeriesPerVenue: 1,
      allowOneOffs: false,
      maxVenueMinutesPerWeek: 300,
      maxDistrictShareFactor: 2,
      minVisitsPerDistrict: 1,
      minWalkFromFixedPoint: 10,
      allowNearFixedPoint: [],
      continuityCost: 50,
    }),
  );
  write(
    'demo/referral_targets.json',
    json({
      note: SYNTHETIC,
      illustrative: true,
      targets: {
        kela: L('Kela', 'FPA', 'Kela'),
        'city-service': L('Kunnan muu palvelu', 'Annan kommunal tjänst', 'Another service of the town'),
        'city-eservice': L('Kunnan verkkoasiointi', 'Kommunens e-tjänst', "The town's e-service"),
        other: L('Muu taho', 'Någon annan', 'Someone else'),
      },
    }),
  );
}

areas();
sites();
transport();
service();
cityFiles();
console.log(`wrote ${DIR}`);
