// zod for the contract. In a page (the renderer, the phone form) it runs without generating
// code: their CSP (script-src 'self') refuses `new Function`, and merely trying it would be
// reported as a violation. The core runs in plain Node, with no page and no CSP: there zod
// compiles its parsers (the schemas are ours, never the input), which makes checking a list's
// output several times cheaper. zod decides at schema construction, so this must run before
// any contract schema is built. Every contract file imports z from here.
import { z } from 'zod';

z.config({ jitless: 'document' in globalThis });

export { z };
