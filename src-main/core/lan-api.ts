// What the LAN listener (src-main/lan) uses of the core: the phone service it calls and the
// host interface it implements. Nothing else of the core is reachable from there.
export { UPLOAD_MAX_WAIT_MS, type PhoneClient, type PhoneService, type UploadForm, type UploadReader } from './modules/collection';
export type { ListenerBinding, ListenerHost, ListenerHostFactory } from './modules/lan';
export { normalAddress } from './modules/lan';
