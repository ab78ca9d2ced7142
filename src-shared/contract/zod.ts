// zod for the contract, set to run without generating code: the renderer's CSP
// (script-src 'self') refuses `new Function`, and zod decides at schema construction, so this
// must run before any contract schema is built. Every contract file imports z from here.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
