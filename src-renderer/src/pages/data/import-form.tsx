import { useId, useState, type ReactNode } from 'react';

import { errorMessage } from '../../api';
import { ErrorBox } from '../../components/page';

/**
 * One importer: a file path, an Import button, the importer's own options, and its report. Every importer on
 * the Data page uses it, so they all read and behave alike; the main side words the errors.
 */
export function ImportForm<R>({
  title,
  intro,
  placeholder,
  options,
  ready = true,
  run,
  report,
  onImported,
}: {
  title: string;
  intro: ReactNode;
  placeholder: string;
  /** Extra fields (labelled controls) shown beside the path. */
  options?: ReactNode;
  /** False while a required option is missing. */
  ready?: boolean;
  run: (path: string) => Promise<R>;
  report: (result: R) => ReactNode;
  onImported?: () => void;
}) {
  const headingId = useId();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<R>();

  const submit = () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    run(path.trim())
      .then((value) => {
        setResult(value);
        onImported?.();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className="muted">{intro}</div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label>
          File path{' '}
          <input
            value={path}
            onChange={(event) => setPath(event.target.value)}
            placeholder={placeholder}
            size={60}
          />
        </label>
        {options}
        <button type="submit" className="primary" disabled={busy || !ready || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {result !== undefined && <div role="status">{report(result)}</div>}
    </article>
  );
}

/** Rows or names an importer left out, folded away so a long list does not push the page down. */
export function LeftOut({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <details>
      <summary>
        {items.length} {title}
      </summary>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </details>
  );
}
