/* The TypeScript types of the package: the options, every method's parameters and
   results. The methods are declared on `interface NangoMethods`, which the class
   `Nango` of the package (js/nango.gen.js, declared in pkg/index.d.ts) implements.
   Shapes follow the official @nangohq/node SDK and the Nango API. */

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Free-form metadata of a connection. */
export type Metadata = Record<string, unknown>;

/** Tags of a connection or a connect session. */
export type Tags = Record<string, string>;

/** A `fetch`-compatible function (a service binding's `fetch`, a test double...). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The client's retry policy: `false` disables retries. */
export interface RetryOptions {
  /**
   * How many times one exchange may be sent, the first time included (default 4;
   * 1 means no retry; read between 1 and 100).
   */
  maxAttempts?: number;
  /**
   * The wait before the first retry, in ms (default 250); each further retry waits
   * twice as long, up to `maxBackoffMs`, with random jitter.
   */
  initialBackoffMs?: number;
  /**
   * The longest wait between two attempts, in ms (default 10000).
   */
  maxBackoffMs?: number;
  /**
   * The longest `Retry-After` of a 429 that is waited for, in ms (default 60000): a
   * 429 asking for a longer wait is returned as the call's error at once.
   */
  maxRetryAfterMs?: number;
  /**
   * The time budget of one call in ms, every attempt and wait included (default
   * 120000): no retry starts past it. `null`: no budget.
   */
  deadlineMs?: number | null;
  /**
   * `true` to also retry non-idempotent requests (action triggers, proxied `POST`
   * and `PATCH`, sync triggers...) after a 5xx or a failed connection, where the
   * first attempt may have had its effect (default `false`). A 429 is retried
   * whatever the request.
   */
  retryNonIdempotent?: boolean;
}

/**
 * A call's own options: the argument after a method's official ones (in the
 * options object `waitForConnection` and `triggerActionAsync` already take). Each
 * replaces the client's option of the same name for this call only; a wrong value
 * is a `NangoError` of kind `invalid_input`, and nothing is sent.
 *
 * ```ts
 * await nango.getConnection('github', 'user-1', undefined, undefined, undefined, { timeoutMs: 5000 });
 * await nango.listRecords({ providerConfigKey, connectionId, model: 'Issue' }, { retry: false });
 * ```
 */
export interface CallOptions {
  /**
   * The timeout of each HTTP exchange of this call, in ms: the time to the end of
   * the answer's body, per attempt. `0` or `null`: none. Left out: the client's
   * `timeoutMs`.
   */
  timeoutMs?: number | null;
  /**
   * This call's retry policy, replacing the client's wholly: `false` for no
   * retries, `true` for the default policy, or {@link RetryOptions} (fields not
   * given take their defaults, not the client's values). Left out: the client's
   * `retry`.
   */
  retry?: boolean | RetryOptions;
}

