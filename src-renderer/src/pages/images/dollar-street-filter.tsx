import type { DollarStreetSelection } from '@contract/dollarstreet';

/** The user's choice as typed: income bounds stay text so an empty field means "no bound". */
export interface DollarStreetChoice {
  countries: string[];
  topics: string[];
  incomeMin: string;
  incomeMax: string;
}

export const NO_CHOICE: DollarStreetChoice = { countries: [], topics: [], incomeMin: '', incomeMax: '' };

export interface DollarStreetQuery {
  countries?: string[];
  topics?: string[];
  incomeMin?: number;
  incomeMax?: number;
}

function bound(text: string): number | undefined {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : value;
}

/** Only the facets the user narrowed are sent: an empty list means every country (or topic). */
export function toQuery(choice: DollarStreetChoice): DollarStreetQuery {
  const incomeMin = bound(choice.incomeMin);
  const incomeMax = bound(choice.incomeMax);
  return {
    ...(choice.countries.length > 0 ? { countries: choice.countries } : {}),
    ...(choice.topics.length > 0 ? { topics: choice.topics } : {}),
    ...(incomeMin !== undefined ? { incomeMin } : {}),
    ...(incomeMax !== undefined ? { incomeMax } : {}),
  };
}

function toggle(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

/**
 * Countries, topics and an income range. Every country and topic of the index stays listed; the counts
 * beside them come from the current choice (a country's count ignores the country choice, so it says what
 * ticking it would add).
 */
export function DollarStreetFilter({
  all,
  counts,
  choice,
  onChange,
}: {
  all: DollarStreetSelection;
  counts: DollarStreetSelection | undefined;
  choice: DollarStreetChoice;
  onChange: (choice: DollarStreetChoice) => void;
}) {
  const countryCount = new Map(counts?.byCountry.map((entry) => [entry.countryName, entry.photos]));
  const topicCount = new Map(counts?.byTopic.map((entry) => [entry.topic, entry.photos]));
  // Alphabetical, so a country or topic is found where one looks for it, whatever its count.
  const countries = [...all.byCountry].sort((a, b) => a.countryName.localeCompare(b.countryName));
  const topics = [...all.byTopic].sort((a, b) => a.topic.localeCompare(b.topic));
  return (
    <div className="builder">
      <fieldset>
        <legend>Countries (none ticked: all)</legend>
        <ul className="country-list" aria-label="Dollar Street countries">
          {countries.map((entry) => (
            <li key={entry.countryName}>
              <label>
                <input
                  type="checkbox"
                  // Rows whose country the app does not know cannot be downloaded, so they cannot be chosen.
                  disabled={entry.country === null}
                  checked={entry.country !== null && choice.countries.includes(entry.country)}
                  onChange={() =>
                    entry.country !== null &&
                    onChange({ ...choice, countries: toggle(choice.countries, entry.country) })
                  }
                />{' '}
                {entry.countryName} ({countryCount.get(entry.countryName) ?? 0})
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Topics (none ticked: all)</legend>
        <ul className="country-list" aria-label="Dollar Street topics">
          {topics.map((entry) => (
            <li key={entry.topic}>
              <label>
                <input
                  type="checkbox"
                  checked={choice.topics.includes(entry.topic)}
                  onChange={() => onChange({ ...choice, topics: toggle(choice.topics, entry.topic) })}
                />{' '}
                {entry.topic.replace(/_/g, ' ')} ({topicCount.get(entry.topic) ?? 0})
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="builder-row">
        <label>
          Monthly income from (USD){' '}
          <input
            type="number"
            min={0}
            value={choice.incomeMin}
            onChange={(event) => onChange({ ...choice, incomeMin: event.target.value })}
          />
        </label>
        <label>
          Monthly income up to (USD){' '}
          <input
            type="number"
            min={0}
            value={choice.incomeMax}
            onChange={(event) => onChange({ ...choice, incomeMax: event.target.value })}
          />
        </label>
        <button type="button" onClick={() => onChange(NO_CHOICE)}>
          Clear the choice
        </button>
      </div>
    </div>
  );
}
