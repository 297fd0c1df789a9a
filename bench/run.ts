/**
 * `npm run bench`: start-up time, delete latency, peak memory and batch throughput of the built
 * cf-oauth, each against a baseline measured in the same run, written to bench/RESULTS.md.
 *
 * - Every figure is a whole process (`node …`), spawned with spawnSync and timed from spawn to
 *   exit. The API emulator runs in a child process of its own (bench/emulator.ts), so it keeps
 *   answering while this process is blocked in spawnSync, and nothing it does runs on the
 *   event loop of the process that times the command.
 * - Candidates run round-robin, one run of each per round, in an order rotated every round, so
 *   drift (thermal, other load, caches) hits all of them alike. The first BENCH_WARMUP rounds
 *   (default 3) are discarded; medians are over BENCH_RUNS rounds (default 15). Each round
 *   starts once the CPUs are mostly idle (IdleGate), so other work on the machine counts less.
 * - Peak RSS comes from separate runs, interleaved with the timed ones, in which a preload
 *   (bench/maxrss.cjs) records process.resourceUsage().maxRSS at exit. Every candidate gets the
 *   same preload; the timed runs get none.
 * - Each delete gets a client ID created just for it, and every ID is checked to be really
 *   deleted at the end; any unexpected exit code aborts the bench.
 * - Exits 1 when a target is missed by more than 10 %, 2 when the bench itself cannot run.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Ready, Request } from './emulator.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'cf-oauth.js');
const BARE_BATCH = path.join(ROOT, 'bench', 'baseline-batch.mjs');
/** The full CLI, without the bin's recorded help: what `--help` costs on a terminal. */
const MAIN = path.join(ROOT, 'dist', 'main.js');
const PRELOAD = path.join(ROOT, 'bench', 'maxrss.cjs');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');

const RUNS = envInt('BENCH_RUNS', 15);
const WARMUP = envInt('BENCH_WARMUP', 3);
const BATCH_RUNS = envInt('BENCH_BATCH_RUNS', 3);
const BATCH_SIZE = envInt('BENCH_BATCH_SIZE', 10_000);
const IDLE_WAIT_S = envInt('BENCH_IDLE_WAIT', 30);
const CONCURRENCY = 16;
const TOLERANCE = 0.1;

