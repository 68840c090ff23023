import { expectedValue } from '../../domain/alignment/metrics/expected-value';
import {
  stereotypeSurveyAgreement,
  type ValueItemMapping,
} from '../../domain/attribution/stereotype-vs-survey';
import { AppError } from '../../domain/errors';
import { resolveCountry } from '../../data/images/resolve-country';
import {
  canonicalAttributionTemplateJson,
  DEFAULT_ATTRIBUTION_TEMPLATE,
  parseAttributionTemplate,
  type AttributionTemplate,
} from '../../domain/attribution/prompts';
import {
  attributionRunSpecSchema,
  type AttributionRunSpec,
  type AttributionRunSpecInput,
} from '../../domain/attribution/run-spec';
import type { AttributionAnswer, AttributionResults } from '../../domain/attribution/views';
import { blankImage } from '../../runner/blank-image';
import { attributionStatistics, readAnswers } from '../../runner/attribution/attribution-results';
import { AttributionStudy, FOUNDATION_STAGE } from '../../runner/attribution/attribution-study';
import { judgedDictionary, parseFoundationReply } from '../../domain/attribution/foundation-judge';
import { lexicalProfiles, type Lexicons } from '../../runner/attribution/lexical-profiles';
import { planAttributionRun, type AttributionPlan } from '../../runner/attribution/plan-attribution';
import { GenerationExecutor } from '../../runner/generation/generation-executor';
import type { RunKindExecutor, RunManager } from '../../runner/run-manager';
import { AttributionRepository } from '../../storage/attribution-repository';
import { GenerationRepository } from '../../storage/generation-repository';
import type { RunRepository } from '../../storage/run-repository';
import { SurveyRepository } from '../../storage/survey-repository';
import { APP_VERSION } from '../../platform/app-info';
import { realGenerationEngine } from '../generation-engine';
import type { AppServices } from '../services';

export const ATTRIBUTION_KIND = 'attribution';

/** The value-attribution study: plans runs, executes them through the generation runner, reads results. */
export class AttributionService {
  readonly sets: AttributionRepository;
  readonly generation: GenerationRepository;

  constructor(
    private readonly services: AppServices,
    private readonly runs: RunRepository,
    manager: RunManager,
  ) {
    this.sets = new AttributionRepository(services.db);
    this.generation = new GenerationRepository(services.db);
    manager.registerKind(ATTRIBUTION_KIND, this.executor());
  }

  private executor(): RunKindExecutor {
    return {
      counts: (runId) => this.generation.counts(runId),
      execute: async (runId, signal) => {
        const { spec } = await this.stored(runId);
        const executor = new GenerationExecutor({
          repository: this.generation,
          engine:
            this.services.options.generationEngine?.(this.services) ??
            realGenerationEngine(this.services, spec.engine),
          // Parsing, refusals and statistics are read afterwards; the only follow-up is the optional
          // foundation judge.
          study: new AttributionStudy(spec),
          onProgress: (progress) => this.services.events.emit('run.progress', progress),
        });
        return executor.execute(runId, signal);
      },
    };
  }

  async plan(
    input: AttributionRunSpecInput,
    template: AttributionTemplate = DEFAULT_ATTRIBUTION_TEMPLATE,
  ): Promise<{ spec: AttributionRunSpec; plan: AttributionPlan }> {
    const spec = attributionRunSpecSchema.parse(input);
    for (const id of new Set([
      ...spec.models,
      ...(spec.foundationJudge !== undefined ? [spec.foundationJudge] : []),
    ]))
      await this.services.models.find(id);
    await this.services.models.assertEndpoints(spec.engine, 'generation');
    const blank = await blankImage(this.services.paths.cache);
    return {
      spec,
      plan: planAttributionRun(spec, template, await this.sets.sets(spec.dimensions), blank.path),
    };
  }

  async create(
    input: AttributionRunSpecInput,
    template: AttributionTemplate = DEFAULT_ATTRIBUTION_TEMPLATE,
  ): Promise<{ runId: number; plan: AttributionPlan }> {
    const { spec, plan } = await this.plan(input, template);
    if (plan.items.length === 0)
      throw new AppError('invalid_input', `This attribution run has no items. ${plan.warnings.join(' ')}`);
    const runId = await this.runs.createRun(
      {
        kind: ATTRIBUTION_KIND,
        name: spec.name,
        specJson: JSON.stringify(spec),
        templateJson: canonicalAttributionTemplateJson(template),
        manifestJson: JSON.stringify({
          app: { name: 'Value Atlas', version: APP_VERSION },
          template: { id: template.id, name: template.name, version: template.version },
          sets: plan.sets,
          images: plan.images,
        }),
        warningsJson: JSON.stringify(
          plan.warnings.map((message) => ({ country: '', condition: null, message })),
        ),
      },
      [],
    );
    await this.generation.addItems(runId, plan.items);
    return { runId, plan };
  }

