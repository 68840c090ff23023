import sharp from 'sharp';

/** Declared sizes above this are refused before any pixel is decoded (decompression bombs). */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Larger files are refused before being read into memory. */
export const MAX_IMAGE_BYTES = 200 * 1024 * 1024;
export const THUMBNAIL_SIZE = 256;

/** File name endings read as images; anything else in an image folder is reported as not an image. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg',
  '.jpeg',
  '.jpe',
  '.png',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
  '.heic',
  '.heif',
]);

/**
 * Decoders accepted by content, whatever the file is called. SVG is left out on purpose: it is a document
 * that can refer to other files, not a photo.
 */
const ACCEPTED_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif']);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heif: 'image/heif',
};

const EXTENSIONS: Readonly<Record<string, string>> = { jpeg: 'jpg', tiff: 'tif' };

export function contentTypeOf(format: string): string {
  return CONTENT_TYPES[format] ?? 'application/octet-stream';
}

export function extensionOf(format: string): string {
  return EXTENSIONS[format] ?? format;
}

/** An image that cannot enter the library; `reason` is shown to the user next to the file name. */
export class ImageRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ImageRejected';
  }
}

export interface ProbedImage {
  format: string;
  /** As displayed, after the EXIF orientation is applied. */
  width: number;
  height: number;
  orientation: number;
  /** WebP, at most THUMBNAIL_SIZE on its longer side, EXIF orientation applied. */
  thumbnail: Buffer;
}

function shortMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 140);
}

/**
 * Reads an image's header, refuses unsupported formats and oversized declarations, then decodes it once to
 * make the thumbnail; a truncated or corrupt file fails here. Never writes anything.
 */
export async function probeImage(bytes: Buffer): Promise<ProbedImage> {
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Only the header is read here; the pixel limit is checked by hand below so the reason can say so.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageRejected(`not a readable image (${shortMessage(error)})`);
  }
  if (!ACCEPTED_FORMATS.has(metadata.format))
    throw new ImageRejected(`unsupported image format '${metadata.format}'`);
  const { width, height } = metadata;
  if (!(width > 0 && height > 0)) throw new ImageRejected('the image declares no size');
  if (width * height > MAX_IMAGE_PIXELS)
    throw new ImageRejected(
      `declares ${width}×${height} pixels, more than the ${MAX_IMAGE_PIXELS / 1e6}-megapixel limit (a possible decompression bomb)`,
    );
  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch (error) {
    throw new ImageRejected(`corrupt or truncated image (${shortMessage(error)})`);
  }
  return {
    format: metadata.format,
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    orientation: metadata.orientation ?? 1,
    thumbnail,
  };
}
