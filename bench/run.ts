/**
 * `npm run bench -- <name>…` runs the named benchmarks (all when none is named), prints
 * their figures and writes them to bench/results/<name>.json. Never part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchHttp } from './http.ts';
import { benchLocation } from './location.ts';
import { benchPlanner } from './planner.ts';
import { benchRaptor } from './raptor.ts';
import { benchRealFeeds } from './raptor-feeds.ts';

const args = process.argv.slice(2);
const BENCHMARKS: Record<string, () => Promise<unknown>> = {
  // The region-size synthetic feed and the real feeds of ../shared/data/gtfs, in one run.
  raptor: async () => ({ synthetic: await benchRaptor(), realFeeds: await benchRealFeeds() }),
  http: () => benchHttp(),
  location: () => benchLocation(args.slice(args.indexOf('location') + 1)),
  planner: () => benchPlanner(args.slice(args.indexOf('planner') + 1)),
};

const requested = args.filter((a) => a in BENCHMARKS);
const unknownArgs = args.filter(
  (a) =>
    !a.startsWith('-') &&
    !(a in BENCHMARKS) &&
    !['pmed', 'mclp', 'spopt', 'national', 'espoo', 'espoo-jan', 'regional'].includes(a),
);
if (unknownArgs.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknownArgs.join(', ')}; available: ${Object.keys(BENCHMARKS).join(', ')} (location takes pmed, spopt, mclp, national, --measure-highs; planner takes espoo, espoo-jan, regional, national)\n`,
  );
  process.exit(2);
}
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
for (const name of requested.length > 0 ? requested : Object.keys(BENCHMARKS)) {
  process.stderr.write(`== ${name}\n`);
  const figures = await (BENCHMARKS[name] as () => Promise<unknown>)();
  if (name === 'raptor') console.log(JSON.stringify({ benchmark: name, ...(figures as object) }, null, 2));
  writeFileSync(
    new URL(`./results/${name}.json`, import.meta.url),
    `${JSON.stringify({ benchmark: name, machine, date: new Date().toISOString(), figures }, null, 2)}\n`,
  );
}
