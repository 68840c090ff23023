import { createWvsQuestionMatcher } from '../domain/data/wvs-question-matcher';
import type { WvsLinkReport } from '../domain/data/survey-extras-reports';
import type { WvsBankItem } from '../domain/data/wvs-bank';
import type { Queryable } from '../storage/database';

/**
 * Links GlobalOpinionQA questions to WVS-7 bank items by fuzzy text matching, replacing earlier links,
 * and gives questions without a topic their item's section (the default topic map; topics imported
 * from a map file are kept). Runs inside the caller's transaction.
 */
export async function linkGoqaQuestionsToWvsBank(
  tx: Queryable,
  items: readonly WvsBankItem[],
): Promise<WvsLinkReport> {
  const questions = await tx.all<{ dataset_id: number; id: string; text: string; options_json: string }>(
    `SELECT q.dataset_id, q.id, q.text, q.options_json FROM survey_questions q
     JOIN datasets d ON d.id = q.dataset_id WHERE d.kind = 'goqa' ORDER BY q.dataset_id, q.rowid`,
  );
  await tx.run(
    "DELETE FROM survey_question_wvs_links WHERE dataset_id IN (SELECT id FROM datasets WHERE kind = 'goqa')",
  );
  const match = createWvsQuestionMatcher(items);
  const sectionOf = new Map(items.map((item) => [item.id, item.sectionName]));
  let matched = 0;
  let topicsFromSections = 0;
  for (const question of questions) {
    const found = match(question.text, JSON.parse(question.options_json) as string[]);
    if (found === null) continue;
    matched++;
    await tx.run(
      'INSERT INTO survey_question_wvs_links (dataset_id, question_id, wvs_id, score) VALUES (?, ?, ?, ?)',
      [question.dataset_id, question.id, found.id, found.score],
    );
    const section = sectionOf.get(found.id) ?? null;
    if (section === null) continue;
    const { changes } = await tx.run(
      'UPDATE survey_questions SET topic = ? WHERE dataset_id = ? AND id = ? AND topic IS NULL',
      [section, question.dataset_id, question.id],
    );
    topicsFromSections += changes;
  }
  return {
    datasets: new Set(questions.map((question) => question.dataset_id)).size,
    questions: questions.length,
    matched,
    topicsFromSections,
  };
}
