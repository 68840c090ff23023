import type { MapPlacement } from '@contract/runs';
import { countryName } from '../../charts';
import { formatNumber } from '../../components/format';
import { coordinate, type AxisUse } from './map-axes';

const xy = (point: MapPlacement['modelPoint'], x: AxisUse | null, y: AxisUse | null) =>
  point === null || x === null || y === null
    ? '—'
    : `${formatNumber(coordinate(point, x), 2)}, ${formatNumber(coordinate(point, y), 2)}`;

/** Placements that could not be drawn, with the reason the projection gave (e.g. an item missing). */
export function PlacementProblems({ placements }: { placements: readonly MapPlacement[] }) {
  const failed = placements.filter((placement) => placement.problem !== null);
  if (failed.length === 0) return null;
  return (
    <section aria-label="Placements with problems">
      <h3>
        {failed.length} {failed.length === 1 ? 'country is' : 'countries are'} not placed
      </h3>
      <ul className="plain-list">
        {failed.map((placement) => (
          <li key={`${placement.model}|${placement.condition}|${placement.country}`} className="warning">
            <strong>{countryName(placement.country)}</strong> ({placement.country}, condition{' '}
            {placement.condition}): {placement.problem}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Every placement of the chosen condition with both points. The human point here is the projection of the
 * survey answers stored with the run, on the projection's own scale, so a reader can compare it with the
 * model's point without trusting that the projection reproduces the imported map coordinates.
 */
export function PlacementTable({
  placements,
  x,
  y,
}: {
  placements: readonly MapPlacement[];
  x: AxisUse | null;
  y: AxisUse | null;
}) {
  if (placements.length === 0) return null;
  return (
    <table className="data-table" aria-label="Map placements">
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col">Condition</th>
          <th scope="col">Model point (x, y)</th>
          <th scope="col">Human answers, same projection (x, y)</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {placements.map((placement) => (
          <tr key={`${placement.model}|${placement.condition}|${placement.country}`}>
            <td>
              {countryName(placement.country)} ({placement.country})
            </td>
            <td>{placement.condition}</td>
            <td>{xy(placement.modelPoint, x, y)}</td>
            <td>{xy(placement.humanPoint, x, y)}</td>
            <td className={placement.problem === null ? 'muted' : undefined}>
              {placement.problem ?? 'none'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
