import { AppError } from '../../domain/errors';
import { judgeHumanAgreement, type AgreementLabel } from '../../domain/safety/agreement';
import { groundingGapBy } from '../../domain/safety/grounding-gap';
import {
  DEFAULT_SAFETY_RUBRIC,
  SAFETY_DIMENSIONS,
  safetyRubricSchema,
  type SafetyRubric,
} from '../../domain/safety/rubric';
import {
  safetyRunSpecSchema,
  type SafetyRunSpec,
  type SafetyRunSpecInput,
} from '../../domain/safety/run-spec';
import { safetyScoresBy } from '../../domain/safety/scores';
import { GenerationExecutor } from '../../runner/generation/generation-executor';
import type { RunKindExecutor, RunManager } from '../../runner/run-manager';
import { planSafetyRun, type SafetyPlan } from '../../runner/safety/plan-safety';
import { collectSafetyResponses, fullyJudged, judgedRows } from '../../runner/safety/safety-results';
import type { SafetyResponseView, SafetyResults } from '../../domain/safety/views';
import { SafetyStudy } from '../../runner/safety/safety-study';
import { GenerationRepository } from '../../storage/generation-repository';
import { ImageRepository } from '../../storage/image-repository';
import type { RunRepository } from '../../storage/run-repository';
import { SafetyRepository } from '../../storage/safety-repository';
import { APP_VERSION } from '../../platform/app-info';
import type { AppServices } from '../services';
import { realGenerationEngine } from '../generation-engine';

export const SAFETY_KIND = 'safety';

const CAVEAT =
  'Scores come from a local judge model. The published CROSS numbers were judged by GPT-4o, so these are not ' +
  'comparable with them; check the judge against your own labels on the human-check screen.';

/** The cultural-safety study: plans runs, executes them through the generic generation runner, reads results. */
export class SafetyService {
  readonly items: SafetyRepository;
  readonly generation: GenerationRepository;
  readonly images: ImageRepository;

  constructor(
    private readonly services: AppServices,
    private readonly runs: RunRepository,
    manager: RunManager,
  ) {
    this.items = new SafetyRepository(services.db);
    this.generation = new GenerationRepository(services.db);
    this.images = new ImageRepository(services.db);
    manager.registerKind(SAFETY_KIND, this.executor());
  }

  /** Builds the generation runner for a run when it starts: its study needs the run's spec and rubric. */
  private executor(): RunKindExecutor {
    return {
      counts: (runId) => this.generation.counts(runId),
      execute: async (runId, signal) => {
        const { spec, rubric } = await this.stored(runId);
        const executor = new GenerationExecutor({
          repository: this.generation,
          engine:
            this.services.options.generationEngine?.(this.services) ??
            realGenerationEngine(this.services, spec.engine),
          study: new SafetyStudy(spec, rubric),
          onProgress: (progress) => this.services.events.emit('run.progress', progress),
        });
        return executor.execute(runId, signal);
      },
    };
  }

  async plan(input: SafetyRunSpecInput): Promise<{ spec: SafetyRunSpec; plan: SafetyPlan }> {
    const spec = safetyRunSpecSchema.parse(input);
    for (const id of new Set([...spec.models, spec.judgeModel])) await this.services.models.find(id);
    await this.services.models.assertEndpoints(spec.engine, 'generation');
    const rows = await this.items.list({
      subsets: spec.subsets,
      settings: spec.settings,
      ...(spec.countries !== undefined ? { countries: spec.countries } : {}),
    });
    const inputs = await Promise.all(
      rows.map(async (row) => ({
        row,
        imagePath: row.image_id === null ? null : ((await this.images.byId(row.image_id))?.path ?? null),
      })),
    );
    return { spec, plan: planSafetyRun(spec, inputs) };
  }

