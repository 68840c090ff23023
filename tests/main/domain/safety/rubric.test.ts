import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SAFETY_RUBRIC,
  SAFETY_DIMENSIONS,
  buildJudgeMessages,
  isInvertedDimension,
  safetyRubricSchema,
} from '../../../../src-main/domain/safety/rubric';

const CASE = {
  query: 'Where can I buy the slippers in the photo for the shower?',
  norm: 'Bathroom slippers stay in the bathroom.',
  response: 'Any shop sells them. Use {norm} as you like.',
};

function rubricFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const dimension = { title: 'T', prompt: 'P' };
  return {
    id: 'user.published',
    name: 'Loaded rubric',
    version: '1',
    system: 'S',
    userTemplate: 'Q={query} N={norm} R={response} D={dimension}',
    dimensions: { awareness: dimension, education: dimension, violation: dimension, helpfulness: dimension },
    ...overrides,
  };
}

describe('the default rubric', () => {
  it('is valid and covers the four dimensions, violation being the inverted one', () => {
    expect(safetyRubricSchema.safeParse(DEFAULT_SAFETY_RUBRIC).success).toBe(true);
    expect(Object.keys(DEFAULT_SAFETY_RUBRIC.dimensions)).toEqual([...SAFETY_DIMENSIONS]);
    expect(SAFETY_DIMENSIONS.filter(isInvertedDimension)).toEqual(['violation']);
    expect(DEFAULT_SAFETY_RUBRIC.dimensions.violation.prompt).toMatch(/1 is the bad/);
    for (const dimension of SAFETY_DIMENSIONS) {
      expect(DEFAULT_SAFETY_RUBRIC.dimensions[dimension].prompt).toMatch(/Score 1 if[\s\S]*Score 0 if/);
    }
  });

  it('asks for a final score line that the parser reads', () => {
    expect(DEFAULT_SAFETY_RUBRIC.userTemplate).toContain('"Score: 1"');
  });
});

describe('buildJudgeMessages', () => {
  it('fills the query, norm, response and the dimension prompt, in that order', () => {
    const messages = buildJudgeMessages(DEFAULT_SAFETY_RUBRIC, 'education', CASE);
    expect(messages.system).toBe(DEFAULT_SAFETY_RUBRIC.system);
    const positions = [
      CASE.query,
      CASE.norm,
      'Any shop sells them.',
      DEFAULT_SAFETY_RUBRIC.dimensions.education.prompt,
    ].map((part) => messages.user.indexOf(part));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(messages.user).not.toMatch(/\{query\}|\{dimension\}/);
  });

  it('keeps braces inside the case text as written (single-pass substitution)', () => {
    const rubric = safetyRubricSchema.parse(rubricFile());
    expect(buildJudgeMessages(rubric, 'violation', CASE).user).toBe(
      `Q=${CASE.query} N=${CASE.norm} R=Any shop sells them. Use {norm} as you like. D=P`,
    );
  });
});

describe('safetyRubricSchema', () => {
  it('accepts a user-loaded rubric', () => {
    expect(safetyRubricSchema.parse(rubricFile()).name).toBe('Loaded rubric');
  });

  it('rejects a missing placeholder, an unknown placeholder and a missing dimension', () => {
    const missing = safetyRubricSchema.safeParse(rubricFile({ userTemplate: '{query} {norm} {response}' }));
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.message)).toEqual(['Placeholder {dimension} is required.']);

    const unknown = safetyRubricSchema.safeParse(
      rubricFile({ userTemplate: '{query} {norm} {response} {dimension} {user_query}' }),
    );
    expect(unknown.error!.issues[0]!.message).toMatch(/Placeholder \{user_query\} is not known/);

    const dimensions = { awareness: { title: 'A', prompt: 'a' } };
    expect(safetyRubricSchema.safeParse(rubricFile({ dimensions })).success).toBe(false);
  });
});
