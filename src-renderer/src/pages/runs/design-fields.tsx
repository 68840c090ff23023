import { getApi } from '../../api';
import { NumberField } from '../../components/number-field';
import { useApiQuery } from '../../hooks/use-api-query';

export interface DesignChoice {
  imagesPerCountry: number;
  imageCategory: string;
  templateId: string;
  /** Extra passes besides the shown order, to measure position bias. */
  reversed: boolean;
  shuffled: boolean;
  minCoverage: number;
}

export const DEFAULT_DESIGN: DesignChoice = {
  imagesPerCountry: 1,
  imageCategory: '',
  templateId: '',
  reversed: false,
  shuffled: false,
  minCoverage: 0,
};

/** Images per country and their category, the prompt template, option-order passes, the coverage floor. */
export function DesignFields({
  value,
  onChange,
}: {
  value: DesignChoice;
  onChange: (value: DesignChoice) => void;
}) {
  const templates = useApiQuery(() => getApi().runs.templates({}), []);
  const categories = useApiQuery(() => getApi().images.categories({}), []);
  const set = (patch: Partial<DesignChoice>) => onChange({ ...value, ...patch });
  const categoryNames = [
    ...new Set((categories.data ?? []).flatMap((entry) => (entry.category !== null ? [entry.category] : []))),
  ].sort();
  return (
    <details>
      <summary>Images, prompt template and option order</summary>
      <div className="builder-row">
        <NumberField
          label="Images per country"
          value={value.imagesPerCountry}
          onChange={(imagesPerCountry) => set({ imagesPerCountry })}
          min={1}
          max={50}
        />
        <label>
          Image category{' '}
          <select
            value={value.imageCategory}
            onChange={(event) => set({ imageCategory: event.target.value })}
          >
            <option value="">any category</option>
            {categoryNames.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Prompt template{' '}
          <select value={value.templateId} onChange={(event) => set({ templateId: event.target.value })}>
            {(templates.data ?? []).map((template) => (
              <option key={template.id} value={template.builtIn ? '' : template.id}>
                {template.name} {template.version}
                {template.builtIn ? ' (built in)' : ''}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Minimum option coverage"
          value={value.minCoverage}
          onChange={(minCoverage) => set({ minCoverage })}
          min={0}
          max={1}
          step={0.05}
        />
      </div>
      <fieldset className="conditions">
        <legend>Option order (each extra pass asks every question again, to measure position bias)</legend>
        <label>
          <input
            type="checkbox"
            checked={value.reversed}
            onChange={() => set({ reversed: !value.reversed })}
          />{' '}
          Also with the options reversed
        </label>
        <label>
          <input
            type="checkbox"
            checked={value.shuffled}
            onChange={() => set({ shuffled: !value.shuffled })}
          />{' '}
          Also with the options shuffled
        </label>
      </fieldset>
    </details>
  );
}

/** The experiment fields a design choice sets. */
export function designSettings(choice: DesignChoice) {
  return {
    images: {
      perCountry: choice.imagesPerCountry,
      ...(choice.imageCategory !== '' ? { category: choice.imageCategory } : {}),
    },
    ...(choice.templateId !== '' ? { templateId: choice.templateId } : {}),
    optionOrders: [
      { kind: 'identity' as const },
      ...(choice.reversed ? [{ kind: 'reversed' as const }] : []),
      ...(choice.shuffled ? [{ kind: 'shuffled' as const, seed: 1 }] : []),
    ],
    minCoverage: choice.minCoverage,
  };
}
