import { countryDisplayName } from '../../data/countries';
import type { AlignmentExperiment } from '../../domain/alignment/experiment';
import { AppError } from '../../domain/errors';
import { llamaCppBuild, llamaNodeVersion } from '../../engine/backends';
import { blankImage } from '../../runner/blank-image';
import type {
  CountryFacts,
  ImageSource,
  QuestionSource,
  RunnerQuestion,
  ScoringEngine,
} from '../../runner/ports';
import { culturalMapPoint } from '../../domain/data/cultural-map-axes';
import { ImageRepository, type ImageRow } from '../../storage/image-repository';
import { SurveyRepository, type QuestionRow } from '../../storage/survey-repository';
import { APP_VERSION } from '../../platform/app-info';
import type { AppServices } from '../services';
import type { AlignmentAdapters } from './alignment-service';

function toQuestion(row: QuestionRow): RunnerQuestion {
  return {
    id: row.id,
    text: row.text,
    options: JSON.parse(row.options_json) as string[],
    topic: row.topic ?? 'unassigned',
  };
}

type GroupLookup = (
  code: string,
) => Promise<{ income_group: string | null; region: string | null } | undefined>;

type MapLookup = (code: string) => Promise<CountryFacts['culturalMap']>;

function questionSource(
  surveys: SurveyRepository,
  experiment: AlignmentExperiment,
  groupsOf: GroupLookup,
  mapOf: MapLookup,
): QuestionSource {
  const { datasetId } = experiment;
  const topics = experiment.topics === undefined ? undefined : new Set(experiment.topics);
  const ids = experiment.questionIds === undefined ? undefined : new Set(experiment.questionIds);
  return {
    async questionsFor(country) {
      const rows = await surveys.questionsForCountry(datasetId, country);
      return rows
        .filter((row) => topics === undefined || topics.has(row.topic ?? 'unassigned'))
        .filter((row) => ids === undefined || ids.has(row.id))
        .map(toQuestion);
    },
    async questionById(id) {
      const row = await surveys.question(datasetId, id);
      return row === undefined ? undefined : toQuestion(row);
    },
    async humanDistribution(questionId, country) {
      const [row, question] = await Promise.all([
        surveys.distribution(datasetId, questionId, country),
        surveys.question(datasetId, questionId),
      ]);
      if (row === undefined || row.valid !== 1 || question === undefined) return undefined;
      return {
        distribution: JSON.parse(row.values_json) as number[],
        substantive: JSON.parse(question.substantive_json) as boolean[],
        scaleType: question.scale_type,
        n: row.n,
      };
    },
    countryName: countryDisplayName,
    countryFacts: async (code) => {
      const group = await groupsOf(code);
      return {
        name: countryDisplayName(code),
        incomeGroup: group?.income_group ?? null,
        region: group?.region ?? null,
        culturalMap: await mapOf(code),
      };
    },
  };
}

