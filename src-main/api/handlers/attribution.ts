import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import {
  importCounterfactualFolder,
  importCounterfactualManifest,
} from '../../data/attribution/import-counterfactual-sets';
import {
  importMoralDictionary,
  importVadLexicon,
  importWarmthCompetenceLexicon,
} from '../../data/attribution/import-lexicon';
import { importValueMapping } from '../../data/attribution/import-value-mapping';
import { parseAttributionTemplate, type AttributionTemplate } from '../../domain/attribution/prompts';
import { contextsOf, resolveContext } from '../../domain/attribution/contexts';
import { AppError } from '../../domain/errors';
import { ImageRepository } from '../../storage/image-repository';
import { writeFileAtomic } from '../../platform/atomic-write';
import {
  attributionAnswersCsv,
  attributionHtmlReport,
  attributionSensitivityCsv,
  attributionValuesCsv,
} from '../../runner/attribution/attribution-exports';
import type { DomainHandlers } from '../dispatcher';
import type { AppServices } from '../../app/services';
import { exportFolder } from './export-folder';
import { userPath } from './user-path';

async function readTemplate(path: string): Promise<AttributionTemplate> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_file', `Template '${path}' cannot be read as JSON: ${reason}`, { file: path });
  }
  return parseAttributionTemplate(parsed, `'${path}'`);
}

export function createAttributionHandlers(services: AppServices): DomainHandlers<'attribution'> {
  const attribution = () => services.attribution();
  return {
    async importSets({ path, metadataPath, dimension }, ctx) {
      const source = userPath(path, ctx, 'folder or manifest');
      const info = await stat(source).catch(() => null);
      if (info === null) throw new AppError('not_found', `'${source}' does not exist.`, { file: source });
      const options = dimension === undefined ? {} : { dimension };
      const read = info.isDirectory()
        ? await importCounterfactualFolder(source, {
            ...options,
            ...(metadataPath !== undefined ? { metadata: userPath(metadataPath, ctx, 'metadata file') } : {}),
          })
        : await importCounterfactualManifest(source, options);
      const { added, replaced } = await attribution().sets.upsertSets(
        read.sets.map((set) => ({ ...set, source: read.root })),
      );
      // The folder becomes one the app may read from: runs show its images to the model.
      await services.db.run("INSERT OR IGNORE INTO allowed_folders (path, purpose) VALUES (?, 'images')", [
        read.root,
      ]);
      return {
        root: read.root,
        added,
        replaced,
        images: read.images,
        sets: read.sets.map((set) => ({
          id: set.id,
          dimension: set.dimension,
          contexts: set.contexts.map((c) => c.context),
        })),
        skipped: read.skipped,
        warnings: read.warnings,
      };
    },

    async createSet({ id, dimension, person, contexts }) {
      const library = new ImageRepository(services.db);
      const images = [];
      const seen = new Set<string>();
      for (const entry of contexts) {
        const context = resolveContext(entry.context, dimension);
        if (context === null)
          throw new AppError(
            'invalid_input',
            `'${entry.context}' is not a ${dimension} context; use one of ${contextsOf(dimension).join(', ')}.`,
          );
        if (seen.has(context)) throw new AppError('invalid_input', `Context ${context} is given twice.`);
        seen.add(context);
        const image = await library.byId(entry.imageId);
        if (image === undefined) throw new AppError('not_found', `No image ${entry.imageId} in the library.`);
        images.push({
          context,
          label: entry.context,
          path: image.path,
          sha256: image.sha256,
          width: image.width,
          height: image.height,
        });
      }
      await attribution().sets.upsertSets([
        { id, dimension, person, source: 'image library', contexts: images },
      ]);
      return { id, contexts: images.map((image) => image.context) };
    },

    sets() {
      return attribution().sets.summary();
    },

    async plan({ spec }) {
      const { plan } = await attribution().plan(spec);
      return { sets: plan.sets, images: plan.images, calls: plan.items.length, warnings: plan.warnings };
    },

    async create({ spec, templatePath, start }, ctx) {
      const template =
        templatePath === undefined ? undefined : await readTemplate(userPath(templatePath, ctx, 'template'));
      const { runId, plan } = await attribution().create(spec, template);
      if (start) await services.alignment().manager.start(runId);
      return { runId, calls: plan.items.length, warnings: plan.warnings };
    },

    results({ runId }) {
      return attribution().results(runId);
    },

    async profiles({ runId, vadPath, warmthPath, moralPath, judgeFoundations }, ctx) {
      const [vad, warmth, moral] = await Promise.all([
        vadPath === undefined ? undefined : importVadLexicon(userPath(vadPath, ctx, 'VAD lexicon')),
        warmthPath === undefined
          ? undefined
          : importWarmthCompetenceLexicon(userPath(warmthPath, ctx, 'warmth/competence lexicon')),
        moralPath === undefined
          ? undefined
          : importMoralDictionary(userPath(moralPath, ctx, 'moral dictionary')),
      ]);
      const profiles = await attribution().profiles(
        runId,
        {
          ...(vad !== undefined ? { vad: vad.lexicon } : {}),
          ...(warmth !== undefined ? { warmth: warmth.lexicon } : {}),
          ...(moral !== undefined ? { moral: moral.lexicon } : {}),
        },
        judgeFoundations,
      );
      const lexicons = [vad, warmth, moral].flatMap((read) =>
        read === undefined
          ? []
          : [
              {
                file: read.file,
                entries: read.entries,
                skipped: read.skipped.length,
                warnings: read.warnings,
              },
            ],
      );
      return { ...profiles, lexicons };
    },

    async stereotype({ runId, mappingPath, datasetId }, ctx) {
      const read = await importValueMapping(userPath(mappingPath, ctx, 'value mapping'));
      return {
        ...(await attribution().stereotype(runId, read.mapping, datasetId)),
        skippedRows: read.skipped,
      };
    },

    async answers({ runId, offset, limit, setId }) {
      const all = (await attribution().answers(runId)).filter(
        (answer) => setId === undefined || answer.setId === setId,
      );
      return { total: all.length, answers: all.slice(offset, offset + limit) };
    },

    async export({ runId, outDir }, ctx) {
      const row = await services.alignment().repository.getRun(runId);
      if (row === undefined) throw new AppError('not_found', `No run ${runId}.`);
      const service = attribution();
      const results = await service.results(runId);
      const folder = join(await exportFolder(services, outDir, ctx), `attribution-run-${runId}`);
      const files: [string, string][] = [
        ['answers.csv', attributionAnswersCsv(await service.answers(runId))],
        ['sensitivity.csv', attributionSensitivityCsv(results)],
        ['values.csv', attributionValuesCsv(results)],
        ['report.html', attributionHtmlReport(row.name, results)],
      ];
      const paths: string[] = [];
      for (const [name, text] of files) {
        await writeFileAtomic(join(folder, name), text);
        paths.push(join(folder, name));
      }
      return { paths };
    },
  };
}
