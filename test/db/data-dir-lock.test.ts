/** The embedded database directory's lock: one process at a time, a dead holder's lock taken over. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir } from '../../src/db/data-dir-lock.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'neuvo-lock-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The start time /proc gives a process, as the lock records it. */
function started(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('data directory lock', () => {
  it('lets one holder in at a time, in this process too, and lets go on release', () => {
    const data = join(dir, 'one');
    const lock = lockDataDir(data);
    expect(existsSync(`${data}.lock`)).toBe(true);
    expect(() => lockDataDir(data)).toThrow(DataDirBusyError);
    lock.announceServer('http://localhost:3456');
    expect(() => lockDataDir(data)).toThrow(`the neuvo server on port 3456 (process ${process.pid})`);
    lock.release();
    expect(existsSync(`${data}.lock`)).toBe(false);
    lockDataDir(data).release();
  });

  it('creates the folders the directory lives in, as on a fresh clone', () => {
    const data = join(dir, 'fresh', '.neuvo', 'data');
    const lock = lockDataDir(data);
    expect(existsSync(`${data}.lock`)).toBe(true);
    lock.release();
  });

  it('refuses while another running process holds it, naming it', () => {
    const data = join(dir, 'other');
    const holder = {
      pid: process.ppid,
      started: started(process.ppid),
      command: 'neuvo plan --from 2027-01-04',
    };
    writeFileSync(`${data}.lock`, JSON.stringify({ ...holder, serverUrl: null }));
    expect(() => lockDataDir(data, '.neuvo/data')).toThrow(
      `another neuvo process (${process.ppid}: neuvo plan --from 2027-01-04) holds the embedded database in .neuvo/data`,
    );
    writeFileSync(`${data}.lock`, JSON.stringify({ ...holder, serverUrl: 'http://localhost:3000' }));
    let error: unknown;
    try {
      lockDataDir(data, '.neuvo/data');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirBusyError);
    expect((error as Error).message).toBe(
      `the neuvo server on port 3000 (process ${process.ppid}) holds the embedded database in .neuvo/data; stop it first (its writes are safe), or set DATABASE_URL to a PostgreSQL server, which several processes can share`,
    );
  });

  it('takes over the lock of a process that is gone, of a reused pid, and an unreadable one', () => {
    const data = join(dir, 'stale');
    for (const content of [
      JSON.stringify({
        pid: deadPid(),
        started: null,
        command: 'neuvo start',
        serverUrl: 'http://localhost:3000',
      }),
      // A running process, but not the one that wrote the lock (its start time differs).
      JSON.stringify({ pid: process.ppid, started: '1', command: 'neuvo start', serverUrl: null }),
      '{"pid":',
    ]) {
      writeFileSync(`${data}.lock`, content);
      const lock = lockDataDir(data);
      expect(JSON.parse(readFileSync(`${data}.lock`, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });
});
