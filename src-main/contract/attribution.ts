import { z } from 'zod';

import { ATTRIBUTION_DIMENSIONS } from '../domain/attribution/contexts';
import { attributionRunSpecSchema } from '../domain/attribution/run-spec';
import type { CountryAgreement } from '../domain/attribution/stereotype-vs-survey';
import type {
  AttributionAnswer,
  AttributionResults,
  ContextProfile,
  FoundationProfile,
} from '../domain/attribution/views';
import { method } from './define';

export type { AttributionAnswer, AttributionResults, ContextProfile, CountryAgreement, FoundationProfile };

const runId = z.number().int().positive();

export interface CounterfactualImportResult {
  root: string;
  added: number;
  replaced: number;
  images: number;
  sets: { id: string; dimension: string; contexts: string[] }[];
  skipped: { file: string; reason: string }[];
  warnings: string[];
}

export const attribution = {
  importSets: method(
    z
      .object({
        /** A folder laid out <set_id>/<set_id>_<context>.png, or a manifest file (CSV or JSON). */
        path: z.string().min(1),
        /** Metadata (CSV or JSON) with each set's dimension and the person's attributes. */
        metadataPath: z.string().min(1).optional(),
        dimension: z.enum(ATTRIBUTION_DIMENSIONS).optional(),
      })
      .strict(),
    'Import counterfactual image sets (the same person in different contexts)',
  ).returns<CounterfactualImportResult>(),
  createSet: method(
    z
      .object({
        id: z.string().trim().min(1).max(200),
        dimension: z.enum(ATTRIBUTION_DIMENSIONS),
        /** The person's attributes, as text (e.g. gender, age). */
        person: z.record(z.string().max(100), z.string().max(200)).default({}),
        /** Library images of the same person, one per context. */
        contexts: z
          .array(
            z.object({ context: z.string().min(1).max(100), imageId: z.number().int().positive() }).strict(),
          )
          .min(2)
          .max(50),
      })
      .strict(),
    'Build a counterfactual set from library images of the same person in different contexts',
  ).returns<{ id: string; contexts: string[] }>(),
  sets: method(z.object({}).strict(), 'Counterfactual sets per dimension and context').returns<
    { dimension: string; context: string; sets: number }[]
  >(),
  plan: method(
    z.object({ spec: attributionRunSpecSchema }).strict(),
    'Preview an attribution run: sets, images and model calls',
  ).returns<{ sets: number; images: number; calls: number; warnings: string[] }>(),
  create: method(
    z
      .object({
        spec: attributionRunSpecSchema,
        /** A prompt template file (JSON), e.g. a paper's exact wording, instead of the project's own. */
        templatePath: z.string().min(1).optional(),
        start: z.boolean().default(true),
      })
      .strict(),
    'Create (and by default start) an attribution run; pause, resume and cancel go through runs.*',
  ).returns<{ runId: number; calls: number; warnings: string[] }>(),
  results: method(
    z.object({ runId }).strict(),
    'Context sensitivity, classification accuracy, refusals and the most frequent values per context',
  ).returns<AttributionResults>(),
  profiles: method(
    z
      .object({
        runId,
        /** NRC-VAD style lexicon (word, valence, arousal, dominance). */
        vadPath: z.string().min(1).optional(),
        /** Warmth/competence lexicon (Nicolas–Bai–Fiske layout, or word,warmth,competence). */
        warmthPath: z.string().min(1).optional(),
        /** Moral-foundations dictionary (MFD / MFD 2.0 format). */
        moralPath: z.string().min(1).optional(),
        /** Moral foundations from the run's foundation judge (a run created with foundationJudge). */
        judgeFoundations: z.boolean().default(false),
      })
      .strict()
      .refine(
        (input) => input.vadPath ?? input.warmthPath ?? input.moralPath ?? input.judgeFoundations,
        'Give at least one lexicon file, or ask for the judge’s moral foundations.',
      )
      .refine(
        (input) => !(input.judgeFoundations && input.moralPath !== undefined),
        'Moral foundations come from a dictionary or from the judge, not both.',
      ),
    'Valence/arousal/dominance, warmth/competence and moral-foundation profiles per context, from lexicons the user supplies',
  ).returns<{
    contexts: ContextProfile[];
    foundations: FoundationProfile[];
    lexicons: { file: string; entries: number; skipped: number; warnings: string[] }[];
    /** With judgeFoundations: who judged, whether it is a model under test, and how much it mapped. */
    judge: {
      model: string;
      selfJudged: boolean;
      calls: number;
      judgedValues: number;
      mappedValues: number;
    } | null;
  }>(),
  stereotype: method(
    z
      .object({
        runId,
        /** CSV term,item,direction: which survey item a value word speaks to, and which way. */
        mappingPath: z.string().min(1),
        /** A survey dataset with those items (e.g. an imported WVS-7 respondent file). */
        datasetId: z.number().int().positive(),
      })
      .strict(),
    "Stereotype versus survey: do the values attributed in each national context lean the way that country's survey answers do?",
  ).returns<{
    countries: CountryAgreement[];
    unresolvedContexts: string[];
    missingItems: string[];
    skippedRows: { line: number; reason: string }[];
  }>(),
  answers: method(
    z
      .object({
        runId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
        setId: z.string().optional(),
      })
      .strict(),
    'Answers with their parsed values and refusal rule (drill-down)',
  ).returns<{ total: number; answers: AttributionAnswer[] }>(),
  export: method(
    z.object({ runId, outDir: z.string().optional() }).strict(),
    'Write answers.csv, sensitivity.csv, values.csv and report.html of an attribution run',
  ).returns<{ paths: string[] }>(),
};
