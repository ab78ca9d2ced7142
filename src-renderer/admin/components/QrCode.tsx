// A QR code drawn here as SVG from the module matrix: nothing asynchronous, and the text
// (a TOTP secret, a link with a token) never leaves the component (no data: URL, no cache).
// Screenshots in tests mask `.mnv-qr`.
import QRCode from 'qrcode';
import { useMemo } from 'react';

/** Quiet zone around the code, in modules. */
const MARGIN = 2;

/** One SVG path of the dark modules, each a 1×1 square. */
function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`;
  }
  return { size: modules.size, d };
}

export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const qr = useMemo(() => qrPath(text), [text]);
  const box = qr.size + 2 * MARGIN;
  return (
    <svg className="mnv-qr" role="img" aria-label={label} data-testid={testId} viewBox={`${-MARGIN} ${-MARGIN} ${box} ${box}`} shapeRendering="crispEdges">
      <rect x={-MARGIN} y={-MARGIN} width={box} height={box} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