interface NangoCommonProps {
  /**
   * The Nango server: defaults to Nango Cloud, `https://api.nango.dev`. Use your
   * instance's URL when self-hosting, `http://localhost:3003` for a local server.
   * An `http(s)` URL; one trailing `/` is dropped.
   */
  host?: string;
  /**
   * The environment's webhook signing key (Environment Settings > Webhooks >
   * Signing key), with which `verifyIncomingWebhookRequest`, `parseWebhook` and
   * `verifyWebhookRequest` check deliveries; several during a key rotation (a
   * delivery signed with any of them passes). Without it, the deprecated
   * `secretKey` is used: the API key never signs webhooks, and on environments
   * created after 2026-04-20 (or whose API key was rotated) the signing key
   * differs from the API key.
   */
  webhookSigningKey?: string | string[];
  /**
   * The connection the proxy (`proxy`, `get`, `post`...) uses when a call gives
   * none.
   */
  connectionId?: string;
  /**
   * The integration the proxy uses when a call gives none.
   */
  providerConfigKey?: string;
  /**
   * Marks every request as made from a sync (the `Nango-Is-Sync` header), as the
   * official SDK does inside Nango's runtime. Default `false`.
   */
  isSync?: boolean;
  /**
   * Marks every request as made from a script (the `Nango-Is-Script` header).
   * Default `false`.
   */
  isScript?: boolean;
  /**
   * Marks every request as part of a dry run (the `Nango-Is-Dry-Run` header).
   * Default `false`.
   */
  dryRun?: boolean;
  /**
   * The activity log the proxy's requests are recorded in (the
   * `Nango-Activity-Log-Id` header).
   */
  activityLogId?: string;
  /**
   * The `fetch` to send requests with instead of the global one: a service
   * binding's `fetch`, a test double, a `fetch` with your own agent.
   * @example
   * ```ts
   * const nango = new Nango({ apiKey, fetch: (url, init) => env.NANGO.fetch(url, init) });
   * ```
   */
  fetch?: FetchLike;
  /**
   * The timeout of each HTTP exchange, in ms (default 60000): the time to the end of
   * the answer's body, per attempt; a call can set its own ({@link CallOptions}).
   * `0` or `null`: none. An exchange that takes longer fails with a `NangoError` of
   * kind `timeout`.
   */
  timeoutMs?: number | null;
  /**
   * The retry policy: by default a 429 is retried after its `Retry-After`, and a 5xx
   * or a failed connection is retried for idempotent requests only, with exponential
   * backoff and jitter. `false`: no retries; an object: the default policy with
   * those fields changed ({@link RetryOptions}). A call can set its own
   * ({@link CallOptions}).
   */
  retry?: boolean | RetryOptions;
  /**
   * Text appended to the `User-Agent` header (`nango-wasm/<version>; <userAgent>`),
   * to tell your application's requests apart.
   */
  userAgent?: string;
  /**
   * The most bytes an API answer's body may weigh, counted as it is read (default
   * 32 MiB); `null`: no limit. A larger answer is refused with a `NangoError` of
   * kind `too_large`.
   */
  maxResponseBytes?: number | null;
  /**
   * The most bytes a proxied answer's body may weigh (`proxy`, `get`...), counted
   * as it is read (default 128 MiB); `null`: no limit. A larger answer is refused
   * with a `NangoError` of kind `too_large`.
   */
  maxProxyResponseBytes?: number | null;
}

/**
 * The options of `new Nango(...)`: exactly one of `apiKey` and the deprecated
 * `secretKey`, and the optional settings of {@link NangoCommonProps}. The
 * constructor throws a `NangoError` of kind `invalid_input` when both keys or
 * neither are given, or when `host` is not an http(s) URL; other options of a
 * wrong type keep their defaults.
 *
 * @example
 * ```ts
 * const nango = new Nango({
 *   apiKey: env.NANGO_API_KEY,
 *   webhookSigningKey: env.NANGO_WEBHOOK_SIGNING_KEY,
 *   timeoutMs: 10_000,
 *   retry: { maxAttempts: 3 },
 * });
 * ```
 */
export type NangoProps = NangoCommonProps &
  (
    | {
        /**
         * The environment's API key (Environment Settings > API Keys), sent as the
         * bearer token of every request. Keep it on the server: never ship it to a
         * browser.
         */
        apiKey: string;
        secretKey?: never;
      }
    | {
        apiKey?: never;
        /**
         * The API key under its former name; also the webhook signing key when
         * `webhookSigningKey` is not given.
         * @deprecated use `apiKey`
         */
        secretKey: string;
      }
  );

/** What a `NangoError` is about. */
export type NangoErrorKind =
  | 'invalid_input'
  | 'transport'
  | 'timeout'
  | 'api'
  | 'decode'
  | 'cancelled'
  | 'webhook'
  | 'too_large'
  | 'pagination_loop';

/** One validation issue of a 400 answer. */
export interface ValidationIssue {
  code?: string;
  message?: string;
  path: (string | number)[];
}

/** The axios-like response object some methods resolve to (and `NangoError.response`). */
export interface HttpResponse<T = unknown> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  data: T;
}

