import { z } from 'zod';

import type { GoqaImportReport } from '../domain/data/goqa';
import type {
  CulturalMapEntry,
  CulturalMapImportReport,
  WvsBankImportReport,
  WvsRespondentImportReport,
} from '../domain/data/survey-extras-reports';
import { method } from './define';

export interface DatasetSummary {
  id: number;
  name: string;
  kind: string;
  source: string;
  licence: string;
  citation: string;
  filePath: string;
  fileSha256: string;
  importedAt: string;
  questions: number;
  pairs: number;
  report: Record<string, unknown>;
}

export type ImportReport = GoqaImportReport;
export type { CulturalMapEntry, CulturalMapImportReport, WvsBankImportReport, WvsRespondentImportReport };

export interface QuestionListEntry {
  id: string;
  text: string;
  topic: string | null;
  options: string[];
  scaleType: 'ordinal' | 'categorical' | 'binary';
  /** Countries with a usable distribution. */
  countries: number;
}

export interface QuestionWithDistributions extends Omit<QuestionListEntry, 'countries'> {
  /** false for non-substantive options (Don't know, No answer…). */
  substantive: boolean[];
  distributions: {
    country: string;
    name: string;
    /** Shares of respondents per option, summing to 1 (as imported, renormalised). */
    shares: number[];
    n: number | null;
    valid: boolean;
    problem: string | null;
  }[];
}

export const data = {
  datasets: method(
    z.object({}).strict(),
    'Imported survey datasets with source, licence and citation',
  ).returns<DatasetSummary[]>(),
  importGoqa: method(
    z
      .object({
        path: z.string().min(1),
        includeGas: z.boolean().default(false),
        keepValidRows: z.boolean().default(false),
        name: z.string().max(200).optional(),
      })
      .strict(),
    'Import GlobalOpinionQA (the published CSV, or JSONL pairs); all or nothing unless keepValidRows',
  ).returns<ImportReport>(),
  deleteDataset: method(
    z.object({ datasetId: z.number().int().positive() }).strict(),
    'Delete a dataset (runs keep their results)',
  ).returns<{ deleted: true }>(),
  importIncomeGroups: method(
    z
      .object({
        path: z.string().min(1),
        /** Defaults to the fiscal year in the file name (CLASS_FY2025.xlsx), else World Bank FY2025. */
        classification: z.string().min(1).max(100).optional(),
      })
      .strict(),
    'Import World Bank income groups and regions (CLASS.xlsx as published, or its "List of economies" as CSV)',
  ).returns<{
    file: string;
    classification: string;
    countries: number;
    skipped: { line: number; reason: string }[];
  }>(),
  setIncomeGroup: method(
    z.object({ country: z.string().length(2), incomeGroup: z.string().min(1).max(100) }).strict(),
    "Edit a country's income group (kept when the classification is imported again)",
  ).returns<{ country: string; incomeGroup: string }>(),
  importTopicMap: method(
    z.object({ path: z.string().min(1), datasetId: z.number().int().positive() }).strict(),
    'Assign topics to a dataset from a JSONL map of question text → topic',
  ).returns<{ file: string; entries: number; matched: number; unmatched: number }>(),
  topics: method(
    z.object({ datasetId: z.number().int().positive() }).strict(),
    'Topics of a dataset with question counts',
  ).returns<{ topic: string; questions: number }[]>(),
  countries: method(
    z.object({ datasetId: z.number().int().positive() }).strict(),
    'Countries with human answers in a dataset, with question counts',
  ).returns<
    { code: string; name: string; questions: number; incomeGroup: string | null; region: string | null }[]
  >(),
  questions: method(
    z
      .object({
        datasetId: z.number().int().positive(),
        topic: z.string().min(1).max(200).optional(),
        search: z.string().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    'A page of questions of a dataset, by topic and words, with the number of countries that have answers',
  ).returns<{ total: number; questions: QuestionListEntry[] }>(),
  question: method(
    z.object({ datasetId: z.number().int().positive(), questionId: z.string().min(1).max(200) }).strict(),
    "One question with every country's human answer distribution (shares of respondents)",
  ).returns<QuestionWithDistributions>(),
  importWvsBank: method(
    z.object({ path: z.string().min(1) }).strict(),
    'Import the WVS-7 question bank (JSON list or CSV), replacing the previous one, and match imported GlobalOpinionQA questions to its items; their sections become the default topics',
  ).returns<WvsBankImportReport>(),
  importWvs: method(
    z
      .object({
        path: z.string().min(1),
        subgroups: z.boolean().default(false),
        name: z.string().max(200).optional(),
      })
      .strict(),
    'Import a WVS-7 respondent CSV as weighted answer distributions per country (and per sex, age band, urban/rural and education with subgroups); needs the question bank; respondent rows are never stored',
  ).returns<WvsRespondentImportReport>(),
  importCulturalMap: method(
    z.object({ path: z.string().min(1) }).strict(),
    'Import Inglehart–Welzel cultural-map coordinates (CSV: country or geo, year, tradagg/survsagg), replacing the previous ones',
  ).returns<CulturalMapImportReport>(),
  culturalMap: method(
    z.object({ latestOnly: z.boolean().default(true) }).strict(),
    'Countries on the Inglehart–Welzel map: x = self-expression (−survsagg), y = secular-rational (tradagg); each country’s latest survey year unless latestOnly is false',
  ).returns<CulturalMapEntry[]>(),
};
