import { readFile } from 'node:fs/promises';
import type { AlignmentExperiment } from '../../domain/alignment/experiment';
import { aggregate } from '../../domain/alignment/run-aggregates';
import { resolve } from 'node:path';

import { compareRuns } from '../../domain/alignment/compare-runs';
import { mapProjectionSchema } from '../../domain/alignment/cultural-map';
import { placeRunOnMap } from '../../domain/alignment/run-map-placement';
import { AppError } from '../../domain/errors';
import { assertInsideRoots } from '../../platform/path-guard';
import { writeExports } from '../../runner/exports';
import { effectiveState, toSummary } from '../../runner/run-manager';
import type { AlignmentService } from '../../app/alignment/alignment-service';
import { isIncludedItem, toItemDetail, toItemSummary } from '../../app/alignment/item-views';
import type { PlanPreview, RunEstimate } from '../../contract/runs';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { userPath } from './user-path';

async function estimate(
  alignment: AlignmentService,
  experiment: AlignmentExperiment,
  itemsByModel: Map<string, number>,
): Promise<RunEstimate> {
  let seconds = 0;
  const bases: string[] = [];
  for (const [model, count] of itemsByModel) {
    const timing = await alignment.repository.itemTiming(model);
    if (timing === undefined)
      return {
        seconds: null,
        basis: `no timing yet for model ${model}: the ETA appears once the first items finish`,
      };
    seconds += (count * timing.meanMs) / 1000;
    bases.push(`${model}: ${timing.meanMs.toFixed(0)} ms per item over ${timing.n} items scored before`);
  }
  void experiment;
  return { seconds, basis: `${bases.join('; ')} (cache hits will make it faster)` };
}