/** An auth mode's wire name (`'OAUTH2'`...). */
export type AuthModeType = AuthModes[keyof AuthModes];

/**
 * A connection's credentials, told apart by `type`: after
 * `if (c.credentials.type === 'OAUTH2')`, `c.credentials.access_token` is a `string`.
 * The same as `ApiPublicAllAuthCredentials` (dates as the API's strings).
 */
export type Credentials = ApiPublicAllAuthCredentials;

export interface OAuth1Token {
  oAuthToken: string;
  oAuthTokenSecret: string;
}

/** The end user a connection was made for (the same as `ApiEndUser`). */
export type EndUser = ApiEndUser;

export interface ConnectionError {
  type: string;
  log_id: string;
}

/** A connection as `listConnections` gives it (no credentials). */
export interface ConnectionSummary {
  id: number;
  connection_id: string;
  provider: string;
  provider_config_key: string;
  created: string;
  metadata: Metadata | null;
  tags: Tags;
  errors: ConnectionError[];
  end_user: EndUser | null;
}

/** A connection with its credentials. */
export interface Connection {
  id: number;
  connection_id: string;
  provider_config_key: string;
  provider: string;
  errors: ConnectionError[];
  end_user: EndUser | null;
  metadata: Metadata | null;
  connection_config: Record<string, any>;
  /** The webhook URL of this connection's events, when its connect session set one. */
  webhook_url_override: string | null;
  tags: Tags;
  created_at: string;
  updated_at: string;
  last_fetched_at: string | null;
  credentials: Credentials;
}

export interface ListConnectionsParams {
  connectionId?: string;
  userId?: string;
  integrationId?: string | string[];
  /** `displayName` and `email` mean `end_user_display_name` and `end_user_email`. */
  tags?: Record<string, string>;
  limit?: number;
  page?: number;
}

export interface LegacyListConnectionsQuery {
  endUserId?: string;
  endUserOrganizationId?: string;
  limit?: number;
  page?: number;
}

export interface ImportConnection {
  provider_config_key: string;
  connection_id?: string;
  credentials: Record<string, unknown>;
  metadata?: Metadata;
  connection_config?: Record<string, unknown>;
  tags?: Tags;
  end_user?: EndUser;
}

export interface PatchConnectionParams {
  connectionId: string;
  provider_config_key: string;
}

export interface PatchConnectionBody {
  tags?: Tags;
  end_user?: EndUser;
}

export interface MetadataChangeResponse {
  metadata: Metadata;
  provider_config_key: string;
  connection_id: string | string[];
}

export interface WaitForConnectionOptions {
  signal?: AbortSignal;
  /** Delay before the second attempt (default 10000). */
  initialDelayMs?: number;
  /** Delay between the next attempts (default 2000). */
  delayMs?: number;
  /** Attempts in all (default 30). */
  maxAttempts?: number;
}

export interface IntegrationConfigDefaults {
  user_scopes?: string;
  authorization_params?: Record<string, string>;
  connection_config?: Record<string, unknown>;
}

/** The end user of a connect session, as sent (`id` required). */
export interface EndUserInput {
  id: string;
  email?: string | undefined;
  display_name?: string | undefined;
  tags?: Record<string, string> | undefined;
}

export interface CreateConnectSession {
  tags?: Tags;
  /** @deprecated use `tags` */
  end_user?: EndUserInput;
  /** @deprecated use `tags` */
  organization?: { id: string; display_name?: string };
  allowed_integrations?: string[];
  integrations_config_defaults?: Record<string, IntegrationConfigDefaults>;
  overrides?: Record<string, { docs_connect?: string; [key: string]: unknown }>;
  webhook_url_override?: string;
}

export interface CreateReconnectSession extends Omit<CreateConnectSession, 'allowed_integrations'> {
  connection_id: string;
  integration_id: string;
}

export interface ConnectSession {
  token: string;
  connect_link: string;
  expires_at: string;
}

