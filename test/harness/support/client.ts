// A minimal client of the harness's IPC bridge for integration tests: behaves like the
// page (same origin, JSON, the session cookie), so tests drive the same path the UI does.
import type { ChannelName } from '../../../src-shared/access';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/errors';
import { SESSION_COOKIE } from '../server';

export class HarnessClient {
  private cookie: string | null = null;

  constructor(readonly url: string) {}

  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    const response = await this.post(`/__ipc/${channel}`, input);
    if (response.status !== 200) throw new Error(`/__ipc/${channel}: HTTP ${response.status}`);
    return (await response.json()) as Result<ChannelOutput<C>>;
  }

  /** Like call, but throws unless the result is ok. */
  async value<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await this.call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** A GET with the session cookie, as the page's EventSource makes it. */
  get(pathname: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    return fetch(new URL(pathname, this.url), { headers: { ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers }, ...(signal ? { signal } : {}) });
  }

  async post(pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(pathname, this.url), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: this.url,
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    const match = setCookie ? new RegExp(`${SESSION_COOKIE}=([0-9a-f]+)`).exec(setCookie) : null;
    if (match) this.cookie = `${SESSION_COOKIE}=${match[1]}`;
    return response;
  }
}
