#!/usr/bin/env node
// Entry point of the `neuvo` command. neuvo is written in TypeScript and run through tsx,
// so a clone works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const result = await runCli(process.argv.slice(2));
if (result.exitCode !== null) {
  process.exitCode = result.exitCode;
} else {
  const stop = async () => {
    await result.running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