class BenchError extends Error {}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchError(`${name} must be >= 1: ${raw}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The emulator child

class EmulatorProcess {
  private seq = 0;
  private readonly pending = new Map<number, (reply: Record<string, unknown>) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Ready,
  ) {
    child.on('message', (reply: Record<string, unknown>) => {
      const resolve = this.pending.get(reply.seq as number);
      this.pending.delete(reply.seq as number);
      resolve?.(reply);
    });
  }

  static start(): Promise<EmulatorProcess> {
    const child = fork(path.join(ROOT, 'bench', 'emulator.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (ready: Ready) => resolve(new EmulatorProcess(child, ready)));
      child.once('exit', (code) => reject(new BenchError(`emulator exited early (${code})`)));
    });
  }

  /** Creates `count` fresh OAuth clients and returns their IDs. */
  async seed(count: number, tls: boolean): Promise<string[]> {
    return (await this.request({ type: 'seed', count, tls })).ids as string[];
  }

  /** Fails unless every one of `ids` was really deleted on the server. */
  async verifyDeleted(ids: string[], what: string): Promise<void> {
    const missing = (await this.request({ type: 'verify', ids })).missing as string[];
    if (missing.length > 0) {
      throw new BenchError(`${what}: ${missing.length} of ${ids.length} IDs were not deleted`);
    }
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private request(body: DistributiveOmit<Request, 'seq'>): Promise<Record<string, unknown>> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.child.send({ ...body, seq });
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

// ---------------------------------------------------------------------------------------------
// Running one process

interface Run {
  ms: number;
  /** Peak RSS in KiB, on runs made with the preload. */
  rssKiB?: number;
  stdout: string;
}

interface RunOptions {
  input?: string;
  /** Variables added to the runner's environment. */
  env?: NodeJS.ProcessEnv;
  /** Record peak RSS through the preload (a separate run from the timed ones). */
  rss?: boolean;
}

class Runner {
  private rssRuns = 0;

  constructor(
    private readonly workDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Runs `node <args>`; any exit code but 0 is a bench failure. */
  run(label: string, args: string[], opts: RunOptions = {}): Run {
    const rssFile = path.join(this.workDir, `rss-${++this.rssRuns}`);
    const argv = opts.rss ? ['--require', PRELOAD, ...args] : args;
    const base = opts.env ? { ...this.env, ...opts.env } : this.env;
    const env = opts.rss ? { ...base, CF_BENCH_RSS_FILE: rssFile } : base;
    const start = performance.now();
    const result = spawnSync(process.execPath, argv, {
      cwd: this.workDir,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
      ...(opts.input === undefined
        ? { stdio: ['ignore', 'pipe', 'pipe'] }
        : { input: opts.input, stdio: ['pipe', 'pipe', 'pipe'] }),
    });
    const ms = performance.now() - start;
    if (result.error || result.status !== 0) {
      const why = result.error?.message ?? `exit ${result.status ?? result.signal}`;
      const stderr = (result.stderr ?? '').trim().split('\n').slice(-5).join('\n  ');
      throw new BenchError(`${label} failed (${why}): node ${args.join(' ')}\n  ${stderr}`);
    }
    const run: Run = { ms, stdout: result.stdout };
    if (opts.rss) {
      run.rssKiB = Number(readFileSync(rssFile, 'utf8'));
      rmSync(rssFile);
    }
    return run;
  }
}

// ---------------------------------------------------------------------------------------------
// Waiting for a quiet machine

/**
 * Other work on the machine (a test run, a build) slows whatever runs beside it, and unevenly.
 * Each round and each batch run starts once the CPUs were at least 80 % idle over half a second,
 * or after BENCH_IDLE_WAIT seconds (default 30); the report says how many started busy. The
 * wait is never timed, and a round's candidates all run under the same conditions.
 */
class IdleGate {
  starts = 0;
  busyStarts = 0;

  async wait(): Promise<void> {
    this.starts++;
    const deadline = performance.now() + IDLE_WAIT_S * 1000;
    while ((await idleShareOver(500)) < 0.8) {
      if (performance.now() > deadline) {
        this.busyStarts++;
        return;
      }
    }
  }
}

/** The share of all CPUs' time spent idle over the next `ms`. */
async function idleShareOver(ms: number): Promise<number> {
  const before = os.cpus();
  await new Promise((resolve) => setTimeout(resolve, ms));
  let idle = 0;
  let total = 0;
  os.cpus().forEach((cpu, index) => {
    const start = before[index]?.times;
    if (!start) return;
    for (const key of Object.keys(cpu.times) as Array<keyof os.CpuInfo['times']>) {
      const spent = cpu.times[key] - start[key];
      total += spent;
      if (key === 'idle') idle += spent;
    }
  });
  return total === 0 ? 1 : idle / total;
}

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  median: number;
  min: number;
  p90: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(mid)] ?? NaN)
      : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, p90: at(0.9), max: sorted[sorted.length - 1] ?? NaN };
}

// ---------------------------------------------------------------------------------------------
// The candidates

interface Candidate {
  key:
    | 'node'
    | 'help'
    | 'fullHelp'
    | 'delete'
    | 'create'
    | 'rotate'
    | 'http'
    | 'sdk'
    | 'deleteTls'
    | 'https';
  label: string;
  /** Arguments after `node`; `id` is a fresh client ID when `usesId` is set. */
  args(id: string, account: string): string[];
  usesId: boolean;
  /** The run deletes the client `id`: checked on the server at the end. */
  deletes: boolean;
  /** Against the HTTPS emulator, trusting its CA through NODE_EXTRA_CA_CERTS. */
  tls?: boolean;
}

const CANDIDATES: Candidate[] = [
  { key: 'node', label: '`node -e 0`', args: () => ['-e', '0'], usesId: false, deletes: false },
  {
    key: 'help',
    label: '`cf-oauth --help`',
    args: () => [BIN, '--help'],
    usesId: false,
    deletes: false,
  },
  {
    key: 'fullHelp',
    label: '`node dist/main.js --help` (full CLI, as on a terminal; no target)',
    args: () => [MAIN, '--help'],
    usesId: false,
    deletes: false,
  },
  {
    key: 'delete',
    label: '`cf-oauth delete <id> --account <acct>`',
    args: (id, account) => [BIN, 'delete', id, '--account', account],
    usesId: true,
    deletes: true,
  },
  {
    key: 'create',
    label: '`cf-oauth create --name … --redirect-uri … --scope … --json --account <acct>`',
    args: (_id, account) => [
      BIN,
      'create',
      '--name',
      'Bench client',
      '--redirect-uri',
      'https://bench.example.com/callback',
      '--scope',
      'account.read',
      '--json',
      '--account',
      account,
    ],
    usesId: false,
    deletes: false,
  },
  {
    key: 'rotate',
    label: '`cf-oauth rotate-secret <id> --json --account <acct>`',
    args: (id, account) => [BIN, 'rotate-secret', id, '--json', '--account', account],
    usesId: true,
    deletes: false,
  },
  {
    key: 'http',
    label: '`bench/baseline-http.mjs` (node:http DELETE)',
    args: (id, account) => [path.join(ROOT, 'bench', 'baseline-http.mjs'), id, account],
    usesId: true,
    deletes: true,
  },
  {
    key: 'deleteTls',
    label: '`cf-oauth delete <id> --account <acct>` over HTTPS',
    args: (id, account) => [BIN, 'delete', id, '--account', account],
    usesId: true,
    deletes: true,
    tls: true,
  },
  {
    key: 'https',
    label: '`bench/baseline-http.mjs` over HTTPS (node:https DELETE)',
    args: (id, account) => [path.join(ROOT, 'bench', 'baseline-http.mjs'), id, account],
    usesId: true,
    deletes: true,
    tls: true,
  },
  {
    key: 'sdk',
    label: '`bench/baseline-sdk.mjs` (cloudflare SDK)',
    args: (id, account) => [path.join(ROOT, 'bench', 'baseline-sdk.mjs'), id, account],
    usesId: true,
    deletes: true,
  },
];

interface Measured {
  candidate: Candidate;
  time: Stats;
  rss: Stats;
}

async function measureSingles(
  emulator: EmulatorProcess,
  runner: Runner,
  gate: IdleGate,
): Promise<Measured[]> {
  const { account, tlsUrl, caFile } = emulator.ready;
  const tlsEnv = { CLOUDFLARE_API_BASE_URL: tlsUrl, NODE_EXTRA_CA_CERTS: caFile };
  const times = new Map<Candidate, number[]>(CANDIDATES.map((c) => [c, []]));
  const rss = new Map<Candidate, number[]>(CANDIDATES.map((c) => [c, []]));
  const used = new Map<Candidate, string[]>(CANDIDATES.map((c) => [c, []]));
  const usingIds = (tls: boolean) => CANDIDATES.filter((c) => c.usesId && !!c.tls === tls).length;

  for (let round = 0; round < WARMUP + RUNS; round++) {
    const warm = round < WARMUP;
    process.stdout.write(`${warm ? 'warm-up' : 'round'} ${warm ? round + 1 : round - WARMUP + 1}`);
    const plainIds = await emulator.seed(2 * usingIds(false), false);
    const tlsIds = await emulator.seed(2 * usingIds(true), true);
    await gate.wait();
    for (let i = 0; i < CANDIDATES.length; i++) {
      const c = CANDIDATES[(i + round) % CANDIDATES.length] as Candidate;
      const ids = c.tls ? tlsIds : plainIds;
      const env = c.tls ? tlsEnv : undefined;
      const timedId = c.usesId ? (ids.pop() as string) : '';
      const rssId = c.usesId ? (ids.pop() as string) : '';
      const timed = runner.run(c.label, c.args(timedId, account), { env });
      const sized = runner.run(c.label, c.args(rssId, account), { rss: true, env });
      if ((c.key === 'help' || c.key === 'fullHelp') && !timed.stdout.includes('Usage')) {
        throw new BenchError(`${c.label} printed no usage`);
      }
      if ((c.key === 'create' || c.key === 'rotate') && !timed.stdout.includes('client_secret')) {
        throw new BenchError(`${c.label} printed no secret`);
      }
      if (c.deletes) used.get(c)?.push(timedId, rssId);
      if (!warm) {
        times.get(c)?.push(timed.ms);
        rss.get(c)?.push((sized.rssKiB ?? NaN) / 1024);
      }
    }
    process.stdout.write(' ');
  }
  process.stdout.write('\n');

  for (const c of CANDIDATES) {
    if (c.deletes) await emulator.verifyDeleted(used.get(c) ?? [], c.label);
  }
  return CANDIDATES.map((c) => ({
    candidate: c,
    time: stats(times.get(c) ?? []),
    rss: stats(rss.get(c) ?? []),
  }));
}

interface Batch {
  ms: Stats;
  perSecond: Stats;
  rssMiB: Stats;
  /** bench/baseline-batch.mjs on the same number of IDs at the same concurrency. */
  bareMs: Stats;
}

/** `delete --from-file -` with BATCH_SIZE IDs on stdin; one warm-up run, then BATCH_RUNS. */
async function measureBatch(
  emulator: EmulatorProcess,
  runner: Runner,
  gate: IdleGate,
): Promise<Batch | string> {
  const help = runner.run('cf-oauth delete --help', [BIN, 'delete', '--help']).stdout;
  if (!help.includes('--from-file')) return 'not measured (batch mode not available)';
  const { account } = emulator.ready;
  const ms: number[] = [];
  const rssMiB: number[] = [];
  const bareMs: number[] = [];
  for (let round = 0; round < 1 + BATCH_RUNS; round++) {
    process.stdout.write(`batch ${round === 0 ? 'warm-up' : round} `);
    const ids = await emulator.seed(BATCH_SIZE, false);
    const args = [BIN, 'delete', '--from-file', '-', '--concurrency', String(CONCURRENCY)];
    args.push('--yes', '--account', account);
    await gate.wait();
    const run = runner.run('batch delete', args, { input: `${ids.join('\n')}\n`, rss: true });
    await emulator.verifyDeleted(ids, 'batch delete');
    const bareIds = await emulator.seed(BATCH_SIZE, false);
    await gate.wait();
    const bare = runner.run('bare batch', [BARE_BATCH, account, String(CONCURRENCY)], {
      input: `${bareIds.join('\n')}\n`,
    });
    await emulator.verifyDeleted(bareIds, 'bare batch');
    if (round > 0) {
      ms.push(run.ms);
      rssMiB.push((run.rssKiB ?? NaN) / 1024);
      bareMs.push(bare.ms);
    }
  }
  process.stdout.write('\n');
  return {
    ms: stats(ms),
    perSecond: stats(ms.map((t) => BATCH_SIZE / (t / 1000))),
    rssMiB: stats(rssMiB),
    bareMs: stats(bareMs),
  };
}

// ---------------------------------------------------------------------------------------------
// Targets and the report

interface Target {
  what: string;
  /** Undefined when not measured; `note` says why. */
  measured?: number;
  note?: string;
  limit: number;
  /** 'max': measured must be <= limit; 'min': measured must be >= limit. */
  kind: 'max' | 'min';
  format(n: number): string;
}

type Verdict = 'pass' | 'miss (within 10 %)' | 'FAIL' | 'not measured';

function verdict(t: Target): Verdict {
  if (t.measured === undefined) return 'not measured';
  const m = t.measured;
  if (t.kind === 'max') {
    if (m <= t.limit) return 'pass';
    return m <= t.limit * (1 + TOLERANCE) ? 'miss (within 10 %)' : 'FAIL';
  }
  if (m >= t.limit) return 'pass';
  return m >= t.limit * (1 - TOLERANCE) ? 'miss (within 10 %)' : 'FAIL';
}

const x = (n: number): string => `${n.toFixed(2)}x`;
const f1 = (n: number): string => n.toFixed(1);

function targets(singles: Measured[], batch: Batch | string): Target[] {
  const get = (key: Candidate['key']): Measured => {
    const m = singles.find((s) => s.candidate.key === key);
    if (!m) throw new BenchError(`no figures for ${key}`);
    return m;
  };
  const node = get('node');
  const help = get('help');
  const del = get('delete');
  const http = get('http');
  const sdk = get('sdk');
  const delTls = get('deleteTls');
  const https = get('https');
  const list: Target[] = [
    {
      what: '`--help` time / `node -e 0` time',
      measured: help.time.median / node.time.median,
      limit: 1.25,
      kind: 'max',
      format: x,
    },
    {
      what: 'delete time / node:http baseline time',
      measured: del.time.median / http.time.median,
      limit: 1.5,
      kind: 'max',
      format: x,
    },
    {
      what: 'HTTPS delete time / node:https baseline time',
      measured: delTls.time.median / https.time.median,
      limit: 1.5,
      kind: 'max',
      format: x,
    },
    {
      what: 'SDK baseline time / delete time (speed-up)',
      measured: sdk.time.median / del.time.median,
      limit: 4,
      kind: 'min',
      format: x,
    },
    {
      what: 'create time / delete time',
      measured: get('create').time.median / del.time.median,
      limit: 1,
      kind: 'max',
      format: x,
    },
    {
      what: 'rotate-secret time / delete time',
      measured: get('rotate').time.median / del.time.median,
      limit: 1,
      kind: 'max',
      format: x,
    },
    {
      what: 'delete peak RSS / `node -e 0` peak RSS',
      measured: del.rss.median / node.rss.median,
      limit: 1.3,
      kind: 'max',
      format: x,
    },
  ];
  // The batch's deletes/s is reported (in its table), not judged: it is the machine's speed as
  // much as cf-oauth's. Its target is relative, to a bare loop in the same run (issue #10).
  list.push(
    {
      what: `batch time / bare keep-alive node:http loop time (${CONCURRENCY} in flight, same IDs count)`,
      ...(typeof batch === 'string'
        ? { note: batch }
        : { measured: batch.ms.median / batch.bareMs.median }),
      limit: 3.5,
      kind: 'max',
      format: x,
    },
    {
      what: 'batch: peak RSS, MiB (highest of the runs)',
      ...(typeof batch === 'string' ? { note: batch } : { measured: batch.rssMiB.max }),
      limit: 120,
      kind: 'max',
      format: f1,
    },
  );
  return list;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall through.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function gitRevision(): string {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
  if (rev.status !== 0) return 'unknown';
  return `${rev.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' (uncommitted changes)'}`;
}

function report(
  singles: Measured[],
  batch: Batch | string,
  goals: Target[],
  loadavg: number,
  gate: IdleGate,
): string {
  const ms = (s: Stats): string => `${f1(s.median)} | ${f1(s.min)} | ${f1(s.p90)} | ${f1(s.max)}`;
  const lines = [
    '# cf-oauth benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts); see bench/README.md for the method.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpuModel()}, ${os.availableParallelism()} cores, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Load average (1 min) at start: ${loadavg.toFixed(2)}; rounds and batch runs started ` +
      `with the CPUs busy (not 80 % idle within ${IDLE_WAIT_S} s): ${gate.busyStarts} of ${gate.starts}`,
    `- Node ${process.version}; cf-oauth at ${gitRevision()}`,
    `- Runs: ${WARMUP} warm-up + ${RUNS} measured rounds, round-robin; ` +
      `batch: 1 warm-up + ${BATCH_RUNS} runs of ${BATCH_SIZE} IDs`,
    '',
    '## Targets',
    '',
    '| Target | Measured | Limit | Result |',
    '| --- | ---: | ---: | --- |',
    ...goals.map((t) => {
      const limit = `${t.kind === 'max' ? '≤' : '≥'} ${t.format(t.limit)}`;
      const measured = t.measured === undefined ? (t.note ?? '') : t.format(t.measured);
      return `| ${t.what} | ${measured} | ${limit} | ${verdict(t)} |`;
    }),
    '',
    '"miss (within 10 %)" does not fail the bench; "FAIL" (missed by more than 10 %) does.',
    '',
    '## Single commands (whole process, spawn to exit)',
    '',
    '| Command | Median ms | Min ms | p90 ms | Max ms | Peak RSS MiB (median) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...singles.map((s) => `| ${s.candidate.label} | ${ms(s.time)} | ${f1(s.rss.median)} |`),
    '',
    '## Batch delete',
    '',
  ];
  if (typeof batch === 'string') {
    lines.push(`\`cf-oauth delete --from-file - --concurrency ${CONCURRENCY} --yes\`: ${batch}.`);
  } else {
    lines.push(
      '| Figure | Median | Min | p90 | Max |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| Wall time, ms | ${ms(batch.ms)} |`,
      `| Deletes/s (${BATCH_SIZE} / wall time) | ${batch.perSecond.median.toFixed(0)} | ` +
        `${batch.perSecond.min.toFixed(0)} | ${batch.perSecond.p90.toFixed(0)} | ` +
        `${batch.perSecond.max.toFixed(0)} |`,
      `| Peak RSS, MiB | ${ms(batch.rssMiB)} |`,
      `| Bare keep-alive node:http loop (bench/baseline-batch.mjs), wall time, ms | ${ms(batch.bareMs)} |`,
      '',
      'Deletes/s is a figure, not a target: it depends on the machine. The batch is judged against',
      'the bare loop, run in the same bench (bench/README.md).',
    );
  }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const loadavg = os.loadavg()[0] ?? 0;
  const check = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new BenchError(`cf-oauth does not run (npm run build first?):\n${check.stderr}`);
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cf-oauth-bench-'));
  const emulator = await EmulatorProcess.start();
  try {
    // A clean, identical environment for every candidate: no rc file (HOME and cwd are an
    // empty directory), no npm_* variables, credentials and base URL from the environment.
    const runner = new Runner(workDir, {
      PATH: process.env.PATH ?? '',
      HOME: workDir,
      CLOUDFLARE_API_TOKEN: emulator.ready.token,
      CLOUDFLARE_API_BASE_URL: emulator.ready.url,
    });
    console.log(`emulator at ${emulator.ready.url}; ${WARMUP} warm-up + ${RUNS} rounds`);
    const gate = new IdleGate();
    const singles = await measureSingles(emulator, runner, gate);
    const batch = await measureBatch(emulator, runner, gate);
    const goals = targets(singles, batch);
    const markdown = report(singles, batch, goals, loadavg, gate);
    writeFileSync(RESULTS, markdown);
    console.log(`\n${markdown}\nwritten to ${path.relative(process.cwd(), RESULTS)}`);
    const failed = goals.filter((t) => verdict(t) === 'FAIL');
    if (failed.length > 0) {
      console.error(`missed by more than 10 %: ${failed.map((t) => t.what).join('; ')}`);
      return 1;
    }
    return 0;
  } finally {
    emulator.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
