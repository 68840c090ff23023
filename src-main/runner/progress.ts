/** What the run monitor shows: counts, speed, ETA and the item being scored. */
export interface RunProgress {
  runId: number;
  state: 'planned' | 'running' | 'paused' | 'cancelled' | 'completed' | 'failed';
  total: number;
  done: number;
  errors: number;
  fromCache: number;
  /** Items per second in this session (cache hits excluded, they are free). */
  ratePerSecond: number | null;
  etaSeconds: number | null;
  current?: {
    itemKey: string;
    questionId: string;
    country: string;
    condition: string;
    imageId: number | null;
    /** The latest result, in original option order. */
    probabilities?: number[];
    coverage?: number;
  };
  message?: string;
}

/** Rate over a sliding window, so the ETA follows the current speed rather than the whole history. */
export class RateMeter {
  private readonly samples: { time: number; count: number }[] = [];

  constructor(private readonly windowMs = 60_000) {}

  record(count: number, time = Date.now()): void {
    this.samples.push({ time, count });
    while (this.samples.length > 2 && (this.samples[0]?.time ?? time) < time - this.windowMs)
      this.samples.shift();
  }

  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (first === undefined || last === undefined || last.time - first.time < 200) return null;
    return (last.count - first.count) / ((last.time - first.time) / 1000);
  }
}
