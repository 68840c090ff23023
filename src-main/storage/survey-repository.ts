import type { Database, Queryable, SqlValue } from './database';

export interface DatasetRow {
  id: number;
  name: string;
  kind: string;
  source: string;
  licence: string;
  citation: string;
  file_path: string;
  file_sha256: string;
  imported_at: string;
  report_json: string;
}

export interface QuestionRow {
  id: string;
  text: string;
  options_json: string;
  substantive_json: string;
  scale_type: 'ordinal' | 'categorical' | 'binary';
  topic: string | null;
}

export interface NewDataset {
  name: string;
  kind: string;
  source: string;
  licence: string;
  citation: string;
  filePath: string;
  fileSha256: string;
  report: unknown;
  questions: {
    id: string;
    text: string;
    options: string[];
    substantive: boolean[];
    scaleType: QuestionRow['scale_type'];
    topic: string | null;
    source: string | null;
    distributions: {
      country: string;
      values: number[];
      n: number | null;
      valid: boolean;
      problem: string | null;
    }[];
  }[];
}

/** Survey datasets. An import is one transaction: it lands whole or not at all, and earlier data is untouched. */
export class SurveyRepository {
  constructor(private readonly db: Database) {}

  /** `alsoStore` writes data that belongs to the new dataset (e.g. subgroup distributions) in the same transaction. */
  insertDataset(
    dataset: NewDataset,
    alsoStore?: (tx: Queryable, datasetId: number) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { lastId } = await tx.run(
        'INSERT INTO datasets (name, kind, source, licence, citation, file_path, file_sha256, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          dataset.name,
          dataset.kind,
          dataset.source,
          dataset.licence,
          dataset.citation,
          dataset.filePath,
          dataset.fileSha256,
          JSON.stringify(dataset.report),
        ],
      );
      for (const question of dataset.questions) {
        await tx.run(
          'INSERT INTO survey_questions (dataset_id, id, text, options_json, substantive_json, scale_type, topic, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            lastId,
            question.id,
            question.text,
            JSON.stringify(question.options),
            JSON.stringify(question.substantive),
            question.scaleType,
            question.topic,
            question.source,
          ],
        );
        for (const distribution of question.distributions) {
          await tx.run(
            'INSERT OR REPLACE INTO survey_distributions (dataset_id, question_id, country, values_json, n, valid, problem) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [
              lastId,
              question.id,
              distribution.country,
              JSON.stringify(distribution.values),
              distribution.n,
              distribution.valid ? 1 : 0,
              distribution.problem,
            ],
          );
        }
      }
      await alsoStore?.(tx, lastId);
      return lastId;
    });
  }

  datasets(): Promise<(DatasetRow & { questions: number; pairs: number })[]> {
    return this.db.all(
      `SELECT d.*, (SELECT COUNT(*) FROM survey_questions q WHERE q.dataset_id = d.id) AS questions,
              (SELECT COUNT(*) FROM survey_distributions s WHERE s.dataset_id = d.id AND s.valid = 1) AS pairs
       FROM datasets d ORDER BY d.id`,
    );
  }

  dataset(id: number): Promise<DatasetRow | undefined> {
    return this.db.get<DatasetRow>('SELECT * FROM datasets WHERE id = ?', [id]);
  }

  async deleteDataset(id: number): Promise<void> {
    await this.db.run('DELETE FROM datasets WHERE id = ?', [id]);
  }

  /** Questions with a valid human distribution for the country. */
  questionsForCountry(datasetId: number, country: string): Promise<QuestionRow[]> {
    return this.db.all<QuestionRow>(
      `SELECT q.* FROM survey_questions q JOIN survey_distributions s ON s.dataset_id = q.dataset_id AND s.question_id = q.id
       WHERE q.dataset_id = ? AND s.country = ? AND s.valid = 1 ORDER BY q.rowid`,
      [datasetId, country],
    );
  }

  question(datasetId: number, id: string): Promise<QuestionRow | undefined> {
    return this.db.get<QuestionRow>('SELECT * FROM survey_questions WHERE dataset_id = ? AND id = ?', [
      datasetId,
      id,
    ]);
  }

  distribution(
    datasetId: number,
    questionId: string,
    country: string,
  ): Promise<{ values_json: string; n: number | null; valid: number } | undefined> {
    return this.db.get(
      'SELECT values_json, n, valid FROM survey_distributions WHERE dataset_id = ? AND question_id = ? AND country = ?',
      [datasetId, questionId, country],
    );
  }

  /** Every valid distribution of the given items, over all countries (for standardising across countries). */
  distributionsOf(
    datasetId: number,
    questionIds: readonly string[],
  ): Promise<{ question_id: string; country: string; values_json: string }[]> {
    if (questionIds.length === 0) return Promise.resolve([]);
    return this.db.all(
      `SELECT question_id, country, values_json FROM survey_distributions
       WHERE dataset_id = ? AND valid = 1 AND question_id IN (${questionIds.map(() => '?').join(', ')})`,
      [datasetId, ...questionIds],
    );
  }

  topics(datasetId: number): Promise<{ topic: string; questions: number }[]> {
    return this.db.all(
      "SELECT COALESCE(topic, 'unassigned') AS topic, COUNT(*) AS questions FROM survey_questions WHERE dataset_id = ? GROUP BY 1 ORDER BY 1",
      [datasetId],
    );
  }

  /** A page of a dataset's questions, by topic and words in the text, with how many countries answered each. */
  async browse(
    datasetId: number,
    filter: { topic?: string; search?: string; offset: number; limit: number },
  ): Promise<{ total: number; rows: (QuestionRow & { countries: number })[] }> {
    const where = ['q.dataset_id = ?'];
    const params: SqlValue[] = [datasetId];
    if (filter.topic !== undefined) {
      where.push(filter.topic === 'unassigned' ? 'q.topic IS NULL' : 'q.topic = ?');
      if (filter.topic !== 'unassigned') params.push(filter.topic);
    }
    if (filter.search !== undefined && filter.search.trim() !== '') {
      // LIKE with the user's words escaped: % and _ in a search are literal characters.
      where.push("(q.text LIKE ? ESCAPE '\\' OR q.id LIKE ? ESCAPE '\\')");
      const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern, pattern);
    }
    const clause = where.join(' AND ');
    const total = await this.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM survey_questions q WHERE ${clause}`,
      params,
    );
    const rows = await this.db.all<QuestionRow & { countries: number }>(
      `SELECT q.*, (SELECT COUNT(*) FROM survey_distributions s
                    WHERE s.dataset_id = q.dataset_id AND s.question_id = q.id AND s.valid = 1) AS countries
       FROM survey_questions q WHERE ${clause} ORDER BY q.rowid LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset],
    );
    return { total: total?.n ?? 0, rows };
  }

  /** Every country's distribution of one question, valid or not (with the reason it is not). */
  distributionsOfQuestion(
    datasetId: number,
    questionId: string,
  ): Promise<
    { country: string; values_json: string; n: number | null; valid: number; problem: string | null }[]
  > {
    return this.db.all(
      'SELECT country, values_json, n, valid, problem FROM survey_distributions WHERE dataset_id = ? AND question_id = ? ORDER BY country',
      [datasetId, questionId],
    );
  }

  countries(datasetId: number): Promise<{ country: string; questions: number }[]> {
    return this.db.all(
      'SELECT country, COUNT(*) AS questions FROM survey_distributions WHERE dataset_id = ? AND valid = 1 GROUP BY country ORDER BY country',
      [datasetId],
    );
  }
}
