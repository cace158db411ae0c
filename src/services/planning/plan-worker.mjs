// Runs one planning solve in a worker thread, so a long plan never blocks the server's requests
// and a cancelled job ends by terminating the thread (its HiGHS worker goes with it).
// neuvo runs its TypeScript through tsx; a worker starts without the parent's loader, so
// register it here before loading the solver.
import { register } from 'tsx/esm/api';

register();
await import('./plan-worker-main.ts');
