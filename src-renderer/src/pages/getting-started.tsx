import { getApi } from '../api';
import { useApiQuery } from '../hooks/use-api-query';

interface Step {
  done: boolean;
  title: string;
  href: string;
  hint: string;
}

/** The shortest path to a first result, ticked off from what this installation really has. */
export function GettingStarted() {
  const state = useApiQuery(async () => {
    const api = getApi();
    const [models, datasets, images, runs] = await Promise.all([
      api.models.list({}),
      api.data.datasets({}),
      api.images.counts({}),
      api.runs.list({}),
    ]);
    return {
      models: models.models.length,
      datasets: datasets.length,
      images: images.length,
      runs: runs.filter((run) => run.counts.done > 0).length,
    };
  }, []);
  if (state.data === undefined) return null;
  const steps: Step[] = [
    {
      done: state.data.models > 0,
      title: 'Get a model',
      href: '#/models',
      hint: 'Put a GGUF text model and its mmproj in a model folder, or create the demo model (random weights: its scores mean nothing).',
    },
    {
      done: state.data.datasets > 0,
      title: 'Get survey data',
      href: '#/data',
      hint: 'Import GlobalOpinionQA (global_opinions.csv from Anthropic/llm_global_opinions).',
    },
    {
      done: state.data.images > 0,
      title: 'Get images (optional)',
      href: '#/images',
      hint: 'Import a folder laid out Country/Category/image.jpg for the image conditions; T and blank need none.',
    },
    {
      done: state.data.runs > 0,
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
          </li>
        ))}
      </ol>
    </article>
  );
}
