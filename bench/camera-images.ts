// Camera-like 12-megapixel photos of an ID card for the upload benchmark, made at bench time
// (never committed): 4000 × 3000, a tilted card with Japanese text and a photo box on a
// gradient, under a light fall-off and sensor-like noise, JPEG quality 92 with a camera's EXIF;
// about 4 MB each, as a phone writes them.
import sharp from 'sharp';

export const CAMERA_WIDTH = 4000;
export const CAMERA_HEIGHT = 3000;

function cardSvg(seed: number): string {
  const hue = (seed * 67) % 360;
  const tilt = (seed % 5) * 1.5 - 3;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CAMERA_WIDTH}" height="${CAMERA_HEIGHT}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},40%,70%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},35%,30%)"/></linearGradient>
    <radialGradient id="light" cx="0.3" cy="0.35" r="0.7"><stop offset="0" stop-color="#fff" stop-opacity="0.45"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/></radialGradient>
    <linearGradient id="card" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#f6f3ea"/><stop offset="1" stop-color="#dfe8f0"/></linearGradient>
  </defs>
  <rect width="100%" height="100%" fill="url(#bg)"/>
  <g transform="rotate(${tilt} 2000 1500)">
    <rect x="560" y="520" width="2880" height="1860" rx="90" fill="url(#card)" stroke="#334" stroke-width="6"/>
    <rect x="2700" y="900" width="560" height="700" fill="#c9c2b8"/>
    <circle cx="2980" cy="1130" r="170" fill="#8a7b6e"/>
    <g font-family="sans-serif" fill="#1d1d1f">
      <text x="760" y="780" font-size="130" font-weight="bold">${seed % 2 ? '個人番号カード' : '個人番号カード（裏面）'}</text>
      <text x="760" y="1060" font-size="100">氏名\u3000見本 太郎</text>
      <text x="760" y="1260" font-size="90">住所\u3000東京都千代田区千代田一丁目${seed}番地</text>
      <text x="760" y="1460" font-size="90">生年月日\u3000昭和60年4月1日生\u3000性別 男</text>
      <text x="760" y="1700" font-size="80">2035年 4月 1日まで有効\u3000MNV-BENCH-${seed}</text>
      <text x="760" y="2200" font-size="70" fill="#555">登録番号 ${String(100_000 + seed * 7919).padStart(8, '0')}\u3000発行 千代田区長</text>
    </g>
  </g>
  <rect width="100%" height="100%" fill="url(#light)"/>
</svg>`;
}

/** One photo; `seed` makes it differ from the others. */
export async function cameraPhoto(seed: number): Promise<Buffer> {
  const noise = await sharp({ create: { width: CAMERA_WIDTH, height: CAMERA_HEIGHT, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 28 } } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(Buffer.from(cardSvg(seed)))
    .composite([{ input: noise, blend: 'soft-light' }])
    .flatten()
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'BenchCam', Model: 'Phone 12MP' } })
    .toBuffer();
}