  private async stored(runId: number): Promise<{ spec: AttributionRunSpec; template: AttributionTemplate }> {
    const row = await this.runs.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    if (row.kind !== ATTRIBUTION_KIND)
      throw new AppError('invalid_input', `Run ${runId} is a ${row.kind} run, not an attribution run.`);
    return {
      spec: attributionRunSpecSchema.parse(JSON.parse(row.spec_json)),
      template: parseAttributionTemplate(JSON.parse(row.template_json), `the template of run ${runId}`),
    };
  }

  async results(runId: number): Promise<AttributionResults> {
    const { spec } = await this.stored(runId);
    return { runId, spec, ...attributionStatistics(await this.generation.items(runId)) };
  }

  /**
   * Lexical profiles of the run's attributed values with the lexicons the user supplied; with
   * `judgeFoundations`, the moral foundations come from the run's foundation judge instead of a dictionary.
   */
  async profiles(runId: number, lexicons: Lexicons, judgeFoundations = false) {
    const { spec } = await this.stored(runId);
    const items = await this.generation.items(runId);
    if (!judgeFoundations) return { ...lexicalProfiles(readAnswers(items), lexicons), judge: null };
    const replies = items
      .filter((row) => row.stage === FOUNDATION_STAGE && row.status === 'done' && row.text !== null)
      .map((row) => {
        const { values } = JSON.parse(row.meta_json) as { values: string[] };
        return parseFoundationReply(row.text ?? '', values);
      });
    if (spec.foundationJudge === undefined || replies.length === 0)
      throw new AppError(
        'invalid_input',
        spec.foundationJudge === undefined
          ? `Run ${runId} has no foundation judge: create the run with one (foundationJudge) to map its values to moral foundations, or give a moral-foundations dictionary.`
          : `The foundation judge of run ${runId} has not answered yet; resume the run to finish its calls.`,
      );
    const { dictionary, judgedValues } = judgedDictionary(replies);
    return {
      ...lexicalProfiles(readAnswers(items), { ...lexicons, moral: dictionary }),
      judge: {
        model: spec.foundationJudge,
        selfJudged: spec.models.includes(spec.foundationJudge),
        calls: replies.length,
        judgedValues,
        mappedValues: dictionary.words.size,
      },
    };
  }

  /**
   * "Stereotype versus survey": for the national contexts, whether the values attributed to a person in
   * country X lean the way X's survey answers do (see stereotype-vs-survey.ts). Survey means are each item's
   * expected option position (1 = first option, as the item is coded) over its substantive options.
   */
  async stereotype(runId: number, mapping: readonly ValueItemMapping[], datasetId: number) {
    await this.stored(runId);
    const surveys = new SurveyRepository(this.services.db);
    if ((await surveys.dataset(datasetId)) === undefined)
      throw new AppError('not_found', `No dataset ${datasetId}. Import WVS data first.`);
    const attributed = new Map<string, string[]>();
    const unresolvedContexts = new Set<string>();
    for (const answer of readAnswers(await this.generation.items(runId))) {
      const { meta } = answer;
      if (meta.dimension !== 'nationality' || meta.condition !== 'context') continue;
      if (answer.row.status !== 'done' || answer.refusal !== null) continue;
      const country = resolveCountry(meta.context);
      if (country === null) {
        unresolvedContexts.add(meta.context);
        continue;
      }
      attributed.set(country, [...(attributed.get(country) ?? []), ...answer.values]);
    }
    const items = [...new Set(mapping.map((entry) => entry.item))];
    const means: Record<string, Record<string, number>> = {};
    const missingItems: string[] = [];
    for (const item of items) {
      const question = await surveys.question(datasetId, item);
      if (question === undefined) {
        missingItems.push(item);
        continue;
      }
      const substantive = JSON.parse(question.substantive_json) as boolean[];
      for (const row of await surveys.distributionsOf(datasetId, [item])) {
        const values = JSON.parse(row.values_json) as number[];
        const kept = values.map((value, index) => (substantive[index] === false ? 0 : value));
        const mean = expectedValue(
          kept,
          kept.map((_, index) => index + 1),
        );
        if (mean.ok) (means[row.country] ??= {})[item] = mean.value;
      }
    }
    return {
      countries: stereotypeSurveyAgreement(attributed, mapping, means),
      unresolvedContexts: [...unresolvedContexts].sort(),
      missingItems,
    };
  }

  async answers(runId: number): Promise<AttributionAnswer[]> {
    await this.stored(runId);
    const shaByPath = new Map<string, string>();
    for (const set of await this.sets.sets())
      for (const image of set.contexts) shaByPath.set(image.path, image.sha256);
    return readAnswers(await this.generation.items(runId)).map(({ row, meta, values, refusal }) => {
      const request = JSON.parse(row.request_json) as { user: string; imagePath?: string };
      return {
        ...meta,
        key: row.item_key,
        status: row.status,
        prompt: request.user,
        text: row.text,
        error: row.error,
        values,
        refusal,
        imageSha256: request.imagePath === undefined ? null : (shaByPath.get(request.imagePath) ?? null),
      };
    });
  }
}
