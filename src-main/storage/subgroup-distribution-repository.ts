import type { Database, Queryable } from './database';

export interface SubgroupDistribution {
  questionId: string;
  country: string;
  /** `sex:female`, `age:30-49`, `urban:rural`, `education:higher`, … */
  subgroup: string;
  values: number[];
  n: number;
  weightSum: number;
}

/** Rows per INSERT: 7 parameters each stays far below SQLite's parameter limit. */
const INSERT_BATCH = 100;

/** Answer shares per respondent subgroup: aggregates only, never respondent rows. */
export class SubgroupDistributionRepository {
  constructor(private readonly db: Database) {}

  /** Inside the transaction that creates the dataset, so both land or neither does. */
  static async insert(
    tx: Queryable,
    datasetId: number,
    rows: readonly SubgroupDistribution[],
  ): Promise<void> {
    // A real file gives ~200,000 rows; one statement per batch keeps the import from crawling.
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      await tx.run(
        `INSERT INTO survey_subgroup_distributions (dataset_id, question_id, country, subgroup, values_json, n, weight_sum)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((row) => [
          datasetId,
          row.questionId,
          row.country,
          row.subgroup,
          JSON.stringify(row.values),
          row.n,
          row.weightSum,
        ]),
      );
    }
  }

  async forQuestion(datasetId: number, questionId: string, country: string): Promise<SubgroupDistribution[]> {
    const rows = await this.db.all<{ subgroup: string; values_json: string; n: number; weight_sum: number }>(
      `SELECT subgroup, values_json, n, weight_sum FROM survey_subgroup_distributions
       WHERE dataset_id = ? AND question_id = ? AND country = ? ORDER BY subgroup`,
      [datasetId, questionId, country],
    );
    return rows.map((row) => ({
      questionId,
      country,
      subgroup: row.subgroup,
      values: JSON.parse(row.values_json) as number[],
      n: row.n,
      weightSum: row.weight_sum,
    }));
  }
}
