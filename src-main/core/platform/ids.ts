// Ids that sort in the order they were made (UUID version 7, RFC 9562: 48 bits of Unix
// milliseconds, then a 12-bit counter within the millisecond, then 62 random bits). A batch
// of many new rows keyed by them is written at the end of each index instead of at random
// places all over it, so an import of 100,000 rows keeps rewriting the same few pages.
// Node 20 has no crypto.randomUUIDv7; these few lines spare a dependency.
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
/** Random bytes drawn from the CSPRNG for this many ids at once (an import makes 100,000). */
const IDS_PER_DRAW = 4096;
const RANDOM_BYTES = 8;
let random = Buffer.alloc(0);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;
let next = 0;

export function orderedUuid(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: the next ones borrow the following millisecond.
    lastMs++;
    counter = 0;
  }
  if (next + RANDOM_BYTES > random.length) {
    random = randomFillSync(Buffer.alloc(RANDOM_BYTES * IDS_PER_DRAW));
    next = 0;
  }
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  random.copy(bytes, 8, next, next + RANDOM_BYTES);
  next += RANDOM_BYTES;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  // Written out in one piece: a template of five slices would keep each id as a tree of nine
  // strings (an import keeps 100,000 ids until its commit).
  const text = Buffer.allocUnsafe(36);
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = DASH;
    text[at++] = HEX_DIGITS[bytes[i]! >> 4]!;
    text[at++] = HEX_DIGITS[bytes[i]! & 0xf]!;
  }
  return text.toString('latin1');
}
