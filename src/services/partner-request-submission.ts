/**
 * A partner organisation sends its request: stored with a reference code (`P-XXXXXX`, letters
 * nobody mixes up, drawn again on a clash) and a status link of 32 random bytes of which only
 * the SHA-256 is stored; a receipt goes to the contact. The status page reads it by the link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Lang } from '../core/i18n.ts';
import type { IsoDate } from '../core/time/civil-time.ts';
import type { PartnerRequest } from '../db/repositories/partner-request-repository.ts';
import { inTransaction, type ReadRepositories } from '../db/repositories.ts';
import type { Store } from '../db/store.ts';
import { ConflictError } from './errors.ts';
import { partnerNoticeText } from './partner-notices.ts';
import {
  checkPartnerRequest,
  type PartnerFormOptions,
  type PartnerProblem,
  type PartnerRequestInput,
} from './partner-request-form.ts';

/** Letters and digits nobody mixes up when reading a code aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A reference code like `P-7K3Q9X`. */
export function newReferenceCode(random: (n: number) => Uint8Array = (n) => randomBytes(n)): string {
  const out: string[] = [];
  // Bytes past the last whole multiple of the alphabet are skipped, so every letter is as likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < 6) {
    for (const b of random(12)) {
      if (b < limit && out.length < 6) out.push(CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'X');
    }
  }
  return `P-${out.join('')}`;
}

/** The status link's token: 32 random bytes, base64url (43 characters). */
export const newStatusToken = (): string => randomBytes(32).toString('base64url');
export const isStatusToken = (s: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(s);
export const tokenHashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createPartnerSubmission(deps: {
  readonly store: Store;
  readonly repos: ReadRepositories;
  readonly now: () => number;
  readonly formOptions: () => Promise<PartnerFormOptions>;
  /** When the request's personal fields are erased, decided at `atMs`. */
  readonly eraseAfterMs: (atMs: number, weeksTo: IsoDate | null) => number;
  readonly statusUrl?: ((lang: Lang, token: string) => string) | undefined;
}) {
  const { store, repos, now, eraseAfterMs } = deps;
  return {
    /**
     * Stores a valid request and returns its status link's token (shown once, in the redirect)
     * and reference code; the problems by field otherwise.
     */
    async submit(
      lang: Lang,
      input: PartnerRequestInput,
    ): Promise<
      { ok: true; token: string; referenceCode: string } | { ok: false; problems: PartnerProblem[] }
    > {
      const checked = checkPartnerRequest(input, await deps.formOptions());
      if (!checked.ok) return checked;
      const v = checked.value;
      const token = newStatusToken();
      const at = now();
      const referenceCode = await inTransaction(store, async (tx) => {
        // A taken code (about one in a billion per stored request) draws another.
        for (let attempt = 0; attempt < 5; attempt++) {
          const code = newReferenceCode();
          const id = await tx.partnerRequests.insertRequest({
            ...v,
            referenceCode: code,
            tokenHash: tokenHashOf(token),
            lang,
            createdAtMs: at,
            eraseAfterMs: eraseAfterMs(at, v.weeksTo),
          });
          if (id) {
            if (v.contact && v.contactKind) {
              const text = partnerNoticeText(
                lang,
                'received',
                { referenceCode: code, organisation: v.organisation, reply: null },
                deps.statusUrl?.(lang, token),
              );
              await tx.outbox.enqueue({
                dedupeKey: `request-received:${id}`,
                kind: 'request-received',
                channel: v.contactKind === 'email' ? 'email' : 'sms',
                lang,
                recipient: v.contact,
                ...text,
              });
            }
            return code;
          }
        }
        throw new ConflictError('could not draw a free reference code', 'referenceCode');
      });
      return { ok: true, token, referenceCode };
    },

    /** The request a status link names; null for an unknown, malformed or erased link. */
    async byToken(token: string): Promise<PartnerRequest | null> {
      if (!isStatusToken(token)) return null;
      return repos.partnerRequests.getByTokenHash(tokenHashOf(token));
    },
  };
}
