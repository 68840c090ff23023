import { useState } from 'react';

import { hashParams, setHashParams } from '../../app/hash-params';
import { Page } from '../../components/page';
import { ExperimentBuilder } from './experiment-builder';
import { RunList } from './run-list';
import { RunMonitor } from './run-monitor';

export function ExperimentsPage() {
  const initial = Number(hashParams().get('run'));
  const [selected, setSelected] = useState<number | undefined>(
    Number.isInteger(initial) && initial > 0 ? initial : undefined,
  );
  const [generation, setGeneration] = useState(0);
  return (
    <Page title="Experiments" subtitle="Build an experiment, run it, and follow it while you work elsewhere">
      <ExperimentBuilder
        onStarted={(runId) => {
          setSelected(runId);
          setGeneration((value) => value + 1);
          setHashParams('experiments', { run: runId });
        }}
      />
      {selected !== undefined && (
        <RunMonitor key={selected} runId={selected} onChanged={() => setGeneration((value) => value + 1)} />
      )}
      <h2 className="section-title">Runs</h2>
      <RunList
        key={generation}
        selected={selected}
        onSelect={(runId) => {
          setSelected(runId);
          setHashParams('experiments', { run: runId });
        }}
      />
    </Page>
  );
}
