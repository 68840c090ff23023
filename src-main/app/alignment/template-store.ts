import { readFile, stat } from 'node:fs/promises';

import { DEFAULT_PROMPT_TEMPLATE } from '../../domain/alignment/default-prompt-template';
import {
  canonicalTemplateJson,
  parsePromptTemplate,
  type PromptTemplate,
} from '../../domain/alignment/prompt-template';
import { AppError } from '../../domain/errors';
import { sha256Text } from '../../platform/sha256';
import type { Database } from '../../storage/database';
import type { TemplateSummary } from '../../contract/runs';

const MAX_TEMPLATE_BYTES = 1024 * 1024;

function summary(template: PromptTemplate, builtIn: boolean): TemplateSummary {
  return {
    id: template.id,
    name: template.name,
    version: template.version,
    ...(template.description !== undefined ? { description: template.description } : {}),
    builtIn,
    sha256: sha256Text(canonicalTemplateJson(template)),
  };
}

/** The built-in prompt template plus the ones the user loaded from files (e.g. a paper's exact wording). */
export class TemplateStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<TemplateSummary[]> {
    const rows = await this.db.all<{ template_json: string }>(
      'SELECT template_json FROM prompt_templates ORDER BY id',
    );
    return [
      summary(DEFAULT_PROMPT_TEMPLATE, true),
      ...rows.map((row) => summary(parsePromptTemplate(JSON.parse(row.template_json)), false)),
    ];
  }

  async get(id: string): Promise<PromptTemplate> {
    if (id === DEFAULT_PROMPT_TEMPLATE.id) return DEFAULT_PROMPT_TEMPLATE;
    const row = await this.db.get<{ template_json: string }>(
      'SELECT template_json FROM prompt_templates WHERE id = ?',
      [id],
    );
    if (row === undefined) throw new AppError('not_found', `No prompt template '${id}'. Import it first.`);
    return parsePromptTemplate(JSON.parse(row.template_json), `template ${id}`);
  }

  async importFile(path: string): Promise<TemplateSummary> {
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile())
      throw new AppError('not_found', `Template file '${path}' does not exist.`, { file: path });
    if (info.size > MAX_TEMPLATE_BYTES)
      throw new AppError('bad_file', `Template file '${path}' is larger than 1 MiB.`, { file: path });
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new AppError(
        'bad_file',
        `Template file '${path}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { file: path },
      );
    }
    const template = parsePromptTemplate(data, path);
    if (template.id === DEFAULT_PROMPT_TEMPLATE.id) {
      throw new AppError(
        'conflict',
        `Template file '${path}' uses the built-in id '${template.id}'; give it its own id.`,
        { file: path },
      );
    }
    const json = canonicalTemplateJson(template);
    await this.db.run(
      `INSERT INTO prompt_templates (id, template_json, sha256, source_file) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET template_json = excluded.template_json, sha256 = excluded.sha256,
         source_file = excluded.source_file, imported_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      [template.id, json, sha256Text(json), path],
    );
    return summary(template, false);
  }
}
