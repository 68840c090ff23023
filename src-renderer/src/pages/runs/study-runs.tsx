import { useState } from 'react';

import { getApi } from '../../api';
import { hashParams, setHashParams } from '../../app/hash-params';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';
import { RunMonitor } from './run-monitor';

export interface StudyRuns {
  /** The run shown: the one in the address (`#/<route>?run=N`), else the newest of the kind. */
  selected: number | undefined;
  select: (runId: number) => void;
  /** Changes whenever something the page shows may have changed (a run stopped, an import finished). */
  generation: number;
  refresh: () => void;
  runs: { id: number; name: string; state: string }[];
}

/** The runs of one study kind (safety, attribution) and which one the page shows. */
export function useStudyRuns(kind: string, route: string): StudyRuns {
  const [generation, setGeneration] = useState(0);
  const runParam = Number(hashParams().get('run'));
  const [runId, setRunId] = useState<number | undefined>(
    Number.isInteger(runParam) && runParam > 0 ? runParam : undefined,
  );
  const list = useApiQuery(() => getApi().runs.list({}), [generation]);
  const runs = (list.data ?? []).filter((run) => run.kind === kind);
  const selected = runId ?? runs[0]?.id;
  useApiEvent('run.progress', (progress) => {
    if (progress.runId === selected && progress.state !== 'running') setGeneration((value) => value + 1);
  });
  return {
    selected,
    select: (id) => {
      setRunId(id);
      setHashParams(route, { run: id });
    },
    generation,
    refresh: () => setGeneration((value) => value + 1),
    runs,
  };
}

/** The run picker and the live monitor of the selected run. */
export function StudyRunPicker({ label, study }: { label: string; study: StudyRuns }) {
  return (
    <>
      {study.runs.length > 0 && (
        <label>
          {label}{' '}
          <select value={study.selected} onChange={(event) => study.select(Number(event.target.value))}>
            {study.runs.map((run) => (
              <option key={run.id} value={run.id}>
                #{run.id} {run.name} ({run.state})
              </option>
            ))}
          </select>
        </label>
      )}
      {study.selected !== undefined && <RunMonitor runId={study.selected} onChanged={study.refresh} />}
    </>
  );
}
