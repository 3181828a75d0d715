import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each run: garbage left by the set-up or an earlier case is not the run's to
// collect. (The run's own garbage is still collected while it runs.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface BenchResult {
  name: string;
  median_ms: number;
  p95_ms: number;
  /** Median of this case divided by the median of its bare baseline, measured in the same run. */
  baseline_ratio: number | null;
}

export interface BenchCase {
  name: string;
  runs: number;
  /** Untimed set-up before each run (a fresh database to import into, say); may be async. */
  prepare?: (index: number) => unknown;
  /** One measured run; may be async. Whatever it returns is kept alive so the work is not optimised away. */
  run: (index: number) => unknown;
  /** The same work done with the bare library (better-sqlite3, pdfkit …), for the ratio. */
  baseline?: (index: number) => unknown;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function time(fn: (index: number) => unknown, runs: number, prepare?: (index: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    await prepare?.(i);
    collectGarbage();
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function measure(benchCase: BenchCase): Promise<BenchResult> {
  const samples = await time(benchCase.run, benchCase.runs, benchCase.prepare);
  const median = percentile(samples, 50);
  let ratio: number | null = null;
  if (benchCase.baseline) {
    const base = await time(benchCase.baseline, benchCase.runs);
    ratio = Math.round((median / Math.max(percentile(base, 50), 0.001)) * 100) / 100;
  }
  const result = { name: benchCase.name, median_ms: round(median), p95_ms: round(percentile(samples, 95)), baseline_ratio: ratio };
  console.log(
    `${result.name.padEnd(44)} median ${String(result.median_ms).padStart(9)} ms   p95 ${String(result.p95_ms).padStart(9)} ms   ×baseline ${ratio ?? '—'}`,
  );
  return result;
}
