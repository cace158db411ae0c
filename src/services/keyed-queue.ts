/**
 * Runs work for one key at a time within this process (other keys run in parallel). Used where
 * the database serialises the same work anyway (a row lock): queuing here first keeps a burst
 * of requests for one key from holding every pooled connection while they wait for that lock.
 * The database stays the guarantee across processes; this only saves connections.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last in line removes the key, so the map does not grow with every visit ever booked.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
