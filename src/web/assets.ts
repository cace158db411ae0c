/**
 * The public stylesheet: plain CSS, no framework. Large readable type, strong contrast
 * (WCAG 2.1 AA), a visible focus ring, and a single column that reflows down to 320 px.
 */
export const SITE_CSS = `
:root { --fg: #1a1a1a; --bg: #ffffff; --accent: #0b4f8a; --muted: #4a4a4a; --line: #c8c8c8; --focus: #ffbf47; }
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 1.125rem; line-height: 1.5; color: var(--fg); background: var(--bg); }
a { color: var(--accent); text-decoration: underline; text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--fg); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
.skip-link { position: absolute; left: 0.5rem; top: -10rem; background: var(--bg); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }
.site-header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); }
.brand { margin: 0; font-weight: 700; }
.brand a { color: var(--fg); text-decoration: none; }
.language-switch { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
.language-switch a[aria-current="true"] { font-weight: 700; text-decoration: none; color: var(--fg); }
main { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 0 0 0.25rem; }
.site-list { list-style: none; margin: 1rem 0; padding: 0; }
.site-list > li { border-top: 1px solid var(--line); padding: 1rem 0; }
.site-list p { margin: 0.25rem 0; }
.hours-open { font-weight: 600; }
.muted { color: var(--muted); }
.notice { border-left: 4px solid var(--accent); padding: 0.5rem 1rem; background: #f2f6fa; }
footer { max-width: 48rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid var(--line); font-size: 1rem; }
.site-contact { font-style: normal; margin: 0 0 1rem; }
.site-contact p { margin: 0.15rem 0; overflow-wrap: anywhere; }
.site-contact-name { font-weight: 700; }
.wide { max-width: 80rem; }
.session { display: flex; gap: 0.5rem; align-items: center; margin: 0; }
button, select, input { font: inherit; }
button { padding: 0.4rem 1rem; border: 2px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
.session button { background: var(--bg); color: var(--accent); }
.stacked-form { display: grid; gap: 0.5rem; max-width: 24rem; }
.stacked-form input, .inline-form select, .inline-form input[type="search"] { padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
.inline-form { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-end; margin: 1rem 0; }
.inline-form label { display: grid; gap: 0.25rem; }
.error { border-left: 4px solid #a4000f; padding: 0.5rem 1rem; background: #fbeaea; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1.5rem; position: relative; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.inline-form label { max-width: 100%; grid-template-columns: minmax(0, 1fr); }
.inline-form select { max-width: 100%; min-width: 0; }
table.calendar td { vertical-align: top; min-width: 8rem; }
.inline-form input[type="date"], .inline-form input[type="number"] { padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
table { border-collapse: collapse; font-size: 1rem; }
caption { text-align: left; padding: 0.25rem 0; color: var(--muted); }
th, td { border-bottom: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.map { height: 28rem; border: 1px solid var(--line); background: #f4f4f4; }
.chart { min-height: 10rem; }
.js .js-hide { display: none; }
.staff-nav ul { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; list-style: none; margin: 0.5rem 0; padding: 0; }
.staff-nav a[aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration: none; }
.stacked-form select { padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
.stacked-form .check { display: flex; gap: 0.5rem; align-items: center; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
code.secret { font-size: 1.15rem; padding: 0.1rem 0.4rem; background: #fff; border: 1px solid var(--line); overflow-wrap: anywhere; }
.audit-details { font-size: 0.9rem; overflow-wrap: anywhere; }
.oidc-form { margin-bottom: 1.5rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.75rem 0; padding: 0.5rem 0.75rem; }
.full { flex-basis: 100%; margin: 0; }
.rules { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.rule { margin: 0; }
.radio { display: inline-flex; gap: 0.25rem; align-items: center; margin-right: 0.75rem; }
input[type="number"] { width: 6rem; padding: 0.3rem; border: 1px solid var(--muted); border-radius: 4px; }
.js-only { display: none; }
.js .js-only { display: block; }
.chart-legend .line { display: inline-block; width: 2rem; height: 0; border-top: 3px solid; vertical-align: middle; margin: 0 0.3rem 0 0.8rem; }
.chart-legend .line.base { border-color: #0b4f8a; }
.chart-legend .line.alt { border-color: #b2182b; border-top-style: dashed; }
.map-legend { background: #fff; padding: 0.4rem 0.6rem; border: 1px solid var(--line); font-size: 0.9rem; line-height: 1.6; }
.map-legend .swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: 0.4rem; vertical-align: middle; border: 1px solid #444; }
@media print { .skip-link, .language-switch { display: none; } body { font-size: 14pt; } a { color: var(--fg); } }
.main-menu { flex-basis: 100%; }
.main-menu ul, .site-footer ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; list-style: none; margin: 0; padding: 0; }
.main-menu a[aria-current="page"] { font-weight: 700; color: var(--fg); }
.search-form { display: grid; gap: 0.5rem; margin: 1rem 0 1.5rem; padding: 1rem; border: 2px solid var(--accent); border-radius: 6px; max-width: 32rem; }
.search-form input[type="text"], .stacked-form textarea, .stacked-form input[type="email"] { font: inherit; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; }
.search-form .check { display: flex; gap: 0.5rem; align-items: flex-start; }
.search-form .check input { margin-top: 0.35rem; width: 1.25rem; height: 1.25rem; flex: none; }
.hint { color: var(--muted); margin: 0; font-size: 1rem; }
.visit-list { list-style: none; margin: 0.5rem 0 1.5rem; padding: 0; }
.visit-list > li { border-top: 1px solid var(--line); padding: 0.75rem 0; }
.visit-list p { margin: 0.15rem 0; }
.visit-when { font-weight: 700; }
.cancelled .visit-when { text-decoration: line-through; }
.cancel-note { color: #8a0010; font-weight: 700; }
.day { margin-top: 1.5rem; }
.week-nav { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 1rem 0; }
.hours-table th { font-weight: 400; }
.topic-list > li { border-top: 1px solid var(--line); padding: 1rem 0; }
.topic-list dl { margin: 0.5rem 0; }
.topic-list dt { font-weight: 600; }
main p, main li, main dd, main dt, main h1, main h2, main h3 { overflow-wrap: anywhere; }
.topic-list dd { margin: 0 0 0.4rem; }
.stacked-form textarea { min-height: 8rem; }
.field-error { color: #8a0010; font-weight: 700; margin: 0; }
.rule-field { display: grid; gap: 0.25rem; max-width: 18rem; align-content: start; }
.rule-field label.radio { display: inline-flex; }
.venue-choices { columns: 16rem; }
.venue-choices li { break-inside: avoid; }
.inline-action { display: inline; margin: 0; }
.pinned { margin: 0 0 0.25rem; font-weight: 600; }
td.nowrap { white-space: nowrap; }
.pin-list li { padding: 0.25rem 0; }
.printable main { max-width: 60rem; }
.timetable { font-size: 1.5rem; }
.timetable h2 { font-size: 1.75rem; margin-top: 1.5rem; }
.timetable .line { font-weight: 700; font-size: 1.6rem; margin: 0.5rem 0 0; }
@media print { @page { size: A4; margin: 15mm; } .printable .site-header, .printable .site-footer > ul, .printable .no-print { display: none; } .printable .site-footer { max-width: none; padding: 0; } .printable main { padding: 0; max-width: none; } .timetable { font-size: 16pt; } .timetable h1 { font-size: 26pt; } .timetable h2 { font-size: 20pt; break-after: avoid; } .timetable section { break-inside: avoid; } }
.report-figure { max-width: 100%; overflow-x: auto; margin: 0.5rem 0; }
.report-figure svg { max-width: 100%; height: auto; }
.chart-wide { display: none; }
@media (min-width: 48rem) { .chart-narrow { display: none; } .chart-wide { display: block; } }
.report-form .field { min-width: 0; max-width: 100%; }
.report-form select { width: 100%; }
.report-grid { display: grid; gap: 1rem 2rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr)); }
.report-form fieldset { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; min-width: 0; }
.report-form .field { display: grid; gap: 0.25rem; }
.report-form input[type="text"], .report-form select { font: inherit; min-height: 2.75rem; padding: 0.25rem 0.5rem; max-width: 100%; }
.report-form .check { display: flex; gap: 0.5rem; align-items: center; min-height: 2.75rem; }
.report-form button { min-height: 2.75rem; }
.report-table summary { cursor: pointer; padding: 0.6rem 0; }
.notice.synthetic { border-left: 6px solid #b7791f; padding: 0.5rem 1rem; background: #fffbea; color: #1a1a1a; }
@media print { .chart-narrow { display: none; } .chart-wide { display: block; } .printable .table-wrap { overflow: visible; } .printable table { width: 100%; font-size: 10pt; } .printable th.num { white-space: normal; } .report-table[open] summary, .report-table summary { display: none; } .report-figure, .report-part, table { break-inside: avoid; } .printable h2 { break-after: avoid; } .report-figure svg { max-height: 110mm; } }
.partner-form { max-width: 32rem; gap: 1rem; }
.partner-form .field { display: grid; gap: 0.25rem; }
.partner-form input[type="text"], .partner-form input[type="date"], .partner-form select, .partner-form textarea { font: inherit; min-height: 3rem; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; max-width: 100%; }
.partner-form textarea { min-height: 8rem; }
.partner-form fieldset { display: grid; gap: 0.75rem; min-width: 0; }
.partner-form legend { font-weight: 700; }
.partner-form .check { display: flex; gap: 0.75rem; align-items: center; min-height: 3rem; }
.partner-form .check input { width: 1.5rem; height: 1.5rem; flex: none; margin: 0; }
.partner-form button { min-height: 3rem; padding: 0.5rem 1.5rem; }
.field-need { font-weight: 400; color: var(--muted); font-size: 1rem; }
.partner-reply { white-space: pre-line; }
.status-counts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.5rem 0 1rem; }
.decisions { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); align-items: start; }
.decisions .stacked-form textarea, .decisions .stacked-form select { width: 100%; }
@media (max-width: 36rem) { .partner-facts { grid-template-columns: minmax(0, 1fr); gap: 0; } .partner-facts dd { margin-bottom: 0.5rem; } }
.book-link { display: inline-flex; align-items: center; min-height: 3rem; padding: 0.25rem 1rem; border: 2px solid var(--accent); border-radius: 4px; font-weight: 600; text-decoration: none; }
.book-link:hover { background: #f2f6fa; }
.booking-form { max-width: 32rem; gap: 1rem; margin: 1rem 0; }
.booking-form h2 { margin: 0.5rem 0 0; }
.booking-form .field { display: grid; gap: 0.25rem; }
.booking-form input[type="text"], .booking-form select { font: inherit; min-height: 3rem; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; max-width: 100%; }
.booking-form fieldset { display: grid; gap: 0.5rem; min-width: 0; margin: 0; }
.booking-form legend { font-weight: 700; padding: 0 0.25rem; }
.choice-list { display: grid; gap: 0.5rem; }
.booking-form .choice { display: flex; gap: 0.75rem; align-items: center; min-height: 3rem; padding: 0.25rem 0.75rem; border: 1px solid var(--line); border-radius: 4px; cursor: pointer; }
.booking-form .choice input { width: 1.5rem; height: 1.5rem; flex: none; margin: 0; }
.booking-form .choice:has(input:checked) { border: 2px solid var(--accent); background: #f2f6fa; }
.booking-form .choice.full { background: #f4f4f4; color: var(--muted); cursor: not-allowed; }
.slot-time { font-weight: 700; font-variant-numeric: tabular-nums; }
.booking-form button { min-height: 3rem; padding: 0.5rem 1.5rem; }
button.secondary { background: var(--bg); color: var(--accent); }
.booking-action { margin-top: 1.5rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.booking-action p { margin: 0.5rem 0; }
.link-list { margin: 1.5rem 0; }
.link-list li { margin: 0.5rem 0; }
.reference-code { font-size: 1.25rem; letter-spacing: 0.05em; }
.contact-value { overflow-wrap: anywhere; }
@media (max-width: 36rem) { .visit-facts { grid-template-columns: minmax(0, 1fr); gap: 0; } .visit-facts dd { margin-bottom: 0.5rem; } }
.fill-week-form, .fill-rule-form { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; margin: 0.5rem 0 1rem; }
.fill-rule-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.fill-rule { border-top: 1px solid var(--line); padding-top: 0.5rem; }
.fill-rule h3 { margin: 0.5rem 0 0.25rem; }
`;

/**
 * The one script public pages load, and only as an enhancement: on the search form it adds a
 * "use my location" button that fills in the browser's position and submits. Its texts come
 * from the form's data attributes, so the script holds no language.
 */
export const LOCATE_JS = `(() => {
  const form = document.querySelector('form[data-locate]');
  if (!form || !('geolocation' in navigator)) return;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'hint';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = form.dataset.locate;
  const wrap = document.createElement('div');
  wrap.append(button, status);
  form.append(wrap);
  button.addEventListener('click', () => {
    status.textContent = form.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const url = new URL(form.action, location.href);
        url.searchParams.set('lat', pos.coords.latitude.toFixed(5));
        url.searchParams.set('lon', pos.coords.longitude.toFixed(5));
        const slow = form.querySelector('input[name="slow"]');
        if (slow && slow.checked) url.searchParams.set('slow', '1');
        location.assign(url.toString());
      },
      () => { status.textContent = form.dataset.failed; },
      { timeout: 15000, maximumAge: 600000 },
    );
  });
})();
`;
