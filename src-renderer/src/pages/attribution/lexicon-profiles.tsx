import { useState } from 'react';

import type { ContextProfile, FoundationProfile } from '@contract/attribution';
import { errorMessage, getApi } from '../../api';
import { Heatmap } from '../../charts';
import { ErrorBox } from '../../components/page';

const fixed = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(2));

/**
 * Lexical profiles of the attributed values with lexicons the user brings (none is bundled): VAD and
 * warmth/competence per context, and moral-foundation shares per context as a heatmap.
 */
export function LexiconProfiles({ runId, foundationJudge }: { runId: number; foundationJudge?: string }) {
  const [vad, setVad] = useState('');
  const [warmth, setWarmth] = useState('');
  const [moral, setMoral] = useState('');
  // A run with a foundation judge profiles its foundations from the judge unless the user unticks it.
  const [useJudge, setUseJudge] = useState(foundationJudge !== undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [profiles, setProfiles] = useState<{
    contexts: ContextProfile[];
    foundations: FoundationProfile[];
    judge: {
      model: string;
      selfJudged: boolean;
      calls: number;
      judgedValues: number;
      mappedValues: number;
    } | null;
  }>();

  const run = () => {
    setBusy(true);
    setError(undefined);
    getApi()
      .attribution.profiles({
        runId,
        ...(vad.trim() !== '' ? { vadPath: vad.trim() } : {}),
        ...(warmth.trim() !== '' ? { warmthPath: warmth.trim() } : {}),
        ...(moral.trim() !== '' && !useJudge ? { moralPath: moral.trim() } : {}),
        judgeFoundations: useJudge,
      })
      .then(setProfiles)
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-label="Lexical profiles" className="card">
      <h3>Lexical profiles</h3>
      <p className="muted">
        Point to lexicons you have (NRC-VAD, the Nicolas–Bai–Fiske warmth/competence dictionary, a
        moral-foundations dictionary such as MFD 2.0). They are read, never copied.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          VAD lexicon <input value={vad} onChange={(event) => setVad(event.target.value)} size={24} />
        </label>
        <label>
          Warmth/competence{' '}
          <input value={warmth} onChange={(event) => setWarmth(event.target.value)} size={24} />
        </label>
        <label>
          Moral foundations{' '}
          <input
            value={moral}
            onChange={(event) => setMoral(event.target.value)}
            size={24}
            disabled={useJudge}
          />
        </label>
        {foundationJudge !== undefined && (
          <label>
            <input type="checkbox" checked={useJudge} onChange={() => setUseJudge(!useJudge)} /> Foundations
            from the judge ({foundationJudge})
          </label>
        )}
        <button type="submit" disabled={busy || ((vad + warmth + moral).trim() === '' && !useJudge)}>
          {busy ? 'Reading…' : 'Profile the values'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {profiles !== undefined && (
        <>
          {profiles.judge !== null && (
            <p className="muted" role="note">
              Moral foundations judged by {profiles.judge.model}
              {profiles.judge.selfJudged ? ' (a model under test, judging its own answers)' : ''}:{' '}
              {profiles.judge.calls} calls, {profiles.judge.mappedValues} of {profiles.judge.judgedValues}{' '}
              values placed in a foundation.
            </p>
          )}
          {profiles.contexts.some((row) => row.vad !== null || row.warmth !== null) && (
            <table className="data-table" aria-label="Profiles per context">
              <thead>
                <tr>
                  <th scope="col">Context</th>
                  <th scope="col">Values</th>
                  <th scope="col">Valence</th>
                  <th scope="col">Arousal</th>
                  <th scope="col">Dominance</th>
                  <th scope="col">VAD coverage</th>
                  <th scope="col">Warmth/competence coverage</th>
                </tr>
              </thead>
              <tbody>
                {profiles.contexts.map((row) => (
                  <tr key={`${row.model}-${row.dimension}-${row.kind}-${row.context}`}>
                    <td>{row.context === 'blank' ? `blank (${row.dimension})` : row.context}</td>
                    <td>{row.kind}</td>
                    <td>{fixed(row.vad?.means?.valence)}</td>
                    <td>{fixed(row.vad?.means?.arousal)}</td>
                    <td>{fixed(row.vad?.means?.dominance)}</td>
                    <td>{row.vad === null ? '—' : `${row.vad.matched}/${row.vad.terms}`}</td>
                    <td>{row.warmth === null ? '—' : `${row.warmth.matched}/${row.warmth.terms}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {profiles.foundations.map((pool) => (
            <Heatmap
              key={`${pool.model}-${pool.dimension}-${pool.kind}`}
              title={`Moral foundations: ${pool.dimension}, ${pool.kind} values`}
              subtitle="Share of matched terms per foundation in each context; hover for over-representation against all contexts"
              cells={pool.contexts.flatMap((context) =>
                Object.entries(context.shares).map(([foundation, share]) => ({
                  row: context.context,
                  column: foundation,
                  value: share,
                  detail: `×${fixed(context.overRepresentation[foundation]?.ratio ?? null)} vs all contexts`,
                })),
              )}
              domain={[0, 1]}
              format={(value) => `${(100 * value).toFixed(0)} %`}
              valueLabel="Share"
              showValues
            />
          ))}
        </>
      )}
    </section>
  );
}
