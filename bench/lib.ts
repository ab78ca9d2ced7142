// A small benchmark framework: each benchmark times what we do ("ours") against a floor
// measured in the same run on the same machine (the least the job could cost), and reports
// the ratio. Optional further subjects ("compare") are reported the same way, e.g. the
// costlier way we chose not to take.
//
// Timing: process.hrtime.bigint() around the subject's run() only; before() and after()
// (fresh inputs, closing handles) are not timed. Warm-up runs are discarded, then the
// subjects take turns run by run (so drift in the machine's speed hits them alike), and the
// median is reported.

export interface Subject<C, P = any, R = any> {
  /** What this subject is, printed next to its figure. */
  label: string;
  /** Not timed: prepares one run (a fresh database, say); its value is handed to run(). */
  before?: (ctx: C) => P | Promise<P>;
  /** Timed. */
  run: (ctx: C, prepared: P) => R | Promise<R>;
  /** Not timed: cleans up after one run, given what run() returned (closing a handle, say). */
  after?: (ctx: C, result: R) => void | Promise<void>;
  /** Measured runs; the benchmark's `runs` when not given. */
  runs?: number;
  /** Discarded runs first; the benchmark's `warmup` when not given. */
  warmup?: number;
}

export interface BenchDefinition<C = void> {
  name: string;
  /** One line: what is measured. */
  description?: string;
  /** Not timed: builds what every run needs (files, keys, data). */
  setup?: () => C | Promise<C>;
  teardown?: (ctx: C) => void | Promise<void>;
  ours: Subject<C>;
  floor: Subject<C>;
  compare?: Subject<C>[];
  /** Measured runs per subject unless the subject says otherwise. */
  runs: number;
  /** Discarded runs per subject unless the subject says otherwise (default 3). */
  warmup?: number;
}

export function defineBench<C = void>(definition: BenchDefinition<C>): BenchDefinition<C> {
  return definition;
}

export interface SubjectResult {
  label: string;
  runs: number;
  /** Milliseconds. */
  median: number;
  min: number;
  max: number;
}

export interface BenchResult {
  name: string;
  description: string | undefined;
  ours: SubjectResult;
  floor: SubjectResult;
  compare: SubjectResult[];
  /** ours.median / floor.median: 1 is as cheap as the floor. */
  ratio: number;
}

async function once<C>(subject: Subject<C>, ctx: C): Promise<number> {
  const prepared = subject.before ? await subject.before(ctx) : undefined;
  const start = process.hrtime.bigint();
  let result = subject.run(ctx, prepared);
  if (result instanceof Promise) result = await result;
  const elapsed = process.hrtime.bigint() - start;
  if (subject.after) await subject.after(ctx, result);
  return Number(elapsed) / 1e6;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function runBench<C>(definition: BenchDefinition<C>): Promise<BenchResult> {
  const subjects = [definition.ours, definition.floor, ...(definition.compare ?? [])];
  const ctx = (definition.setup ? await definition.setup() : undefined) as C;
  try {
    for (const subject of subjects) {
      const warmup = subject.warmup ?? definition.warmup ?? 3;
      for (let i = 0; i < warmup; i++) await once(subject, ctx);
    }
    const samples = subjects.map(() => [] as number[]);
    const wanted = subjects.map((s) => s.runs ?? definition.runs);
    for (let round = 0; samples.some((s, i) => s.length < wanted[i]!); round++) {
      // Take turns, starting with a different subject each round.
      for (let k = 0; k < subjects.length; k++) {
        const i = (round + k) % subjects.length;
        if (samples[i]!.length < wanted[i]!) samples[i]!.push(await once(subjects[i]!, ctx));
      }
    }
    const results = subjects.map((subject, i): SubjectResult => {
      const s = samples[i]!;
      return { label: subject.label, runs: s.length, median: median(s), min: Math.min(...s), max: Math.max(...s) };
    });
    const [ours, floor, ...compare] = results as [SubjectResult, SubjectResult, ...SubjectResult[]];
    return { name: definition.name, description: definition.description, ours, floor, compare, ratio: ours.median / floor.median };
  } finally {
    if (definition.teardown) await definition.teardown(ctx);
  }
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

function formatRatio(r: number): string {
  return r >= 100 ? r.toFixed(0) : r.toPrecision(3);
}

/** A block per benchmark, then one summary line: name, ours, floor, ratio. */
export function formatResult(r: BenchResult): string {
  const labelWidth = Math.max(...[r.ours, r.floor, ...r.compare].map((s) => s.label.length));
  const line = (role: string, s: SubjectResult, ratio?: string) =>
    `  ${role.padEnd(6)} ${s.label.padEnd(labelWidth)}  median ${formatMs(s.median).padStart(9)}` +
    `  (n=${s.runs}, min ${formatMs(s.min)}, max ${formatMs(s.max)})${ratio ? `  ${ratio}` : ''}`;
  return [
    r.description ? `${r.name}: ${r.description}` : r.name,
    line('ours', r.ours),
    line('floor', r.floor, `ours/floor ${formatRatio(r.ratio)}`),
    ...r.compare.map((c) => line('vs', c, `ours/this ${formatRatio(r.ours.median / c.median)}`)),
    `  => ${r.name}  ours ${formatMs(r.ours.median)}  floor ${formatMs(r.floor.median)}  ratio ${formatRatio(r.ratio)}`,
  ].join('\n');
}