export function createRunHandlers(services: AppServices): DomainHandlers<'runs'> {
  const alignment = () => services.alignment();

  async function summaryWithCounts(runId: number) {
    const service = alignment();
    const row = await service.repository.getRun(runId);
    if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
    return toSummary(row);
  }

  return {
    async plan({ experiment }) {
      const service = alignment();
      await services.models.assertEndpoints(experiment.engine, 'scoring');
      const { plan } = await service.manager.plan(experiment);
      const byCondition: Record<string, number> = {};
      const byCountry: Record<string, number> = {};
      const byModel = new Map<string, number>();
      for (const group of plan.groups) {
        byCondition[group.condition] = (byCondition[group.condition] ?? 0) + group.items.length;
        byCountry[group.country] = (byCountry[group.country] ?? 0) + group.items.length;
        byModel.set(group.modelId, (byModel.get(group.modelId) ?? 0) + group.items.length);
      }
      const preview: PlanPreview = {
        itemCount: plan.itemCount,
        groupCount: plan.groups.length,
        byCondition,
        byCountry,
        warnings: plan.warnings,
        estimate: await estimate(service, experiment, byModel),
      };
      return preview;
    },

    async create({ experiment, start }) {
      const service = alignment();
      await services.models.assertEndpoints(experiment.engine, 'scoring');
      const template = await service.templates.get(experiment.templateId);
      const { runId, plan } = await service.manager.create(experiment, template);
      if (start) await service.manager.start(runId);
      return { runId, itemCount: plan.itemCount, warnings: plan.warnings };
    },

    async list({ kind }) {
      const service = alignment();
      const rows = await service.repository.listRuns(kind);
      return Promise.all(
        rows.map(async (row) => ({ ...toSummary(row), counts: await service.repository.counts(row.id) })),
      );
    },

    async get({ runId }) {
      const service = alignment();
      const row = await service.repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      return {
        ...toSummary(row),
        counts: await service.repository.counts(runId),
        spec: JSON.parse(row.spec_json) as unknown,
        manifest: JSON.parse(row.manifest_json) as Record<string, unknown>,
        warnings: JSON.parse(row.warnings_json) as [],
      };
    },

    async start({ runId, retryFailed }) {
      const service = alignment();
      if (retryFailed) await service.repository.retryFailed(runId);
      await service.manager.start(runId);
      return summaryWithCounts(runId);
    },

    async pause({ runId }) {
      await alignment().manager.pause(runId);
      return summaryWithCounts(runId);
    },

    async cancel({ runId }) {
      await alignment().manager.cancel(runId);
      return summaryWithCounts(runId);
    },

    async delete({ runId }) {
      const service = alignment();
      const row = await service.repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      if (service.manager.activeRunId === runId || effectiveState(row) === 'running') {
        throw new AppError('conflict', `Run ${runId} is running; pause or cancel it before deleting.`);
      }
      await service.repository.deleteRun(runId);
      service.forget(runId);
      return { deleted: true as const };
    },

    async results({ runId }) {
      const analysed = await alignment().analyse(runId);
      const minCoverage = analysed.experiment.minCoverage;
      return {
        runId,
        counts: {
          analysed: analysed.items.length,
          missingHuman: analysed.missingHuman,
          errors: analysed.errors,
          pending: analysed.pending,
          excludedLowCoverage: analysed.items.filter((item) => !isIncludedItem(item, minCoverage)).length,
        },
        aggregates: aggregate(analysed.items, analysed.experiment),
      };
    },

    async items({ runId, country, condition, topic, model, search, sort, offset, limit }) {
      const analysed = await alignment().analyse(runId);
      const needle = search?.toLowerCase();
      let list = analysed.items.filter(
        (item) =>
          (country === undefined || item.country === country) &&
          (condition === undefined || item.condition === condition) &&
          (topic === undefined || item.topic === topic) &&
          (model === undefined || item.model === model) &&
          (needle === undefined ||
            item.questionText.toLowerCase().includes(needle) ||
            item.questionId.toLowerCase() === needle),
      );
      const score = (value: number | null) => value ?? Number.POSITIVE_INFINITY;
      if (sort === 'similarity-asc')
        list = [...list].sort((a, b) => score(a.similarity) - score(b.similarity));
      if (sort === 'similarity-desc')
        list = [...list].sort((a, b) => score(b.similarity) - score(a.similarity));
      if (sort === 'coverage-asc') list = [...list].sort((a, b) => a.coverage - b.coverage);
      const minCoverage = analysed.experiment.minCoverage;
      return {
        total: list.length,
        items: list.slice(offset, offset + limit).map((item) => toItemSummary(item, minCoverage)),
      };
    },

    async item({ runId, itemKey }) {
      const service = alignment();
      const row = await service.repository.item(runId, itemKey);
      if (row === undefined)
        throw new AppError('not_found', `Run ${runId} has no item '${itemKey.slice(0, 80)}'.`);
      const analysed = await service.analyse(runId);
      const item = analysed.items.find((candidate) => candidate.itemKey === itemKey);
      const group = (await service.repository.groups(runId)).find(
        (candidate) => candidate.group_key === row.group_key,
      );
      const experiment = analysed.experiment;
      const question = await service.adapters.questionsFor(experiment).questionById(row.question_id);
      const fallback = {
        itemKey,
        model: group?.model_id ?? '',
        condition: group?.condition ?? '',
        country: group?.country ?? '',
        imageId: group?.image_id ?? null,
        imageCountry: group?.image_country ?? null,
        questionId: row.question_id,
        questionText: question?.text ?? row.question_id,
        topic: question?.topic ?? 'unassigned',
        coverage: row.coverage ?? 0,
        similarity: null,
        included: false,
      };
      const detail = toItemDetail(row, item, fallback, experiment.minCoverage);
      const image =
        detail.imageId !== null && detail.imageId > 0
          ? await service.adapters.images.byId(detail.imageId)
          : undefined;
      return {
        ...detail,
        imageSha256: image?.sha256 ?? null,
        options: detail.options.length > 0 ? detail.options : (question?.options ?? []),
      };
    },

    async export({ runId, format, outDir }, ctx) {
      const service = alignment();
      const row = await service.repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      // Outside the command line, exports go only to the app's folders (no writing anywhere else on disk).
      const target =
        outDir === undefined
          ? services.paths.exports
          : ctx.door === 'cli'
            ? resolve(outDir)
            : await assertInsideRoots(outDir, [services.paths.home], 'Export folder');
      const analysed = await service.analyse(runId);
      const counts = await service.repository.counts(runId);
      const paths = await writeExports(
        {
          runId,
          name: row.name,
          experiment: analysed.experiment,
          manifest: JSON.parse(row.manifest_json) as Record<string, unknown>,
          counts: { ...counts, missingHuman: analysed.missingHuman },
          items: analysed.items,
          aggregates: aggregate(analysed.items, analysed.experiment),
        },
        format,
        target,
      );
      return { paths };
    },

    async mapPlacement({ runId, projectionPath }, ctx) {
      const path = userPath(projectionPath, ctx, 'map projection');
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new AppError('bad_file', `Map projection '${path}' cannot be read as JSON: ${reason}`, {
          file: path,
        });
      }
      const projection = mapProjectionSchema.safeParse(parsed);
      if (!projection.success) {
        const issue = projection.error.issues[0];
        throw new AppError(
          'bad_file',
          `'${path}' is not a map projection: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
          { file: path },
        );
      }
      const analysed = await alignment().analyse(runId);
      const { id, name, source } = projection.data;
      return { projection: { id, name, source }, placements: placeRunOnMap(analysed.items, projection.data) };
    },

    async compare({ runA, runB }) {
      const service = alignment();
      const [a, b] = await Promise.all([service.analyse(runA), service.analyse(runB)]);
      return compareRuns(a.items, b.items, a.experiment.seed);
    },

    templates() {
      return alignment().templates.list();
    },

    importTemplate({ path }) {
      return alignment().templates.importFile(path);
    },
  };
}
