/** Checks on text that people type or import, shared by the forms and the imports. */

/** Whether the character code is a control character (C0 or DEL); tab and line breaks count unless `multiLine`. */
export function isControlCode(code: number, multiLine: boolean): boolean {
  if (multiLine && (code === 9 || code === 10 || code === 13)) return false;
  return code < 32 || code === 127;
}

/** The index of the first control character in `text`, or -1 (see {@link isControlCode}). */
export function firstControlCharacter(text: string, multiLine: boolean): number {
  for (let i = 0; i < text.length; i++) if (isControlCode(text.charCodeAt(i), multiLine)) return i;
  return -1;
}

/**
 * Whether `text` holds a control character: NUL and the like never belong in stored text (the
 * database refuses NUL outright); line breaks and tabs only where `multiLine`.
 */
export function hasControlCharacter(text: string, multiLine: boolean): boolean {
  return firstControlCharacter(text, multiLine) >= 0;
}

/**
 * A plain e-mail address, safe to show as a `mailto:` link: letters, digits and a few marks
 * before the @, a domain of dotted labels after it; no `?`, `&`, `%`, `#`, quotes, spaces or
 * commas, so a link cannot carry extra recipients or headers.
 */
const PLAIN_EMAIL =
  /^[\p{L}\p{N}.!$'*+=^_`{|}~-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

export function isPlainEmail(text: string): boolean {
  return text.length <= 254 && PLAIN_EMAIL.test(text);
}
