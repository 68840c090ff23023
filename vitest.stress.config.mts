import { defineConfig } from 'vitest/config';

/*
 * `npm run test:stress`: the importer fuzz suites at a larger case count, beside the kill campaign.
 * VALUE_ATLAS_STRESS_BUDGET_S (default 300) bounds the campaign's kills; the fuzz multiplier follows it
 * (VALUE_ATLAS_FUZZ_MULTIPLIER overrides), so both halves, run side by side, take about the budget.
 */
const budget = Number(process.env.VALUE_ATLAS_STRESS_BUDGET_S ?? '300');
const multiplier = process.env.VALUE_ATLAS_FUZZ_MULTIPLIER ?? String(Math.max(2, Math.round(budget / 30)));

export default defineConfig({
  test: {
    name: 'stress',
    environment: 'node',
    include: ['tests/stress/**/*.stress.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    env: { VALUE_ATLAS_FUZZ_MULTIPLIER: multiplier, VALUE_ATLAS_STRESS_BUDGET_S: String(budget) },
    testTimeout: (budget + 600) * 1000,
    hookTimeout: 120_000,
    // One worker for the fuzz suites, one for the campaign: two cores, as in CI.
    maxWorkers: 2,
  },
});
