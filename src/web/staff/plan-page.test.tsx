/**
 * The plan page's visits table says where each visit's expected contacts come from (the
 * contact log or the need), in every language; plans made before that say nothing about it.
 */
import { describe, expect, it } from 'vitest';
// Loaded first, as the app does: the planning services import each other in a ring.
import '../../services/access-service.ts';
import type { Lang } from '../../core/i18n.ts';
import type { PlanDetail } from '../../services/planning/planning-service.ts';
import { PlanPage } from './plan-page.tsx';

const visit = (id: string, start: string, explanation: unknown) =>
  ({
    id,
    planId: 'P1',
    venueId: 'LIB_SELLO',
    date: '2026-12-08',
    start,
    end: start === '09:30' ? '12:00' : '15:00',
    advisorIds: ['ADV_AINO'],
    status: 'planned',
    cancelReason: null,
    cancelNote: null,
    explanation,
    change: 'added',
  }) as unknown as PlanDetail['visits'][number];

const detail: PlanDetail = {
  plan: {
    id: 'P1',
    kind: 'plan',
    status: 'draft',
    horizonFrom: '2026-12-07',
    horizonTo: '2026-12-13',
    solver: 'heuristic',
    objective: null,
    bound: null,
    gap: null,
    optimal: null,
    seconds: null,
    scenarioId: null,
    summary: null,
    changes: null,
    createdBy: null,
    createdAtMs: Date.UTC(2026, 11, 1, 8),
    publishedAtMs: null,
  },
  visits: [
    visit('V1', '09:30', { reached: [], expectedContacts: 12, expectedFrom: 'logs', rhythm: 'weekly' }),
    visit('V2', '13:00', { reached: [], expectedContacts: 1.5, expectedFrom: 'need', rhythm: 'weekly' }),
  ],
  cancelled: [],
  changes: { kept: [], restaffed: [], cancelled: [], added: 2 },
  summary: null,
};

const render = (lang: Lang, d: PlanDetail = detail) =>
  String(
    <PlanPage
      lang={lang}
      user={{ displayName: 'Pia' }}
      detail={d}
      venueNames={new Map()}
      advisorNames={new Map()}
      areaNames={new Map()}
      districtNames={new Map()}
      pins={[]}
      error={null}
      map={{ tiles: null, attribution: '' }}
      clientAvailable={false}
    />,
  );

describe('the plan page’s expected contacts', () => {
  it.each([
    ['fi', 'kirjatuista käynneistä', 'arvio tarpeesta'],
    ['sv', 'från loggade besök', 'uppskattat utifrån behovet'],
    ['en', 'from logged visits', 'estimated from the need'],
  ] as const)('%s: from the log or from the need', (lang, logs, need) => {
    const page = render(lang);
    expect(page).toContain(`<span class="muted">${logs}</span>`);
    expect(page).toContain(`<span class="muted">${need}</span>`);
  });

  it('says nothing of the source in a plan made before it was recorded', () => {
    const old = {
      ...detail,
      visits: [visit('V1', '09:30', { reached: [], expectedContacts: 3, rhythm: 'weekly' })],
    };
    const page = render('en', old);
    expect(page).not.toContain('from logged visits');
    expect(page).not.toContain('estimated from the need');
  });
});
