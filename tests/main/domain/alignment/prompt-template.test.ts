import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_TEMPLATE } from '../../../../src-main/domain/alignment/default-prompt-template';
import {
  canonicalTemplateJson,
  parsePromptTemplate,
  placeholdersIn,
  type PromptTemplateInput,
} from '../../../../src-main/domain/alignment/prompt-template';

const minimal: PromptTemplateInput = {
  id: 'test.minimal',
  name: 'Minimal',
  version: '1',
  persona: { withCountry: 'You live in {country}.', withoutCountry: 'You live somewhere.' },
  rules: ['Pick one.'],
  imageInstruction: { imageOnly: 'Guess from the photo.', withPersona: 'See the photo.' },
  question: { withCountry: 'Q: {question} O: {options}', withoutCountry: 'Q: {question} O: {options}' },
  leadIn: 'Answer: (',
};

describe('prompt template schema', () => {
  it('accepts a minimal template and fills layout defaults', () => {
    const template = parsePromptTemplate(minimal);
    expect(template.layout).toEqual({
      partSeparator: '\n\n',
      ruleFormat: '{n}. {rule}',
      ruleSeparator: '\n',
      optionSeparator: ', ',
    });
  });

  it('rejects a lead-in that does not end with "("', () => {
    expect(() => parsePromptTemplate({ ...minimal, leadIn: 'Answer:' }, 'mine.json')).toThrow(
      /mine\.json.*leadIn.*"\("/,
    );
  });

  it('rejects a country in the image-only text and a question in the prefix', () => {
    expect(() =>
      parsePromptTemplate({ ...minimal, persona: { ...minimal.persona, withoutCountry: 'From {country}.' } }),
    ).toThrow(/persona\.withoutCountry: Placeholder \{country\} is not allowed/);
    expect(() => parsePromptTemplate({ ...minimal, rules: ['Answer {question}'] })).toThrow(/rules/);
    expect(() =>
      parsePromptTemplate({ ...minimal, question: { ...minimal.question, withCountry: '{question}' } }),
    ).toThrow(/\{options\} is required/);
  });

  it('rejects unknown fields', () => {
    expect(() => parsePromptTemplate({ ...minimal, extra: 1 })).toThrow(/not a valid prompt template/);
  });

  it('gives the same canonical JSON whatever the key order', () => {
    const reordered = parsePromptTemplate(Object.fromEntries(Object.entries(minimal).reverse()));
    expect(canonicalTemplateJson(reordered)).toBe(canonicalTemplateJson(parsePromptTemplate(minimal)));
    expect(canonicalTemplateJson(parsePromptTemplate(minimal))).toMatch(
      /^\{"id":"test\.minimal","imageInstruction":/,
    );
    expect(canonicalTemplateJson(parsePromptTemplate({ ...minimal, version: '2' }))).not.toBe(
      canonicalTemplateJson(parsePromptTemplate(minimal)),
    );
  });

  it('ships a valid default template of its own', () => {
    expect(parsePromptTemplate(DEFAULT_PROMPT_TEMPLATE)).toEqual(DEFAULT_PROMPT_TEMPLATE);
    expect(DEFAULT_PROMPT_TEMPLATE.leadIn.endsWith('(')).toBe(true);
    expect(placeholdersIn(DEFAULT_PROMPT_TEMPLATE.persona.withCountry)).toContain('country');
  });
});
