// The LAN listener the registrants' phones reach (see listener.ts).
export { createLanListenerHost, JSON_BODY_LIMIT, type LanListenerOptions } from './listener';
