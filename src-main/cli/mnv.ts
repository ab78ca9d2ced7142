// The `mnv` command line's entry point, bundled as dist/electron/mnv.mjs. Run by Node it runs
// the command in argv; imported by the packaged app's main process (`<app> --mnv ...`) it only
// hands over runMnv, which the app calls with its own build of the native module.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportFailure, runMnv } from './run';

export { reportFailure, runMnv };

const entry = process.argv[1];
if (entry && fs.existsSync(entry) && fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  // migrations/ of the project: two folders up from src-main/cli/ and from dist/electron/ alike.
  const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
  runMnv(process.argv.slice(2), { migrationsDir }).then(
    (code) => process.exit(code),
    (err) => process.exit(reportFailure(err)),
  );
}