  async create(
    input: SafetyRunSpecInput,
    rubric: SafetyRubric = DEFAULT_SAFETY_RUBRIC,
  ): Promise<{ runId: number; plan: SafetyPlan }> {
    const { spec, plan } = await this.plan(input);
    if (plan.items.length === 0)
      throw new AppError(
        'invalid_input',
        `This safety run has no items. ${plan.warnings.join(' ')} Import the CROSS benchmark first, or widen the selection.`,
      );
    const manifest = {
      app: { name: 'Value Atlas', version: APP_VERSION },
      rubric: { id: rubric.id, name: rubric.name, version: rubric.version },
      judge: { model: spec.judgeModel, temperature: 0, callsPerAnswer: SAFETY_DIMENSIONS.length },
      selfJudged: spec.models.includes(spec.judgeModel),
      queries: plan.queries,
    };
    const runId = await this.runs.createRun(
      {
        kind: SAFETY_KIND,
        name: spec.name,
        specJson: JSON.stringify(spec),
        templateJson: JSON.stringify(safetyRubricSchema.parse(rubric)),
        manifestJson: JSON.stringify(manifest),
        warningsJson: JSON.stringify(
          plan.warnings.map((message) => ({ country: '', condition: null, message })),
        ),
      },
      [],
    );
    await this.generation.addItems(runId, plan.items);
    return { runId, plan };
  }

  private async stored(runId: number): Promise<{ spec: SafetyRunSpec; rubric: SafetyRubric }> {
    const row = await this.runs.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    if (row.kind !== SAFETY_KIND)
      throw new AppError('invalid_input', `Run ${runId} is a ${row.kind} run, not a safety run.`);
    return {
      spec: safetyRunSpecSchema.parse(JSON.parse(row.spec_json)),
      rubric: safetyRubricSchema.parse(JSON.parse(row.template_json)),
    };
  }

  async responses(runId: number): Promise<SafetyResponseView[]> {
    await this.stored(runId);
    return collectSafetyResponses(await this.generation.items(runId));
  }

  async label(
    runId: number,
    responseKey: string,
    dimension: (typeof SAFETY_DIMENSIONS)[number],
    score: 0 | 1 | null,
  ) {
    const item = await this.generation.item(runId, responseKey);
    if (item === undefined || item.stage !== 'response')
      throw new AppError('not_found', `Run ${runId} has no answer '${responseKey}'.`);
    await this.items.setHumanLabel(runId, responseKey, dimension, score);
  }

  async results(runId: number): Promise<SafetyResults> {
    const { spec, rubric } = await this.stored(runId);
    const views = await this.responses(runId);
    const rows = judgedRows(views);
    const grounded = rows.filter((row) => row.condition === 'grounded');
    // Breakdowns describe the benchmark as designed (the grounded queries); text-only rows feed the gap.
    const main = grounded.length > 0 ? grounded : rows;
    const labels = await this.items.humanLabels(runId);
    const byKey = new Map(views.map((view) => [view.key, view]));
    const agreementLabels: AgreementLabel[] = labels.flatMap((label) => {
      const view = byKey.get(label.response_key);
      return view === undefined
        ? []
        : [{ dimension: label.dimension, judge: view.judges[label.dimension].score, human: label.score }];
    });
    const both = new Set(rows.map((row) => row.condition)).size === 2;
    return {
      runId,
      spec,
      rubric: { id: rubric.id, name: rubric.name, version: rubric.version },
      selfJudged: spec.models.filter((model) => model === spec.judgeModel),
      counts: {
        responses: views.length,
        judged: rows.length,
        pending: views.filter((view) => view.status !== 'error' && !fullyJudged(view)).length,
        errors: views.filter((view) => view.status === 'error').length,
        unparseableVerdicts: views.reduce(
          (sum, view) =>
            sum +
            SAFETY_DIMENSIONS.filter(
              (d) => view.judges[d].state === 'unparseable' || view.judges[d].state === 'error',
            ).length,
          0,
        ),
      },
      overall: safetyScoresBy(main, ['model']),
      bySubset: safetyScoresBy(main, ['model', 'subset', 'setting']),
      byCountry: safetyScoresBy(main, ['model', 'country']),
      byLanguage: safetyScoresBy(main, ['model', 'language']),
      byImageSource: safetyScoresBy(main, ['model', 'imageSource']),
      groundingGap: both
        ? groundingGapBy(rows, ['model'], { seed: spec.seed, resamples: 2000, pairFields: ['round'] })
        : [],
      agreement: {
        labelled: new Set(labels.map((label) => label.response_key)).size,
        dimensions: judgeHumanAgreement(agreementLabels),
      },
      caveat: CAVEAT,
    };
  }
}
