// Loaded with --import into a process under test (harness-security.test.ts): as the process
// exits, says on stderr whether MNV_PASSPHRASE is still in its environment. Never the value.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nenv-probe: MNV_PASSPHRASE ${'MNV_PASSPHRASE' in process.env ? 'present' : 'absent'}\n`);
});
