export type { RunProgress } from '../domain/runs';

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
