/**
 * What an unexpected error may say in the log: never form content or personal data. A failed
 * query is logged by its SQL (placeholders only, never the values) and the database's error
 * code and constraint, not its message (PostgreSQL quotes the offending value in some); our own
 * code's place comes from the stack's frames, without the message at its top.
 */
export function describeForLog(error: unknown): string {
  const parts: string[] = [];
  let stack = '';
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      query?: unknown;
      constraint?: unknown;
      table?: unknown;
      column?: unknown;
      stack?: unknown;
    };
    const name = typeof x.name === 'string' ? x.name : 'Error';
    if (!stack && typeof x.stack === 'string')
      stack = x.stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 8)
        .join('\n');
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) {
      const where = [x.table, x.column, x.constraint].filter((v) => typeof v === 'string').join(' ');
      parts.push(`database error ${x.code}${where ? ` (${where})` : ''}`);
    } else if (typeof x.query === 'string') {
      parts.push(`${name}: a query failed: ${x.query}`);
    } else {
      parts.push(`${name}: ${typeof x.message === 'string' ? x.message.split('\n')[0] : String(e)}`);
    }
  }
  return stack ? `${parts.join(' ← ')}\n${stack}` : parts.join(' ← ');
}
