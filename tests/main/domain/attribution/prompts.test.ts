import { describe, expect, it } from 'vitest';

import {
  canonicalAttributionTemplateJson,
  DEFAULT_ATTRIBUTION_TEMPLATE,
  parseAttributionTemplate,
  renderClassificationPrompt,
  renderValuePrompt,
  VALUE_KINDS,
  VALUE_PROMPT_KEYS,
  type AttributionTemplateInput,
} from '../../../../src-main/domain/attribution/prompts';
import { ATTRIBUTION_DIMENSIONS } from '../../../../src-main/domain/attribution/contexts';
import { AppError } from '../../../../src-main/domain/errors';

function withChanges(change: (input: AttributionTemplateInput) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_ATTRIBUTION_TEMPLATE)) as AttributionTemplateInput;
  change(copy);
  return copy;
}

function problems(data: unknown): string {
  try {
    parseAttributionTemplate(data, 'my-template.json');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_file');
    expect((error as AppError).details.file).toBe('my-template.json');
    return (error as AppError).message;
  }
  throw new Error('the template was accepted');
}

describe('value-attribution prompts', () => {
  it('has nine value prompts keyed as in METHODS', () => {
    expect(VALUE_PROMPT_KEYS).toHaveLength(9);
    expect(VALUE_PROMPT_KEYS).toContain('religious_moral_values');
    expect(VALUE_PROMPT_KEYS).toContain('nationality_political_values');
    expect(VALUE_PROMPT_KEYS).toContain('socioeconomic_ethical_values');
  });

  it('renders every value prompt with its setting and kind, asking for a comma-separated list', () => {
    const seen = new Set<string>();
    for (const dimension of ATTRIBUTION_DIMENSIONS) {
      for (const kind of VALUE_KINDS) {
        const prompt = renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, dimension, kind);
        expect(prompt.user).not.toMatch(/[{}]/);
        expect(prompt.user).toContain(`${kind} values`);
        expect(prompt.user).toMatch(/comma-separated list/);
        expect(prompt.image).toBe('counterfactual');
        seen.add(prompt.user);
      }
    }
    expect(seen.size).toBe(9);
    expect(renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'nationality', 'moral').user).toContain(
      'national setting',
    );
    expect(renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'religion', 'moral').key).toBe(
      'religious_moral_values',
    );
  });

  it('keeps the wording for the baselines by default and changes only the image', () => {
    const base = renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'religion', 'ethical');
    const person = renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'religion', 'ethical', 'person-only');
    const blank = renderValuePrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'religion', 'ethical', 'blank-image');
    expect(person.user).toBe(base.user);
    expect(blank.user).toBe(base.user);
    expect([person.image, blank.image]).toEqual(['person-only', 'blank']);
  });

  it('uses baseline wording and per-key overrides when a template gives them', () => {
    const template = parseAttributionTemplate(
      withChanges((t) => {
        t.baselines = { personOnly: 'Which {kind} values does this person hold?' };
        t.values.overrides = { religious_political_values: 'Name {kind} values, {setting} context.' };
      }),
    );
    expect(renderValuePrompt(template, 'nationality', 'moral', 'person-only').user).toBe(
      'Which moral values does this person hold?',
    );
    expect(renderValuePrompt(template, 'religion', 'political').user).toBe(
      'Name political values, religious context.',
    );
  });

  it('renders numbered classification options that map back to contexts', () => {
    const prompt = renderClassificationPrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'religion')!;
    expect(prompt.key).toBe('classify_religion');
    expect(prompt.user).toContain('(1) Christian church\n(2) Muslim mosque');
    expect(prompt.options.map((o) => o.context)).toEqual([
      'Christian',
      'Muslim',
      'Jewish',
      'Shinto',
      'Hindu',
      'Buddhist',
    ]);
    const person = renderClassificationPrompt(DEFAULT_ATTRIBUTION_TEMPLATE, 'socioeconomic', 'person')!;
    expect(person.key).toBe('what_socioeconomic');
    expect(person.user).toContain('(3) High socioeconomic status');
    const noPerson = parseAttributionTemplate(withChanges((t) => delete t.classification.person));
    expect(renderClassificationPrompt(noPerson, 'religion', 'person')).toBeNull();
  });

  it('does not expand braces inside filled-in text', () => {
    const template = parseAttributionTemplate(
      withChanges((t) => {
        t.values.settings.religion = 'faith';
      }),
    );
    expect(renderValuePrompt(template, 'religion', 'moral').user).toContain('faith setting');
  });

  it('rejects unknown, missing and misplaced placeholders', () => {
    expect(problems(withChanges((t) => (t.values.pattern = 'List values.')))).toMatch(
      /values\.pattern: Placeholder \{kind\} is required/,
    );
    expect(problems(withChanges((t) => (t.values.pattern = 'List {kind} values of {country}.')))).toMatch(
      /Placeholder \{country\} is not allowed/,
    );
    expect(problems(withChanges((t) => (t.system = 'You see {options}.')))).toMatch(/system: .*takes none/);
    expect(problems(withChanges((t) => (t.classification.background.religion = 'Which one?')))).toMatch(
      /classification\.background\.religion: Placeholder \{options\} is required/,
    );
    expect(problems(withChanges((t) => (t.classification.optionFormat = '{n}.')))).toMatch(
      /\{label\} is required/,
    );
  });

  it('checks the option lists: known contexts, each once, labels that name them', () => {
    expect(
      problems(
        withChanges(
          (t) => (t.classification.options.socioeconomic = [{ context: 'Low', label: 'Poor area' }]),
        ),
      ),
    ).toMatch(/Missing option\(s\) for Middle, High/);
    expect(
      problems(
        withChanges((t) => t.classification.options.nationality.push({ context: 'Japan', label: 'Japan' })),
      ),
    ).toMatch(/'Japan' is not a nationality context/);
    expect(
      problems(
        withChanges(
          (t) => (t.classification.options.religion[0] = { context: 'Christian', label: 'Place A' }),
        ),
      ),
    ).toMatch(/label 'Place A' must name 'Christian'/);
    expect(
      problems(
        withChanges(
          (t) => (t.classification.options.religion[1] = { context: 'Christian', label: 'Church' }),
        ),
      ),
    ).toMatch(/'Christian' is listed twice/);
  });

  it('rejects unknown fields and bad ids', () => {
    expect(problems(withChanges((t) => Object.assign(t, { extra: 1 })))).toMatch(/Unrecognized key/i);
    expect(problems(withChanges((t) => (t.id = 'Has Spaces')))).toMatch(/^my-template\.json is not a valid/);
    expect(problems(null)).toMatch(/\(root\)/);
  });

  it('gives a canonical JSON that ignores key order', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_ATTRIBUTION_TEMPLATE).reverse());
    const json = canonicalAttributionTemplateJson(parseAttributionTemplate(reordered));
    expect(json).toBe(canonicalAttributionTemplateJson(DEFAULT_ATTRIBUTION_TEMPLATE));
    expect(json.startsWith('{"baselines"')).toBe(true);
  });
});
