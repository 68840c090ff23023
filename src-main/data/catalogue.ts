/**
 * Sources the app knows how to fetch, written by the project. Nothing here is downloaded until the user
 * asks; nothing fetched is ever redistributed with the app.
 *
 * Checksums: only where the project verified them. Where `sha256` is null the downloader records the hash
 * it computed, shown in the download list, so a later download can be compared. Sizes marked approximate
 * come from the hosts' file listings and are used only for progress before the server says the real size.
 */

export interface CatalogueFile {
  url: string;
  /** Name on disk; unique within the entry's target folder. */
  fileName: string;
  approxBytes: number | null;
  sha256: string | null;
  role: 'data' | 'model' | 'mmproj';
}

export interface CatalogueEntry {
  id: string;
  kind: 'dataset' | 'model';
  title: string;
  description: string;
  licence: string;
  citation: string | null;
  homepage: string;
  /** Datasets go to `<app-data>/downloads`, model pairs to `<app-data>/models/<id>/` (paired by folder). */
  target: 'downloads' | 'models';
  files: CatalogueFile[];
  /** Licence or checksum caveats the user should see before downloading. */
  notes: string[];
}

const HF = 'https://huggingface.co';
const CROSS_RAW = 'https://raw.githubusercontent.com/haoyiq114/CROSS/main/data';
const NO_CHECKSUM =
  'No checksum is pinned: the file on the host may change; the computed SHA-256 is recorded.';

function crossFile(
  folder: 'casa' | 'safeworld',
  language: 'english' | 'multilingual',
  chars: number,
): CatalogueFile {
  return {
    url: `${CROSS_RAW}/${folder}/${language}.json`,
    fileName: `cross-${folder}-${language}.json`,
    approxBytes: chars,
    sha256: null,
    role: 'data',
  };
}

function modelPair(
  id: string,
  title: string,
  repo: string,
  text: [string, number | null],
  /** Upstream name, approximate size, and the local name when upstream's is too generic. */
  mmproj: [string, number | null, string?],
  licence: string,
  description: string,
): CatalogueEntry {
  return {
    id,
    kind: 'model',
    title,
    description,
    licence,
    citation: null,
    homepage: `${HF}/${repo}`,
    target: 'models',
    files: [
      {
        url: `${HF}/${repo}/resolve/main/${text[0]}`,
        fileName: text[0],
        approxBytes: text[1],
        sha256: null,
        role: 'model',
      },
      {
        url: `${HF}/${repo}/resolve/main/${mmproj[0]}`,
        fileName: mmproj[2] ?? mmproj[0],
        approxBytes: mmproj[1],
        sha256: null,
        role: 'mmproj',
      },
    ],
    notes: [NO_CHECKSUM, 'Check the model licence on its page before use.'],
  };
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'globalopinionqa',
    kind: 'dataset',
    title: 'GlobalOpinionQA (Anthropic/llm_global_opinions)',
    description: 'Survey questions (WVS, Pew GAS) with human answer distributions per country; study A.',
    licence: 'CC BY-NC-SA 4.0',
    citation:
      'Durmus et al. (2023). Towards Measuring the Representation of Subjective Global Opinions in Language Models. arXiv:2306.16388.',
    homepage: `${HF}/datasets/Anthropic/llm_global_opinions`,
    target: 'downloads',
    files: [
      {
        url: `${HF}/datasets/Anthropic/llm_global_opinions/resolve/main/data/global_opinions.csv`,
        fileName: 'global_opinions.csv',
        approxBytes: 4_690_000,
        sha256: null,
        role: 'data',
      },
    ],
    notes: ['Non-commercial use; pass the licence on and attribute Durmus et al. 2023.', NO_CHECKSUM],
  },
  {
    id: 'cross',
    kind: 'dataset',
    title: 'CROSS benchmark queries (haoyiq114/CROSS)',
    description:
      'Visually grounded cultural-safety queries (CASA and SafeWorld, English and multilingual); study B.',
    licence: 'None stated (treat as all rights reserved)',
    citation:
      'Qiu, Huang, Zheng, Sun, Peng. Multimodal Cultural Safety: Evaluation Frameworks and Alignment Strategies. arXiv:2505.14972.',
    homepage: 'https://github.com/haoyiq114/CROSS',
    target: 'downloads',
    files: [
      crossFile('casa', 'english', 639_966),
      crossFile('casa', 'multilingual', 383_473),
      crossFile('safeworld', 'english', 295_373),
      crossFile('safeworld', 'multilingual', 136_553),
    ],
    notes: [
      'The repository has no licence: download for your own evaluation only; never redistributed by Value Atlas.',
      'Images are referenced by URL in each record and are fetched separately.',
      NO_CHECKSUM,
    ],
  },
  {
    id: 'worldbank-class',
    kind: 'dataset',
    title: 'World Bank country and lending groups (CLASS)',
    description: 'Income groups and regions of economies, updated every 1 July.',
    licence: 'CC BY 4.0',
    citation: 'World Bank. World Bank Country and Lending Groups (CLASS).',
    homepage:
      'https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups',
    target: 'downloads',
    files: [
      {
        url: 'https://datacatalogfiles.worldbank.org/ddh-published/0037712/DR0090755/CLASS.xlsx',
        fileName: 'CLASS.xlsx',
        approxBytes: null,
        sha256: null,
        role: 'data',
      },
    ],
    notes: [
      'An Excel workbook: save its "List of economies" sheet as CSV, then import it as income groups.',
      'The World Bank reuses this address every year, so its content changes each July.',
      NO_CHECKSUM,
    ],
  },
  modelPair(
    'smolvlm-256m',
    'SmolVLM 256M Instruct (Q8_0)',
    'ggml-org/SmolVLM-256M-Instruct-GGUF',
    ['SmolVLM-256M-Instruct-Q8_0.gguf', 175_000_000],
    ['mmproj-SmolVLM-256M-Instruct-Q8_0.gguf', 104_000_000],
    'Apache 2.0',
    'The smallest useful vision-language pair; quick to try on any laptop.',
  ),
  modelPair(
    'qwen2.5-vl-3b',
    'Qwen2.5-VL 3B Instruct (Q4_K_M)',
    'ggml-org/Qwen2.5-VL-3B-Instruct-GGUF',
    ['Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf', null],
    ['mmproj-Qwen2.5-VL-3B-Instruct-Q8_0.gguf', null],
    'Qwen Research licence (non-commercial)',
    'A strong small multilingual model; about 3 GB together.',
  ),
  modelPair(
    'gemma-3-4b',
    'Gemma 3 4B it (Q4_K_M)',
    'ggml-org/gemma-3-4b-it-GGUF',
    ['gemma-3-4b-it-Q4_K_M.gguf', 2_490_000_000],
    ['mmproj-model-f16.gguf', 851_000_000, 'mmproj-gemma-3-4b-it-f16.gguf'],
    'Gemma terms of use',
    'Multilingual model with a SigLIP vision encoder; about 3.3 GB together.',
  ),
  modelPair(
    'llava-1.5-7b',
    'LLaVA 1.5 7B (Q4_K_M)',
    'second-state/Llava-v1.5-7B-GGUF',
    ['llava-v1.5-7b-Q4_K_M.gguf', 4_080_000_000],
    ['llava-v1.5-7b-mmproj-model-f16.gguf', 624_000_000],
    'Llama 2 Community Licence',
    'The model family of the Beyond Words study (fp16 there; quantised here).',
  ),
];

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((entry) => entry.id === id);
}
