/**
 * The advisors' app in the browser: registers the service worker that keeps the app's pages
 * for offline use, and turns the contact form's post into an outbox. A saved contact gets a
 * UUID made here (crypto.randomUUID()), goes to IndexedDB, and is sent to POST /api/v1/contacts;
 * what fails to send stays and is sent again when the browser comes online, when a page of the
 * app opens, and every 30 seconds. The page shows how many entries wait and when sending last
 * worked. Marking a booking needs the network: offline, its post is stopped and the page says
 * so. Without this script the form posts to the server as it is. Texts come from the
 * page's data attributes; the script holds no language.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { deleteEntry, getEntry, listEntries, putEntry, type QueuedContact } from './advisor-queue.ts';

/** How often the outbox is tried again while a page of the app is open. */
const RETRY_MS = 30_000;
/** A send that takes longer counts as failed (a dead connection); the entry stays in the outbox. */
const SEND_TIMEOUT_MS = 15_000;
/** Entries listed by name; the count covers the rest. */
const LIST_MAX = 5;

document.documentElement.classList.add('js');

const root = document.getElementById('advisor-app');
if (root) start(root);

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function start(root: HTMLElement) {
  const userId = root.dataset.user ?? '';
  const lang = root.dataset.lang ?? 'fi';
  const api = root.dataset.api ?? '/api/v1/contacts';
  const locale = lang === 'en' ? 'en-GB' : `${lang}-FI`;
  const lastSyncKey = `neuvo.advisor.lastSync.${userId}`;

  registerWorker(root);
  forgetOfflinePagesOnLogout();
  stopBookingMarksOffline();

  const panel = document.getElementById('adv-sync');
  const texts = panel?.dataset ?? {};
  const countEl = document.getElementById('adv-sync-count');
  const listEl = document.getElementById('adv-sync-list');
  const noteEl = document.getElementById('adv-sync-note');
  const lastEl = document.getElementById('adv-sync-last');
  let note = '';

  const when = (ms: number) => {
    const day = (d: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', dateStyle: 'short' }).format(d);
    const time = new Intl.DateTimeFormat(locale, {
      timeZone: 'Europe/Helsinki',
      hour: 'numeric',
      minute: '2-digit',
    }).format(ms);
    if (day(ms) === day(Date.now())) return time;
    const date = new Intl.DateTimeFormat(locale, {
      timeZone: 'Europe/Helsinki',
      weekday: 'short',
      day: 'numeric',
      month: 'numeric',
    }).format(ms);
    return `${date} ${time}`;
  };

  async function render() {
    if (!panel) return;
    let entries: QueuedContact[] = [];
    try {
      entries = await listEntries(userId);
    } catch {
      // No IndexedDB (a private window of some browsers): nothing can wait here.
    }
    const waiting = entries.filter((e) => e.state === 'waiting');
    if (countEl)
      countEl.textContent =
        waiting.length > 0
          ? fill(texts.waiting ?? '{n}', { n: String(waiting.length) })
          : (texts.nothing ?? '');
    if (listEl) {
      listEl.replaceChildren(
        ...entries.slice(0, LIST_MAX).map((e) => {
          const li = document.createElement('li');
          li.textContent = `${when(Date.parse(String(e.body.loggedAt)))} ${e.summary}`;
          if (e.state === 'refused') {
            const why = document.createElement('span');
            why.textContent = ` ${fill(texts.refused ?? '{reason}', { reason: e.problem ?? '' })}`;
            const discard = document.createElement('button');
            discard.type = 'button';
            discard.className = 'adv-secondary';
            discard.textContent = texts.discard ?? '×';
            discard.addEventListener('click', () => {
              deleteEntry(e.clientId).then(render, render);
            });
            li.append(why, discard);
          }
          return li;
        }),
      );
      if (entries.length > LIST_MAX) {
        const more = document.createElement('li');
        more.textContent = '…';
        listEl.append(more);
      }
    }
    if (noteEl) noteEl.textContent = note;
    const last = Number(localStorage.getItem(lastSyncKey));
    if (lastEl)
      lastEl.textContent =
        last > 0 ? fill(texts.last ?? '{time}', { time: when(last) }) : (texts.never ?? '');
  }

  type Sent = 'sent' | 'refused' | 'sign-in' | 'offline';

  /** Sends one entry; the server answers the same entry again with 200, never a second row. */
  async function send(entry: QueuedContact): Promise<Sent> {
    let res: Response;
    try {
      res = await fetch(api, {
        method: 'POST',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(entry.body),
      });
    } catch {
      return 'offline';
    }
    if (res.status === 200 || res.status === 201) {
      await deleteEntry(entry.clientId);
      localStorage.setItem(lastSyncKey, String(Date.now()));
      return 'sent';
    }
    if (res.status === 401 || res.status === 403) return 'sign-in';
    if (res.status === 400 || res.status === 409) {
      const problem = (await res.json().catch(() => ({}))) as { detail?: string };
      await putEntry({ ...entry, state: 'refused', problem: problem.detail ?? String(res.status) });
      return 'refused';
    }
    // 429, 5xx, a proxy's page: try again later.
    return 'offline';
  }

  let running: Promise<void> | null = null;
  /** Sends every waiting entry of this user, oldest first; stops at the first that cannot go. */
  function sync(): Promise<void> {
    running ??= (async () => {
      const work = async () => {
        for (const entry of await listEntries(userId)) {
          if (entry.state !== 'waiting') continue;
          const sent = await send(entry);
          if (sent === 'offline') {
            note = texts.offline ?? '';
            return;
          }
          if (sent === 'sign-in') {
            note = texts.signIn ?? '';
            return;
          }
        }
        note = '';
      };
      try {
        // One tab at a time sends (the server would take a replay anyway).
        if (navigator.locks) await navigator.locks.request('neuvo-advisor-outbox', work);
        else await work();
      } catch {
        // IndexedDB unavailable: the form posts without the outbox.
      } finally {
        running = null;
        await render();
      }
    })();
    return running;
  }

  document.getElementById('adv-sync-now')?.addEventListener('click', () => {
    void sync();
  });
  window.addEventListener('online', () => {
    void sync();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sync();
  });
  setInterval(() => {
    void sync();
  }, RETRY_MS);
  void render().then(sync);

  const status = document.getElementById('adv-status');
  const form = document.getElementById('contact-form');
  if (status) wireUndo(status, render);
  if (form instanceof HTMLFormElement && status)
    wireForm(form, status, userId, async (entry) => {
      await render();
      // A sync already under way may have read the outbox before this entry: run one more after it.
      await (running ? running.then(sync) : sync());
      return !(await getEntry(entry.clientId).catch(() => undefined));
    });
}

/** The service worker keeps the app's pages for offline use. */
function registerWorker(root: HTMLElement) {
  if ('serviceWorker' in navigator && root.dataset.worker && root.dataset.scope)
    navigator.serviceWorker
      .register(root.dataset.worker, { scope: root.dataset.scope })
      .catch(() => undefined);
}

/** Signing out forgets the pages kept for offline use (the outbox stays: its entries are anonymous). */
function forgetOfflinePagesOnLogout() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[action$="/logout"]'))
    form.addEventListener('submit', (event) => {
      if (!('caches' in window)) return;
      event.preventDefault();
      caches
        .keys()
        .then((keys) =>
          Promise.all(keys.filter((k) => k.startsWith('neuvo-advisor')).map((k) => caches.delete(k))),
        )
        .finally(() => form.submit());
    });
}

