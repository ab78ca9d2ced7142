// Ids that sort in the order they were made (UUID version 7, RFC 9562: 48 bits of Unix
// milliseconds, then a 12-bit counter within the millisecond, then 62 random bits). A batch
// of many new rows keyed by them is written at the end of each index instead of at random
// places all over it, so an import of 100,000 rows keeps rewriting the same few pages.
// Node 20 has no crypto.randomUUIDv7; these few lines spare a dependency.
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
const random = Buffer.alloc(8);

export function orderedUuid(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: the next ones borrow the following millisecond.
    lastMs++;
    counter = 0;
  }
  randomFillSync(random);
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  random.copy(bytes, 8);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
