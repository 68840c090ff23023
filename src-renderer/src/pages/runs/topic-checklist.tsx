/** Topics as a checklist with their question counts; none ticked means every topic. */
export function TopicChecklist({
  topics,
  selected,
  onChange,
}: {
  topics: readonly { topic: string; questions: number }[];
  selected: readonly string[];
  onChange: (topics: string[]) => void;
}) {
  if (topics.length === 0) return null;
  return (
    <fieldset className="conditions">
      <legend>Topics {selected.length === 0 ? '(all)' : `(${selected.length} chosen)`}</legend>
      {topics.map((entry) => (
        <label key={entry.topic}>
          <input
            type="checkbox"
            checked={selected.includes(entry.topic)}
            onChange={() =>
              onChange(
                selected.includes(entry.topic)
                  ? selected.filter((topic) => topic !== entry.topic)
                  : [...selected, entry.topic],
              )
            }
          />{' '}
          {entry.topic} <span className="muted">({entry.questions})</span>
        </label>
      ))}
    </fieldset>
  );
}