export interface Provider {
  name: string;
  display_name: string;
  auth_mode: AuthModeType;
  logo_url?: string;
  docs?: string;
  categories?: string[];
  [key: string]: unknown;
}

export interface ProviderTemplate {
  name: string;
  type: 'sync' | 'action' | 'on-event';
  description?: string;
  [key: string]: unknown;
}

export interface Integration {
  unique_key: string;
  provider: string;
  display_name: string | null;
  logo: string;
  forward_webhooks: boolean;
  created_at: string;
  updated_at: string;
  /** With `include: ['webhook']`. */
  webhook_url?: string | null;
  credentials_label?: Record<string, string> | undefined;
  preconfigured_credentials?: string[] | undefined;
  preconfigured_connection_config?: string[] | undefined;
  /** With `include: ['credentials']`: the integration's own OAuth app or GitHub App settings. */
  credentials?:
    | {
        type: 'OAUTH2' | 'OAUTH1' | 'TBA';
        client_id: string | null;
        client_secret: string | null;
        scopes: string | null;
        webhook_secret: string | null;
      }
    | { type: 'APP'; app_id: string | null; private_key: string | null; app_link: string | null }
    | {
        type: 'CUSTOM';
        client_id: string | null;
        client_secret: string | null;
        app_id: string | null;
        app_link: string | null;
        private_key: string | null;
      }
    | null;
}

export interface CreateIntegration {
  provider: string;
  unique_key: string;
  display_name?: string;
  credentials?: Record<string, string>;
  integration_config?: Record<string, string>;
  forward_webhooks?: boolean;
}

export interface CreateQuickstartIntegration {
  provider: string;
  unique_key?: string;
  display_name?: string;
}

export interface UpdateIntegration {
  unique_key?: string;
  display_name?: string;
  forward_webhooks?: boolean;
  credentials?: Record<string, string>;
  integration_config?: Record<string, string>;
  custom?: Record<string, string>;
}

export type FunctionType = 'sync' | 'action' | 'on-event';

export interface DeployedFunction {
  id?: number;
  name: string;
  type: FunctionType;
  description?: string;
  enabled?: boolean;
  [key: string]: unknown;
}

export interface ListFunctionsQuery {
  type?: FunctionType;
  search?: string;
  page?: number;
  limit?: number;
}

export interface NewDryrun {
  integration_id: string;
  function_type: FunctionType;
  code: string;
  connection_id: string;
  input?: unknown;
  metadata?: Record<string, unknown>;
  checkpoint?: Record<string, unknown>;
  last_sync_date?: string;
}

export type NewDeployment =
  | {
      type: 'function';
      integration_id: string;
      function_name: string;
      function_type: FunctionType;
      code: string;
      version?: string;
      allow_destructive?: boolean;
    }
  | { type: 'template'; integration_id: string; template: string; function_type?: FunctionType };

export interface RecordMetadata {
  first_seen_at: string;
  last_modified_at: string;
  last_action: RecordLastAction;
  deleted_at: string | null;
  pruned_at: string | null;
  cursor: string;
}

export type NangoRecord<T extends Record<string, any> = Record<string, any>> = {
  [key: string]: any;
  id: string | number;
  _nango_metadata: RecordMetadata;
} & T;

export type FilterAction = 'added' | 'updated' | 'deleted' | 'ADDED' | 'UPDATED' | 'DELETED';

export interface ListRecordsRequestConfig {
  providerConfigKey: string;
  connectionId: string;
  model: string;
  variant?: string;
  /** @deprecated use `modifiedAfter` */
  delta?: string;
  modifiedAfter?: string;
  limit?: number;
  filter?: FilterAction | `${FilterAction},${FilterAction}`;
  cursor?: string | null;
  ids?: string[];
}

export interface PruneRecordsConfig {
  providerConfigKey: string;
  connectionId: string;
  model: string;
  variant?: string;
  untilCursor: string;
  limit?: number;
}

export type SyncName = string | { name: string; variant: string };

