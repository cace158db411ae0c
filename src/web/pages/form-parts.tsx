/**
 * The parts of residents' forms (booking, partner request, feedback): one form field (the label,
 * with "required" or "optional" where the form says so, a hint, the error next to the field, and
 * the control, which gets `aria-invalid` and `aria-describedby` so a screen reader reads the
 * error and the hint with it) and the error summary at the top, each problem a link to its field.
 */
import type { Child } from 'hono/jsx';

export type FieldAria = { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };

/** The ARIA attributes of a field's control. */
export function fieldAria(id: string, error: string | null, hint: boolean): FieldAria {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return {
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

export interface FormFieldProps {
  readonly id: string;
  readonly label: string;
  /** "required" or "optional" after the label, in brackets; none when null or left out. */
  readonly need?: string | null | undefined;
  readonly hint?: string | undefined;
  readonly error: string | null;
  readonly children: (aria: FieldAria) => Child;
}

/** Label, hint, error and control, in that order (the caller wraps them where its layout needs). */
export function FormField({ id, label, need, hint, error, children }: FormFieldProps) {
  return (
    <>
      <label for={id}>
        {label}
        {need ? <span class="field-need"> ({need})</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children(fieldAria(id, error, Boolean(hint)))}
    </>
  );
}

/** The error summary at the top of a form: each problem a link to its field; nothing without one. */
export function ErrorSummary({
  title,
  items,
}: {
  title: string;
  items: readonly { href: string; text: string }[];
}) {
  if (items.length === 0) return null;
  return (
    <div class="error" role="alert" aria-labelledby="error-summary">
      <h2 id="error-summary">{title}</h2>
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
