/* The TypeScript types of the package: the options, every method's parameters and
   results. The methods are declared on `interface NangoMethods`, which the class
   `Nango` of the package (js/nango.js, declared in pkg/index.d.ts) implements.
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

export interface NangoMethods {
  // Providers
  /**
   * Lists the API providers Nango supports: their names, auth modes, categories,
   * logos and documentation links.
   *
   * Sends `GET /providers` (`?search=` when given).
   *
   * @param queries - Optional filter: `search`, text matched against the providers'
   * names.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the matching providers.
   * @throws {NangoError} `invalid_input` (nothing sent) for a wrong call option;
   * `api` when the server refuses (`status`, `code`); `transport` or `timeout` when
   * no answer came; `decode` or `too_large` for an answer that cannot be read.
   * @example
   * ```ts
   * const { data } = await nango.listProviders({ search: 'git' });
   * console.log(data.map((p) => `${p.name}: ${p.auth_mode}`));
   * ```
   */
  listProviders(queries?: { search?: string }, options?: CallOptions): Promise<{ data: Provider[] }>;
  /**
   * Reads one API provider's configuration, as Nango knows it (auth mode, proxy base
   * URL, documentation...).
   *
   * Sends `GET /providers/{provider}`.
   *
   * @param params - `provider`: the provider's id in Nango (`'github'`, `'slack'`...).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the provider.
   * @throws {NangoError} `invalid_input` (nothing sent) when `provider` is missing,
   * empty or `.`/`..`; `api` with `status` 404 (`code` `not_found`) for an unknown
   * provider; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.getProvider({ provider: 'github' });
   * console.log(data.auth_mode); // 'OAUTH2'
   * ```
   */
  getProvider(params: { provider: string }, options?: CallOptions): Promise<{ data: Provider }>;
  /**
   * Lists the ready-made function templates (syncs, actions) Nango offers for a
   * provider.
   *
   * Sends `GET /providers/{provider}/templates`.
   *
   * @param params - `provider`: the provider's id in Nango.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the templates (`name`, `type`, `description`...).
   * @throws {NangoError} `invalid_input` (nothing sent) when `provider` is missing
   * or empty; `api` (404 `not_found`) for an unknown provider; `transport`,
   * `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.getProviderTemplates({ provider: 'github' });
   * ```
   */
  getProviderTemplates(params: { provider: string }, options?: CallOptions): Promise<{ data: ProviderTemplate[] }>;

  // Integrations
  /**
   * Lists the integrations of the environment (the provider configurations your
   * connections are made with).
   *
   * Sends `GET /integrations`; the server's `{ data }` is returned as `{ configs }`,
   * as the official SDK does.
   *
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ configs }`: every integration (`unique_key`, `provider`,
   * `display_name`, `logo`, timestamps).
   * @throws {NangoError} `api` when the server refuses (401 `unknown_account` for a
   * wrong key...); `transport`, `timeout`, `decode` or `too_large` otherwise;
   * `invalid_input` (nothing sent) for a wrong call option.
   * @example
   * ```ts
   * const { configs } = await nango.listIntegrations();
   * for (const c of configs) console.log(c.unique_key, c.provider);
   * ```
   */
  listIntegrations(options?: CallOptions): Promise<{ configs: Integration[] }>;
  /**
   * Reads one integration, optionally with its webhook URL and its OAuth client
   * credentials.
   *
   * Sends `GET /integrations/{uniqueKey}`, with one `include=` per value of
   * `queries.include`.
   *
   * @param params - `uniqueKey`: the integration's id (its unique key).
   * @param queries - Optional `include`: `'webhook'` and/or `'credentials'`, the
   * sensitive fields to add to the answer.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the integration.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` is missing,
   * empty or `.`/`..`; `api` (404 `not_found`) for an unknown integration;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.getIntegration({ uniqueKey: 'github' }, { include: ['webhook'] });
   * console.log(data.webhook_url);
   * ```
   */
  getIntegration(
    params: { uniqueKey: string },
    queries?: { include?: ('webhook' | 'credentials')[] },
    options?: CallOptions,
  ): Promise<{ data: Integration }>;
  /**
   * The older form of `getIntegration`: the unique key as a string, and a flag for
   * the credentials.
   *
   * Sends `GET /integrations/{uniqueKey}` (`?include=credentials` when
   * `includeIntegrationCredentials` is `true`).
   *
   * @param uniqueKey - The integration's id (its unique key).
   * @param includeIntegrationCredentials - `true` to add the integration's OAuth
   * client credentials to the answer.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the integration.
   * @throws {NangoError} As the object form: `invalid_input` (nothing sent) for an
   * empty key, `api` (404 `not_found`) for an unknown one.
   * @example
   * ```ts
   * const { data } = await nango.getIntegration('github', true);
   * ```
   * @deprecated use `getIntegration({ uniqueKey })`
   */
  getIntegration(uniqueKey: string, includeIntegrationCredentials?: boolean, options?: CallOptions): Promise<{ data: Integration }>;
  /**
   * Creates an integration: a provider configured for your environment, under an id
   * of your choice.
   *
   * Sends `POST /integrations` with `body` as JSON.
   *
   * @param body - The integration: `provider` (the provider's id in Nango,
   * required), `unique_key` (the new integration's id, required), and optionally
   * `display_name`, `credentials` (depending on the provider: OAuth client id and
   * secret, scopes...), `integration_config` (for providers that have such a schema)
   * and `forward_webhooks` (default `true`).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the integration created.
   * @throws {NangoError} `invalid_input` (nothing sent) when `provider` or
   * `unique_key` is empty, or `body` cannot be written as JSON; `api` when the
   * server refuses (400 `invalid_body` with `errors`, 409 for a key in use...);
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.createIntegration({ provider: 'github', unique_key: 'github-prod' });
   * ```
   */
  createIntegration(body: CreateIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  /**
   * Creates an integration from Nango's own preconfigured OAuth app for a provider,
   * where Nango offers one: no client credentials of yours needed.
   *
   * Sends `POST /integrations/quickstart` with `body` as JSON.
   *
   * @param body - `provider` (required), and optionally `unique_key` (the
   * integration's id; the server picks one otherwise) and `display_name`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the integration created.
   * @throws {NangoError} `invalid_input` (nothing sent) when `provider` is empty or
   * `body` cannot be written as JSON; `api` when the server refuses (no quickstart
   * app for the provider, a key in use...); `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.createQuickstartIntegration({ provider: 'hubspot' });
   * ```
   */
  createQuickstartIntegration(body: CreateQuickstartIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  /**
   * Changes an integration: only the fields given in `body` are changed.
   *
   * Sends `PATCH /integrations/{uniqueKey}` with `body` as JSON.
   *
   * @param params - `uniqueKey`: the id of the integration to change.
   * @param body - Any of `unique_key` (a new id: renames the integration, refused
   * while it has connections), `display_name`, `forward_webhooks`, `credentials`,
   * `integration_config` (only the fields given change), `custom` (free-form values
   * for providers without an `integration_config` schema).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the integration as changed.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` is empty or
   * `body` cannot be written as JSON; `api` (404 `not_found`, 400 `invalid_body`...)
   * when the server refuses; `transport`, `timeout`, `decode` or `too_large`
   * otherwise.
   * @example
   * ```ts
   * await nango.updateIntegration({ uniqueKey: 'github-prod' }, { display_name: 'GitHub (production)' });
   * ```
   */
  updateIntegration(params: { uniqueKey: string }, body: UpdateIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  /**
   * Deletes an integration (and with it its connections).
   *
   * Sends `DELETE /integrations/{uniqueKey}`. Not retried after a 5xx or a lost
   * connection: a second delete would answer 404.
   *
   * @param uniqueKey - The integration's id (its unique key).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK: `status`,
   * `statusText`, `headers`, and `data` (`{ success: true }`).
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` is empty or
   * `.`/`..`; `api` (404 `not_found`) for an unknown integration; `transport`,
   * `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * await nango.deleteIntegration('github-prod');
   * ```
   */
  deleteIntegration(uniqueKey: string, options?: CallOptions): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /**
   * Lists the functions (syncs, actions, on-event scripts) deployed for an
   * integration.
   *
   * Sends `GET /integrations/{uniqueKey}/functions`, with `type`, `search`, `page`
   * and `limit` as query parameters when given.
   *
   * @param params - `uniqueKey`: the integration's id.
   * @param queries - Optional filters: `type` (`'sync'`, `'action'` or
   * `'on-event'`), `search` (text matched against the names), and `page` / `limit`
   * to page through them.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data, pagination }`: the functions and the paging information.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` is empty;
   * `api` (404 `not_found`) for an unknown integration; `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.listFunctions({ uniqueKey: 'github' }, { type: 'sync' });
   * ```
   */
  listFunctions(
    params: { uniqueKey: string },
    queries?: ListFunctionsQuery,
    options?: CallOptions,
  ): Promise<{ data: DeployedFunction[]; pagination?: Record<string, unknown> }>;
  /**
   * Reads one deployed function of an integration.
   *
   * Sends `GET /integrations/{uniqueKey}/functions/{name}` (`?type=` when given).
   *
   * @param params - `uniqueKey` (the integration's id) and `name` (the function's).
   * @param queries - Optional `type` (`'sync'`, `'action'` or `'on-event'`), for two
   * functions of the same name.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the function.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` or `name`
   * is empty; `api` (404 `not_found`) when there is no such function; `transport`,
   * `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.getFunction({ uniqueKey: 'github', name: 'issues' });
   * ```
   */
  getFunction(params: { uniqueKey: string; name: string }, queries?: { type?: FunctionType }, options?: CallOptions): Promise<{ data: DeployedFunction }>;
  /**
   * Reads the source code of a deployed function.
   *
   * Sends `GET /integrations/{uniqueKey}/functions/{name}/code` (`?type=` when
   * given).
   *
   * @param params - `uniqueKey` (the integration's id) and `name` (the function's).
   * @param queries - Optional `type`, for two functions of the same name.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data: { type, code } }`: the function's type and its code.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey` or `name`
   * is empty; `api` (404 `not_found`) when there is no such function; `transport`,
   * `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.getFunctionCode({ uniqueKey: 'github', name: 'issues' });
   * console.log(data.code);
   * ```
   */
  getFunctionCode(
    params: { uniqueKey: string; name: string },
    queries?: { type?: FunctionType },
    options?: CallOptions,
  ): Promise<{ data: { type: FunctionType; code: string } }>;
  /**
   * Deletes a deployed function of an integration.
   *
   * Sends `DELETE /integrations/{uniqueKey}/functions/{name}?type=`. Not retried
   * after a 5xx or a lost connection.
   *
   * @param params - `uniqueKey` (the integration's id) and `name` (the function's).
   * @param queries - `type` (required): `'sync'`, `'action'` or `'on-event'`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ success }`.
   * @throws {NangoError} `invalid_input` (nothing sent) when `uniqueKey`, `name` or
   * `type` is missing or empty; `api` (404 `not_found`) when there is no such
   * function; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * await nango.deleteFunction({ uniqueKey: 'github', name: 'issues' }, { type: 'sync' });
   * ```
   */
  deleteFunction(params: { uniqueKey: string; name: string }, queries: { type: FunctionType }, options?: CallOptions): Promise<{ success: boolean }>;

  // Functions (not in the official SDK)
  /**
   * Compiles a function's TypeScript source on the server, without deploying it
   * (not in the official SDK).
   *
   * Sends `POST /functions/compile` with `{ code }`.
   *
   * @param code - The source, as a string or as `{ code }`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The bundle: `bundled_js`, `bundle_size_bytes`, `compiled_at`.
   * @throws {NangoError} `invalid_input` (nothing sent) when `code` is missing or
   * empty; `api` when the server refuses (code that does not compile...); `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { bundled_js } = await nango.compileFunction('export default async () => 1');
   * ```
   */
  compileFunction(code: string | { code: string }, options?: CallOptions): Promise<{ bundled_js: string; bundle_size_bytes: number; compiled_at: string }>;
  /**
   * Starts a dry run of a function against a connection: it runs on Nango, nothing
   * is saved (not in the official SDK).
   *
   * Sends `POST /functions/dryruns` with `body` as JSON.
   *
   * @param body - `integration_id`, `connection_id`, `function_type` (`'sync'` or
   * `'action'`...), `code` (the source), and optionally `input` (an action's),
   * `metadata`, `checkpoint` and `last_sync_date` to run with.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The dry run as created, with its `id` (for `getFunctionDryrun`).
   * @throws {NangoError} `invalid_input` (nothing sent) when a required field is
   * empty or `body` cannot be written as JSON; `api` when the server refuses;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { id } = await nango.dryrunFunction({
   *   integration_id: 'github',
   *   connection_id: 'user-1',
   *   function_type: 'action',
   *   code: 'export default async () => ({ ok: true })',
   * });
   * const run = await nango.getFunctionDryrun(id);
   * ```
   */
  dryrunFunction(body: NewDryrun, options?: CallOptions): Promise<{ id: string; [key: string]: unknown }>;
  /**
   * Reads a dry run started by `dryrunFunction`: its state, and its output and logs
   * once finished (not in the official SDK).
   *
   * Sends `GET /functions/dryruns/{id}`.
   *
   * @param id - The dry run's id.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The dry run, as the server describes it.
   * @throws {NangoError} `invalid_input` (nothing sent) when `id` is empty; `api`
   * (404 `not_found`) for an unknown id; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   */
  getFunctionDryrun(id: string, options?: CallOptions): Promise<Record<string, unknown>>;
  /**
   * Deploys a function to an integration: your own code, or one of Nango's
   * templates (not in the official SDK).
   *
   * Sends `POST /functions/deployments` with `body` as JSON.
   *
   * @param body - Either `{ type: 'function', integration_id, function_name,
   * function_type, code, version?, allow_destructive? }` or
   * `{ type: 'template', integration_id, template, function_type? }`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The deployment as created, with its `id` (for `getFunctionDeployment`).
   * @throws {NangoError} `invalid_input` (nothing sent) when a required field is
   * empty or `body` cannot be written as JSON; `api` when the server refuses;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { id } = await nango.deployFunction({ type: 'template', integration_id: 'github', template: 'issues' });
   * const deployment = await nango.getFunctionDeployment(id);
   * ```
   */
  deployFunction(body: NewDeployment, options?: CallOptions): Promise<{ id: string; [key: string]: unknown }>;
  /**
   * Reads a deployment started by `deployFunction`: its state and, when it failed,
   * why (not in the official SDK).
   *
   * Sends `GET /functions/deployments/{id}`.
   *
   * @param id - The deployment's id.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The deployment, as the server describes it.
   * @throws {NangoError} `invalid_input` (nothing sent) when `id` is empty; `api`
   * (404 `not_found`) for an unknown id; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   */
  getFunctionDeployment(id: string, options?: CallOptions): Promise<Record<string, unknown>>;

  // Connections
  /**
   * Lists connections, without their credentials, filtered by the fields of
   * `params`: one page of them.
   *
   * Sends `GET /connections` with `connectionId`, `endUserId` (from `userId`),
   * `integrationId` (ids joined by commas), `tags[<key>]`, `limit` and `page` as
   * query parameters when given.
   *
   * @param params - The filters, all optional: `connectionId` (exact match: the same
   * id can exist under several integrations), `integrationId` (one id or a list),
   * `tags` (each tag must match; keys are lowercased, and `displayName` and `email`
   * stand for `end_user_display_name` and `end_user_email`), `userId` (the end
   * user's id; prefer a tag), `limit` and `page`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ connections }`: id, integration, provider, creation date, metadata,
   * tags, errors and end user of each. `connectionsIterator` walks every page.
   * @throws {NangoError} `invalid_input` (nothing sent) for a bad filter (a `limit`
   * outside 1..2000...); `api` when the server refuses; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { connections } = await nango.listConnections({
   *   integrationId: 'github',
   *   tags: { end_user_id: 'user-123' },
   *   limit: 100,
   * });
   * ```
   */
  listConnections(params: ListConnectionsParams, options?: CallOptions): Promise<{ connections: ConnectionSummary[] }>;
  /**
   * The older, positional form of `listConnections`.
   *
   * Sends `GET /connections` with `connectionId`, `search`, `endUserId`,
   * `endUserOrganizationId`, `limit` and `page` as query parameters when given.
   *
   * @param connectionId - Optional: only the connections with exactly this id (one
   * per integration at most).
   * @param search - Optional: text matched against the connection ids and the end
   * users' profiles.
   * @param queries - Optional: `endUserId`, `endUserOrganizationId`, `limit`,
   * `page`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ connections }`, without credentials.
   * @throws {NangoError} `invalid_input` (nothing sent) for a bad filter; `api` when
   * the server refuses; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { connections } = await nango.listConnections(undefined, 'acme');
   * ```
   */
  listConnections(
    connectionId?: string,
    search?: string,
    queries?: LegacyListConnectionsQuery,
    options?: CallOptions,
  ): Promise<{ connections: ConnectionSummary[] }>;
  /**
   * Every connection matching the filters, as an async iterator: the pages of
   * `listConnections` are fetched as you read, one at a time and one in memory
   * (not in the official SDK).
   *
   * Sends `GET /connections?limit=&page=` once per page (`limit`: `params.limit`, or
   * 1000; at most 2000), from `params.page` (or 0) until a page is short.
   *
   * @param params - The filters of `listConnections` (`connectionId`,
   * `integrationId`, `tags`, `userId`, `limit`, `page`).
   * @param options - Each page's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns An async iterator of connections (without credentials).
   * @throws {NangoError} At once, `invalid_input` for bad filters (nothing sent);
   * from the iteration, the error of a page (`api`, `transport`, `timeout`...), or
   * `pagination_loop` when the server sends the same page twice.
   * @example
   * ```ts
   * for await (const c of nango.connectionsIterator({ integrationId: 'github' })) {
   *   console.log(c.connection_id);
   * }
   * ```
   */
  connectionsIterator(params?: ListConnectionsParams, options?: CallOptions): AsyncIterableIterator<ConnectionSummary>;
  /**
   * Reads a connection with its credentials. Nango refreshes an access token that is
   * expired or about to be (15 minutes) before answering; as Nango advises, do not
   * keep tokens for more than a few minutes.
   *
   * Sends `GET /connections/{connectionId}?provider_config_key=&force_refresh=&refresh_token=&refresh_github_app_jwt_token=`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param forceRefresh - `true` to refresh the token even if it is still valid
   * (for tests: slow, and rate-limited by providers). Default `false`.
   * @param refreshToken - `true` to include the refresh token in the answer (best
   * left out in production). Default `false`.
   * @param refreshGithubAppJwtToken - `true` to refresh the JWT of a GitHub App (or
   * GitHub App OAuth) connection. Default `false`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The connection: `connection_id`, `provider_config_key`, `provider`,
   * `credentials` (their fields depend on the auth mode), `connection_config`,
   * `metadata`, `tags`, `end_user`, `errors` and timestamps.
   * @throws {NangoError} `invalid_input` (nothing sent) when an id is empty or holds
   * a line break; `api` (404 `not_found`, or the provider's refusal when the
   * token could not be refreshed) when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * const connection = await nango.getConnection('github', 'user-1');
   * if (connection.credentials.type === 'OAUTH2') console.log(connection.credentials.expires_at);
   * ```
   */
  getConnection(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshToken?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<Connection>;
  /**
   * The connection's credentials in their shortest form: the access token itself
   * for OAuth 2, `{ oAuthToken, oAuthTokenSecret }` for OAuth 1, the whole
   * credentials object for the other auth modes. Nango refreshes an expired token
   * first.
   *
   * Sends `GET /connections/{connectionId}?provider_config_key=&force_refresh=&refresh_token=false&refresh_github_app_jwt_token=`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param forceRefresh - `true` to refresh the token even if it is still valid.
   * Default `false`.
   * @param refreshGithubAppJwtToken - `true` to refresh the JWT of a GitHub App (or
   * GitHub App OAuth) connection. Default `false`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The token (a string), the OAuth 1 pair, or the credentials.
   * @throws {NangoError} As `getConnection`: `invalid_input` (nothing sent) for an
   * empty id, `api` (404 `not_found`...) when the server refuses.
   * @example
   * ```ts
   * const token = await nango.getToken('github', 'user-1');
   * await fetch('https://api.github.com/user', { headers: { authorization: `Bearer ${token}` } });
   * ```
   */
  getToken(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<string | OAuth1Token | Credentials>;
  /**
   * The provider's own token response, as Nango received it at the last token
   * exchange (the connection's `credentials.raw`).
   *
   * Sends `GET /connections/{connectionId}?provider_config_key=&force_refresh=...`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param forceRefresh - `true` to refresh the token first, even if it is still
   * valid. Default `false`.
   * @param refreshGithubAppJwtToken - `true` to refresh the JWT of a GitHub App (or
   * GitHub App OAuth) connection. Default `false`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The raw token response (typed as `T`).
   * @throws {NangoError} As `getConnection`: `invalid_input` (nothing sent) for an
   * empty id, `api` (404 `not_found`...) when the server refuses.
   * @example
   * ```ts
   * const raw = await nango.getRawTokenResponse<{ scope: string }>('github', 'user-1');
   * console.log(raw.scope);
   * ```
   */
  getRawTokenResponse<T = Record<string, any>>(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<T>;
  /**
   * Reads a connection's custom metadata.
   *
   * Sends `GET /connections/{connectionId}?provider_config_key=...` and returns the
   * connection's `metadata`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The metadata object (typed as `T` when you know its shape).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id; `api` (404
   * `not_found`) for an unknown connection; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * interface Settings {
   *   plan: string;
   * }
   * const settings = await nango.getMetadata<Settings>('github', 'user-1');
   * ```
   */
  getMetadata<T = Metadata>(providerConfigKey: string, connectionId: string, options?: CallOptions): Promise<T>;
  /**
   * Replaces the custom metadata of one or several connections of an integration
   * with `metadata` (keys not in it are removed; see `updateMetadata` to merge).
   *
   * Sends `POST /connections/metadata` with `{ connection_id, provider_config_key,
   * metadata }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - A connection id, or a list of them.
   * @param metadata - The new metadata: an object.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK: `status`,
   * `statusText`, `headers`, and `data` (`metadata`, `provider_config_key`,
   * `connection_id`).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or
   * `metadata` that is not an object or cannot be written as JSON; `api` (404
   * `not_found`...) when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * await nango.setMetadata('github', 'user-1', { plan: 'pro' });
   * await nango.setMetadata('github', ['user-1', 'user-2'], { plan: 'pro' });
   * ```
   */
  setMetadata(
    providerConfigKey: string,
    connectionId: string | string[],
    metadata: Metadata,
    options?: CallOptions,
  ): Promise<HttpResponse<MetadataChangeResponse>>;
  /**
   * Merges `metadata` into the custom metadata of one or several connections: the
   * keys given are set, the others kept.
   *
   * Sends `PATCH /connections/metadata` with `{ connection_id, provider_config_key,
   * metadata }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - A connection id, or a list of them.
   * @param metadata - The keys to set: an object.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK: `status`,
   * `statusText`, `headers`, and `data` (`metadata`, `provider_config_key`,
   * `connection_id`).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or
   * `metadata` that is not an object or cannot be written as JSON; `api` (404
   * `not_found`...) when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * await nango.updateMetadata('github', 'user-1', { last_import: '2024-05-01' });
   * ```
   */
  updateMetadata(
    providerConfigKey: string,
    connectionId: string | string[],
    metadata: Metadata,
    options?: CallOptions,
  ): Promise<HttpResponse<MetadataChangeResponse>>;
  /**
   * Changes a connection's tags (or, deprecated, its end user).
   *
   * Sends `PATCH /connections/{connectionId}?provider_config_key=` with `body` as
   * JSON.
   *
   * @param params - `connectionId` and `provider_config_key` (the integration's id).
   * @param body - `tags` (keys are lowercased by the server; the tags given replace
   * the connection's) and, deprecated, `end_user`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ success }`.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or a `body`
   * that cannot be written as JSON; `api` (404 `not_found`, 400 `invalid_body`...)
   * when the server refuses; `transport`, `timeout`, `decode` or `too_large`
   * otherwise.
   * @example
   * ```ts
   * await nango.patchConnection(
   *   { connectionId: 'user-1', provider_config_key: 'github' },
   *   { tags: { end_user_id: 'user-1', plan: 'pro' } },
   * );
   * ```
   */
  patchConnection(params: PatchConnectionParams, body: PatchConnectionBody, options?: CallOptions): Promise<{ success: boolean }>;
  /**
   * Deletes a connection (Nango forgets its credentials).
   *
   * Sends `DELETE /connections/{connectionId}?provider_config_key=`. Not retried
   * after a 5xx or a lost connection.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK: `status`,
   * `statusText`, `headers`, `data`.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id; `api` (404
   * `not_found`) for an unknown connection; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * await nango.deleteConnection('github', 'user-1');
   * ```
   */
  deleteConnection(providerConfigKey: string, connectionId: string, options?: CallOptions): Promise<HttpResponse<undefined>>;
  /**
   * `POST /connections`: a connection from credentials you already have (imported
   * from another system, or created outside Nango's auth flow). Not in the official
   * SDK.
   *
   * Sends `POST /connections` with `body` as JSON; an existing connection with the
   * same ids is updated.
   *
   * @param body - `provider_config_key` (the integration's id) and `credentials`
   * (as the auth mode needs: `{ type: 'OAUTH2', access_token, refresh_token,
   * expires_at }`, `{ type: 'API_KEY', apiKey }`...), and optionally
   * `connection_id` (the server picks one otherwise), `metadata`,
   * `connection_config`, `tags` and `end_user`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The connection, with its credentials.
   * @throws {NangoError} `invalid_input` (nothing sent) when
   * `provider_config_key` is empty or `body` cannot be written as JSON; `api` (400
   * `invalid_body`, 404 for an unknown integration...) when the server refuses;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const connection = await nango.importConnection({
   *   provider_config_key: 'github',
   *   connection_id: 'user-1',
   *   credentials: { type: 'OAUTH2', access_token: 'gho_...', refresh_token: 'ghr_...' },
   * });
   * ```
   */
  importConnection(body: ImportConnection, options?: CallOptions): Promise<Connection>;
  /**
   * The same as `importConnection` (`POST /connections`): creates the connection,
   * or updates the one with the same ids.
   *
   * @param body - See `importConnection`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The connection, with its credentials.
   * @throws {NangoError} As `importConnection`.
   */
  upsertConnection(body: ImportConnection, options?: CallOptions): Promise<Connection>;
  /**
   * Waits until an end user has a connection to an integration: for an agent or a
   * script that sent the user a connect link. Polls the user's connections and
   * resolves with the first one of the integration.
   *
   * Sends `GET /connections?endUserId=` once per attempt: after
   * `initialDelayMs` (10 s) the first time, then every `delayMs` (2 s), `maxAttempts`
   * (30) lists in all.
   *
   * @param integrationKey - The integration's id (its unique key).
   * @param userId - The end user's id (as given to the connect session).
   * @param options - Optional: `signal` (an `AbortSignal` that stops the wait),
   * `initialDelayMs`, `delayMs`, `maxAttempts`, and each poll's `timeoutMs` and
   * `retry` ({@link CallOptions}).
   * @returns The connection (without credentials).
   * @throws {NangoError} `timeout` when no connection appeared after the last
   * attempt; `cancelled` when `signal` aborted the wait; `invalid_input` (nothing
   * sent) for an empty argument; a poll's `api`, `transport`... error.
   * @example
   * ```ts
   * const { data } = await nango.createConnectSession({ tags: { end_user_id: 'user-1' } });
   * // ...the user opens data.connect_link...
   * const connection = await nango.waitForConnection('github', 'user-1');
   * ```
   */
  waitForConnection(integrationKey: string, userId: string, options?: WaitForConnectionOptions & CallOptions): Promise<ConnectionSummary>;

  // Connect
  /**
   * Creates a connect session: a short-lived token (30 minutes) for the Connect UI,
   * with which an end user creates connections, restricted to the integrations and
   * settings you choose.
   *
   * Sends `POST /connect/sessions` with `body` as JSON.
   *
   * @param body - Optional fields: `tags` (copied onto the connections created and
   * sent in the auth webhooks: `end_user_id`, `end_user_email`, `organization_id`...),
   * `allowed_integrations` (ids), `integrations_config_defaults` (per integration:
   * `user_scopes`, `authorization_params`, `connection_config`; empty
   * `oauth_client_id_override` / `oauth_client_secret_override` let users give their
   * own OAuth app), `overrides` (per integration: `docs_connect`, a documentation
   * URL for the Connect UI), `webhook_url_override`; deprecated: `end_user`,
   * `organization`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: `token` (for the frontend SDK), `connect_link` (a URL of
   * the Connect UI), `expires_at`.
   * @throws {NangoError} `invalid_input` (nothing sent) for a `body` that cannot be
   * written as JSON; `api` (400 `invalid_body` with `errors`...) when the server
   * refuses; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.createConnectSession({
   *   tags: { end_user_id: 'user-1', end_user_email: 'ada@example.com' },
   *   allowed_integrations: ['github'],
   * });
   * return Response.json({ token: data.token });
   * ```
   */
  createConnectSession(body: CreateConnectSession, options?: CallOptions): Promise<{ data: ConnectSession }>;
  /**
   * Creates a connect session to re-authorise an existing connection: for an end
   * user who must enter new credentials, or grant access again. Only for
   * connections created with a connect session.
   *
   * Sends `POST /connect/sessions/reconnect` with `body` as JSON.
   *
   * @param body - `connection_id` and `integration_id` (required), and optionally
   * `tags` (replace the connection's), `integrations_config_defaults`, `overrides`,
   * `webhook_url_override`; deprecated: `end_user`, `organization`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: `token`, `connect_link`, `expires_at`.
   * @throws {NangoError} `invalid_input` (nothing sent) when an id is empty or the
   * `body` cannot be written as JSON; `api` (400, 404...) when the server refuses;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.createReconnectSession({ connection_id: 'user-1', integration_id: 'github' });
   * ```
   */
  createReconnectSession(body: CreateReconnectSession, options?: CallOptions): Promise<{ data: ConnectSession }>;
  /**
   * Reads a connect session from its token: its end user, tags, allowed
   * integrations and settings (not in the official SDK).
   *
   * Sends `GET /connect/session` with the session token as the bearer (not your
   * API key).
   *
   * @param token - The session's token (`createConnectSession`'s `data.token`).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the session.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty token or one
   * holding a line break; `api` (401) for an unknown or expired token;
   * `transport`, `timeout`, `decode` or `too_large` otherwise.
   */
  getConnectSession(token: string, options?: CallOptions): Promise<{ data: Record<string, unknown> }>;
  /**
   * Ends a connect session before it expires (not in the official SDK).
   *
   * Sends `DELETE /connect/session` with the session token as the bearer.
   *
   * @param token - The session's token.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns Nothing, once the server has answered.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty token; `api`
   * (401) for an unknown or expired token; `transport` or `timeout` otherwise.
   */
  deleteConnectSession(token: string, options?: CallOptions): Promise<void>;

  // Scripts, environment
  /**
   * Reads the configuration of every function deployed in the environment (syncs,
   * actions, their models, endpoints and schedules), per integration.
   *
   * Sends `GET /scripts/config?format=nango`.
   *
   * @param format - `'nango'` (the default).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns One entry per integration: `providerConfigKey`, `syncs`, `actions`...
   * (an empty list when nothing is deployed).
   * @throws {NangoError} `api` when the server refuses; `transport`, `timeout`,
   * `decode` or `too_large` otherwise; `invalid_input` (nothing sent) for an
   * unknown format.
   * @example
   * ```ts
   * const configs = await nango.getScriptsConfig();
   * ```
   */
  getScriptsConfig(format?: 'nango', options?: CallOptions): Promise<ScriptsConfig[]>;
  /**
   * The deployed actions as OpenAI function-calling definitions: to hand them to an
   * LLM as tools.
   *
   * Sends `GET /scripts/config?format=openai`.
   *
   * @param format - `'openai'`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: `name`, `description` and JSON-schema `parameters` of each.
   * @throws {NangoError} `api` when the server refuses; `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data: tools } = await nango.getScriptsConfig('openai');
   * ```
   */
  getScriptsConfig(format: 'openai', options?: CallOptions): Promise<{ data: OpenAIFunction[] }>;
  /**
   * Reads the environment variables set in the Nango dashboard for this
   * environment.
   *
   * Sends `GET /environment-variables`.
   *
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The variables, as `{ name, value }` pairs.
   * @throws {NangoError} `api` when the server refuses; `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const vars = await nango.getEnvironmentVariables();
   * const secret = vars.find((v) => v.name === 'MY_SECRET')?.value;
   * ```
   */
  getEnvironmentVariables(options?: CallOptions): Promise<EnvironmentVariable[]>;
  /**
   * Creates an environment in the account (not in the official SDK; needs a key
   * allowed to).
   *
   * Sends `POST /environments` with `body` as JSON.
   *
   * @param body - `name` (required), and optionally `is_production`,
   * `callback_url`, `hmac_key`, `hmac_enabled`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the environment created (`id`, `name`...).
   * @throws {NangoError} `invalid_input` (nothing sent) when `name` is empty or the
   * `body` cannot be written as JSON; `api` when the server refuses; `transport`, `timeout`, `decode` or `too_large` otherwise.
   */
  createEnvironment(body: NewEnvironment, options?: CallOptions): Promise<{ data: { id: number; name: string; [key: string]: unknown } }>;
  /**
   * Deletes an environment (not in the official SDK).
   *
   * Sends `DELETE /environments/{environmentId}`. Not retried after a 5xx or a lost
   * connection.
   *
   * @param environmentId - The environment's id (a number, or a UUID).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns Nothing, once the server has answered.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id; `api` (404
   * `not_found`) for an unknown environment; `transport` or `timeout` otherwise.
   */
  deleteEnvironment(environmentId: number | string, options?: CallOptions): Promise<void>;
  /**
   * Creates an API key for an environment (not in the official SDK).
   *
   * Sends `POST /environment/api-keys` with `{ environment_id, display_name }`.
   *
   * @param environmentId - The environment's id.
   * @param displayName - The key's name, as the dashboard shows it.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data }`: the key created, its secret included (shown only here).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or name;
   * `api` when the server refuses; `transport`, `timeout`, `decode` or `too_large`
   * otherwise.
   */
  createApiKey(environmentId: number | string, displayName: string, options?: CallOptions): Promise<{ data: Record<string, unknown> }>;
  /**
   * Revokes an API key of an environment (not in the official SDK).
   *
   * Sends `DELETE /environment/api-keys` with `{ environment_id, key_id }`. Not
   * retried after a 5xx or a lost connection.
   *
   * @param environmentId - The environment's id.
   * @param keyId - The key's id.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ success }`.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id; `api` (404
   * `not_found`) for an unknown key; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   */
  deleteApiKey(environmentId: number | string, keyId: number | string, options?: CallOptions): Promise<{ success: boolean }>;
  /**
   * Replaces the environment's webhook signing key with a new one (not in the
   * official SDK). During the change, give the client both keys
   * (`webhookSigningKey: [newKey, oldKey]`).
   *
   * Sends `POST /environment/webhook-signing-key/rotate`. Never retried: a second
   * rotation would drop the new key.
   *
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ data: { webhook_signing_key } }`: the new key.
   * @throws {NangoError} `api` when the server refuses; `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const { data } = await nango.rotateWebhookSigningKey();
   * const verifier = new Nango({ apiKey, webhookSigningKey: [data.webhook_signing_key, oldKey] });
   * ```
   */
  rotateWebhookSigningKey(options?: CallOptions): Promise<{ data: { webhook_signing_key: string } }>;

  // Records
  /**
   * Reads one page of the records a sync cached for a connection, oldest change
   * first. A record changed while you page may come again in a later page.
   *
   * Sends `GET /records/?model=&variant=&modified_after=&limit=&filter=&cursor=&ids=`
   * with the `Connection-Id` and `Provider-Config-Key` headers.
   *
   * @param config - `providerConfigKey`, `connectionId` and `model` (required), and
   * optionally `variant` (the sync variant; the base one otherwise), `cursor` (the
   * `next_cursor` of the previous page, or a record's `_nango_metadata.cursor` to
   * resume after it), `limit` (per page, 1 to 10000; the server's default is 100),
   * `modifiedAfter` (an ISO 8601 time: only records changed after it), `filter`
   * (`'added'`, `'updated'`, `'deleted'`, or two of them joined by a comma), `ids`
   * (only these records); deprecated: `delta` (read as `modifiedAfter`).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ records, next_cursor }`: each record has its model's fields and
   * `_nango_metadata` (`last_action`, `cursor`, `first_seen_at`...); `next_cursor`
   * is `null` after the last page. `recordsIterator` walks every page.
   * @throws {NangoError} `invalid_input` (nothing sent) when a required field is
   * empty, an id holds a line break, `limit` is out of range or `ids` holds more
   * than 100; `api`
   * (404, 400...) when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * interface Issue {
   *   id: string;
   *   title: string;
   * }
   * const { records, next_cursor } = await nango.listRecords<Issue>({
   *   providerConfigKey: 'github',
   *   connectionId: 'user-1',
   *   model: 'Issue',
   * });
   * ```
   */
  listRecords<T extends Record<string, any> = Record<string, any>>(
    config: ListRecordsRequestConfig,
    options?: CallOptions,
  ): Promise<{ records: NangoRecord<T>[]; next_cursor: string | null }>;
  /**
   * Every record, following `next_cursor` one page at a time: an async iterator that
   * fetches the pages of `listRecords` as you read them, one in memory (not in the
   * official SDK).
   *
   * Sends `GET /records/` once per page, with the query and headers of
   * `listRecords`.
   *
   * @param config - As `listRecords` (`providerConfigKey`, `connectionId`, `model`,
   * `variant`, `cursor` to start from, `limit` per page, `modifiedAfter`, `filter`,
   * `ids`).
   * @param options - Each page's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns An async iterator of records.
   * @throws {NangoError} At once, `invalid_input` for a bad `config` (nothing sent);
   * from the iteration, the error of a page (`api`, `transport`, `timeout`...), or
   * `pagination_loop` when the server sends a cursor it sent before.
   * @example
   * ```ts
   * for await (const issue of nango.recordsIterator<Issue>({ providerConfigKey: 'github', connectionId: 'user-1', model: 'Issue' })) {
   *   console.log(issue.title, issue._nango_metadata.last_action);
   * }
   * ```
   */
  recordsIterator<T extends Record<string, any> = Record<string, any>>(
    config: ListRecordsRequestConfig,
    options?: CallOptions,
  ): AsyncIterableIterator<NangoRecord<T>>;
  /**
   * Empties the payload of cached records up to a cursor, to save space: their
   * metadata stays, and a new sync run brings the data back.
   *
   * Sends `PATCH /records/prune` with `{ model, variant, until_cursor, limit }` and
   * the `Connection-Id` and `Provider-Config-Key` headers.
   *
   * @param config - `providerConfigKey`, `connectionId`, `model` and `untilCursor`
   * (records up to this cursor, included, are pruned) are required; `variant` and
   * `limit` (the most records pruned by this call) are optional.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ count, has_more }`: how many were pruned, and whether more remain
   * (call again while `has_more`).
   * @throws {NangoError} `invalid_input` (nothing sent) when a required field is
   * empty; `api` when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * const { count, has_more } = await nango.pruneRecords({
   *   providerConfigKey: 'github',
   *   connectionId: 'user-1',
   *   model: 'Issue',
   *   untilCursor: lastCursor,
   * });
   * ```
   */
  pruneRecords(config: PruneRecordsConfig, options?: CallOptions): Promise<{ count: number; has_more: boolean }>;

  // Syncs
  /**
   * Runs syncs once more, now, for one connection or for all of them: the sync's
   * schedule is not changed.
   *
   * Sends `POST /sync/trigger` with `{ provider_config_key, syncs, connection_id,
   * opts }`. Never resent on its own: each trigger starts a run.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param syncs - The syncs: names, or `{ name, variant }` for a variant; all of
   * the integration's when empty or left out.
   * @param connectionId - The connection; every connection of the integration when
   * left out.
   * @param opts - `reset: true` clears the checkpoint first (a full run);
   * `emptyCache: true`, with `reset`, also deletes the cached records.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK (`status`,
   * `statusText`, `headers`, `data`).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id, `syncs`
   * that is not an array, or a sync that is neither a name nor `{ name, variant }`;
   * `api` (404...) when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * await nango.triggerSync('github', ['issues'], 'user-1');
   * await nango.triggerSync('github', [{ name: 'issues', variant: 'archived' }], 'user-1', { reset: true });
   * ```
   */
  triggerSync(
    providerConfigKey: string,
    syncs?: SyncName[],
    connectionId?: string,
    opts?: TriggerSyncOptions,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /**
   * The older form of `triggerSync`, with a sync mode instead of `opts`.
   *
   * Sends `POST /sync/trigger` with `{ provider_config_key, syncs, connection_id,
   * sync_mode }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param syncs - Names, or `{ name, variant }`; all when empty or left out.
   * @param connectionId - The connection; all of them when left out.
   * @param syncMode - `'incremental'`, `'full_refresh'` or
   * `'full_refresh_and_clear_cache'`; or `true` for a full refresh.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK.
   * @throws {NangoError} As the `opts` form.
   * @deprecated use the `opts` form
   */
  triggerSync(
    providerConfigKey: string,
    syncs?: SyncName[],
    connectionId?: string,
    syncMode?: LegacySyncMode | boolean,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /**
   * Starts (or resumes) the schedule of syncs: each runs now, then at its
   * frequency. A sync already scheduled is left as it is.
   *
   * Sends `POST /sync/start` with `{ provider_config_key, syncs, connection_id }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param syncs - Names, or `{ name, variant }` for a variant.
   * @param connectionId - The connection; every connection of the integration when
   * left out.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id, `syncs`
   * that is not an array, or a sync that is neither a name nor `{ name, variant }`;
   * `api` when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * await nango.startSync('github', ['issues', { name: 'issues', variant: 'archived' }], 'user-1');
   * ```
   */
  startSync(
    providerConfigKey: string,
    syncs: SyncName[],
    connectionId?: string,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /**
   * Pauses the schedule of syncs, for one connection or all of them, until
   * `startSync`.
   *
   * Sends `POST /sync/pause` with `{ provider_config_key, syncs, connection_id }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param syncs - Names, or `{ name, variant }` for a variant.
   * @param connectionId - The connection; every connection of the integration when
   * left out.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The response, as axios shaped it for the official SDK.
   * @throws {NangoError} As `startSync`.
   * @example
   * ```ts
   * await nango.pauseSync('github', ['issues'], 'user-1');
   * ```
   */
  pauseSync(
    providerConfigKey: string,
    syncs: SyncName[],
    connectionId?: string,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /**
   * Reads the state of syncs: running or not, last result, next run, record counts
   * and checkpoint.
   *
   * Sends `GET /sync/status?provider_config_key=&syncs=&connection_id=`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param syncs - `'*'` for every sync, or names / `{ name, variant }`.
   * @param connectionId - The connection; every connection of the integration when
   * left out.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ syncs }`: per sync and connection, `status` (`'RUNNING'`,
   * `'SUCCESS'`, `'ERROR'`, `'PAUSED'`, `'STOPPED'`), `finishedAt`,
   * `nextScheduledSyncAt`, `frequency`, `latestResult`, `recordCount`,
   * `checkpoint`.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or a bad
   * sync; `api` when the server refuses; `transport`, `timeout`, `decode` or
   * `too_large` otherwise.
   * @example
   * ```ts
   * const { syncs } = await nango.syncStatus('github', '*', 'user-1');
   * ```
   */
  syncStatus(providerConfigKey: string, syncs: '*' | SyncName[], connectionId?: string, options?: CallOptions): Promise<{ syncs: SyncStatus[] }>;
  /**
   * Sets how often a sync runs for one connection, or goes back to the sync's own
   * frequency.
   *
   * Sends `PUT /sync/update-connection-frequency` with `{ provider_config_key,
   * connection_id, sync_name, sync_variant, frequency }`.
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param sync - The sync's name, or `{ name, variant }`.
   * @param connectionId - The connection's id.
   * @param frequency - A duration in words (`'every hour'`, `'30 minutes'`: the
   * notation of the `ms` package, no shorter than Nango's minimum), or `null` to
   * go back to the default.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ frequency }`: the frequency now in force.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id, a bad
   * sync, a `connectionId` that is not a string, or a `frequency` that is neither a
   * string nor `null`; `api` when the server refuses (an unknown sync, a frequency
   * too short...); `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * await nango.updateSyncConnectionFrequency('github', 'issues', 'user-1', 'every 2 hours');
   * await nango.updateSyncConnectionFrequency('github', 'issues', 'user-1', null);
   * ```
   */
  updateSyncConnectionFrequency(
    providerConfigKey: string,
    sync: SyncName,
    connectionId: string,
    frequency: string | null,
    options?: CallOptions,
  ): Promise<UpdateSyncFrequencyResponse>;
  /**
   * Creates a variant of a sync for a connection: the same sync run again under
   * another name, with its own records and settings.
   *
   * Sends `POST /sync/{name}/variant/{variant}` with `{ provider_config_key,
   * connection_id }`.
   *
   * @param props - `provider_config_key`, `connection_id`, `name` (the sync's) and
   * `variant` (the new variant's name; not `base`).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ id, name, variant }`.
   * @throws {NangoError} `invalid_input` (nothing sent) when a field is empty or
   * `.`/`..`; `api` (400 for `base` or a variant in use, 404...) when the server
   * refuses; `transport`, `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * await nango.createSyncVariant({ provider_config_key: 'github', connection_id: 'user-1', name: 'issues', variant: 'archived' });
   * ```
   */
  createSyncVariant(props: SyncVariantProps, options?: CallOptions): Promise<{ id: string; name: string; variant: string }>;
  /**
   * Deletes a variant of a sync for a connection.
   *
   * Sends `DELETE /sync/{name}/variant/{variant}` with `{ provider_config_key,
   * connection_id }`.
   *
   * @param props - `provider_config_key`, `connection_id`, `name` (the sync's) and
   * `variant` (not `base`).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ success }`.
   * @throws {NangoError} `invalid_input` (nothing sent) when a field is empty or
   * `.`/`..`; `api` (404...) when the server refuses; `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * await nango.deleteSyncVariant({ provider_config_key: 'github', connection_id: 'user-1', name: 'issues', variant: 'archived' });
   * ```
   */
  deleteSyncVariant(props: SyncVariantProps, options?: CallOptions): Promise<{ success: boolean }>;

  // Actions
  /**
   * Runs an action for a connection and waits for its output.
   *
   * Sends `POST /action/trigger` with `{ action_name, input }` and the
   * `Connection-Id` and `Provider-Config-Key` headers. Not retried after a 5xx or
   * a lost connection unless `retry.retryNonIdempotent` says so (the action may
   * have run).
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param actionName - The action's name.
   * @param input - The action's input (any JSON value), as its `exec` function
   * receives it.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The action's output (typed as `Out`; at most 10 MB).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or name, or
   * an `input` that cannot be written as JSON; `api` when the action failed or the
   * server refuses (`payload`: the error's details, when the server sent any); `transport`, `timeout`,
   * `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const issue = await nango.triggerAction<{ title: string }, { id: string }>('github', 'user-1', 'create-issue', {
   *   title: 'Broken link',
   * });
   * ```
   */
  triggerAction<In = unknown, Out = object>(
    providerConfigKey: string,
    connectionId: string,
    actionName: string,
    input?: In,
    options?: CallOptions,
  ): Promise<Out>;
  /**
   * Starts an action without waiting for it: Nango queues it, and its output is
   * read later with `getAsyncActionResult` (or announced by an `async_action`
   * webhook).
   *
   * Sends `POST /action/trigger` with `{ action_name, input }` and the
   * `Connection-Id`, `Provider-Config-Key` and `X-Async: true` headers
   * (`X-Max-Retries` with `maxRetries`).
   *
   * @param providerConfigKey - The integration's id (its unique key).
   * @param connectionId - The connection's id.
   * @param actionName - The action's name.
   * @param input - The action's input (any JSON value).
   * @param options - Optional: `maxRetries` (0 to 5: how many times Nango runs the
   * action again if it fails; not in the official SDK), and this call's own
   * `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns `{ id, statusUrl }`: where to read the result.
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or name, a
   * `maxRetries` out of range, or an `input` that cannot be written as JSON; `api`
   * when the server refuses; `transport`, `timeout`, `decode` or `too_large`
   * otherwise.
   * @example
   * ```ts
   * const { id } = await nango.triggerActionAsync('github', 'user-1', 'export-issues', { since: '2024-01-01' });
   * const result = await nango.getAsyncActionResult({ id });
   * ```
   */
  triggerActionAsync<In = unknown>(
    providerConfigKey: string,
    connectionId: string,
    actionName: string,
    input?: In,
    options?: { maxRetries?: 0 | 1 | 2 | 3 | 4 | 5 } & CallOptions,
  ): Promise<AsyncActionHandle>;
  /**
   * Reads the output of an action started by `triggerActionAsync`.
   *
   * Sends `GET /action/{id}`.
   *
   * @param props - `{ id }`, or `{ statusUrl }` (the `/action/{id}` path that
   * `triggerActionAsync` gave).
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The action's output (typed as `Out`).
   * @throws {NangoError} `invalid_input` (nothing sent) for an empty id or a
   * `statusUrl` that is not a path `/action/{id}` (the key is never sent to
   * another host); `api` (404 while
   * the action has not finished, or its error when it failed); `transport`,
   * `timeout`, `decode` or `too_large` otherwise.
   * @example
   * ```ts
   * const result = await nango.getAsyncActionResult({ id: 'action_123456' });
   * const same = await nango.getAsyncActionResult({ statusUrl: '/action/action_123456' });
   * ```
   */
  getAsyncActionResult<Out = unknown>(props: { id?: string; statusUrl?: string }, options?: CallOptions): Promise<Out>;

  // Proxy
  /**
   * Sends a request to the provider's API through Nango's proxy: Nango adds the
   * connection's credentials (refreshed when needed) and the API's base URL, and
   * passes the answer back as it is.
   *
   * Sends `{method} /proxy/{endpoint}` with `params` as the query, the
   * `Connection-Id`, `Provider-Config-Key` and `Base-Url-Override` headers, the
   * custom `headers` prefixed with `Nango-Proxy-`, and `data` as the body.
   *
   * @param config - `endpoint` (the API's path, required), `method` (default
   * `'GET'`), `providerConfigKey` and `connectionId` (default: the client's),
   * `headers`, `params` (an object, or a query string), `data` (a string and bytes
   * are sent as they are, anything else as JSON), `retries` (Nango's own retries,
   * with backoff, on 5xx and 429), `retryOn` (more statuses for those retries),
   * `baseUrlOverride`, `decompress`, `responseType` (`'json'`, `'text'`,
   * `'arraybuffer'`, `'blob'`, `'stream'`), `forwardHeadersOnRedirect`.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers` and `data`
   * (decoded as `responseType` says; JSON when it can be read as JSON, text
   * otherwise).
   * @throws {NangoError} `invalid_input` (nothing sent) when `endpoint` is missing,
   * an id or a header value is empty or holds a line break, or `data` cannot be
   * written as JSON; `api` for an error status of the provider or of Nango
   * (`status`, `response.data` as sent); `transport`, `timeout` or `too_large`
   * otherwise.
   * @example
   * ```ts
   * const res = await nango.proxy({
   *   method: 'POST',
   *   endpoint: '/repos/acme/app/issues',
   *   providerConfigKey: 'github',
   *   connectionId: 'user-1',
   *   data: { title: 'Broken link' },
   * });
   * console.log(res.status, res.data);
   * ```
   */
  proxy<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  /**
   * `proxy` with `method: 'GET'`: reads from the provider's API through Nango.
   *
   * Sends `GET /proxy/{endpoint}` (see `proxy`).
   *
   * @param config - As `proxy` (`endpoint`, `providerConfigKey`, `connectionId`,
   * `params`, `headers`...); its `method` is ignored.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers`, `data`.
   * @throws {NangoError} As `proxy`.
   * @example
   * ```ts
   * const { data } = await nango.get({ endpoint: '/user', providerConfigKey: 'github', connectionId: 'user-1' });
   * ```
   */
  get<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  /**
   * `proxy` with `method: 'POST'`.
   *
   * Sends `POST /proxy/{endpoint}` (see `proxy`). Not retried after a 5xx or a lost
   * connection unless `retry.retryNonIdempotent` says so.
   *
   * @param config - As `proxy` (`endpoint`, `providerConfigKey`, `connectionId`,
   * `data`, `headers`, `params`...); its `method` is ignored.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers`, `data`.
   * @throws {NangoError} As `proxy`.
   * @example
   * ```ts
   * await nango.post({ endpoint: '/repos/acme/app/issues', providerConfigKey: 'github', connectionId: 'user-1', data: { title: 'Bug' } });
   * ```
   */
  post<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  /**
   * `proxy` with `method: 'PUT'`.
   *
   * Sends `PUT /proxy/{endpoint}` (see `proxy`).
   *
   * @param config - As `proxy`; its `method` is ignored.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers`, `data`.
   * @throws {NangoError} As `proxy`.
   * @example
   * ```ts
   * await nango.put({ endpoint: '/user/starred/acme/app', providerConfigKey: 'github', connectionId: 'user-1' });
   * ```
   */
  put<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  /**
   * `proxy` with `method: 'PATCH'`.
   *
   * Sends `PATCH /proxy/{endpoint}` (see `proxy`). Not retried after a 5xx or a
   * lost connection unless `retry.retryNonIdempotent` says so.
   *
   * @param config - As `proxy`; its `method` is ignored.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers`, `data`.
   * @throws {NangoError} As `proxy`.
   * @example
   * ```ts
   * await nango.patch({ endpoint: '/repos/acme/app/issues/1', providerConfigKey: 'github', connectionId: 'user-1', data: { state: 'closed' } });
   * ```
   */
  patch<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  /**
   * `proxy` with `method: 'DELETE'`.
   *
   * Sends `DELETE /proxy/{endpoint}` (see `proxy`).
   *
   * @param config - As `proxy`; its `method` is ignored.
   * @param options - This call's own `timeoutMs` and `retry` ({@link CallOptions}).
   * @returns The provider's answer: `status`, `statusText`, `headers`, `data`.
   * @throws {NangoError} As `proxy`.
   * @example
   * ```ts
   * await nango.delete({ endpoint: '/user/starred/acme/app', providerConfigKey: 'github', connectionId: 'user-1' });
   * ```
   */
  delete<T = any>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;

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
