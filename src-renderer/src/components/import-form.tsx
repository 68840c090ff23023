import { useId, useState, type ReactNode } from 'react';

import { useAction } from '../hooks/use-action';
import { ErrorBox } from './page';

/**
 * One importer: a path, an Import button, the importer's own options, and its report. Every import card uses
 * it, so they all read and behave alike; the main side words the errors.
 */
export function ImportForm<R>({
  title,
  intro,
  placeholder,
  pathLabel = 'File path',
  submitLabel = 'Import',
  options,
  ready = true,
  run,
  report,
  onImported,
}: {
  title: string;
  intro: ReactNode;
  placeholder?: string;
  pathLabel?: string;
  submitLabel?: string;
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
  const action = useAction<R>(() => onImported?.());

  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className="muted">{intro}</div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          action.run(() => run(path.trim()));
        }}
      >
        <label>
          {pathLabel}{' '}
          <input
            value={path}
            onChange={(event) => setPath(event.target.value)}
            {...(placeholder !== undefined ? { placeholder } : {})}
            size={48}
          />
        </label>
        {options}
        <button type="submit" className="primary" disabled={action.busy || !ready || path.trim() === ''}>
          {action.busy ? 'Importing…' : submitLabel}
        </button>
      </form>
      {action.error !== undefined && <ErrorBox message={action.error} />}
      {action.result !== undefined && !action.busy && <div role="status">{report(action.result)}</div>}
    </article>
  );
}

/** Rows or files an importer left out, folded away so a long list does not push the page down. */
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
