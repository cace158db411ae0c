/**
 * The messages a partner organisation receives about its request, in the language it wrote
 * in: a receipt with the private status link, and a note when the planner accepts, declines
 * or asks back (the status link shows the answer; the message repeats it).
 */
import type { Lang } from '../core/i18n.ts';
import { plainNoticeText } from './notify/plain-notice.ts';

export type PartnerNoticeKind = 'request-received' | 'request-status';

const TEXTS = {
  fi: {
    received: [
      'Pyyntönne on vastaanotettu',
      'Kiitos pyynnöstä neuvontakäynnistä. Käsittelemme sen ja vastaamme.',
    ],
    accepted: ['Pyyntönne on hyväksytty', 'Pyyntönne on hyväksytty, ja käynti otetaan mukaan suunnitteluun.'],
    declined: ['Vastaus pyyntöönne', 'Emme valitettavasti voi toteuttaa pyytämäänne käyntiä.'],
    question: ['Kysymys pyynnöstänne', 'Suunnittelija kysyy pyynnöstänne lisätietoja.'],
    reference: 'Viite',
    reply: 'Viesti',
    link: 'Pyynnön tila tästä linkistä',
    linkLater: 'Näette tilan linkistä, jonka saitte pyynnön lähettäessänne.',
    noReply:
      'Tähän viestiin ei voi vastata. Ottakaa tarvittaessa yhteyttä asiakaspalveluun ja kertokaa viite.',
  },
  sv: {
    received: [
      'Er begäran har tagits emot',
      'Tack för er begäran om ett rådgivningsbesök. Vi behandlar den och svarar.',
    ],
    accepted: ['Er begäran har godkänts', 'Er begäran har godkänts och besöket tas med i planeringen.'],
    declined: ['Svar på er begäran', 'Tyvärr kan vi inte ordna det besök ni bad om.'],
    question: ['En fråga om er begäran', 'Planeraren behöver mer information om er begäran.'],
    reference: 'Referens',
    reply: 'Meddelande',
    link: 'Begärans status via den här länken',
    linkLater: 'Ni ser statusen via länken som ni fick när ni skickade begäran.',
    noReply:
      'Det går inte att svara på det här meddelandet. Kontakta vid behov kundtjänsten och uppge referensen.',
  },
  en: {
    received: [
      'Your request has been received',
      'Thank you for your request for an advice visit. We will handle it and answer.',
    ],
    accepted: [
      'Your request has been accepted',
      'Your request has been accepted and the visit is taken into the planning.',
    ],
    declined: ['An answer to your request', 'Unfortunately we cannot arrange the visit you asked for.'],
    question: ['A question about your request', 'The planner needs more information about your request.'],
    reference: 'Reference',
    reply: 'Message',
    link: 'The status of your request at this link',
    linkLater: 'You can see the status with the link you received when you sent the request.',
    noReply:
      'Replies to this message are not read. If needed, contact customer service and give the reference.',
  },
} as const;

export function partnerNoticeText(
  lang: Lang,
  what: 'received' | 'accepted' | 'declined' | 'question',
  request: { readonly referenceCode: string; readonly organisation: string; readonly reply: string | null },
  statusUrl?: string,
): { subject: string; body: string } {
  const tx = TEXTS[lang];
  const [subject, intro] = tx[what];
  return plainNoticeText({
    subject,
    opening: request.organisation,
    intro,
    facts: [[tx.reference, request.referenceCode]],
    blocks: [
      ...(request.reply ? [{ label: tx.reply, text: request.reply }] : []),
      statusUrl ? { label: tx.link, text: statusUrl } : { text: tx.linkLater },
    ],
    closing: tx.noReply,
  });
}
