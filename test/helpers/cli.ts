/** The `neuvo` command run in this process, with its output collected. */
import { runCli } from '../../src/cli/main.ts';

export type CliRun = Awaited<ReturnType<typeof runCli>> & { stdout: string; stderr: string };

export async function runNeuvo(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const result = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
  });
  return { ...result, stdout, stderr };
}
