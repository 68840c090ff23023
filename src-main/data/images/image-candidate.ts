/** A file about to enter the image library, with what its folder or manifest says about it. */
export interface ImageCandidate {
  /** The path as the user gave or laid it out (shown in reports). */
  file: string;
  /** The same file with links resolved; this is what is read and remembered. */
  real: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  category: string | null;
  /** Where the image came from (a relative path, a URL, a manifest's source column). */
  source: string | null;
  /** Monthly household income (USD PPP) when the source gives one (Dollar Street, manifests). */
  income?: number | null;
  licence?: string | null;
  attribution?: string | null;
}

/** A file left out of an import, and why, in words the user can act on. */
export interface SkippedFile {
  file: string;
  reason: string;
}
