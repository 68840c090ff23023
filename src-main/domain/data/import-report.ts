import { AppError } from '../errors';

/** One row an import left out, and why; `line` is the 1-based line (CSV: the record's last line). */
export interface SkippedRow {
  file: string;
  line: number;
  reason: string;
}

/** Reports list this many skipped rows; the count is always complete. */
export const MAX_LISTED_SKIPS = 1000;

/** Collects skipped rows for a report, listing the first `MAX_LISTED_SKIPS`. */
export class SkipLog {
  private readonly listed: SkippedRow[] = [];
  private total = 0;

  constructor(readonly file: string) {}

  add(line: number, reason: string): void {
    this.total++;
    if (this.listed.length < MAX_LISTED_SKIPS) this.listed.push({ file: this.file, line, reason });
  }

  get count(): number {
    return this.total;
  }

  get rows(): SkippedRow[] {
    return [...this.listed];
  }

  /**
   * All or nothing: with any skipped row the import stops here, before anything is written, naming the
   * file, the first lines and their reasons.
   */
  refuseIfAny(): void {
    if (this.total === 0) return;
    const first = this.listed
      .slice(0, 5)
      .map((row) => `line ${row.line}: ${row.reason}`)
      .join('; ');
    throw new AppError(
      'bad_file',
      `'${this.file}' has ${this.total} unusable row${this.total === 1 ? '' : 's'} (${first}). Nothing was imported; fix the file and import it again.`,
      { file: this.file, line: this.listed[0]?.line, skipped: this.total },
    );
  }
}
