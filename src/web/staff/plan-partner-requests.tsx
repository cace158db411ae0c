/**
 * A plan's page: the accepted partner requests whose weeks meet the plan's, and whether the plan
 * meets each (a visit at the planned venue in its weeks, on its weekdays and in its block), or
 * why it could not (accepted after the plan was made, or its venue not in use in these weeks).
 */
import type { Lang } from '../../core/i18n.ts';
import type { PartnerRequestInPlan } from '../../services/partner-request-service.ts';
import type { PartnerRequestsUsed } from '../../services/planning/planning-data.ts';
import { localePath } from '../layout.tsx';
import { formatDate, t } from '../messages.ts';

export function PlanPartnerRequests({
  lang,
  requests,
  used,
  venue,
}: {
  lang: Lang;
  requests: readonly PartnerRequestInPlan[];
  /** What the plan was made with (absent in plans made before partner requests). */
  used: PartnerRequestsUsed | undefined;
  venue: (id: string) => string;
}) {
  const metText = (r: PartnerRequestInPlan) => {
    if (r.metOn.length > 0)
      return t(lang, 'partnerPlanMet', { dates: r.metOn.map((d) => formatDate(lang, d, false)).join(', ') });
    const code = r.request.referenceCode;
    if (used?.leftOut.some((x) => x.referenceCode === code)) return t(lang, 'partnerPlanLeftOut');
    if (used && !used.included.includes(code)) return t(lang, 'partnerPlanNotInPlan');
    return t(lang, 'partnerPlanNotMet');
  };
  return (
    <>
      <h2 id="partner-requests-heading">{t(lang, 'partnerPlanTitle')}</h2>
      <p>{t(lang, 'partnerPlanIntro')}</p>
      {requests.length === 0 ? (
        <p>{t(lang, 'partnerPlanNone')}</p>
      ) : (
        <section class="table-wrap" aria-labelledby="partner-requests-heading" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'partnerColRequest')}</th>
                <th scope="col">{t(lang, 'partnerPlannedVenue')}</th>
                <th scope="col">{t(lang, 'partnerColWeeks')}</th>
                <th scope="col">{t(lang, 'partnerColPriority')}</th>
                <th scope="col">{t(lang, 'partnerColMet')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={localePath(lang, `/planner/requests/${r.request.id}`)}>
                      {r.request.organisation}
                    </a>{' '}
                    ({r.request.referenceCode})
                  </th>
                  <td>{r.request.plannedVenueId ? venue(r.request.plannedVenueId) : '—'}</td>
                  <td>
                    {r.request.weeksFrom && r.request.weeksTo
                      ? t(lang, 'partnerWeeksValue', {
                          from: formatDate(lang, r.request.weeksFrom, false),
                          to: formatDate(lang, r.request.weeksTo, false),
                        })
                      : '—'}
                  </td>
                  <td class="num">{r.request.priority ?? '—'}</td>
                  <td>{metText(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
