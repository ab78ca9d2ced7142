// Entry of the utility process that runs the core (DESIGN "The desktop shell"), so a long
// import or a burst of phone uploads never blocks main or a window. Main sends `init` with
// the paths, then relays checked IPC calls; see relay-protocol.ts. The LAN listener runs
// here too: the core starts it when an admin turned it on (on the configured address) and
// stops it when it closes on `shutdown`.
import { createCore, createOsKeyStore } from '../core/index';
import { createLanListenerHost } from '../lan';
import { createCoreHostService } from './core-host-service';
import type { HostToMain } from './relay-protocol';

const parentPort = process.parentPort;
if (!parentPort) {
  console.error('core-host must run in an Electron utility process');
  process.exit(1);
}

const post = (message: HostToMain) => parentPort.postMessage(message);

const service = createCoreHostService({
  openCore: ({ dataDir, nativeBinding, migrationsDir, appVersion, formDir }) =>
    createCore({ dataDir, keyStore: createOsKeyStore(), nativeBinding, migrationsDir, appVersion, listenerHost: createLanListenerHost({ formDir }) }),
  post,
  onStopped: () => process.exit(0),
  log: (line) => console.error(line),
});

parentPort.on('message', (event) => {
  void service.handle(event.data);
});
