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

/** A person's session (ADR 0027): the body of POST /auth/v1/sessions and GET /auth/v1/sessions/current. */
export interface ConsoleSession {
  user: { id: string; email: string; name: string; workspaceId: string; roles: string[] };
  permissions: string[];
  expiresAt: string;
}

export interface SessionClientOptions {
  /** Defaults to the page's own origin in a browser; required elsewhere. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export type SessionClient = Client<paths> & {
  /** Signs in: the server sets the HttpOnly session cookie; a 401 or 429 throws a ConsumoApiError. */
  signIn(email: string, password: string): Promise<ConsoleSession>;
  /** The session the cookie names, or null when there is none (401). */
  currentSession(): Promise<ConsoleSession | null>;
  /** Signs out: the server deletes the session and clears the cookie. */
  signOut(): Promise<void>;
};

/**
 * The console's client: the typed API authenticated by the session cookie (`credentials:
 * 'same-origin'`, no token). Browsers send `Origin` on state-changing requests themselves.
 */
export function createSessionClient(options: SessionClientOptions = {}): SessionClient {
  const baseUrl = options.baseUrl ?? (globalThis as { location?: { origin: string } }).location?.origin ?? '';
  const fetchImpl = options.fetch ?? ((input: Request | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl, credentials: 'same-origin' });
  const call = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetchImpl(new URL(path, baseUrl), {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const json = async (response: Response): Promise<unknown> => response.json().catch(() => undefined);
  return Object.assign(client, {
    async signIn(email: string, password: string) {
      const response = await call('POST', '/auth/v1/sessions', { email, password });
      const body = await json(response);
      if (!response.ok) throw new ConsumoApiError(response.status, body);
      return body as ConsoleSession;
    },
    async currentSession() {
      const response = await call('GET', '/auth/v1/sessions/current');
      if (response.status === 401) return null;
      const body = await json(response);
      if (!response.ok) throw new ConsumoApiError(response.status, body);
      return body as ConsoleSession;
    },
    async signOut() {
      const response = await call('DELETE', '/auth/v1/sessions/current');
      if (!response.ok && response.status !== 401) throw new ConsumoApiError(response.status, await json(response));
    },
  });
}

export { standIn, type StandInControl, type ResetRequest, type FaultRequest, type RequestLogQuery } from './stand-in.js';
