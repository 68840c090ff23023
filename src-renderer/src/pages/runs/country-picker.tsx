import { useMemo, useState } from 'react';

import { WorldChoropleth } from '../../charts';

export interface PickableCountry {
  code: string;
  name: string;
  questions: number;
  incomeGroup: string | null;
  region: string | null;
}

const ANY = '';

/**
 * Countries by clicking the map or ticking the list; the list narrows by name, region and income group, and
 * "Choose all shown" takes what the filters leave (e.g. every low-income country in Africa).
 */
export function CountryPicker({
  countries,
  selected,
  onChange,
}: {
  countries: readonly PickableCountry[];
  selected: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const [region, setRegion] = useState(ANY);
  const [income, setIncome] = useState(ANY);
  const regions = [
    ...new Set(countries.flatMap((country) => (country.region !== null ? [country.region] : []))),
  ].sort();
  const incomes = [
    ...new Set(countries.flatMap((country) => (country.incomeGroup !== null ? [country.incomeGroup] : []))),
  ].sort();
  const toggle = (code: string) =>
    onChange(selected.includes(code) ? selected.filter((entry) => entry !== code) : [...selected, code]);
  const mapData = useMemo(
    () =>
      countries.map((country) => ({
        code: country.code,
        value: country.questions,
        detail: `${country.questions} questions with human answers`,
      })),
    [countries],
  );
  const visible = countries.filter(
    (country) =>
      (country.name.toLowerCase().includes(filter.toLowerCase()) || country.code === filter.toUpperCase()) &&
      (region === ANY || country.region === region) &&
      (income === ANY || country.incomeGroup === income),
  );

  return (
    <>
      <WorldChoropleth
        title="Countries"
        subtitle="Click countries to choose them; colour shows how many questions have human answers"
        data={mapData}
        valueLabel="Questions"
        selected={selected}
        onCountryClick={toggle}
      />
      <div className="builder-row">
        <input
          type="search"
          aria-label="Find a country"
          placeholder="Find a country…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        {regions.length > 0 && (
          <label>
            Region{' '}
            <select value={region} onChange={(event) => setRegion(event.target.value)}>
              <option value={ANY}>all regions</option>
              {regions.map((entry) => (
                <option key={entry}>{entry}</option>
              ))}
            </select>
          </label>
        )}
        {incomes.length > 0 && (
          <label>
            Income group{' '}
            <select value={income} onChange={(event) => setIncome(event.target.value)}>
              <option value={ANY}>all income groups</option>
              {incomes.map((entry) => (
                <option key={entry}>{entry}</option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          onClick={() => onChange([...new Set([...selected, ...visible.map((country) => country.code)])])}
        >
          Choose all shown ({visible.length})
        </button>
        <button type="button" disabled={selected.length === 0} onClick={() => onChange([])}>
          Clear
        </button>
        <span className="muted">
          {selected.length === 0 ? 'No country chosen yet' : `Chosen: ${selected.join(', ')}`}
        </span>
      </div>
      <ul className="country-list" aria-label="Countries with human answers">
        {visible.map((country) => (
          <li key={country.code}>
            <label>
              <input
                type="checkbox"
                checked={selected.includes(country.code)}
                onChange={() => toggle(country.code)}
              />{' '}
              {country.name} <span className="muted">({country.questions})</span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
