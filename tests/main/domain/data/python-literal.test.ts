import { describe, expect, it } from 'vitest';

import { parseGoqaRow } from '../../../../src-main/domain/data/goqa';
import { parsePythonLiteral } from '../../../../src-main/domain/data/python-literal';

describe('parsePythonLiteral', () => {
  it('reads the literal forms GlobalOpinionQA uses', () => {
    expect(parsePythonLiteral(`['Yes', "Don't know", 'No answer']`)).toEqual([
      'Yes',
      "Don't know",
      'No answer',
    ]);
    expect(parsePythonLiteral(`{'Côte d\\'Ivoire': [0.5, 0.5], "Taiwan ROC": [1e-2, 0.99]}`)).toEqual({
      "Côte d'Ivoire": [0.5, 0.5],
      'Taiwan ROC': [0.01, 0.99],
    });
    expect(parsePythonLiteral(`(1, -2.5, True, False, None)`)).toEqual([1, -2.5, true, false, null]);
    expect(parsePythonLiteral(`'tab\\there \\u00e9 \\x41'`)).toBe('tab\there é A');
    expect(parsePythonLiteral(`[ ]`)).toEqual([]);
    expect(parsePythonLiteral(`[1, 2,]`)).toEqual([1, 2]);
  });

  it('refuses anything that is not a literal, saying where', () => {
    expect(() => parsePythonLiteral(`__import__('os').system('x')`)).toThrow(
      /Expected a number at character 1/,
    );
    expect(() => parsePythonLiteral(`['unterminated`)).toThrow(/Unterminated string/);
    expect(() => parsePythonLiteral(`[1 2]`)).toThrow(/Expected ',' or '\]' at character 4/);
    expect(() => parsePythonLiteral(`{'a' 1}`)).toThrow(/Expected ':'/);
    expect(() => parsePythonLiteral(`[1] extra`)).toThrow(/Unexpected text after the value/);
    expect(() => parsePythonLiteral(`{[1]: 2}`)).toThrow(/keys must be strings or numbers/);
  });
});

describe('parseGoqaRow', () => {
  const options = `['Very important', 'Rather important', "Don't know"]`;

  it('reads a row and flags pairs whose length or sum is off, keeping them', () => {
    const row = parseGoqaRow({
      question: 'How important is family?',
      options,
      source: 'WVS',
      selections: `defaultdict(<class 'list'>, {'Nigeria': [0.9, 0.08, 0.02], 'Japan': [0.5, 0.5], 'Peru': [0.5, 0.2, 0.1]})`,
    });
    expect(row).toMatchObject({ question: 'How important is family?', source: 'WVS' });
    if ('error' in row) throw new Error(row.error);
    expect(row.distributions).toEqual([
      { country: 'Nigeria', values: [0.9, 0.08, 0.02], valid: true },
      { country: 'Japan', values: [0.5, 0.5], valid: false, reason: '2 shares for 3 options' },
      { country: 'Peru', values: [0.5, 0.2, 0.1], valid: false, reason: 'the shares sum to 0.800, not 1' },
    ]);
  });

  it('reports unusable rows with a reason', () => {
    expect(parseGoqaRow({ question: '', options, selections: '{}' })).toEqual({
      error: 'the question is empty',
    });
    expect(parseGoqaRow({ question: 'Q', options: `['only one']`, selections: '{}' })).toEqual({
      error: 'options must be a list of at least two strings',
    });
    expect(
      parseGoqaRow({ question: 'Q', options, selections: "defaultdict(<class 'list'>, {'A': [0.5," }),
    ).toMatchObject({ error: expect.stringMatching(/selections is not a Python dict/) as unknown });
  });
});
