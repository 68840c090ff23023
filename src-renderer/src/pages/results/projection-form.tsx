import { useState } from 'react';

/** The path of a map projection file; the API reads it, so only a full path on this computer works. */
export function ProjectionForm({ busy, onChoose }: { busy: boolean; onChoose: (path: string) => void }) {
  const [path, setPath] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (path.trim() !== '') onChoose(path.trim());
      }}
    >
      <label>
        Map projection file{' '}
        <input
          value={path}
          onChange={(event) => setPath(event.target.value)}
          placeholder="/path/to/projection.json"
          spellCheck={false}
          size={50}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
        {busy ? 'Placing…' : 'Place on map'}
      </button>
    </form>
  );
}
