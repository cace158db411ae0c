/**
 * The services the app's pages and API share, built once per app from its dependencies: one
 * place that shows which service depends on which.
 */
import type { AppDeps } from '../app.ts';
import { createRepositories } from '../db/repositories.ts';
import { createAccessService } from '../services/access-service.ts';
import { createAuditService } from '../services/audit-service.ts';
import { createAuthService } from '../services/auth-service.ts';
import { createServerBookingService } from '../services/booking/booking-service.ts';
import { createBookingStaffService } from '../services/booking/booking-staff.ts';
import { createCatalogService } from '../services/catalog-service.ts';
import { createCityService } from '../services/city/city-service.ts';
import { createContactService } from '../services/contact-service.ts';
import { createNetworkService } from '../services/network-service.ts';
import { createPartnerRequestService } from '../services/partner-request-service.ts';
import { createPlanningService } from '../services/planning/planning-service.ts';
import { createSeriesPinService } from '../services/planning/series-pin-service.ts';
import { createPublicService } from '../services/public-service.ts';
import { createDistrictNeed } from '../services/reports/district-need.ts';
import { createReportService } from '../services/reports/report-service.ts';

export function createAppServices(
  deps: AppDeps,
  /** The app's clock. */
  now: () => number,
  /** The site's public origin for absolute URLs in messages. */
  origin: () => string,
) {
  const repos = createRepositories(deps.store.db);
  const catalog = createCatalogService({ repos, now });
  const city = createCityService({ repos, now });
  const access = createAccessService({ repos, now });
  const network = createNetworkService({ repos, access });
  const auth = createAuthService({
    store: deps.store,
    repos,
    now,
    ...(deps.sessionIdleMinutes ? { idleMinutes: deps.sessionIdleMinutes } : {}),
  });
  const planning = createPlanningService({ store: deps.store, repos, access, now });
  const seriesPins = createSeriesPinService({ store: deps.store, repos, now });
  const audit = createAuditService({ store: deps.store, repos, now });
  const contacts = createContactService({ store: deps.store, repos, now });
  const publicSite = createPublicService({ repos, access, now });
  const bookings = createServerBookingService({
    store: deps.store,
    repos,
    now,
    origin,
    ...(deps.bookingRetentionDays ? { retentionDays: deps.bookingRetentionDays } : {}),
  });
  const bookingStaff = createBookingStaffService({ store: deps.store, repos, now, bookings });
  const partnerRequests = createPartnerRequestService({
    store: deps.store,
    repos,
    now,
    languages: async () => (await publicSite.reference()).languages,
    statusUrl: (lang, token) => `${origin()}${lang === 'fi' ? '' : `/${lang}`}/partners/requests/${token}`,
    ...(deps.partnerRequestRetentionDays ? { retentionDays: deps.partnerRequestRetentionDays } : {}),
  });
  const reports = createReportService({
    repos,
    now,
    ...(deps.reportThreshold ? { threshold: deps.reportThreshold } : {}),
    need: createDistrictNeed({ repos, access, now }),
  });
  return {
    repos,
    catalog,
    city,
    access,
    network,
    auth,
    planning,
    seriesPins,
    audit,
    contacts,
    publicSite,
    bookings,
    bookingStaff,
    partnerRequests,
    reports,
  };
}