/**
 * Marking a booking attended or no-show is a plain post to the server: offline, it is stopped
 * and the visit's bookings say that it needs a connection (the text is the section's).
 */
function stopBookingMarksOffline() {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('adv-mark') || navigator.onLine)
      return;
    event.preventDefault();
    const section = form.closest<HTMLElement>('.adv-bookings');
    const note = section?.querySelector<HTMLElement>('.adv-mark-note');
    if (!note) return;
    note.textContent = section?.dataset.offline ?? '';
    note.hidden = false;
  });
  window.addEventListener('online', () => {
    for (const note of document.querySelectorAll<HTMLElement>('.adv-mark-note')) note.hidden = true;
  });
}

/** The labels of the checked choices of a field: what the list of waiting entries shows. */
function checkedLabels(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map(
    (i) => i.closest('label')?.textContent?.trim() ?? i.value,
  );
}

function wireForm(
  form: HTMLFormElement,
  status: HTMLElement,
  userId: string,
  queued: (entry: QueuedContact) => Promise<boolean>,
) {
  const texts = status.dataset;
  const topicGroup = document.getElementById('f-topic');
  form.addEventListener('submit', async (event) => {
    const data = new FormData(form);
    const topics = data.getAll('topic').map(String);
    if (topics.length === 0) {
      event.preventDefault();
      showError(status, texts.errTopic ?? '');
      topicGroup?.querySelector('input')?.focus();
      return;
    }
    if (!('indexedDB' in window) || !crypto.randomUUID) return; // the plain form post
    event.preventDefault();
    const [outcome, referredTo] = String(data.get('outcome') ?? 'solved').split(':');
    const duration = String(data.get('duration') ?? '');
    const visit = String(data.get('visit') ?? '');
    // The entry's identity from now on: the server stores it once however often it is sent.
    const clientId = crypto.randomUUID();
    const entry: QueuedContact = {
      clientId,
      userId,
      queuedAt: Date.now(),
      state: 'waiting',
      summary: [checkedLabels(form, 'topic').join('; '), ...checkedLabels(form, 'ageBand')].join(', '),
      body: {
        clientId,
        loggedAt: new Date().toISOString(),
        channel: String(data.get('channel') ?? 'walk-in'),
        ...(visit ? { visitId: visit } : {}),
        topicIds: topics,
        language: String(data.get('language') ?? 'fi'),
        ageBand: String(data.get('ageBand') ?? 'unknown'),
        groups: data.getAll('group').map(String),
        ...(duration ? { durationMinutes: Number(duration) } : {}),
        outcome,
        ...(referredTo ? { referredTo } : {}),
      },
    };
    try {
      await putEntry(entry);
    } catch {
      form.submit(); // no outbox: the server takes it as a plain form post
      return;
    }
    form.reset();
    // The previous entry's notice (and its Undo) goes; this one's comes when sending is tried.
    status.dataset.current = entry.clientId;
    status.replaceChildren();
    // Saved either way: on the server, or in the outbox until the connection is back.
    const sent = await queued(entry);
    if (status.dataset.current === entry.clientId) showSaved(status, entry.clientId, visit, sent);
  });
}

