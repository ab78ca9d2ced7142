// Run by test/integration/crosscheck.test.ts in a child process preloaded with no-network.cjs:
// one cross-check of the 通知カード photo in the file argv[2] against the number argv[3],
// printed as JSON.
import { readFileSync } from 'node:fs';
import { createCrossCheck } from '../../src-main/core/modules/crosscheck';

const [image, typedNumber] = process.argv.slice(2) as [string, string];
const crossCheck = createCrossCheck();
const verdict = await crossCheck.verdict([{ kind: 'notice_card', image: readFileSync(image) }], typedNumber);
await crossCheck.close();
process.stdout.write(JSON.stringify({ verdict }));
