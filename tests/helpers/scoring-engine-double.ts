import { AppError } from '../../src-main/domain/errors';
import type {
  CountryFacts,
  EngineIdentity,
  HumanDistribution,
  ImageSource,
  QuestionSource,
  RunnerImage,
  RunnerQuestion,
  ScoreGroupRequest,
  ScoredItem,
  ScoringEngine,
} from '../../src-main/runner/ports';

/** Deterministic pseudo-probabilities from the prompt text: same prompt, same numbers. */
function fakeProbabilities(text: string, count: number): number[] {
  let hash = 2166136261;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    for (const char of `${text}#${i}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    values.push(1 + (hash % 1000));
  }
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((value) => value / total);
}

/**
 * Test double at the engine's process boundary: scores without llama.cpp. Counts calls and can be told
 * to crash (like a dead engine process) so the runner's recovery is testable. The real engine path is
 * tested separately with the generated tiny model.
 */
export class ScoringEngineDouble implements ScoringEngine {
  scoredItems = 0;
  groupsScored = 0;
  crashNextAfter: number | null = null;
  delayMs = 0;

  identify(modelId: string): Promise<EngineIdentity> {
    return Promise.resolve({
      modelId,
      modelSha256: `sha-${modelId}`,
      mmprojSha256: `sha-${modelId}-mmproj`,
      quantisation: 'F16',
      engine: 'double',
      llamaCppBuild: 'none',
      backend: 'test-double',
      settings: {},
    });
  }

  async scoreGroup(
    request: ScoreGroupRequest,
    onItem: (item: ScoredItem) => Promise<void>,
    signal: AbortSignal,
  ) {
    this.groupsScored += 1;
    let done = 0;
    for (const item of request.items) {
      if (signal.aborted) throw new AppError('cancelled', 'cancelled');
      if (this.crashNextAfter !== null && done >= this.crashNextAfter) {
        this.crashNextAfter = null;
        throw new AppError('engine_crashed', 'The engine process exited unexpectedly (test double).');
      }
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      const text = `${request.system ?? ''}|${request.prefixText}|${request.imagePath ?? ''}|${item.suffixText}|${request.leadIn}`;
      await onItem({
        id: item.id,
        probabilities: fakeProbabilities(text, item.optionLabels.length),
        coverage: 0.5,
        topTokens: [{ token: 'A', prob: 0.1 }],
        promptTokens: 40,
        cachedTokens: done === 0 ? 0 : 100,
        durationMs: 1,
      });
      this.scoredItems += 1;
      done += 1;
    }
    return { promptTokensEvaluated: 0, imageEncodes: request.imagePath === undefined ? 0 : 1, durationMs: 1 };
  }
}

export interface FixtureQuestion extends RunnerQuestion {
  humans: Record<string, number[]>;
}

/** Survey questions and images held in memory, standing in for the data layer in runner unit tests. */
export function memorySources(
  questions: FixtureQuestion[],
  images: RunnerImage[],
): { questions: QuestionSource; images: ImageSource } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const names: Record<string, string> = { US: 'United States', NG: 'Nigeria', JP: 'Japan', BR: 'Brazil' };
  return {
    questions: {
      questionsFor: (country) => Promise.resolve(questions.filter((question) => country in question.humans)),
      questionById: (id) => Promise.resolve(byId.get(id)),
      humanDistribution: (questionId, country): Promise<HumanDistribution | undefined> => {
        const question = byId.get(questionId);
        const distribution = question?.humans[country];
        if (question === undefined || distribution === undefined) return Promise.resolve(undefined);
        return Promise.resolve({
          distribution,
          substantive: question.options.map((option) => !/know|answer/i.test(option)),
          scaleType: 'ordinal',
          n: 1000,
        });
      },
      countryName: (code) => names[code] ?? code,
      countryFacts: (code): Promise<CountryFacts> =>
        Promise.resolve({
          name: names[code] ?? code,
          incomeGroup: code === 'NG' ? 'Lower middle income' : 'High income',
          region: null,
          culturalMap: null,
        }),
    },
    images: {
      imagesFor: (country) => Promise.resolve(images.filter((image) => image.country === country)),
      blankImage: () =>
        Promise.resolve({ id: 999, country: '', category: null, sha256: 'blank', path: '/blank.png' }),
      byId: (id) => Promise.resolve(images.find((image) => image.id === id)),
    },
  };
}
