import { CONDITION_INFO, type PromptCondition } from '../domain/alignment/conditions';
import { optionPermutation } from '../domain/alignment/option-order';
import type { AlignmentExperiment } from '../domain/alignment/experiment';
import type { PlanWarning } from '../domain/runs';
import type { ImageSource, QuestionSource, RunnerImage, RunnerQuestion } from './ports';

/** One prefix group: everything before the question is the same, so the engine evaluates it once. */
export interface PlannedGroup {
  key: string;
  modelId: string;
  condition: PromptCondition;
  /** The country the row is compared with (persona country, or the image's country in I / I-cat). */
  country: string;
  personaCountry: string | null;
  imageCountry: string | null;
  image: RunnerImage | null;
  orderIndex: number;
  items: PlannedItem[];
}

export interface PlannedItem {
  key: string;
  questionId: string;
  /** permutation[position] = original option index shown at that position. */
  permutation: number[];
}

export interface Plan {
  groups: PlannedGroup[];
  itemCount: number;
  warnings: PlanWarning[];
}

function pickImages(images: RunnerImage[], experiment: AlignmentExperiment, country: string): RunnerImage[] {
  const explicit = experiment.images.byCountry?.[country];
  if (explicit !== undefined) return images.filter((image) => explicit.includes(image.id));
  // Deterministic choice: order by content hash mixed with the seed, so re-planning picks the same images.
  const salted = images.map((image) => ({ image, rank: hashSeed(experiment.images.seed, image.sha256) }));
  salted.sort((a, b) => a.rank - b.rank || a.image.id - b.image.id);
  return salted.slice(0, experiment.images.perCountry).map((entry) => entry.image);
}

function conflictPartner(
  experiment: AlignmentExperiment,
  country: string,
  withImages: string[],
): string | undefined {
  const explicit = experiment.conflictPairs?.[country];
  if (explicit !== undefined) return explicit;
  // Rotate through the selected countries that have images, so every persona meets a foreign image.
  const others = withImages.filter((code) => code !== country);
  if (others.length === 0) return undefined;
  const sorted = [...withImages].sort();
  const start = sorted.indexOf(country);
  for (let step = 1; step <= sorted.length; step++) {
    const candidate = sorted[(start + step + sorted.length) % sorted.length];
    if (candidate !== undefined && candidate !== country) return candidate;
  }
  return others[0];
}

function itemsFor(
  questions: RunnerQuestion[],
  groupKey: string,
  experiment: AlignmentExperiment,
  orderIndex: number,
): PlannedItem[] {
  const policy = experiment.optionOrders[orderIndex] ?? { kind: 'identity' as const };
  return questions.map((question) => ({
    key: `${groupKey}|${question.id}`,
    questionId: question.id,
    // A shuffled order gets a per-question seed so items do not all share one arrangement.
    permutation: optionPermutation(
      question.options.length,
      policy.kind === 'shuffled' ? { kind: 'shuffled', seed: hashSeed(policy.seed, question.id) } : policy,
    ),
  }));
}

function hashSeed(seed: number, text: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/** Expands an experiment into prefix groups of work items. Deterministic: the same inputs give the same plan. */
export async function planExperiment(
  experiment: AlignmentExperiment,
  questions: QuestionSource,
  images: ImageSource,
): Promise<Plan> {
  const warnings: PlanWarning[] = [];
  const countries = [...new Set(experiment.countries)];
  const questionsByCountry = new Map<string, RunnerQuestion[]>();
  const imagesByCountry = new Map<string, RunnerImage[]>();
  const needsImages = experiment.conditions.some((condition) =>
    ['I', 'I-cat', 'TI', 'conflict'].includes(condition),
  );
  for (const country of countries) {
    let list = await questions.questionsFor(country);
    if (experiment.questionLimit !== undefined) list = list.slice(0, experiment.questionLimit);
    questionsByCountry.set(country, list);
    if (list.length === 0)
      warnings.push({
        country,
        condition: null,
        message: 'no questions with human answers for this country',
      });
    if (needsImages) {
      const available = await images.imagesFor(country, experiment.images.category);
      imagesByCountry.set(country, pickImages(available, experiment, country));
    }
  }
  const withImages = countries.filter((country) => (imagesByCountry.get(country)?.length ?? 0) > 0);
  const blank = experiment.conditions.includes('blank') ? await images.blankImage() : null;

  const groups: PlannedGroup[] = [];
  const add = (base: Omit<PlannedGroup, 'key' | 'items' | 'orderIndex'>, list: RunnerQuestion[]) => {
    experiment.optionOrders.forEach((_, orderIndex) => {
      const key = [
        base.modelId,
        base.condition,
        base.country,
        base.imageCountry ?? '-',
        base.image?.id ?? '-',
        orderIndex,
      ].join('|');
      groups.push({ ...base, key, orderIndex, items: itemsFor(list, key, experiment, orderIndex) });
    });
  };

  for (const modelId of experiment.models) {
    for (const condition of experiment.conditions) {
      for (const country of countries) {
        const list = questionsByCountry.get(country) ?? [];
        if (list.length === 0) continue;
        const info = CONDITION_INFO[condition];
        const personaCountry = info.persona ? country : null;
        if (info.image === 'none') {
          add({ modelId, condition, country, personaCountry, imageCountry: null, image: null }, list);
        } else if (info.image === 'blank') {
          add({ modelId, condition, country, personaCountry, imageCountry: null, image: blank }, list);
        } else if (info.image === 'other-country') {
          const partner = conflictPartner(experiment, country, withImages);
          const partnerImages = partner === undefined ? [] : (imagesByCountry.get(partner) ?? []);
          if (partner === undefined || partnerImages.length === 0) {
            warnings.push({
              country,
              condition,
              message: 'no other selected country has images for the conflict condition',
            });
            continue;
          }
          for (const image of partnerImages)
            add({ modelId, condition, country, personaCountry, imageCountry: partner, image }, list);
        } else {
          const own = imagesByCountry.get(country) ?? [];
          if (own.length === 0) {
            warnings.push({ country, condition, message: 'no images for this country in the library' });
            continue;
          }
          for (const image of own)
            add({ modelId, condition, country, personaCountry, imageCountry: country, image }, list);
        }
      }
    }
  }
  return { groups, itemCount: groups.reduce((sum, group) => sum + group.items.length, 0), warnings };
}
