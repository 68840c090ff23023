import { describe, expect, it } from 'vitest';

import { cleanValueKeyword, parseValueList } from '../../../../src-main/domain/attribution/parse-values';

const SHAPES: [string, string, string[]][] = [
  ['a bare comma list', 'honesty, compassion, respect', ['honesty', 'compassion', 'respect']],
  ['mixed case', 'Honesty, COMPASSION, Respect', ['honesty', 'compassion', 'respect']],
  ['a trailing period', 'honesty, compassion, respect.', ['honesty', 'compassion', 'respect']],
  ['spaces around commas', '  honesty ,compassion ,   respect  ', ['honesty', 'compassion', 'respect']],
  ['the serial "and"', 'honesty, compassion, and respect', ['honesty', 'compassion', 'respect']],
  ['"and" without the serial comma', 'honesty, compassion and respect', ['honesty', 'compassion', 'respect']],
  ['"or" before the last item', 'honesty, or respect', ['honesty', 'respect']],
  ['semicolons', 'honesty; compassion; respect', ['honesty', 'compassion', 'respect']],
  ['one value per line', 'Honesty\nCompassion\nRespect', ['honesty', 'compassion', 'respect']],
  ['a numbered list', '1. Honesty\n2. Compassion\n3. Respect', ['honesty', 'compassion', 'respect']],
  ['a numbered list with parentheses', '1) Honesty\n2) Compassion', ['honesty', 'compassion']],
  ['bracketed numbers', '(1) Honesty\n(2) Compassion', ['honesty', 'compassion']],
  ['dash bullets', '- Honesty\n- Compassion', ['honesty', 'compassion']],
  ['star and dot bullets', '* Honesty\n• Compassion\n+ Respect', ['honesty', 'compassion', 'respect']],
  ['lettered items', 'a. Honesty\nb) Compassion', ['honesty', 'compassion']],
  ['double quotes', '"Honesty", "Compassion"', ['honesty', 'compassion']],
  ['a Python list', "['Honesty', 'Compassion', 'Respect']", ['honesty', 'compassion', 'respect']],
  ['a JSON array', '["honesty","compassion"]', ['honesty', 'compassion']],
  ['curly quotes', '“Honesty”, ‘Compassion’', ['honesty', 'compassion']],
  ['markdown bold items', '**Honesty**, **Compassion**', ['honesty', 'compassion']],
  [
    'a bold list with explanations',
    '1. **Honesty**: being truthful with others\n2. **Compassion** – caring for those in need',
    ['honesty', 'compassion'],
  ],
  [
    'plain list items with explanations after a colon',
    '- Respect for elders: valuing the wisdom, experience of older people\n- Charity: giving to the poor',
    ['respect for elders', 'charity'],
  ],
  ['a dash explanation', '- Humility - not boasting about oneself', ['humility']],
  ['duplicates keep the first position', 'honesty, Respect, HONESTY, respect.', ['honesty', 'respect']],
  ['a preamble line', 'Here are the moral values:\nhonesty, compassion', ['honesty', 'compassion']],
  [
    'a longer preamble with a bulleted list',
    'Sure! Here are some moral values this person might hold:\n\n- Honesty\n- Faith',
    ['honesty', 'faith'],
  ],
  ['a label before a colon on the same line', 'Moral values: honesty, compassion', ['honesty', 'compassion']],
  ['a lone interjection', 'Sure!\nhonesty, respect', ['honesty', 'respect']],
  [
    'closing commentary',
    'honesty, respect, piety\nThese values reflect the religious setting shown in the image.',
    ['honesty', 'respect', 'piety'],
  ],
  ['a markdown heading', '### Values\nhonesty, courage', ['honesty', 'courage']],
  ['a block quote', '> honesty, courage', ['honesty', 'courage']],
  ['hyphenated values are kept', 'self-discipline, open-mindedness', ['self-discipline', 'open-mindedness']],
  [
    'apostrophes are removed (reference cleaning)',
    "people's rights, women's equality",
    ['peoples rights', 'womens equality'],
  ],
  ['parenthesised remarks are removed', 'honesty (being truthful), faith', ['honesty', 'faith']],
  ['accented letters survive', 'Solidarité, Würde', ['solidarité', 'würde']],
  ['full-width commas (NFKC)', 'honesty，respect', ['honesty', 'respect']],
  ['ideographic comma', '诚实、尊重', ['诚实', '尊重']],
  ['"etc" is dropped', 'honesty, respect, etc.', ['honesty', 'respect']],
  ['punctuation-only items are dropped', 'honesty, ..., -- , respect', ['honesty', 'respect']],
  ['CRLF line ends', 'honesty\r\nrespect\r\n', ['honesty', 'respect']],
  [
    'a reasoning block is removed',
    '<think>maybe greed, envy</think>honesty, respect',
    ['honesty', 'respect'],
  ],
  ['"and" inside a longer value is kept', 'law and order', ['law and order']],
  ['internal whitespace collapses', 'family    loyalty,\tdevotion', ['family loyalty', 'devotion']],
  ['a quoted whole reply', '"honesty, respect, charity."', ['honesty', 'respect', 'charity']],
  ['an empty reply', '', []],
  ['whitespace only', '  \n\t ', []],
  ['numbers in a value are kept', 'Agenda 2030, respect', ['agenda 2030', 'respect']],
];

describe('parseValueList', () => {
  it.each(SHAPES)('reads %s', (_name, reply, expected) => {
    expect(parseValueList(reply)).toEqual(expected);
  });

  it('covers at least thirty reply shapes', () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(30);
  });

  it('keeps a single prose sentence when it is all there is', () => {
    expect(parseValueList('The person values their faith deeply.')).toEqual([
      'the person values their faith deeply',
    ]);
  });
});

describe('cleanValueKeyword', () => {
  it('applies the reference cleaning: lower case, [\\w\\s-] only, collapsed whitespace', () => {
    expect(cleanValueKeyword('  Self-Respect!!  ')).toBe('self-respect');
    expect(cleanValueKeyword('**Hard   work**.')).toBe('hard work');
    expect(cleanValueKeyword('snake_case')).toBe('snake_case');
    expect(cleanValueKeyword('?!')).toBe('');
  });
});
