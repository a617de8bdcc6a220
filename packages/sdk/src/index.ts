/** @consumo/sdk: a typed Consumo client (openapi-fetch over the committed OpenAPI document) that fetches and renews its own token. */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths } from './schema.js';

export interface ConsumoClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** A non-2xx answer, with the server's error body (GreenLake envelope or OAuth2 error). */
export class ConsumoApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const b = body as { message?: string; errorCode?: string; error_description?: string; errorDetails?: unknown } | undefined;
    super(
      `HTTP ${status}${b?.errorCode ? ` ${b.errorCode}` : ''}: ${b?.message ?? b?.error_description ?? 'request failed'}` +
        (b?.errorDetails && JSON.stringify(b.errorDetails) !== '[]' ? ` ${JSON.stringify(b.errorDetails)}` : ''),
    );
    this.name = 'ConsumoApiError';
  }
}

/** Fetches client-credentials tokens and keeps one until shortly before it expires. */
export class TokenSource {
  #token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: ConsumoClientOptions) {}

  async fetchToken(): Promise<TokenResponse> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const response = await fetchImpl(new URL('/as/token.oauth2', this.options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new ConsumoApiError(response.status, body);
    return body as TokenResponse;
  }

  async token(): Promise<string> {
    if (this.#token && this.#token.expiresAt > Date.now()) return this.#token.value;
    const fresh = await this.fetchToken();
    // Renew a little early so a token never expires between being read and being checked.
    this.#token = { value: fresh.access_token, expiresAt: Date.now() + Math.max(0, fresh.expires_in - 30) * 1000 };
    return fresh.access_token;
  }
}

export type ConsumoClient = Client<paths> & { tokens: TokenSource };

export function createConsumoClient(options: ConsumoClientOptions): ConsumoClient {
  const tokens = new TokenSource(options);
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${await tokens.token()}`);
      return request;
    },
  };
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  client.use(auth);
  return Object.assign(client, { tokens });
}

/** Unwraps an openapi-fetch result: the data, or a ConsumoApiError carrying the error body. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new ConsumoApiError(result.response.status, result.error);
  return result.data as T;
}

export { standIn, type StandInControl, type ResetRequest, type FaultRequest, type RequestLogQuery } from './stand-in.js';
