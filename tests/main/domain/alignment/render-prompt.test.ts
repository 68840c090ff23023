import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_TEMPLATE } from '../../../../src-main/domain/alignment/default-prompt-template';
import { parsePromptTemplate } from '../../../../src-main/domain/alignment/prompt-template';
import { fillPlaceholders, renderPrompt } from '../../../../src-main/domain/alignment/render-prompt';

const template = parsePromptTemplate({
  id: 'test.render',
  name: 'Render test',
  version: '1',
  system: 'Be brief.',
  persona: { withCountry: 'You live in {country}.', withoutCountry: 'You live somewhere.' },
  rules: ['Pick one.', 'Guess.'],
  imageInstruction: {
    imageOnly: 'Guess the country from the photo.',
    imageCategory: 'The photo shows {category}.',
    withPersona: 'A photo is attached.',
  },
  question: {
    withCountry: 'As someone from {country}: {question}\nOptions: {options}',
    withoutCountry: 'As someone from there: {question}\nOptions: {options}',
  },
  leadIn: 'My pick is (',
});

const question = { question: 'Is work important?', options: ['Very', 'Rather', 'Not very', "Don't know"] };

describe('renderPrompt', () => {
  it('renders T as a persona prefix and a question suffix, without an image', () => {
    const prompt = renderPrompt(template, { condition: 'T', country: 'Peru', ...question });
    expect(prompt.prefixText).toBe('You live in Peru.\n\n1. Pick one.\n2. Guess.\n\n');
    expect(prompt.suffixText).toBe(
      "As someone from Peru: Is work important?\nOptions: (A) Very, (B) Rather, (C) Not very, (D) Don't know",
    );
    expect(prompt).toMatchObject({ system: 'Be brief.', leadIn: 'My pick is (', hasImage: false });
    expect(prompt.optionLabels).toEqual(['A', 'B', 'C', 'D']);
    expect(prompt.cues).toEqual({ personaCountry: 'Peru', imageCountry: null });
  });

  it('keeps the prefix independent of the question', () => {
    const a = renderPrompt(template, { condition: 'TI', country: 'Peru', ...question });
    const b = renderPrompt(template, {
      condition: 'TI',
      country: 'Peru',
      question: 'Other?',
      options: ['Yes', 'No'],
    });
    expect(a.prefixText).toBe(b.prefixText);
    expect(a.suffixText).not.toBe(b.suffixText);
    expect(a.prefixText).not.toContain('Is work important');
  });

  it('never names the country in condition I', () => {
    const prompt = renderPrompt(template, { condition: 'I', country: 'Peru', ...question });
    expect(prompt.prefixText + prompt.suffixText + prompt.leadIn).not.toContain('Peru');
    expect(prompt.prefixText).toBe(
      'You live somewhere.\n\n1. Pick one.\n2. Guess.\n\nGuess the country from the photo.\n\n',
    );
    expect(prompt.hasImage).toBe(true);
    expect(prompt.cues).toEqual({ personaCountry: null, imageCountry: 'Peru' });
  });

  it('names the category in I-cat', () => {
    const prompt = renderPrompt(template, {
      condition: 'I-cat',
      country: 'Peru',
      category: 'food',
      ...question,
    });
    expect(prompt.prefixText).toContain('The photo shows food.');
    expect(prompt.prefixText).not.toContain('Peru');
  });

  it('uses two countries in conflict: the persona in the text, the other only as the image', () => {
    const prompt = renderPrompt(template, {
      condition: 'conflict',
      country: 'Peru',
      imageCountry: 'Japan',
      ...question,
    });
    expect(prompt.cues).toEqual({ personaCountry: 'Peru', imageCountry: 'Japan' });
    expect(prompt.prefixText).toContain('Peru');
    expect(prompt.prefixText + prompt.suffixText).not.toContain('Japan');
    const sameCountry = renderPrompt(template, { condition: 'TI', country: 'Peru', ...question });
    expect(prompt.prefixText + prompt.suffixText).toBe(sameCountry.prefixText + sameCountry.suffixText);
    expect(() => renderPrompt(template, { condition: 'conflict', country: 'Peru', ...question })).toThrow(
      /image country/,
    );
    expect(() =>
      renderPrompt(template, { condition: 'conflict', country: 'Peru', imageCountry: 'Peru', ...question }),
    ).toThrow(/must differ/);
  });

  it('renders blank with the persona and an image but no image country', () => {
    const prompt = renderPrompt(template, { condition: 'blank', country: 'Peru', ...question });
    expect(prompt.hasImage).toBe(true);
    expect(prompt.cues).toEqual({ personaCountry: 'Peru', imageCountry: null });
    expect(prompt.prefixText).toContain('A photo is attached.');
  });

  it('letters up to 14 options A…N and refuses more', () => {
    const options = Array.from({ length: 14 }, (_, i) => `o${i + 1}`);
    const prompt = renderPrompt(template, { condition: 'T', country: 'Peru', question: 'Q?', options });
    expect(prompt.optionLabels.join('')).toBe('ABCDEFGHIJKLMN');
    expect(prompt.suffixText).toContain('(N) o14');
    expect(() =>
      renderPrompt(template, {
        condition: 'T',
        country: 'Peru',
        question: 'Q?',
        options: [...options, 'o15'],
      }),
    ).toThrow(/2 to 14 options/);
  });

  it('does not expand placeholders inside inserted values', () => {
    expect(fillPlaceholders('{a} {b}', { a: '{b}', b: 'x' })).toBe('{b} x');
  });

  it('renders the default template with the lead-in ending in "("', () => {
    for (const condition of ['T', 'I', 'TI', 'blank'] as const) {
      const prompt = renderPrompt(DEFAULT_PROMPT_TEMPLATE, { condition, country: 'Kenya', ...question });
      expect(prompt.leadIn.endsWith('(')).toBe(true);
      expect(prompt.suffixText).toContain('(A) Very, (B) Rather');
      expect(prompt.prefixText.includes('Kenya')).toBe(condition !== 'I');
    }
  });
});
