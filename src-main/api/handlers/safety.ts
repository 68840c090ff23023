import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { downloadCrossImages } from '../../data/safety/download-cross-images';
import { importCross } from '../../data/safety/import-cross';
import { AppError } from '../../domain/errors';
import { safetyRubricSchema, type SafetyRubric } from '../../domain/safety/rubric';
import { createRandom, shuffleInPlace } from '../../domain/stats/prng';
import { writeFileAtomic } from '../../platform/atomic-write';
import { safetyHtmlReport, safetyResponsesCsv, safetyScoresCsv } from '../../runner/safety/safety-exports';
import type { SafetyResponseDetail } from '../../contract/safety';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { exportFolder } from './export-folder';
import { userPath } from './user-path';

async function readRubric(path: string): Promise<SafetyRubric> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `Rubric '${path}' cannot be read as JSON: ${reason}`, { file: path });
  }
  const result = safetyRubricSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError(
      'bad_file',
      `Rubric '${path}' is not a safety rubric: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      { file: path },
    );
  }
  return result.data;
}

export function createSafetyHandlers(services: AppServices): DomainHandlers<'safety'> {
  const safety = () => services.safety();

  return {
    async importCross({ path, imagesPath }, ctx) {
      const source = userPath(path, ctx, 'CROSS folder or file');
      const images = imagesPath === undefined ? undefined : userPath(imagesPath, ctx, 'image folder');
      const service = safety();
      const { taskId, result } = services.tasks.start(
        'import',
        `Importing CROSS from ${source}`,
        'images',
        (reporter) =>
          importCross(
            source,
            { safety: service.items, images: service.images },
            {
              ...(images !== undefined ? { imagesFolder: images } : {}),
              images: {
                thumbnailDir: services.paths.thumbnails,
                onProgress: (done, total) => reporter.progress(done, total),
                signal: reporter.signal,
              },
            },
          ),
      );
      return { taskId, ...(await result) };
    },

    async downloadImages({ subsets, limit }) {
      const service = safety();
      const rows = (await service.items.list(subsets !== undefined ? { subsets } : {})).filter(
        (row) => row.image_id === null,
      );
      const wanted = limit === undefined ? rows : rows.slice(0, limit);
      const { taskId, result } = services.tasks.start(
        'download',
        `Downloading the images of ${wanted.length} CROSS queries`,
        'images',
        (reporter) =>
          downloadCrossImages(
            wanted,
            { safety: service.items, images: service.images },
            {
              imagesDir: services.paths.images,
              thumbnailDir: services.paths.thumbnails,
              onProgress: (done, total) => reporter.progress(done, total),
              signal: reporter.signal,
            },
          ),
      );
      return { taskId, ...(await result) };
    },

    items() {
      return safety().items.summary();
    },

    async plan({ spec }) {
      const { spec: parsed, plan } = await safety().plan(spec);
      return {
        queries: plan.queries,
        answers: plan.items.length,
        judgeCalls: plan.items.length * 4,
        warnings: plan.warnings,
        selfJudged: parsed.models.includes(parsed.judgeModel),
      };
    },

    async create({ spec, rubricPath, start }, ctx) {
      const rubric =
        rubricPath === undefined ? undefined : await readRubric(userPath(rubricPath, ctx, 'rubric'));
      const { runId, plan } = await safety().create(spec, rubric);
      if (start) await services.alignment().manager.start(runId);
      return { runId, queries: plan.queries, answers: plan.items.length, warnings: plan.warnings };
    },

    results({ runId }) {
      return safety().results(runId);
    },

    async responses({ runId, offset, limit, condition, sampleSeed }) {
      const service = safety();
      let views = await service.responses(runId);
      if (condition !== undefined) views = views.filter((view) => view.condition === condition);
      if (sampleSeed !== undefined) views = shuffleInPlace([...views], createRandom(sampleSeed));
      const page = views.slice(offset, offset + limit);
      const labels = await service.items.humanLabels(runId);
      const responses: SafetyResponseDetail[] = await Promise.all(
        page.map(async (view) => {
          const image = view.imageId === null ? undefined : await service.images.byId(view.imageId);
          const human: SafetyResponseDetail['human'] = {};
          for (const label of labels)
            if (label.response_key === view.key) human[label.dimension] = label.score;
          return { ...view, human, imageSha256: image?.sha256 ?? null };
        }),
      );
      return { total: views.length, responses };
    },

    async label({ runId, responseKey, dimension, score }) {
      await safety().label(runId, responseKey, dimension, score);
      return { ok: true as const };
    },

    async export({ runId, outDir }, ctx) {
      const service = safety();
      const row = await services.alignment().repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      const results = await service.results(runId);
      const views = await service.responses(runId);
      const folder = join(await exportFolder(services, outDir, ctx), `safety-run-${runId}`);
      const files: [string, string][] = [
        ['answers.csv', safetyResponsesCsv(views)],
        ['scores.csv', safetyScoresCsv(results)],
        ['report.html', safetyHtmlReport(row.name, results)],
      ];
      const paths: string[] = [];
      for (const [name, text] of files) {
        const path = join(folder, name);
        await writeFileAtomic(path, text);
        paths.push(path);
      }
      return { paths };
    },
  };
}
