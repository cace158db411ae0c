/**
 * The layout of every plain-text message to a resident or partner: an opening line, the
 * message's one-sentence reason, the facts (label: value, one a line), then blocks such as a
 * link or a planner's reply (a label line and the text), and a closing line. One layout, so
 * that every message reads alike and a screen reader meets the same order each time.
 */

export interface PlainNotice {
  readonly subject: string;
  /** "Hello Anna," or the organisation's name. */
  readonly opening: string;
  readonly intro: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
  /** Each after an empty line: its label with a colon on a line of its own (when given), then the text. */
  readonly blocks: readonly { readonly label?: string; readonly text: string }[];
  readonly closing: string;
}

export function plainNoticeText(notice: PlainNotice): { subject: string; body: string } {
  const lines = [
    notice.opening,
    '',
    notice.intro,
    '',
    ...notice.facts.map(([label, value]) => `${label}: ${value}`),
    ...notice.blocks.flatMap((b) => ['', ...(b.label ? [`${b.label}:`] : []), b.text]),
    '',
    notice.closing,
  ];
  return { subject: notice.subject, body: lines.join('\n') };
}
