// ID images from the phone form (issue 9, point 5): the type is decided by the bytes alone
// (JPEG, PNG, WebP, HEIC/HEIF), never by a file name or a declared type; the image is decoded
// and written again as a JPEG of at most 2400 px on its long side, turned upright by its EXIF
// orientation, with every piece of metadata (EXIF, GPS, XMP, ICC, comments) left behind, and a
// small thumbnail beside it. Images of more than about 50 megapixels are refused before their
// pixels are decoded. HEIC/HEIF (the iPhone's default) is decoded by libheif in WebAssembly
// (heic-decode) on a worker thread (heif-decoder.ts): sharp's prebuilt libvips has no HEVC
// decoder, and the WebAssembly decode would otherwise hold up the event loop for a second or more.
import sharp from 'sharp';
import type { Result } from '../../../../src-shared/errors';
import { formatMessage, type ErrorKey } from '../../../../src-shared/messages';
import { createHeifDecoder, type HeifDecoder } from './heif-decoder';

/** The largest upload taken, in bytes. */
export const IMAGE_MAX_BYTES = 15 * 1024 * 1024;
/** The most pixels an input may have (width × height). */
export const IMAGE_MAX_PIXELS = 50_000_000;
/** The long side of a stored image and of its thumbnail, at most. */
export const IMAGE_MAX_EDGE = 2400;
export const THUMBNAIL_EDGE = 320;

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heif';

export interface ProcessedImage {
  /** The re-encoded JPEG, without metadata. */
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  /** What the input was, by its content. */
  inputType: ImageType;
}

// Every photo is decoded once: libvips' cache of recent operations would only hold memory.
sharp.cache(false);

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

const ascii = (b: Buffer, start: number, end: number) => b.subarray(start, end).toString('latin1');

/** The image type of these bytes, by their signature; null for anything else. */
export function detectImageType(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  // ISO base media file: a box 'ftyp' whose major brand is one of HEIF's (AVIF is not taken).
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'heif';
  return null;
}

function refuse(messageKey: ErrorKey): Result<never> {
  return { ok: false, error: { code: 'VALIDATION', message: formatMessage('ja', messageKey), messageKey } };
}

const tooManyPixels = (width: number, height: number) => width * height > IMAGE_MAX_PIXELS;

let heifDecoder: HeifDecoder | undefined;

/** sharp's input for a HEIF: its first image's RGBA pixels, decoded (on a worker thread) only once its size is known. */
async function heifInput(bytes: Buffer): Promise<Result<{ raw: Buffer; width: number; height: number }>> {
  heifDecoder ??= createHeifDecoder();
  const decoded = await heifDecoder.decode(bytes, IMAGE_MAX_PIXELS);
  if (!decoded.ok) return refuse(decoded.reason === 'tooManyPixels' ? 'errors.documents.tooManyPixels' : 'errors.documents.unreadable');
  const { pixels, width, height } = decoded;
  return { ok: true, value: { raw: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height } };
}

/** Checks, decodes and re-encodes one uploaded image. Never throws for what a client sent. */
export async function processImage(bytes: Buffer): Promise<Result<ProcessedImage>> {
  if (bytes.length > IMAGE_MAX_BYTES) return refuse('errors.documents.tooLarge');
  const inputType = detectImageType(bytes);
  if (!inputType) return refuse('errors.documents.unsupportedType');

  let pipeline: ReturnType<typeof sharp>;
  if (inputType === 'heif') {
    const heif = await heifInput(bytes);
    if (!heif.ok) return heif;
    pipeline = sharp(heif.value.raw, { raw: { width: heif.value.width, height: heif.value.height, channels: 4 }, limitInputPixels: IMAGE_MAX_PIXELS });
  } else {
    try {
      // The header alone: a pixel bomb is refused here, before anything is decoded.
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      if (!meta.width || !meta.height) return refuse('errors.documents.unreadable');
      if (tooManyPixels(meta.width, meta.height)) return refuse('errors.documents.tooManyPixels');
    } catch {
      return refuse('errors.documents.unreadable');
    }
    // The first page or frame only; a truncated or corrupt image is refused, not patched.
    pipeline = sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error', pages: 1 }).rotate();
  }

  try {
    // No withMetadata(): sharp writes none of the input's metadata (EXIF, GPS, XMP, ICC).
    const { data: image, info } = await pipeline
      .resize({ width: IMAGE_MAX_EDGE, height: IMAGE_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image).resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
    return { ok: true, value: { image, thumbnail, width: info.width, height: info.height, inputType } };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) return refuse('errors.documents.tooManyPixels');
    return refuse('errors.documents.unreadable');
  }
}
