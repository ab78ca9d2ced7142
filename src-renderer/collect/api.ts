// The phone API (DESIGN "The phone API") as the form calls it: JSON under ./api/ (the page is
// served at /c/), answers in the core's { ok, value } / { ok: false, error } shape. The session
// `open` hands back lives in this object only — never in storage, a cookie or the URL — and
// goes out as `Authorization: Bearer`. Nothing here logs anything.
import {
  phoneApi,
  type CollectDocumentValue,
  type CollectOpenValue,
  type CollectStateValue,
  type CollectSubmitInput,
  type CollectSubmitValue,
} from '../../src-shared/contract/collect';
import type { VaultError } from '../../src-shared/errors';
import type { z } from '../../src-shared/contract/zod';
import type { DocumentKind } from './form-model';

/** A refusal from the listener, or `null` when no answer came (no network, a broken reply). */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: VaultError | null };

export const SESSION_GONE = 'errors.collection.sessionGone';

export function isSessionGone(answer: Answer<unknown>): boolean {
  return !answer.ok && answer.error?.messageKey === SESSION_GONE;
}

/** Reads an answer's body: the envelope, its value checked against the contract's output. */
function readAnswer<T>(text: string, output: z.ZodType<T>): Answer<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, error: null };
  }
  if (typeof body !== 'object' || body === null || !('ok' in body)) return { ok: false, error: null };
  if (body.ok === true && 'value' in body) {
    const value = output.safeParse(body.value);
    return value.success ? { ok: true, value: value.data } : { ok: false, error: null };
  }
  if (body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null && 'code' in body.error) {
    return { ok: false, error: body.error as VaultError };
  }
  return { ok: false, error: null };
}

export interface UploadHandle {
  done: Promise<Answer<CollectDocumentValue>>;
  cancel(): void;
}

export class PhoneApiClient {
  private session: string | null = null;

  private headers(json: boolean): Record<string, string> {
    return { ...(json ? { 'Content-Type': 'application/json' } : {}), ...(this.session ? { Authorization: `Bearer ${this.session}` } : {}) };
  }

  private async post<T>(path: string, body: unknown, output: z.ZodType<T>): Promise<Answer<T>> {
    try {
      const response = await fetch(`./api/${path}`, {
        method: 'POST',
        headers: this.headers(true),
        body: JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
      return readAnswer(await response.text(), output);
    } catch {
      return { ok: false, error: null };
    }
  }

  /** Opens the link; the session it answers with is kept here for the calls that follow. */
  async open(input: { token: string; passcode: string; birthDate?: string }): Promise<Answer<CollectStateValue>> {
    const answer = await this.post('open', input, phoneApi.open.output);
    if (!answer.ok) return answer;
    const { session, ...state } = answer.value satisfies CollectOpenValue;
    this.session = session;
    return { ok: true, value: state };
  }

  state(): Promise<Answer<CollectStateValue>> {
    return this.post('state', {}, phoneApi.state.output);
  }

  submit(input: CollectSubmitInput): Promise<Answer<CollectSubmitValue>> {
    return this.post('submit', input, phoneApi.submit.output);
  }

  /**
   * Sends one photo (multipart: kind, subject, file), reporting progress from 0 to 1. The
   * phone's file name is not sent: the listener ignores it, and it need not leave the phone.
   */
  upload(kind: DocumentKind, subject: string, file: Blob, onProgress: (fraction: number) => void): UploadHandle {
    const request = new XMLHttpRequest();
    const done = new Promise<Answer<CollectDocumentValue>>((resolve) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('subject', subject);
      form.append('file', file, 'photo');
      request.open('POST', './api/documents');
      for (const [name, value] of Object.entries(this.headers(false))) request.setRequestHeader(name, value);
      request.withCredentials = false;
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      });
      request.addEventListener('load', () => resolve(readAnswer(request.responseText, phoneApi.documents.output)));
      request.addEventListener('error', () => resolve({ ok: false, error: null }));
      request.addEventListener('abort', () => resolve({ ok: false, error: null }));
      request.send(form);
    });
    return { done, cancel: () => request.abort() };
  }

  /** Forgets the session (after handing in, or when it is gone). */
  end(): void {
    this.session = null;
  }
}
