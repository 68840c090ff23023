/** What the WVS-7 bank, respondent and cultural-map imports report; shared by the importers and the API. */

export interface WvsLinkReport {
  /** GlobalOpinionQA datasets whose questions were matched. */
  datasets: number;
  questions: number;
  matched: number;
  /** Questions that had no topic and got their item's WVS-7 section. */
  topicsFromSections: number;
}

export interface WvsBankImportReport {
  file: string;
  items: number;
  baseItems: number;
  variants: number;
  sections: { section: string; items: number }[];
  /** GlobalOpinionQA questions already imported, matched to bank items. */
  goqa: WvsLinkReport;
}

export interface WvsRespondentImportReport {
  datasetId: number;
  file: string;
  /** The column the countries were read from: B_COUNTRY_ALPHA or B_COUNTRY. */
  countryColumn: string;
  rows: number;
  /** Rows left out because their country code is not recognised (listed in `unresolvedCountries`). */
  rowsWithoutCountry: number;
  unresolvedCountries: string[];
  countries: number;
  questions: number;
  distributions: number;
  subgroupDistributions: number;
  /** Answers with a positive code that the bank does not list for the item (left out of the shares). */
  unlistedAnswers: number;
  /** Subgroup columns asked for but absent from the file. */
  missingSubgroupColumns: string[];
}

export interface CulturalMapImportReport {
  file: string;
  points: number;
  countries: number;
  firstYear: number;
  lastYear: number;
  /** Rows for a country and year already read under another name (`russia` and `russian_federation`). */
  duplicates: number;
  /** Names that are not a country today (`germany_west`) or not recognised; their rows are left out. */
  unresolved: string[];
}

/** One country's position on the Inglehart–Welzel map in a survey year (see cultural-map-axes.ts). */
export interface CulturalMapEntry {
  country: string;
  name: string;
  year: number;
  /** Survival (−) ↔ self-expression (+). */
  x: number;
  /** Traditional (−) ↔ secular-rational (+). */
  y: number;
  tradagg: number;
  survsagg: number;
}
