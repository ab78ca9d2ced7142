// Photos of ID documents drawn at test time (no image of a number is ever committed): the back
// of a マイナンバーカード (labels, the number printed in groups of four and as a QR code) and a
// 通知カード (the number printed, Japanese text, no QR), each laid on a desk, turned a few
// degrees, slightly blurred and speckled with noise so that it reads like a phone photo; and a
// photo of something else. Text is SVG rendered by sharp (librsvg, fonts-noto-cjk); the QR code
// comes from the `qrcode` package. Outputs are JPEG, as the upload pipeline stores them.
import QRCode from 'qrcode';
import sharp from 'sharp';
import { formatMyNumber } from '../../src-shared/text';

export interface PhotoOptions {
  /** How far the document is turned on the desk, in degrees. */
  angle?: number;
  /** The Gaussian blur's sigma (camera shake, focus). */
  blur?: number;
  /** Seeds the noise, so every run draws the same photo. */
  seed?: number;
}

const JP = "'Noto Sans CJK JP', sans-serif";
const DIGITS = "'DejaVu Sans', sans-serif";

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function text(x: number, y: number, size: number, content: string, extra = '') {
  return `<text x="${x}" y="${y}" font-size="${size}" ${extra}>${escapeXml(content)}</text>`;
}

/** A small linear congruential generator: the same noise for the same seed. */
function random(seed: number) {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** RGBA speckle of the given size: grey dots at low opacity, like sensor noise. */
function noise(width: number, height: number, seed: number) {
  const next = random(seed);
  const raw = Buffer.alloc(width * height * 4);
  for (let i = 0; i < raw.length; i += 4) {
    const v = Math.floor(next() * 256);
    raw[i] = v;
    raw[i + 1] = v;
    raw[i + 2] = v;
    raw[i + 3] = Math.floor(next() * 60);
  }
  return sharp(raw, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** A wooden-looking desk: a gradient with a few soft stripes. */
function desk(width: number, height: number) {
  const stripes = Array.from({ length: 12 }, (_, i) => `<rect x="0" y="${(i * height) / 12}" width="${width}" height="${height / 30}" fill="#6b4a2b" opacity="0.12"/>`).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#a67c52"/><stop offset="1" stop-color="#7a5634"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>${stripes}
    </svg>`,
  );
}

/** The document (a PNG) laid on a desk, turned, blurred and speckled, as a JPEG. */
async function photograph(documentPng: Buffer, options: PhotoOptions = {}): Promise<Buffer> {
  const { angle = 3, blur = 0.8, seed = 1 } = options;
  const turned = await sharp(documentPng).rotate(angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const meta = await sharp(turned).metadata();
  const width = meta.width! + 240;
  const height = meta.height! + 200;
  const scene = await sharp(desk(width, height))
    .composite([
      { input: turned, left: 130, top: 90 },
      { input: await noise(width, height, seed), left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
  return sharp(scene).blur(blur).modulate({ brightness: 0.96 }).jpeg({ quality: 82 }).toBuffer();
}

const CARD_WIDTH = 1000;
const CARD_HEIGHT = 630; // ID-1, 85.6 × 54 mm

/**
 * The back of a マイナンバーカード: the number printed and as a QR code, some labels. With
 * `glareOverQr`, a reflection of the lamp washes out the QR code, so only the print is legible.
 */
export async function cardBackPhoto(myNumber: string, options: PhotoOptions & { glareOverQr?: boolean } = {}): Promise<Buffer> {
  const qr = await QRCode.toBuffer(myNumber, { type: 'png', margin: 1, scale: 8, errorCorrectionLevel: 'M' });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
    <rect x="2" y="2" width="${CARD_WIDTH - 4}" height="${CARD_HEIGHT - 4}" rx="36" fill="#f4f6f2" stroke="#c9cfc4" stroke-width="3"/>
    <rect x="60" y="60" width="360" height="46" fill="#dfe7ef"/>
    <g font-family="${JP}" fill="#333">
      ${text(70, 96, 30, '個人番号')}
      ${text(70, 330, 30, '氏名')}
      ${text(70, 410, 30, '生年月日')}
      ${text(70, 580, 22, '個人番号カード')}
    </g>
    <g font-family="${JP}" fill="#111">
      ${text(190, 330, 40, '番号　花子')}
      ${text(230, 410, 34, '昭和60年 4月 1日生')}
    </g>
    <g font-family="${DIGITS}" fill="#111">${text(70, 210, 64, formatMyNumber(myNumber), 'letter-spacing="4"')}</g>
  </svg>`;
  const glare = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="240"><defs><radialGradient id="r"><stop offset="0.55" stop-color="#fff" stop-opacity="0.97"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="130" cy="120" rx="130" ry="120" fill="url(#r)"/></svg>`,
  );
  const card = await sharp(Buffer.from(svg))
    .composite([
      { input: await sharp(qr).resize(200).png().toBuffer(), left: 740, top: 360 },
      ...(options.glareOverQr ? [{ input: glare, left: 710, top: 340 }] : []),
    ])
    .png()
    .toBuffer();
  return photograph(card, options);
}

/** A 通知カード: a pale green paper card with the number printed, no QR. */
export async function noticeCardPhoto(myNumber: string, options?: PhotoOptions): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">
    <rect x="2" y="2" width="${CARD_WIDTH - 4}" height="${CARD_HEIGHT - 4}" rx="12" fill="#e3f1e1" stroke="#9fc29a" stroke-width="3"/>
    <g font-family="${JP}" fill="#2f4f2f">
      ${text(380, 80, 42, '通知カード', 'font-weight="bold"')}
      ${text(60, 190, 30, '個人番号')}
      ${text(60, 290, 28, '氏名')}
      ${text(60, 360, 28, '住所')}
      ${text(60, 430, 28, '生年月日')}
    </g>
    <g font-family="${JP}" fill="#111">
      ${text(200, 290, 36, '番号　太郎')}
      ${text(200, 360, 28, '東京都千代田区霞が関一丁目')}
      ${text(230, 430, 28, '平成2年 6月 15日')}
      ${text(60, 560, 24, '発行日　平成27年10月5日　　千代田区長')}
    </g>
    <g font-family="${DIGITS}" fill="#111">${text(240, 196, 58, formatMyNumber(myNumber), 'letter-spacing="4"')}</g>
  </svg>`;
  return photograph(await sharp(Buffer.from(svg)).png().toBuffer(), options);
}

/** A photo of something else on the desk: a memo with a date and a phone number, no My Number. */
export async function unrelatedPhoto(options?: PhotoOptions): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="560">
    <rect width="800" height="560" fill="#fbfbf5"/>
    <g font-family="${JP}" fill="#222">
      ${text(60, 100, 40, '会議メモ')}
      ${text(60, 200, 30, '2026年12月1日 14:00')}
      ${text(60, 280, 30, '内線 0312 3456')}
      ${text(60, 360, 30, '資料は共有フォルダに置きました')}
    </g>
  </svg>`;
  return photograph(await sharp(Buffer.from(svg)).png().toBuffer(), options);
}
