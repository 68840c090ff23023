/** Running weight and count of one answer code. */
export interface CodeTally {
  weight: number;
  n: number;
}

export interface TallyCell {
  country: string;
  /** '' for the whole country, else a subgroup key such as `sex:female`. */
  subgroup: string;
  question: number;
  codes: ReadonlyMap<number, CodeTally>;
}

/** The running counts of one (country, subgroup): one code map per question. */
export class CellCounts {
  private readonly questions: Map<number, CodeTally>[];

  constructor(
    readonly country: string,
    readonly subgroup: string,
    questionCount: number,
  ) {
    this.questions = Array.from({ length: questionCount }, () => new Map<number, CodeTally>());
  }

  add(question: number, code: number, weight: number): void {
    const codes = this.questions[question];
    if (codes === undefined) throw new RangeError(`question index ${question} out of range`);
    const tally = codes.get(code);
    if (tally === undefined) codes.set(code, { weight, n: 1 });
    else {
      tally.weight += weight;
      tally.n += 1;
    }
  }

  *entries(): Generator<TallyCell> {
    for (let question = 0; question < this.questions.length; question++) {
      const codes = this.questions[question]!;
      if (codes.size > 0) yield { country: this.country, subgroup: this.subgroup, question, codes };
    }
  }
}

/**
 * Weighted answer counts per (country, subgroup, question, code). Only these running sums are kept, so
 * memory grows with countries × subgroups × items × codes and never with the number of respondents.
 */
export class WeightedAnswerTally {
  private readonly cells = new Map<string, CellCounts>();

  constructor(private readonly questionCount: number) {}

  /**
   * The counts of one country and subgroup. A respondent file has hundreds of items per row: callers
   * look the cell up once per respondent and add every answer to it.
   */
  cell(country: string, subgroup: string): CellCounts {
    const key = `${country}\u0000${subgroup}`;
    let cell = this.cells.get(key);
    if (cell === undefined) {
      cell = new CellCounts(country, subgroup, this.questionCount);
      this.cells.set(key, cell);
    }
    return cell;
  }

  add(country: string, subgroup: string, question: number, code: number, weight: number): void {
    this.cell(country, subgroup).add(question, code, weight);
  }

  *entries(): Generator<TallyCell> {
    for (const cell of this.cells.values()) yield* cell.entries();
  }
}

/**
 * Shares of each option (in `optionCodes` order) among the answers that count, with n and the weight
 * sum; null when no weight is left. Codes not listed are not part of the distribution.
 */
export function weightedShares(
  codes: ReadonlyMap<number, CodeTally>,
  optionCodes: readonly number[],
): { values: number[]; n: number; weightSum: number } | null {
  let weightSum = 0;
  let n = 0;
  const weights = optionCodes.map((code) => {
    const tally = codes.get(code);
    weightSum += tally?.weight ?? 0;
    n += tally?.n ?? 0;
    return tally?.weight ?? 0;
  });
  if (!(weightSum > 0)) return null;
  return { values: weights.map((weight) => weight / weightSum), n, weightSum };
}