function showError(status: HTMLElement, text: string) {
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = text;
  status.dataset.current = '';
  status.replaceChildren(p);
}

/** "Saved" (or "saved on this device") with an Undo button for a minute. */
function showSaved(status: HTMLElement, clientId: string, visit: string, sent: boolean) {
  const texts = status.dataset;
  const box = document.createElement('div');
  box.dataset.clientId = clientId;
  box.className = 'notice adv-saved';
  const p = document.createElement('p');
  p.textContent = sent ? (texts.saved ?? '') : (texts.savedDevice ?? '');
  const undo = document.createElement('form');
  undo.method = 'post';
  undo.action = texts.undoAction ?? '';
  undo.className = 'adv-undo';
  for (const [name, value] of [
    ['clientId', clientId],
    ['visit', visit],
  ]) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name ?? '';
    input.value = value ?? '';
    undo.append(input);
  }
  const button = document.createElement('button');
  button.type = 'submit';
  button.className = 'adv-secondary';
  button.textContent = texts.undo ?? '';
  undo.append(button);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = texts.undoHint ?? '';
  box.append(p, undo, hint);
  status.dataset.current = clientId;
  status.replaceChildren(box);
  // The server allows undo for a minute after it stored the entry; the button goes after a minute here.
  if (!undoTimers.has(clientId)) {
    const seconds = Number(texts.undoSeconds ?? '60');
    undoTimers.set(
      clientId,
      setTimeout(() => {
        undoTimers.delete(clientId);
        if (status.dataset.current !== clientId) return;
        for (const el of status.querySelectorAll('.adv-undo, .adv-saved .hint')) el.remove();
      }, seconds * 1000),
    );
  }
}

const undoTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** Undo of an entry still in the outbox happens here; of one sent, by the server's form. */
function wireUndo(status: HTMLElement, render: () => Promise<void>) {
  // The server's "Saved" notice (after a plain form post) says how long its Undo lasts.
  for (const form of status.querySelectorAll<HTMLFormElement>('form.adv-undo[data-seconds]'))
    setTimeout(() => {
      form.closest('.adv-saved')?.querySelector('.hint')?.remove();
      form.remove();
    }, Number(form.dataset.seconds) * 1000);
  status.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('adv-undo')) return;
    // Decided after a look into the outbox, so the browser's own post waits.
    event.preventDefault();
    const clientId = String(new FormData(form).get('clientId') ?? '');
    const waiting = await getEntry(clientId).catch(() => undefined);
    if (waiting) {
      await deleteEntry(clientId);
      const p = document.createElement('p');
      p.className = 'notice';
      p.textContent = status.dataset.undone ?? '';
      status.dataset.current = '';
      status.replaceChildren(p);
      await render();
      return;
    }
    if (!navigator.onLine) showError(status, status.dataset.undoOffline ?? '');
    else form.submit();
  });
}
