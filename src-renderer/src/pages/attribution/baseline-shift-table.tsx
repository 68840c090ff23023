import type { AttributionResults } from '@contract/attribution';

/** How far each background moves the values from those of the person alone (the people-only baseline). */
export function BaselineShiftTable({ rows }: { rows: AttributionResults['baselineShift'] }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>Shift from the person alone</h3>
      <p className="muted">
        1 − Jaccard between the values given for the person without a background and for the same person in
        each context (0: the background changes nothing; 1: no value in common), averaged over sets.
      </p>
      <table className="data-table" aria-label="Shift from the person alone">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Values</th>
            <th scope="col">Context</th>
            <th scope="col">Sets</th>
            <th scope="col">Shift</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.model}-${row.valuesType}-${row.context}`}>
              <td>{row.model}</td>
              <td>{row.valuesType}</td>
              <td>{row.context}</td>
              <td>{row.sets}</td>
              <td>{row.shift.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
