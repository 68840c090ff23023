import { useId, useState } from 'react';

import type { DatasetSummary } from '@contract/data';
import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

/** Inglehart–Welzel coordinates: where countries sit on the cultural map (Results page). */
export function CulturalMapImport() {
  return (
    <ImportForm
      title="Import the Inglehart–Welzel cultural map"
      intro={
        <p>
          A CSV with a country (or <code>geo</code>) column, <code>year</code>, <code>tradagg</code> and{' '}
          <code>survsagg</code>, such as <code>ivs_latest_per_country.csv</code> from the IVS cultural map. It
          replaces the points imported before.
        </p>
      }
      placeholder="/path/to/ivs_latest_per_country.csv"
      run={(path) => getApi().data.importCulturalMap({ path })}
      report={(report) => (
        <>
          <p>
            Imported {report.points} cultural-map points for {report.countries} countries ({report.firstYear}–
            {report.lastYear}).
            {report.duplicates > 0
              ? ` ${report.duplicates} rows repeated a country and year under another name and were left out.`
              : ''}
          </p>
          <LeftOut title="names left out: not a country today, or not recognised" items={report.unresolved} />
        </>
      )}
    />
  );
}

/** World Bank income groups and regions, used to group countries in the results. */
export function IncomeGroupsImport() {
  const [classification, setClassification] = useState('');
  return (
    <ImportForm
      title="Import World Bank income groups"
      intro={
        <p>
          <code>CLASS.xlsx</code> as the World Bank publishes it, or its &quot;List of economies&quot; sheet
          saved as CSV. Income groups you edited by hand are kept.
        </p>
      }
      placeholder="/path/to/CLASS.xlsx"
      options={
        <label>
          Classification (optional){' '}
          <input
            value={classification}
            onChange={(event) => setClassification(event.target.value)}
            placeholder="World Bank FY2025"
          />
        </label>
      }
      run={(path) =>
        getApi().data.importIncomeGroups({
          path,
          ...(classification.trim() !== '' ? { classification: classification.trim() } : {}),
        })
      }
      report={(report) => (
        <>
          <p>
            Imported {report.classification}: income groups and regions of {report.countries} countries.
          </p>
          <LeftOut
            title="rows skipped"
            items={report.skipped.map((entry) => `Line ${entry.line}: ${entry.reason}`)}
          />
        </>
      )}
    />
  );
}

/** Topics for a dataset's questions from a paper's labels, matched by question text. */
export function TopicMapImport({ datasets }: { datasets: DatasetSummary[] }) {
  const selectId = useId();
  const [chosen, setChosen] = useState<number>();
  const datasetId = chosen ?? datasets[0]?.id;
  return (
    <ImportForm
      title="Import a topic map"
      intro={
        <p>
          A JSONL file with one <code>{'{"Question": …, "Category": …}'}</code> object per line. Questions of
          the chosen dataset with the same text get that topic.
        </p>
      }
      placeholder="/path/to/categorized_questions.jsonl"
      options={
        // A label wrapping a select would take the chosen option into the field's name.
        <span>
          <label htmlFor={selectId}>Dataset</label>{' '}
          <select
            id={selectId}
            value={datasetId ?? ''}
            onChange={(event) => setChosen(Number(event.target.value))}
          >
            {datasets.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.id}: {dataset.name}
              </option>
            ))}
          </select>
        </span>
      }
      ready={datasetId !== undefined}
      run={(path) => getApi().data.importTopicMap({ path, datasetId: datasetId ?? 0 })}
      report={(report) => (
        <p>
          Read {report.entries} question topics: {report.matched} questions of the dataset got a topic,{' '}
          {report.unmatched} did not (their text is not in the map).
        </p>
      )}
    />
  );
}
