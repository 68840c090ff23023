import { countryDisplayName } from '../../data/countries';
import { AppError } from '../../domain/errors';
import type { QuestionRow, SurveyRepository } from '../../storage/survey-repository';
import type { QuestionListEntry, QuestionWithDistributions } from '../../contract/data';

function entry(row: QuestionRow): Omit<QuestionListEntry, 'countries'> {
  return {
    id: row.id,
    text: row.text,
    topic: row.topic,
    options: JSON.parse(row.options_json) as string[],
    scaleType: row.scale_type,
  };
}

/** Shares that sum to 1 whatever the import stored (percentages or fractions); all zeros stay zeros. */
function shares(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => (total > 0 ? value / total : 0));
}

/** The question browser of the Data page: questions by topic and words, and one question's distributions. */
export function createDataBrowseHandlers(surveys: SurveyRepository) {
  return {
    async questions(input: {
      datasetId: number;
      topic?: string;
      search?: string;
      offset: number;
      limit: number;
    }) {
      const { total, rows } = await surveys.browse(input.datasetId, input);
      return { total, questions: rows.map((row) => ({ ...entry(row), countries: row.countries })) };
    },

    async question({ datasetId, questionId }: { datasetId: number; questionId: string }) {
      const row = await surveys.question(datasetId, questionId);
      if (row === undefined)
        throw new AppError('not_found', `Dataset ${datasetId} has no question '${questionId}'.`);
      const distributions = await surveys.distributionsOfQuestion(datasetId, questionId);
      const result: QuestionWithDistributions = {
        ...entry(row),
        substantive: JSON.parse(row.substantive_json) as boolean[],
        distributions: distributions.map((item) => ({
          country: item.country,
          name: countryDisplayName(item.country),
          shares: shares(JSON.parse(item.values_json) as number[]),
          n: item.n,
          valid: item.valid === 1,
          problem: item.problem,
        })),
      };
      return result;
    },
  };
}
