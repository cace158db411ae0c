/**
 * One process at a time on an embedded database directory. PGlite is PostgreSQL inside one
 * process: a second process that opened the same directory would write over the first one's
 * files, or work on a copy the first never sees, and lose its writes. So every process that
 * opens a directory holds a lock file beside it (`<dir>.lock`) naming itself; another process
 * finds it and is refused with who holds the directory. A lock left by a process that no longer
 * runs (killed, machine restarted) is taken over.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Who holds a directory, as written in its lock file. */
export interface LockHolder {
  readonly pid: number;
  /** The process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it. */
  readonly started: string | null;
  /** The command line, e.g. `neuvo plan --from 2027-01-04`. */
  readonly command: string;
  /** Set by a server once it listens. */
  readonly serverUrl: string | null;
}

/** Another process holds the directory; the message says which and what to do. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(busyMessage(dataDir, holder));
    this.name = 'DataDirBusyError';
  }
}

function busyMessage(dataDir: string, holder: LockHolder | null): string {
  const remedy = 'or set DATABASE_URL to a PostgreSQL server, which several processes can share';
  if (holder?.serverUrl) {
    const port = new URL(holder.serverUrl).port;
    return `the neuvo server on port ${port} (process ${holder.pid}) holds the embedded database in ${dataDir}; stop it first (its writes are safe), ${remedy}`;
  }
  if (holder) {
    return `another neuvo process (${holder.pid}: ${holder.command}) holds the embedded database in ${dataDir}; wait for it to finish, ${remedy}`;
  }
  return `another process holds the embedded database in ${dataDir}; ${remedy}`;
}

export interface DataDirLock {
  /** Tells processes that find the lock that a server holds it, and where it answers. */
  announceServer(url: string): void;
  release(): void;
}

/** Directories this process holds, with what their lock says (a second open here is refused too). */
const heldHere = new Map<string, LockHolder>();

function processStart(pid: number | 'self'): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

function readHolder(path: string): LockHolder | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return {
      pid: parsed.pid,
      started: typeof parsed.started === 'string' ? parsed.started : null,
      command: typeof parsed.command === 'string' ? parsed.command : '',
      serverUrl: typeof parsed.serverUrl === 'string' ? parsed.serverUrl : null,
    };
  } catch {
    return null;
  }
}

/**
 * Takes the directory's lock for this process, or throws {@link DataDirBusyError}. The file is
 * written whole under a temporary name and then linked into place, so a reader never sees half
 * of it and two processes cannot both succeed.
 */
export function lockDataDir(dataDir: string, shownAs = dataDir): DataDirLock {
  const absolute = resolve(dataDir);
  const path = `${absolute}.lock`;
  const mine = heldHere.get(absolute);
  if (mine) throw new DataDirBusyError(shownAs, mine);
  // On a fresh clone `.neuvo` does not exist yet: the lock is the first thing written there.
  mkdirSync(dirname(path), { recursive: true });
  const write = (holder: LockHolder) => {
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    return temporary;
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    const temporary = write(ownHolder(null));
    try {
      linkSync(temporary, path);
      heldHere.set(absolute, ownHolder(null));
      return {
        announceServer(url) {
          const me = ownHolder(url);
          heldHere.set(absolute, me);
          // Replaced in one rename: a reader sees the old or the new content, never a part.
          renameSync(write(me), path);
        },
        release() {
          if (!heldHere.delete(absolute)) return;
          const holder = readHolder(path);
          if (holder !== 'gone' && holder?.pid === process.pid) unlinkQuietly(path);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkQuietly(temporary);
    }
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder === null || !isRunning(holder)) {
      // Left by a process that is gone (or unreadable: neuvo never leaves half a file): take it over.
      unlinkQuietly(path);
      continue;
    }
    throw new DataDirBusyError(shownAs, holder);
  }
  throw new DataDirBusyError(shownAs, null);
}

function ownHolder(serverUrl: string | null): LockHolder {
  return {
    pid: process.pid,
    started: processStart('self'),
    command: ['neuvo', ...process.argv.slice(2)].join(' '),
    serverUrl,
  };
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