export interface TriggerSyncOptions {
  /** Clear the checkpoint first. */
  reset?: boolean;
  /** Also delete the cached records (with `reset`). */
  emptyCache?: boolean;
}

export type LegacySyncMode = 'incremental' | 'full_refresh' | 'full_refresh_and_clear_cache';

export interface SyncStatus {
  id: string;
  connection_id?: string;
  name: string;
  variant?: string;
  status: 'RUNNING' | 'SUCCESS' | 'ERROR' | 'PAUSED' | 'STOPPED';
  /** @deprecated */
  type: SyncType | null;
  /** `null` (or absent) until a run has finished. */
  finishedAt: string | null | undefined;
  nextScheduledSyncAt: string | null;
  frequency: string;
  latestResult: Record<string, { added: number; updated: number; deleted?: number }>;
  recordCount: Record<string, number>;
  checkpoint: Record<string, string | number | boolean> | null;
}

export interface SyncVariantProps {
  provider_config_key: string;
  connection_id: string;
  name: string;
  variant: string;
}

export interface AsyncActionHandle {
  id: string;
  statusUrl: string;
}

export interface ProxyConfiguration {
  endpoint: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'get' | 'post' | 'put' | 'patch' | 'delete' | (string & {});
  providerConfigKey?: string;
  connectionId?: string;
  headers?: Record<string, string>;
  params?: string | Record<string, string | number | string[] | number[]>;
  data?: unknown;
  retries?: number;
  retryOn?: number[] | null;
  baseUrlOverride?: string;
  decompress?: boolean | string;
  responseType?: 'arraybuffer' | 'blob' | 'json' | 'text' | 'stream';
  forwardHeadersOnRedirect?: boolean;
}

export interface EnvironmentVariable {
  name: string;
  value: string;
}

export interface OpenAIFunction {
  name: string;
  description: string;
  parameters: {
    type: string;
    properties: Record<string, { type: string; description: string }>;
    required: string[];
  };
}

/** An integration's scripts (the same as `StandardNangoConfig`). */
export type ScriptsConfig = StandardNangoConfig;

export interface NewEnvironment {
  name: string;
  is_production?: boolean;
  callback_url?: string;
  hmac_key?: string;
  hmac_enabled?: boolean;
}

/**
 * Every method of `Nango`: those that call the Nango API (`NangoOperations`, generated
 * from the operation table) and the webhook checks, which run locally.
 */
