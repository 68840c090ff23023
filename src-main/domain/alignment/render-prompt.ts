import { AppError } from '../errors';
import { CONDITION_INFO, type PromptCondition } from './conditions';
import { MAX_OPTIONS, optionLetters } from './option-letters';
import { type PromptTemplate } from './prompt-template';

export interface RenderPromptInput {
  condition: PromptCondition;
  /**
   * The row's country. It is the persona country in T, TI, conflict and blank; in I and I-cat it is
   * only the image's country and never appears in the text.
   */
  country: string;
  /** conflict only: the country the image comes from (must differ from `country`). */
  imageCountry?: string;
  /** I-cat only: the image category named in the instruction (e.g. "food"). */
  category?: string;
  question: string;
  /** Option texts in presentation order (apply the option-order policy first). */
  options: readonly string[];
}

export interface RenderedPrompt {
  system?: string;
  /**
   * Everything that does not depend on the question (persona, rules, image instruction), ending with
   * the part separator. The engine evaluates it once per (condition, country, image) and reuses its
   * KV cache across questions. `prefixText + suffixText` is the whole user text.
   */
  prefixText: string;
  /** The question and its lettered options: the end of the user turn. */
  suffixText: string;
  /** The start of the assistant turn, ending in "(": scoring reads the next token. */
  leadIn: string;
  /** Whether an image goes with the prompt; the engine puts its media marker before the user text. */
  hasImage: boolean;
  /** Letters of the options, in presentation order. */
  optionLabels: string[];
  /** The cues given, for the record: persona country named in the text, and the image's country. */
  cues: { personaCountry: string | null; imageCountry: string | null };
}

/** Replaces {name} placeholders in one pass, so inserted values are never expanded again. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function checkInput(input: RenderPromptInput): void {
  const { options, condition } = input;
  if (options.length < 2 || options.length > MAX_OPTIONS) {
    throw new AppError(
      'invalid_input',
      `A question needs 2 to ${MAX_OPTIONS} options, got ${options.length}.`,
    );
  }
  if (options.some((option) => option.trim() === ''))
    throw new AppError('invalid_input', 'An option text is empty.');
  if (input.question.trim() === '') throw new AppError('invalid_input', 'The question text is empty.');
  if (CONDITION_INFO[condition].persona && input.country.trim() === '') {
    throw new AppError('invalid_input', `Condition ${condition} needs a persona country.`);
  }
  if (condition === 'conflict') {
    if (!input.imageCountry?.trim())
      throw new AppError('invalid_input', 'Condition conflict needs the image country.');
    if (input.imageCountry === input.country) {
      throw new AppError(
        'invalid_input',
        'In condition conflict the image country must differ from the persona country.',
      );
    }
  }
  if (condition === 'I-cat' && !input.category?.trim()) {
    throw new AppError('invalid_input', 'Condition I-cat needs the image category.');
  }
}

function imageInstruction(template: PromptTemplate, input: RenderPromptInput): string | null {
  switch (input.condition) {
    case 'T':
      return null;
    case 'I':
      return template.imageInstruction.imageOnly;
    case 'I-cat': {
      const text = template.imageInstruction.imageCategory;
      if (!text)
        throw new AppError(
          'unsupported',
          `Template ${template.id} has no image-category instruction (I-cat).`,
        );
      return fillPlaceholders(text, { category: input.category ?? '' });
    }
    case 'TI':
    case 'conflict':
    case 'blank':
      // Identical text in all three: only the image differs, which is what the cue-conflict design tests.
      return fillPlaceholders(template.imageInstruction.withPersona, { country: input.country });
  }
}

/** Renders a template for one (condition, country, question) as a shared prefix and a per-question suffix. */
export function renderPrompt(template: PromptTemplate, input: RenderPromptInput): RenderedPrompt {
  checkInput(input);
  const { layout } = template;
  const persona = CONDITION_INFO[input.condition].persona;
  const rules = template.rules
    .map((rule, i) => fillPlaceholders(layout.ruleFormat, { n: String(i + 1), rule }))
    .join(layout.ruleSeparator);
  const parts = [
    persona
      ? fillPlaceholders(template.persona.withCountry, { country: input.country })
      : template.persona.withoutCountry,
    rules,
    imageInstruction(template, input),
  ].filter((part): part is string => part !== null && part !== '');

  const optionLabels = optionLetters(input.options.length);
  const optionsText = input.options
    .map((option, i) => `(${optionLabels[i] as string}) ${option}`)
    .join(layout.optionSeparator);
  const questionBlock = persona ? template.question.withCountry : template.question.withoutCountry;

  const image = CONDITION_INFO[input.condition].image;
  return {
    ...(template.system === undefined ? {} : { system: template.system }),
    prefixText: parts.join(layout.partSeparator) + layout.partSeparator,
    suffixText: fillPlaceholders(questionBlock, {
      question: input.question,
      options: optionsText,
      ...(persona ? { country: input.country } : {}),
    }),
    leadIn: template.leadIn,
    hasImage: image !== 'none',
    optionLabels,
    cues: {
      personaCountry: persona ? input.country : null,
      imageCountry:
        image === 'persona-country' || image === 'unnamed-country'
          ? input.country
          : image === 'other-country'
            ? (input.imageCountry ?? null)
            : null,
    },
  };
}
