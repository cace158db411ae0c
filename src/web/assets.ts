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
@media print { .skip-link, .language-switch { display: none; } body { font-size: 14pt; } a { color: var(--fg); } }
`;
