import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** migrations/ of the source tree; the desktop shell passes its packaged copy instead. */
export const sourceMigrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
