/** The languages every resident-facing text must exist in. */
export const LANGS = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text a resident can see, in every supported language. */
export type LocalizedText = Readonly<Record<Lang, string>>;

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Languages an advisor may speak or a resident may ask for (ISO 639-1). Not limited to LANGS. */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}$/;
