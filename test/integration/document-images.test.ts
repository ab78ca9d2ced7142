// ID images (issue 9, point 5): the type is decided by the bytes, never the name; JPEG, PNG,
// WebP and HEIC (made here with heif-enc) are decoded and written again as an upright JPEG of
// at most 2400 px with no metadata at all (EXIF and GPS included), with a thumbnail; a pixel
// bomb, a text file and an SVG are refused with a keyed message. Every input is made here.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectImageType, IMAGE_MAX_BYTES, IMAGE_MAX_EDGE, processImage, THUMBNAIL_EDGE } from '../../src-main/core/modules/documents/image';
import { heicPicture, jpegWithGps, picture, pngClaiming } from '../support/images';

const hasJpegMetadata = (jpeg: Buffer) => jpeg.includes(Buffer.from('Exif\0\0', 'latin1')) || jpeg.includes(Buffer.from('http://ns.adobe.com/xap', 'latin1'));

function refusedWith(result: Awaited<ReturnType<typeof processImage>>, key: string) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.messageKey).toBe(key);
    expect(result.error.message.length).toBeGreaterThan(0);
  }
}

describe('detecting an image by its content', () => {
  it('knows JPEG, PNG, WebP and HEIF by their bytes, and nothing else', async () => {
    const p = await picture(8, 8);
    expect(detectImageType(await p.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(detectImageType(await p.clone().png().toBuffer())).toBe('png');
    expect(detectImageType(await p.clone().webp().toBuffer())).toBe('webp');
    expect(detectImageType(Buffer.from('not an image at all, though it may be called photo.jpg'))).toBeNull();
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('processing an image', () => {
  it('turns a JPEG upright by its EXIF orientation and writes it again with no EXIF or GPS', async () => {
    const input = await jpegWithGps(600, 300);
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif, 'the input does carry EXIF').toBeDefined();
    expect(inMeta.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825, little-endian as libvips writes it) is in the input's EXIF.
    expect(inMeta.exif!.includes(Buffer.from([0x25, 0x88])), 'the input carries a GPS IFD').toBe(true);
    expect(input.includes(Buffer.from('SecretPhone 15'))).toBe(true);

    const result = await processImage(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { image, thumbnail, width, height, inputType } = result.value;
    expect(inputType).toBe('jpeg');
    // Orientation 6: the 600 × 300 picture stands up as 300 × 600.
    expect([width, height]).toEqual([300, 600]);
    const meta = await sharp(image).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([300, 600]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(hasJpegMetadata(image)).toBe(false);
    for (const marker of ['SecretPhone', 'CameraMaker', 'MARKER-COPYRIGHT', 'GPS']) expect(image.includes(Buffer.from(marker)), marker).toBe(false);
    const thumb = await sharp(thumbnail).metadata();
    expect(thumb.format).toBe('jpeg');
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(THUMBNAIL_EDGE);
    expect(thumb.exif).toBeUndefined();
  });

  it('makes a large picture at most 2400 px on its long side, and takes PNG and WebP', async () => {
    const big = await (await picture(4000, 3000)).png().toBuffer();
    const fromPng = await processImage(big);
    expect(fromPng.ok && [fromPng.value.width, fromPng.value.height]).toEqual([IMAGE_MAX_EDGE, 1800]);
    const webp = await processImage(await (await picture(320, 240)).webp().toBuffer());
    expect(webp.ok && webp.value.inputType).toBe('webp');
    expect(webp.ok && (await sharp(webp.value.image).metadata()).format).toBe('jpeg');
  });

  it('decodes a HEIC made by heif-enc', async () => {
    const heic = await heicPicture(640, 480);
    expect(detectImageType(heic)).toBe('heif');
    const result = await processImage(heic);
    expect(result.ok, JSON.stringify(!result.ok && result.error)).toBe(true);
    if (!result.ok) return;
    expect(result.value.inputType).toBe('heif');
    const meta = await sharp(result.value.image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 480]);
    expect(meta.exif).toBeUndefined();
  });

  it('refuses a pixel bomb (a PNG claiming 30000 × 30000) before decoding it', async () => {
    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(10_000);
    const start = Date.now();
    refusedWith(await processImage(bomb), 'errors.documents.tooManyPixels');
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('refuses a text file called .jpg, an SVG, a PDF, a broken JPEG and anything over 15 MB', async () => {
    refusedWith(await processImage(Buffer.from('just some text, saved as photo.jpg\n')), 'errors.documents.unsupportedType');
    refusedWith(
      await processImage(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>')),
      'errors.documents.unsupportedType',
    );
    refusedWith(await processImage(Buffer.from('%PDF-1.7\n1 0 obj\n')), 'errors.documents.unsupportedType');
    refusedWith(await processImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])), 'errors.documents.unreadable');
    const huge = Buffer.alloc(IMAGE_MAX_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    refusedWith(await processImage(huge), 'errors.documents.tooLarge');
  });
});