export interface NangoMethods extends NangoOperations {
  // Webhooks
  /**
   * Tells whether a webhook delivery comes from Nango: checks the
   * `X-Nango-Hmac-Sha256` header, an HMAC-SHA256 of the raw body, against the
   * client's webhook signing keys (`webhookSigningKey`, or the deprecated
   * `secretKey`; never the API key). No request is sent.
   *
   * Set `webhookSigningKey` (Environment Settings > Webhooks): on environments
   * created after 2026-04-20, or whose API key was rotated, the signing key is not
   * the API key, and a client built with `apiKey` alone answers `false`.
   *
   * @param body - The raw body, as received (text or bytes). An object a framework
   * already parsed is written back as JSON, which only matches when that gives the
   * same bytes: prefer the raw body.
   * @param headers - The request's headers: a `Headers` object or a plain object
   * (any case).
   * @returns `true` when the signature matches one of the keys.
   * @example
   * ```ts
   * const nango = new Nango({ apiKey, webhookSigningKey });
   * app.post('/webhooks/nango', express.raw({ type: 'application/json' }), (req, res) => {
   *   if (!nango.verifyIncomingWebhookRequest(req.body, req.headers)) return res.sendStatus(401);
   *   res.sendStatus(200);
   * });
   * ```
   */
  verifyIncomingWebhookRequest(
    body: string | Uint8Array | ArrayBuffer,
    headers: Record<string, unknown> | Headers,
  ): boolean;
  /**
   * Checks the legacy `X-Nango-Signature` header: a SHA-256 of the key followed by
   * the JSON body. No request is sent.
   *
   * @param signatureInHeader - The value of the `X-Nango-Signature` header.
   * @param jsonPayload - The parsed body (written back as JSON to be hashed).
   * @returns `true` when the signature matches.
   * @deprecated open to length-extension forgery: use `verifyIncomingWebhookRequest`
   */
  verifyWebhookSignature(signatureInHeader: string, jsonPayload: unknown): boolean;
  /**
   * Verifies a delivery and returns its event: the signed JSON exactly as Nango sent
   * it, typed as a `NangoWebhookEvent`. Throws a `NangoError` with `kind: 'webhook'`
   * otherwise (`code`: `invalid_signature`, or `invalid_webhook` for a signed body
   * that is not JSON).
   *
   * The signature is checked as `verifyIncomingWebhookRequest` does; no request is
   * sent (not in the official SDK).
   *
   * @param body - The raw body, as received (text or bytes).
   * @param headers - The request's headers: a `Headers` object or a plain object.
   * @returns The event: switch on `type` (`'auth'`, `'sync'`, `'forward'`,
   * `'async_action'`...).
   * @throws {NangoError} `webhook` (`code` `invalid_signature` or
   * `invalid_webhook`).
   * @example
   * ```ts
   * const event = nango.parseWebhook(rawBody, req.headers);
   * if (event.type === 'auth' && event.success) console.log('new connection', event.connectionId);
   * ```
   */
  parseWebhook(
    body: string | Uint8Array | ArrayBuffer,
    headers: Record<string, unknown> | Headers,
  ): NangoWebhookEvent;
  /**
   * Reads a `Request`'s raw body once, verifies it and returns its event (see
   * `parseWebhook`): webhooks in a Worker, Deno or any `fetch` handler in one call
   * (not in the official SDK). No request is sent.
   *
   * @param request - The incoming `Request` (its body is consumed).
   * @returns The event, as `parseWebhook` returns it.
   * @throws {NangoError} `webhook` (`code` `invalid_signature` or
   * `invalid_webhook`); `invalid_input` when `request` is not a `Request`.
   * @example
   * ```ts
   * export default {
   *   async fetch(request: Request, env: Env) {
   *     const nango = new Nango({ apiKey: env.NANGO_API_KEY, webhookSigningKey: env.NANGO_WEBHOOK_SIGNING_KEY });
   *     try {
   *       const event = await nango.verifyWebhookRequest(request);
   *       console.log(event.type);
   *       return new Response('ok');
   *     } catch (e) {
   *       if (e instanceof NangoError && e.kind === 'webhook') return new Response('invalid signature', { status: 401 });
   *       throw e;
   *     }
   *   },
   * };
   * ```
   */
  verifyWebhookRequest(request: Request): Promise<NangoWebhookEvent>;
}

/** Tags copied from the connect session onto the connection. */
export type WebhookTags = Record<string, string>;

/** `type: 'auth'`: a connection was created, re-authorised, refreshed or deleted (narrow on `success`). */
export type NangoAuthWebhook = NangoAuthWebhookBody;

/** `type: 'sync'`: a sync run finished (narrow on `success`). */
export type NangoSyncWebhook = NangoSyncWebhookBody;

/** `type: 'forward'`: a provider's webhook forwarded by Nango. */
export interface NangoForwardWebhook {
  from: string;
  type: 'forward';
  connectionId?: string;
  providerConfigKey: string;
  payload: unknown;
}

/** `type: 'async_action'`: an async action finished; fetch its result with `getAsyncActionResult`. */
export interface NangoAsyncActionWebhook {
  from: string;
  type: 'async_action';
  connectionId: string;
  providerConfigKey: string;
  payload: { id: string; statusUrl: string };
}

/**
 * A verified webhook, narrowed by `type` (then `success` for `auth` and `sync`):
 * after `if (ev.type === 'sync' && ev.success)`, `ev.syncName` is a `string`. A
 * type Nango adds later arrives as sent, with its own `type` string.
 */
export type NangoWebhookEvent = NangoWebhookBody | NangoForwardWebhook | NangoAsyncActionWebhook;
