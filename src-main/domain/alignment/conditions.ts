/**
 * Study conditions: which cultural cues the model gets. T and I are the study's; I-cat is its CVQA
 * variant; TI, conflict and blank are the product's cue-conflict extensions (METHODS §6.1).
 */
export const PROMPT_CONDITIONS = ['T', 'I', 'I-cat', 'TI', 'conflict', 'blank'] as const;

export type PromptCondition = (typeof PROMPT_CONDITIONS)[number];

export interface ConditionInfo {
  label: string;
  /** Whether the text names a persona country. */
  persona: boolean;
  /** What the image shows: nothing, the persona's country, another country, the (unnamed) row country, or a blank. */
  image: 'none' | 'persona-country' | 'other-country' | 'unnamed-country' | 'blank';
}

export const CONDITION_INFO: Readonly<Record<PromptCondition, ConditionInfo>> = {
  T: { label: 'Country persona, no image', persona: true, image: 'none' },
  I: { label: 'Image only, guess the culture', persona: false, image: 'unnamed-country' },
  'I-cat': { label: 'Image only, with the image category named', persona: false, image: 'unnamed-country' },
  TI: { label: 'Country persona and an image of the same country', persona: true, image: 'persona-country' },
  conflict: {
    label: 'Country persona and an image of another country',
    persona: true,
    image: 'other-country',
  },
  blank: { label: 'Country persona and a neutral blank image', persona: true, image: 'blank' },
};

export function isPromptCondition(value: string): value is PromptCondition {
  return (PROMPT_CONDITIONS as readonly string[]).includes(value);
}