/** The runner's view of the app: the survey tables, the blank image and the engine process. */
export function realAlignmentAdapters(services: AppServices): AlignmentAdapters {
  const surveys = new SurveyRepository(services.db);
  const { models } = services;
  const library = new ImageRepository(services.db);
  const toRunnerImage = (row: ImageRow) => ({
    id: row.id,
    country: row.country,
    category: row.category,
    sha256: row.sha256,
    path: row.path,
  });
  const images: ImageSource = {
    imagesFor: async (country, category) =>
      (await library.list({ country, ...(category !== undefined ? { category } : {}) })).map(toRunnerImage),
    blankImage: () => blankImage(services.paths.cache),
    byId: async (id) => {
      if (id === -1) return blankImage(services.paths.cache);
      const row = await library.byId(id);
      return row === undefined ? undefined : toRunnerImage(row);
    },
  };
  const engine: ScoringEngine = {
    async identify(modelId, settings) {
      const model = await models.find(modelId);
      const server = settings === undefined ? undefined : await models.engineIdentity(settings);
      return {
        modelId,
        modelSha256: await models.hashes.sha256(model.modelPath),
        mmprojSha256: model.mmprojPath === null ? null : await models.hashes.sha256(model.mmprojPath),
        quantisation: model.quantisation,
        engine: server?.engine ?? `llama.node ${llamaNodeVersion()}`,
        llamaCppBuild: server === undefined ? llamaCppBuild() : 'see engine',
        backend: server?.backend ?? 'llama.node',
        settings: { nParallel: 1, nBatch: 512, nProbs: 4096, warmPrefix: true },
      };
    },
    async scoreGroup(request, onItem, signal) {
      const model = await models.find(request.modelId);
      const settings = request.settings ?? { backend: 'default' as const, gpuLayers: 0, contextSize: 4096 };
      const engine = await models.engineWith(model, settings);
      const imagePath =
        request.imagePath === undefined ? undefined : await models.imageFor(model, request.imagePath);
      const counters = await engine.scoreBatch(
        {
          ...(request.system !== undefined ? { system: request.system } : {}),
          prefixText: request.prefixText,
          leadIn: request.leadIn,
          ...(imagePath !== undefined ? { imagePath } : {}),
          suffixes: request.items.map((item) => ({
            id: item.id,
            text: item.suffixText,
            optionLabels: item.optionLabels,
          })),
        },
        (result) => onItem({ ...result }),
        signal,
      );
      return {
        promptTokensEvaluated: counters.promptTokensEvaluated,
        imageEncodes: counters.imageEncodes,
        durationMs: counters.durationMs,
      };
    },
  };
  return {
    questionsFor: (experiment) =>
      questionSource(
        surveys,
        experiment,
        (code) =>
          services.db.get<{ income_group: string | null; region: string | null }>(
            'SELECT income_group, region FROM country_groups WHERE country = ?',
            [code],
          ),
        async (code) => {
          // The country's latest Inglehart-Welzel point, when a cultural map was imported.
          const row = await services.db.get<{ tradagg: number; survsagg: number }>(
            'SELECT tradagg, survsagg FROM cultural_map_points WHERE country = ? ORDER BY year DESC LIMIT 1',
            [code],
          );
          if (row === undefined) return null;
          const point = culturalMapPoint(row);
          return { selfExpression: point.x, secularRational: point.y };
        },
      ),
    images,
    engine,
    async manifestFacts(experiment) {
      const dataset = await surveys.dataset(experiment.datasetId);
      if (dataset === undefined)
        throw new AppError('not_found', `No dataset ${experiment.datasetId}. Import survey data first.`);
      const modelFacts = await Promise.all(
        experiment.models.map(async (id) => {
          const model = await models.find(id);
          return {
            id,
            name: model.name,
            file: model.modelPath,
            sha256: await models.hashes.sha256(model.modelPath),
            mmproj: model.mmprojPath,
            mmprojSha256: model.mmprojPath === null ? null : await models.hashes.sha256(model.mmprojPath),
            quantisation: model.quantisation,
            parameters: model.parameters,
            demo: model.demo,
          };
        }),
      );
      return {
        app: { name: 'Value Atlas', version: APP_VERSION },
        runtime: { node: process.versions.node, platform: `${process.platform} ${process.arch}` },
        models: modelFacts,
        engine: {
          binding: `@fugood/llama.node ${llamaNodeVersion()}`,
          llamaCpp: llamaCppBuild(),
          ...experiment.engine,
          slots: 1,
          nBatch: 512,
        },
        scoring: {
          method:
            'next-token probabilities after the lead-in, summed over each letter’s token variants, renormalised',
          sampler: 'raw softmax: temperature 1, top-k 0, top-p 1, min-p 0, XTC off, no penalties',
        },
        dataset: {
          id: dataset.id,
          name: dataset.name,
          sha256: dataset.file_sha256,
          licence: dataset.licence,
          citation: dataset.citation,
          source: dataset.source,
        },
        seed: experiment.seed,
        createdAt: new Date().toISOString(),
      };
    },
  };
}
