import type { Database, Queryable } from './database';
import type { QuestionRow } from './survey-repository';

export interface WvsCode {
  code: number;
  label: string;
}

/**
 * A bank item with its scale type. The same shape as the domain's `WvsBankItem` (storage may not import
 * the data modules, so it is spelled out here; the types are structural and checked where they meet).
 */
export interface StoredWvsItem {
  id: string;
  number: number;
  base: string;
  variant: boolean;
  section: string | null;
  sectionName: string | null;
  label: string;
  text: string;
  promptText: string | null;
  declaredType: 'ordinal' | 'non_ordinal' | null;
  objective: boolean;
  options: WvsCode[];
  missingCodes: WvsCode[];
  scaleType: QuestionRow['scale_type'];
}

interface BankRow {
  id: string;
  number: number;
  base: string;
  section: string | null;
  section_name: string | null;
  label: string;
  text: string;
  prompt_text: string | null;
  scale_type: QuestionRow['scale_type'];
  objective: number;
  options_json: string;
}

type StoredOption = WvsCode & { substantive: boolean };

function fromRow(row: BankRow): StoredWvsItem {
  const options = JSON.parse(row.options_json) as StoredOption[];
  const strip = ({ code, label }: StoredOption): WvsCode => ({ code, label });
  return {
    id: row.id,
    number: row.number,
    base: row.base,
    variant: row.id !== row.base,
    section: row.section,
    sectionName: row.section_name,
    label: row.label,
    text: row.text,
    promptText: row.prompt_text,
    // The declared type only feeds the stored scale type; it is not kept separately.
    declaredType: null,
    objective: row.objective === 1,
    options: options.filter((option) => option.substantive).map(strip),
    missingCodes: options.filter((option) => !option.substantive).map(strip),
    scaleType: row.scale_type,
  };
}

/** The WVS-7 question bank (one current copy; answers stored first, then the flagged missing codes) and the links from imported questions to its items. */
export class WvsBankRepository {
  constructor(private readonly db: Database) {}

  /** Replaces the bank inside the caller's transaction, so a failed import keeps the previous one. */
  static async replaceBank(
    tx: Queryable,
    items: readonly StoredWvsItem[],
    source: { filePath: string; fileSha256: string; report: unknown },
  ): Promise<void> {
    await tx.run('DELETE FROM wvs_bank_items');
    let position = 0;
    for (const item of items) {
      const options: StoredOption[] = [
        ...item.options.map((option) => ({ ...option, substantive: true })),
        ...item.missingCodes.map((option) => ({ ...option, substantive: false })),
      ];
      await tx.run(
        `INSERT INTO wvs_bank_items (id, number, base, section, section_name, label, text, prompt_text, scale_type,
           objective, options_json, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          item.id,
          item.number,
          item.base,
          item.section,
          item.sectionName,
          item.label,
          item.text,
          item.promptText,
          item.scaleType,
          item.objective ? 1 : 0,
          JSON.stringify(options),
          position++,
        ],
      );
    }
    await tx.run(
      `INSERT INTO wvs_bank_source (id, file_path, file_sha256, report_json) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET file_path = excluded.file_path, file_sha256 = excluded.file_sha256,
         report_json = excluded.report_json, imported_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      [source.filePath, source.fileSha256, JSON.stringify(source.report)],
    );
  }

  static async items(db: Queryable): Promise<StoredWvsItem[]> {
    const rows = await db.all<BankRow>('SELECT * FROM wvs_bank_items ORDER BY position');
    return rows.map(fromRow);
  }

  items(): Promise<StoredWvsItem[]> {
    return WvsBankRepository.items(this.db);
  }

  /** Links of a dataset's questions to bank items, with the bank's section. */
  links(
    datasetId: number,
  ): Promise<{ questionId: string; wvsId: string; score: number; section: string | null }[]> {
    return this.db.all(
      `SELECT l.question_id AS questionId, l.wvs_id AS wvsId, l.score AS score, b.section_name AS section
       FROM survey_question_wvs_links l LEFT JOIN wvs_bank_items b ON b.id = l.wvs_id
       WHERE l.dataset_id = ? ORDER BY l.question_id`,
      [datasetId],
    );
  }
}
