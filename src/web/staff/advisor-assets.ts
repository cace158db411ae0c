/**
 * The advisors' app's own stylesheet (on top of the site's) and its web app manifest. Large
 * touch targets (at least 48 px), one column on a phone, the Save button always in view.
 */
import type { Lang } from '../../core/i18n.ts';
import { t } from '../messages.ts';
import { ADVISOR_ASSETS, advisorHome } from './advisor-shell.tsx';

export const ADVISOR_CSS = `
.advisor-app .adv-nav a { display: inline-flex; align-items: center; min-height: 48px; }
.adv-visit { border-top: 2px solid var(--line); padding: 0.75rem 0 1rem; }
.adv-visit h3 { font-size: 1.25rem; margin: 0 0 0.25rem; }
.adv-visit p { margin: 0.2rem 0; }
.adv-visit.cancelled .visit-when { text-decoration: line-through; }
.adv-visit h4 { font-size: 1.05rem; margin: 0.75rem 0 0; }
.adv-time { font-weight: 700; }
.adv-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; align-items: center; }
.adv-actions form { margin: 0; }
.adv-primary, .adv-secondary, .adv-link-button { min-height: 48px; min-width: 48px; padding: 0.6rem 1.25rem; font-size: 1.125rem; border-radius: 6px; }
.adv-secondary { background: var(--bg); color: var(--accent); border: 2px solid var(--accent); cursor: pointer; }
.adv-link-button { display: inline-flex; align-items: center; border: 2px solid var(--accent); text-decoration: none; font-weight: 600; }
.adv-form { margin: 0.5rem 0 0; }
.adv-group { border: none; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
.adv-group legend { font-weight: 700; font-size: 1.125rem; padding: 0; margin-bottom: 0.4rem; }
.choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.5rem; }
.choices.wide { grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
.choice { display: flex; align-items: center; gap: 0.6rem; min-height: 48px; padding: 0.4rem 0.75rem; border: 2px solid var(--accent); border-radius: 6px; background: var(--bg); cursor: pointer; line-height: 1.25; min-width: 0; overflow-wrap: anywhere; }
.choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: var(--accent); }
.choice:has(input:checked) { background: #dbe9f6; font-weight: 700; }
.choice:has(input:focus-visible) { outline: 3px solid var(--fg); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
.adv-submit { position: sticky; bottom: 0; background: var(--bg); padding: 0.75rem 0; border-top: 1px solid var(--line); z-index: 2; }
.adv-submit .adv-primary { width: 100%; font-weight: 700; }
.adv-status:empty { display: none; }
.adv-status .notice, .adv-status .error { margin: 0.5rem 0; }
.adv-saved { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.adv-saved p { margin: 0; }
.adv-undo { margin: 0; }
.adv-sync { margin: 2rem 0 1rem; padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
.adv-sync-list { margin: 0.25rem 0; padding-left: 1.25rem; }
.adv-sync-list li { margin: 0.25rem 0; }
.adv-sync-list button { min-height: 48px; margin-left: 0.5rem; }
.adv-marks { display: flex; gap: 0.5rem; }
.adv-marks form { margin: 0; }
.adv-marks button { padding: 0.5rem 0.75rem; font-size: 1rem; white-space: nowrap; }
.adv-code { white-space: nowrap; font-variant-numeric: tabular-nums; }
.adv-mark-note { margin: 0.5rem 0; }
.adv-booking-list { list-style: none; margin: 0; padding: 0; }
.adv-booking { border-top: 1px solid var(--line); padding: 0.5rem 0; }
.adv-booking:last-child { border-bottom: 1px solid var(--line); }
.adv-booking-head { margin: 0 0 0.25rem; display: flex; flex-wrap: wrap; gap: 0 0.75rem; }
.adv-booking-facts { margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.adv-booking-facts div { display: flex; gap: 0.35rem; }
.adv-booking-facts dt { color: var(--muted, #555); }
.adv-booking-facts dt::after { content: ':'; }
.adv-booking-facts dd { margin: 0; }
.adv-marks button { min-height: 48px; }
`;

/** The web app manifest of the app in one language: installs the day view as a home-screen app. */
export function advisorManifest(lang: Lang) {
  return {
    name: t(lang, 'advAppName'),
    short_name: t(lang, 'advAppShortName'),
    lang,
    start_url: advisorHome(lang),
    scope: advisorHome(lang),
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b4f8a',
    icons: [
      { src: `${ADVISOR_ASSETS}/icon.svg`, sizes: 'any', type: 'image/svg+xml' },
      { src: `${ADVISOR_ASSETS}/icon-192.png`, sizes: '192x192', type: 'image/png' },
      { src: `${ADVISOR_ASSETS}/icon-512.png`, sizes: '512x512', type: 'image/png' },
      { src: `${ADVISOR_ASSETS}/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
