/**
 * The advisors' app's outbox in IndexedDB: every contact is stored here first, with the UUID
 * that makes it one entry on the server however often it is sent, and leaves only when the
 * server has it (201, or 200 for one it had already). Entries belong to the account that made
 * them: a page syncs only its own user's entries.
 */
/// <reference lib="dom" />

const DB_NAME = 'neuvo-advisor';
const STORE = 'outbox';

export interface QueuedContact {
  /** The entry's UUID (crypto.randomUUID()), also its key here. */
  readonly clientId: string;
  /** The staff account that made it. */
  readonly userId: string;
  /** The body of POST /api/v1/contacts. */
  readonly body: Record<string, unknown>;
  /** A short description for the list of waiting entries (topics and age group, no person). */
  readonly summary: string;
  readonly queuedAt: number;
  /** `refused`: the server said 400; it stays until the advisor discards it. */
  readonly state: 'waiting' | 'refused';
  readonly problem?: string;
}

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) {
        const store = db.createObjectStore(STORE, { keyPath: 'clientId' });
        store.createIndex('userId', 'userId');
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = undefined;
      reject(request.error);
    };
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const putEntry = (entry: QueuedContact) => run('readwrite', (s) => s.put(entry)).then(() => undefined);

export const getEntry = (clientId: string) =>
  run<QueuedContact | undefined>('readonly', (s) => s.get(clientId) as IDBRequest<QueuedContact | undefined>);

export const deleteEntry = (clientId: string) => run('readwrite', (s) => s.delete(clientId));

/** The user's entries, oldest first. */
export async function listEntries(userId: string): Promise<QueuedContact[]> {
  const all = await run<QueuedContact[]>(
    'readonly',
    (s) => s.index('userId').getAll(userId) as IDBRequest<QueuedContact[]>,
  );
  return all.sort((a, b) => a.queuedAt - b.queuedAt);
}
