import type { RunnerImage } from '../../../src-main/runner/ports';
import type { FixtureQuestion } from '../../helpers/scoring-engine-double';

export const QUESTIONS: FixtureQuestion[] = [
  {
    id: 'Q1',
    text: 'How important is family in your life?',
    options: ['Very important', 'Rather important', 'Not very important', "Don't know"],
    topic: 'social',
    humans: { US: [70, 20, 8, 2], NG: [90, 8, 1, 1], JP: [60, 30, 9, 1] },
  },
  {
    id: 'Q2',
    text: 'Can most people be trusted?',
    options: ['Most people can be trusted', 'Need to be very careful'],
    topic: 'trust',
    humans: { US: [37, 63], NG: [12, 88] },
  },
  {
    id: 'Q3',
    text: 'How interested are you in politics?',
    options: ['Very', 'Somewhat', 'Not very', 'Not at all', 'No answer'],
    topic: 'politics',
    humans: { US: [20, 40, 25, 14, 1], NG: [15, 30, 30, 24, 1], JP: [10, 45, 30, 14, 1] },
  },
];

export const IMAGES: RunnerImage[] = [
  { id: 1, country: 'US', category: 'food', sha256: 'a1', path: '/img/us1.png' },
  { id: 2, country: 'US', category: 'home', sha256: 'a2', path: '/img/us2.png' },
  { id: 3, country: 'NG', category: 'food', sha256: 'b1', path: '/img/ng1.png' },
];
