// Reading the My Number from a photo of the card's back, in the browser: the photo is drawn to
// a canvas at a few sizes (a phone's photo is far larger than a QR code needs, and jsQR's time
// grows with the pixels) and jsQR looks for the code in each until one holds a number. jsQR is
// loaded only when a card's back is photographed, so the form's first load stays small.
import { myNumberFromQrText } from '../../src-shared/card-number';

/** Longest sides tried, in order: the middle one first, then finer, then coarser. */
const SIZES = [1200, 1800, 800];

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The number the photo's QR code holds, or null (no code found, another code, an image the browser cannot decode). */
export async function readNumberFromCardPhoto(photo: Blob): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(photo);
  } catch {
    return null;
  }
  const canvas = document.createElement('canvas');
  try {
    const { default: jsQR } = await import('jsqr');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    const longest = Math.max(bitmap.width, bitmap.height);
    const sizes = [...new Set(SIZES.map((size) => Math.min(size, longest)))];
    for (const size of sizes) {
      const scale = size / longest;
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
      const number = code ? myNumberFromQrText(code.data) : null;
      if (number) return number;
      // Let the page draw (progress, typing) between attempts.
      await nextFrame();
    }
    return null;
  } catch {
    return null;
  } finally {
    bitmap.close();
    canvas.width = 0;
    canvas.height = 0;
  }
}
