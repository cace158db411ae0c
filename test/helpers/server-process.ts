/**
 * `neuvo start` as a real process of its own (as `npm start` runs it), for the tests of what
 * happens beside it and to it: another command on the same database, a kill -9.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const NEUVO = fileURLToPath(new URL('../../bin/neuvo.js', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to close anything. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts `neuvo start` on a free port with `env` added; resolves once it serves. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [NEUVO, 'start', '--port', '0', '--host', '127.0.0.1'], {
    env: {
      ...process.env,
      NEUVO_DEMO_PLAN_SECONDS: '1',
      NEUVO_PAGE_CACHE_SECONDS: '0',
      // The synthetic history (tested by cli.test.ts and db/demo-history.test.ts) only slows these.
      NEUVO_DEMO_HISTORY: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      const serving = /neuvo is serving (http:\/\/\S+)/.exec(stderr);
      if (serving?.[1]) resolve(serving[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`neuvo start exited with ${code} before serving:\n${stderr}`)),
    );
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid as number,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      return exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
