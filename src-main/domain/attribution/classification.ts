import { AppError } from '../errors';
import { contextsNamedIn, contextsOf, resolveContext, type AttributionDimension } from './contexts';

/*
 * Context-classification accuracy (METHODS §4.3): correct classifications / images, per (model, dimension),
 * from the `classify_*` prompts.
 *
 * A reply is read in two ways and the two must agree:
 *  - an option number: a number at the start of the reply ("3", "(3) Jewish synagogue", "Option 3:"), or
 *    the one "(n)" in the reply, looked up in the options as printed;
 *  - the contexts the reply names in words (whole-word aliases: "mosque", "the USA", "medium").
 * One context named and no number, a number and no context named, or both pointing the same way → that
 * context. A number naming a different context than the words, several contexts named without a number to
 * settle it, or nothing recognisable → unreadable, counted separately and scored as not correct (a model that
 * does not answer the question has not classified the image).
 */

export type ClassificationReading =
  | { readonly context: string; readonly how: 'number' | 'label' | 'number-and-label' }
  | { readonly context: null; readonly how: 'none' | 'ambiguous' | 'conflict' };

const LEADING_NUMBER =
  /^\s*[*_`"'([]*\s*(?:option|choice|answer)?\s*[:#]?\s*\(?(\d{1,2})\)?(?![\d.,]\d)(?=$|[\s.):\]*_`"',-])/iu;
const BRACKETED_NUMBER = /\((\d{1,2})\)/gu;

function optionNumber(text: string): number | null {
  const leading = LEADING_NUMBER.exec(text);
  if (leading !== null) return Number(leading[1]);
  const bracketed = [...text.matchAll(BRACKETED_NUMBER)].map((match) => Number(match[1]));
  return new Set(bracketed).size === 1 ? (bracketed[0] as number) : null;
}

/**
 * The context a classification reply names. `options` are the contexts in printed order (the dimension's
 * canonical order when omitted), for reading numbered replies.
 */
export function readClassificationReply(
  reply: string,
  dimension: AttributionDimension,
  options: readonly string[] = contextsOf(dimension),
): ClassificationReading {
  const text = reply.normalize('NFKC').replace(/<think>[\s\S]*?(?:<\/think>|$)/giu, ' ');
  const number = optionNumber(text);
  const byNumber =
    number !== null && number >= 1 && number <= options.length ? (options[number - 1] as string) : null;
  const named = contextsNamedIn(text, dimension);
  if (named.length === 1) {
    const label = named[0] as string;
    if (byNumber === null) return { context: label, how: 'label' };
    return byNumber === label
      ? { context: label, how: 'number-and-label' }
      : { context: null, how: 'conflict' };
  }
  if (named.length > 1) {
    if (byNumber !== null && named.includes(byNumber)) return { context: byNumber, how: 'number-and-label' };
    return { context: null, how: 'ambiguous' };
  }
  return byNumber !== null ? { context: byNumber, how: 'number' } : { context: null, how: 'none' };
}

export interface ClassificationRecord {
  model: string;
  dimension: AttributionDimension;
  /** The context the image shows, in any spelling `resolveContext` reads ("Mosque", "low income"). */
  expected: string;
  reply: string;
  /** The set the image belongs to, for `correctlyClassifiedSets`. */
  setId?: string;
  /** Printed option order, when it differs from the canonical one. */
  options?: readonly string[];
}

export interface ClassificationAccuracy {
  model: string;
  dimension: AttributionDimension;
  /** Records read (one per image and sample). */
  images: number;
  correct: number;
  /** Replies that named no single context; included in `images`, never correct. */
  unreadable: number;
  accuracy: number;
  /** Per expected context: images and correct, for the confusion view. */
  byContext: Record<string, { images: number; correct: number }>;
}

function expectedContext(record: ClassificationRecord): string {
  const context = resolveContext(record.expected, record.dimension);
  if (context === null)
    throw new AppError(
      'invalid_input',
      `'${record.expected}' is not a ${record.dimension} context; expected one of ${contextsOf(record.dimension).join(', ')}.`,
    );
  return context;
}

function isCorrect(record: ClassificationRecord): { correct: boolean; readable: boolean } {
  const reading = readClassificationReply(record.reply, record.dimension, record.options);
  return { correct: reading.context === expectedContext(record), readable: reading.context !== null };
}

/** Accuracy per (model, dimension), sorted by model then dimension. */
export function classificationAccuracy(records: readonly ClassificationRecord[]): ClassificationAccuracy[] {
  const groups = new Map<string, ClassificationAccuracy>();
  for (const record of records) {
    const key = JSON.stringify([record.model, record.dimension]);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        model: record.model,
        dimension: record.dimension,
        images: 0,
        correct: 0,
        unreadable: 0,
        accuracy: 0,
        byContext: {},
      };
      groups.set(key, group);
    }
    const expected = expectedContext(record);
    const { correct, readable } = isCorrect(record);
    const cell = (group.byContext[expected] ??= { images: 0, correct: 0 });
    group.images++;
    cell.images++;
    if (correct) {
      group.correct++;
      cell.correct++;
    }
    if (!readable) group.unreadable++;
  }
  return [...groups.values()]
    .map((group) => ({ ...group, accuracy: group.correct / group.images }))
    .sort((a, b) => a.model.localeCompare(b.model) || a.dimension.localeCompare(b.dimension));
}

/**
 * A predicate for `sensitivityBySet`: true for (set, model) pairs whose every classification record is
 * correct. Sets the model was never asked to classify are false, so the restricted summary only covers sets
 * known to be classified correctly.
 */
export function correctlyClassifiedSets(
  records: readonly ClassificationRecord[],
): (setId: string, model: string) => boolean {
  const state = new Map<string, boolean>();
  for (const record of records) {
    if (record.setId === undefined) continue;
    const key = JSON.stringify([record.setId, record.model]);
    state.set(key, (state.get(key) ?? true) && isCorrect(record).correct);
  }
  return (setId, model) => state.get(JSON.stringify([setId, model])) === true;
}
