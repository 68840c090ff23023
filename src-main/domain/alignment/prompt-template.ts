import { z } from 'zod';
import { AppError } from '../errors';

/*
 * A prompt template is plain data so users can load other wordings (e.g. the authors', for a faithful
 * reproduction) from a file. The product's own wording is in `default-prompt-template.ts`.
 *
 * Placeholders are written {name}. Each field allows only the placeholders listed in PLACEHOLDER_RULES,
 * so a template cannot leak the country into the image-only condition or put the question into the
 * shared prefix (which would break the prefix KV-cache reuse across questions).
 */

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

interface PlaceholderRule {
  allowed: readonly string[];
  required: readonly string[];
}

const NONE: PlaceholderRule = { allowed: [], required: [] };

/** Field path (dotted) → placeholders it may and must contain. Rules use the `rules` entry. */
const PLACEHOLDER_RULES: Readonly<Record<string, PlaceholderRule>> = {
  system: NONE,
  'persona.withCountry': { allowed: ['country'], required: ['country'] },
  'persona.withoutCountry': NONE,
  rules: NONE,
  'imageInstruction.imageOnly': NONE,
  'imageInstruction.imageCategory': { allowed: ['category'], required: ['category'] },
  'imageInstruction.withPersona': { allowed: ['country'], required: [] },
  'question.withCountry': { allowed: ['country', 'question', 'options'], required: ['question', 'options'] },
  'question.withoutCountry': { allowed: ['question', 'options'], required: ['question', 'options'] },
  leadIn: NONE,
  'layout.ruleFormat': { allowed: ['n', 'rule'], required: ['rule'] },
};

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

const layoutSchema = z
  .object({
    /** Between the prefix's parts (persona, rules, image instruction) and before the question. */
    partSeparator: z.string().default('\n\n'),
    /** How one rule is written; {n} is its number from 1. */
    ruleFormat: z.string().default('{n}. {rule}'),
    ruleSeparator: z.string().default('\n'),
    /** Between the lettered options, e.g. "(A) Yes, (B) No". */
    optionSeparator: z.string().default(', '),
  })
  .strict();

export const promptTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash or underscore'),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    /** System message, where the chat template has one; omitted means the model's default. */
    system: z.string().min(1).optional(),
    persona: z.object({ withCountry: z.string().min(1), withoutCountry: z.string().min(1) }).strict(),
    /** Numbered rules after the persona; may be empty when the persona text already holds them. */
    rules: z.array(z.string().min(1)).max(30),
    imageInstruction: z
      .object({
        /** Condition I: study the image and guess where it is from. */
        imageOnly: z.string().min(1),
        /** Condition I-cat: as I, naming the image's {category}. Optional. */
        imageCategory: z.string().min(1).optional(),
        /** Conditions TI, conflict and blank: an image accompanies the persona. */
        withPersona: z.string().min(1),
      })
      .strict(),
    question: z.object({ withCountry: z.string().min(1), withoutCountry: z.string().min(1) }).strict(),
    /** Start of the assistant turn; ends with "(" so the next token is the option letter. */
    leadIn: z.string().endsWith('(', 'must end with "(" so that the next token is the option letter'),
    layout: layoutSchema.default({
      partSeparator: '\n\n',
      ruleFormat: '{n}. {rule}',
      ruleSeparator: '\n',
      optionSeparator: ', ',
    }),
  })
  .strict()
  .superRefine((template, context) => {
    const check = (path: string, text: string | undefined, rule: PlaceholderRule) => {
      if (text === undefined) return;
      const found = placeholdersIn(text);
      for (const name of found) {
        if (!rule.allowed.includes(name)) {
          context.addIssue({
            code: 'custom',
            path: path.split('.'),
            message: `Placeholder {${name}} is not allowed here.`,
          });
        }
      }
      for (const name of rule.required) {
        if (!found.includes(name)) {
          context.addIssue({
            code: 'custom',
            path: path.split('.'),
            message: `Placeholder {${name}} is required here.`,
          });
        }
      }
    };
    const fields: Record<string, string | undefined> = {
      system: template.system,
      'persona.withCountry': template.persona.withCountry,
      'persona.withoutCountry': template.persona.withoutCountry,
      'imageInstruction.imageOnly': template.imageInstruction.imageOnly,
      'imageInstruction.imageCategory': template.imageInstruction.imageCategory,
      'imageInstruction.withPersona': template.imageInstruction.withPersona,
      'question.withCountry': template.question.withCountry,
      'question.withoutCountry': template.question.withoutCountry,
      leadIn: template.leadIn,
      'layout.ruleFormat': template.layout.ruleFormat,
    };
    for (const [path, text] of Object.entries(fields)) check(path, text, PLACEHOLDER_RULES[path] ?? NONE);
    template.rules.forEach((rule) => check('rules', rule, NONE));
  });

export type PromptTemplate = z.output<typeof promptTemplateSchema>;
export type PromptTemplateInput = z.input<typeof promptTemplateSchema>;

/** Validates template data read from a file; `source` names the file in the error. */
export function parsePromptTemplate(data: unknown, source = 'prompt template'): PromptTemplate {
  const parsed = promptTemplateSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new AppError('bad_file', `${source} is not a valid prompt template: ${problems.join('; ')}`, {
    file: source,
  });
}

/**
 * The template as canonical JSON (object keys sorted at every level, defaults filled in), the input
 * for the template hash recorded in the run manifest. Hashing is left to the caller: the platform
 * layer's `sha256Text(canonicalTemplateJson(t))`, since the domain layer has no crypto.
 */
export function canonicalTemplateJson(template: PromptTemplate): string {
  return JSON.stringify(sortKeys(promptTemplateSchema.parse(template)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
