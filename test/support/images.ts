// Images made in the tests (no binary fixture is committed): noisy pictures, a JPEG with EXIF
// and GPS, a PNG pixel bomb, a HEIC made with libheif's heif-enc.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { tempDir } from './vault';

/** A noisy RGB picture (so it does not compress to nothing), width × height. */
export async function picture(width: number, height: number) {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919 + (i >> 5)) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/** A JPEG with EXIF: camera, GPS position and orientation 6 (to be turned 90°). */
export async function jpegWithGps(width = 600, height = 300): Promise<Buffer> {
  return (await picture(width, height))
    .jpeg()
    .withExif({
      IFD0: { Make: 'CameraMaker', Model: 'SecretPhone 15', Copyright: 'MARKER-COPYRIGHT' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 22/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 30/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A PNG whose header claims width × height, with one tiny (and short) IDAT: a pixel bomb. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(width * 3 + 1))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A HEIC made by libheif's own encoder (Debian libheif-examples; .ci/run installs it). `fast`:
 * x265's quickest preset, for large pictures (a noisy one still takes long to decode).
 */
export async function heicPicture(width: number, height: number, options: { fast?: boolean } = {}): Promise<Buffer> {
  let heifEnc: string;
  try {
    heifEnc = execFileSync('which', ['heif-enc'], { encoding: 'utf8' }).trim();
  } catch {
    heifEnc = '';
  }
  if (!heifEnc) throw new Error('heif-enc is required for the HEIC tests: install Debian libheif-examples (.ci/run does)');
  const dir = tempDir('mnv-heic-');
  const png = path.join(dir, 'in.png');
  const out = path.join(dir, 'out.heic');
  await (await picture(width, height)).png().toFile(png);
  execFileSync(heifEnc, ['-q', '60', ...(options.fast ? ['-p', 'preset=ultrafast'] : []), png, '-o', out], { stdio: 'pipe' });
  return fs.readFileSync(out);
}
