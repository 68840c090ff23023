import { useState } from 'react';

import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

/** GlobalOpinionQA: the study's main survey data. */
export function GoqaImport({ onImported }: { onImported: () => void }) {
  return (
    <ImportForm
      title="Import GlobalOpinionQA"
      intro={
        <p>
          The file <code>global_opinions.csv</code> from the Hugging Face dataset
          Anthropic/llm_global_opinions (CC BY-NC-SA 4.0), or its JSONL pairs. Only the World Values Survey
          rows are imported.
        </p>
      }
      placeholder="/path/to/global_opinions.csv"
      run={(path) => getApi().data.importGoqa({ path })}
      onImported={onImported}
      report={(report) => (
        <p>
          Imported dataset {report.datasetId}: {report.questions} questions, {report.validPairs} country
          distributions
          {report.invalidPairs > 0 ? `, ${report.invalidPairs} flagged invalid` : ''}
          {report.unresolvedCountries.length > 0
            ? `; countries not recognised: ${report.unresolvedCountries.join(', ')}`
            : ''}
          .
        </p>
      )}
    />
  );
}

/** The WVS-7 question bank: answer labels for respondent files, and sections as topics. */
export function WvsBankImport({ onImported }: { onImported: () => void }) {
  return (
    <ImportForm
      title="Import the WVS-7 question bank"
      intro={
        <p>
          A JSON list or CSV of the wave 7 items (id, section, label, answer options), such as{' '}
          <code>wvs7_questions_merged.json</code>. It replaces the previous bank, links GlobalOpinionQA
          questions already imported to its items (their sections become the default topics), and is needed
          before a WVS respondent file.
        </p>
      }
      placeholder="/path/to/wvs7_questions_merged.json"
      run={(path) => getApi().data.importWvsBank({ path })}
      onImported={onImported}
      report={(report) => (
        <>
          <p>
            Imported the WVS-7 question bank: {report.items} items ({report.baseItems} questions,{' '}
            {report.variants} variants) in {report.sections.length} sections. {report.goqa.matched} of{' '}
            {report.goqa.questions} GlobalOpinionQA questions matched an item
            {report.goqa.topicsFromSections > 0
              ? `; ${report.goqa.topicsFromSections} took their item's section as topic`
              : ''}
            .
          </p>
          <LeftOut
            title="sections"
            items={report.sections.map((entry) => `${entry.section}: ${entry.items} items`)}
          />
        </>
      )}
    />
  );
}

/** WVS wave 7 respondents, kept only as weighted answer shares per country (and subgroup). */
export function WvsRespondentsImport({ onImported }: { onImported: () => void }) {
  const [subgroups, setSubgroups] = useState(false);
  return (
    <ImportForm
      title="Import WVS-7 respondents"
      intro={
        <p>
          The wave 7 respondent CSV from worldvaluessurvey.org (country in <code>B_COUNTRY_ALPHA</code> or{' '}
          <code>B_COUNTRY</code>, weights in <code>W_WEIGHT</code>, answers in the Q columns). Only weighted
          answer shares per country are kept, never a respondent&apos;s row. Import the question bank first.
        </p>
      }
      placeholder="/path/to/WVS_Cross-National_Wave_7_csv.csv"
      options={
        <label>
          <input
            type="checkbox"
            checked={subgroups}
            onChange={(event) => setSubgroups(event.target.checked)}
          />{' '}
          Also per sex, age band, urban/rural and education
        </label>
      }
      run={(path) => getApi().data.importWvs({ path, subgroups })}
      onImported={onImported}
      report={(report) => (
        <>
          <p>
            Imported dataset {report.datasetId}: {report.rows} respondents in {report.countries} countries,{' '}
            {report.questions} questions, {report.distributions} country distributions
            {subgroups ? `, ${report.subgroupDistributions} subgroup distributions` : ''}. Countries were read
            from {report.countryColumn}.
          </p>
          {report.rowsWithoutCountry > 0 && (
            <p>
              {report.rowsWithoutCountry} rows left out: their country code is not recognised (
              {report.unresolvedCountries.join(', ')}).
            </p>
          )}
          {report.unlistedAnswers > 0 && (
            <p>{report.unlistedAnswers} answers left out: their code is not an option the bank lists.</p>
          )}
          {report.missingSubgroupColumns.length > 0 && (
            <p>Subgroup columns not in the file: {report.missingSubgroupColumns.join(', ')}.</p>
          )}
        </>
      )}
    />
  );
}
