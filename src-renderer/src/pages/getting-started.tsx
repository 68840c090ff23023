import type { ReactNode } from 'react';

import type { CatalogueEntryView } from '@contract/downloads';
import { getApi } from '../api';
import { ErrorBox } from '../components/page';
import { useAction } from '../hooks/use-action';
import { useApiQuery } from '../hooks/use-api-query';

/** The small model offered first: quick to fetch and runs anywhere. */
const RECOMMENDED_MODEL = 'smolvlm-256m';
const SURVEY_DATA = 'globalopinionqa';

interface Step {
  done: boolean;
  title: string;
  href: string;
  hint: ReactNode;
  actions?: ReactNode;
}

function bring(entry: CatalogueEntryView | undefined, folder: string): ReactNode {
  if (entry === undefined) return null;
  return (
    <>
      {' '}
      Offline, bring {entry.files.map((file) => file.fileName).join(' and ')} (from {entry.homepage}) and put{' '}
      {entry.files.length > 1 ? 'them' : 'it'} in <code>{folder}</code>.
    </>
  );
}

/**
 * The shortest path to a first result, ticked off from what this installation really has. Each step can be
 * done from here (download the recommended file, or create the demo model) and says which file to bring
 * when there is no internet.
 */
export function GettingStarted() {
  const state = useApiQuery(async () => {
    const api = getApi();
    const [models, datasets, images, runs, catalogue] = await Promise.all([
      api.models.list({}),
      api.data.datasets({}),
      api.images.counts({}),
      api.runs.list({}),
      api.downloads.catalogue({}),
    ]);
    return {
      models: models.models.length,
      modelFolder: models.folders[0] ?? 'the models folder',
      datasets: datasets.length,
      images: images.length,
      runs: runs.filter((run) => run.counts.done > 0).length,
      catalogue,
    };
  }, []);
  const action = useAction<unknown>(() => state.reload());
  if (state.data === undefined) return null;
  const { data } = state;
  const model = data.catalogue.find((entry) => entry.id === RECOMMENDED_MODEL);
  const survey = data.catalogue.find((entry) => entry.id === SURVEY_DATA);
  const api = getApi();

  const downloadModel = () =>
    action.run(async () => {
      const started = await api.downloads.start({ catalogueId: RECOMMENDED_MODEL });
      const files = await api.downloads.wait({ taskId: started.taskId });
      const failed = files.find((file) => file.state !== 'done');
      if (failed !== undefined) throw new Error(failed.error ?? `The download ended ${failed.state}.`);
    });
  const downloadSurvey = () =>
    action.run(async () => {
      const started = await api.downloads.start({ catalogueId: SURVEY_DATA });
      const files = await api.downloads.wait({ taskId: started.taskId });
      const file = files[0];
      if (file === undefined || file.state !== 'done')
        throw new Error(file?.error ?? 'The download did not finish.');
      await api.data.importGoqa({ path: file.destination });
    });

  const steps: Step[] = [
    {
      done: data.models > 0,
      title: 'Get a model',
      href: '#/models',
      hint: (
        <>
          A GGUF text model and its mmproj in <code>{data.modelFolder}</code>
          {model !== undefined ? `, for example ${model.title}` : ''}.{bring(model, data.modelFolder)} The
          demo model has random weights: it shows the pipeline, and its scores mean nothing.
        </>
      ),
      actions: (
        <>
          {model !== undefined && (
            <button type="button" disabled={action.busy} onClick={downloadModel}>
              Download {model.title}
            </button>
          )}
          <button
            type="button"
            disabled={action.busy}
            onClick={() => action.run(() => api.models.createDemo({}))}
          >
            Create the demo model (meaningless scores)
          </button>
        </>
      ),
    },
    {
      done: data.datasets > 0,
      title: 'Get survey data',
      href: '#/data',
      hint: (
        <>
          GlobalOpinionQA gives human answers per country for WVS questions.
          {survey !== undefined && (
            <>
              {' '}
              Offline, bring {survey.files[0]?.fileName} (from {survey.homepage}) and import it on the Data
              page.
            </>
          )}
        </>
      ),
      actions:
        survey !== undefined ? (
          <button type="button" disabled={action.busy} onClick={downloadSurvey}>
            Download and import GlobalOpinionQA ({survey.licence})
          </button>
        ) : undefined,
    },
    {
      done: data.images > 0,
      title: 'Get images (optional)',
      href: '#/images',
      hint: 'On the Images page: import a folder laid out Country/Category/image.jpg, or download Dollar Street photos. The T and blank conditions need none.',
    },
    {
      done: data.runs > 0,
      title: 'Run an experiment',
      href: '#/experiments',
      hint: 'Pick countries on the map and conditions, preview, start.',
    },
  ];
  if (steps.every((step) => step.done)) return null;
  return (
    <article className="card wide getting-started" aria-label="Getting started">
      <h2>Getting started</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.title} className={step.done ? 'done' : undefined}>
            <a href={step.href}>{step.title}</a> {step.done ? '✓' : ''}
            <p className="note">{step.hint}</p>
            {!step.done && step.actions !== undefined && <div className="page-actions">{step.actions}</div>}
          </li>
        ))}
      </ol>
      {action.busy && <p role="status">Working… (a download can take minutes; you can browse meanwhile)</p>}
      {action.error !== undefined && <ErrorBox message={action.error} />}
    </article>
  );
}
