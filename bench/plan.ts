/**
 * `npm run bench:plan`: how long the plan takes for 1,000 live clients and a 1,000-entry file
 * (bench/plan-fixture.ts), in this process, without the API: reading the file (YAML/JSON parse
 * and checks) and the diff itself (target: under 200 ms). Median, min and max of BENCH_RUNS
 * runs (default 20) after 3 warm-ups.
 */
import { performance } from 'node:perf_hooks';
import { parseClientsFile } from '../src/clients/clients-file.js';
import { computePlan, countChanges } from '../src/clients/plan.js';
import { PLAN_SIZE, planFixture } from './plan-fixture.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_MS = 200;

const { live, fileText } = planFixture();
const parse: number[] = [];
const diff: number[] = [];
let summary: ReturnType<typeof countChanges> | undefined;
for (let run = 0; run < RUNS + 3; run++) {
  const started = performance.now();
  const file = await parseClientsFile(fileText, 'bench.json', { prune: true });
  const parsed = performance.now();
  const plan = computePlan(file.entries, live, { prune: true });
  const done = performance.now();
  summary = countChanges(plan);
  if (run >= 3) {
    parse.push(parsed - started);
    diff.push(done - parsed);
  }
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(1)} ms, min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}`;
};
const medianDiff = [...diff].sort((a, b) => a - b)[Math.floor(diff.length / 2)] as number;
console.log(`plan: ${PLAN_SIZE} live clients x ${PLAN_SIZE}-entry file, ${RUNS} runs`);
console.log(`  changes: ${JSON.stringify(summary)}`);
console.log(`  read the file: ${stats(parse)}`);
console.log(`  the diff:      ${stats(diff)} (target < ${TARGET_MS} ms)`);
if (medianDiff > TARGET_MS) {
  console.log('  target missed');
  process.exitCode = 1;
}
