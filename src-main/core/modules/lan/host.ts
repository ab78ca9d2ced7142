// What the core needs of the LAN listener, which lives outside it (src-main/lan): start it on
// an address and port with a certificate, stop it. The core decides when and with what; the
// listener only serves the phone API through the collection module's phone service.
import type { PhoneService } from '../collection/phone-service';

export interface ListenerBinding {
  host: string;
  port: number;
  certPem: string;
  keyPem: string;
}

export interface ListenerHost {
  /** Starts listening (stopping a previous binding first); resolves with the port bound. */
  start(binding: ListenerBinding): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/** Builds the listener for the core's phone service (createCore calls it once). */
export type ListenerHostFactory = (phone: PhoneService) => ListenerHost;
