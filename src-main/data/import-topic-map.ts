import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import { AppError } from '../domain/errors';
import type { Database } from '../storage/database';

export interface TopicMapReport {
  file: string;
  entries: number;
  matched: number;
  unmatched: number;
  skipped: { line: number; reason: string }[];
}

/** Question texts differ in spacing, quotes and case between sources; compare them in one form. */
export function normaliseQuestionText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Assigns topics to a dataset's questions from a JSONL map (`{"Question": text, "Category": topic}` per line,
 * e.g. a paper's topic labels). Matched by normalised text; one transaction.
 */
export async function importTopicMap(path: string, db: Database, datasetId: number): Promise<TopicMapReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const map = new Map<string, string>();
  const skipped: TopicMapReport['skipped'] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      skipped.push({ line, reason: 'not valid JSON' });
      continue;
    }
    // A line holding null or a number has no fields (reading them would throw): it is an unusable line.
    const entry = (typeof record === 'object' && record !== null ? record : {}) as {
      Question?: unknown;
      Category?: unknown;
      question?: unknown;
      topic?: unknown;
    };
    const question = entry.Question ?? entry.question;
    const topic = entry.Category ?? entry.topic;
    if (typeof question !== 'string' || typeof topic !== 'string' || topic.trim() === '') {
      skipped.push({ line, reason: 'needs a "Question" text and a "Category" (or "question"/"topic")' });
      continue;
    }
    map.set(normaliseQuestionText(question), topic.trim());
  }
  if (skipped.length > 0) {
    const first = skipped
      .slice(0, 3)
      .map((entry) => `line ${entry.line}: ${entry.reason}`)
      .join('; ');
    throw new AppError(
      'bad_file',
      `'${path}' has ${skipped.length} unusable lines (${first}). No topic was changed.`,
      { file: path, line: skipped[0]?.line },
    );
  }
  const questions = await db.all<{ id: string; text: string }>(
    'SELECT id, text FROM survey_questions WHERE dataset_id = ?',
    [datasetId],
  );
  if (questions.length === 0) throw new AppError('not_found', `Dataset ${datasetId} has no questions.`);
  let matched = 0;
  await db.transaction(async (tx) => {
    for (const question of questions) {
      const topic = map.get(normaliseQuestionText(question.text));
      if (topic === undefined) continue;
      await tx.run('UPDATE survey_questions SET topic = ? WHERE dataset_id = ? AND id = ?', [
        topic,
        datasetId,
        question.id,
      ]);
      matched++;
    }
  });
  return { file: path, entries: map.size, matched, unmatched: questions.length - matched, skipped };
}
