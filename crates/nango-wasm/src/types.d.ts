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
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff, doubled at each retry (default 250). */
  initialBackoffMs?: number;
  /** Largest backoff (default 10000). */
  maxBackoffMs?: number;
  /** A 429 whose `Retry-After` is longer is not waited for (default 60000). */
  maxRetryAfterMs?: number;
  /** Time budget of one call, retries included; `null`: none (default 120000). */
  deadlineMs?: number | null;
  /** Also retry non-idempotent requests after 5xx and connection failures. */
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
  /** Timeout of each HTTP exchange of this call in ms; `0` or `null`: none. */
  timeoutMs?: number | null;
  /** This call's retry policy (fields not given take their defaults); `false`: no retries. */
  retry?: boolean | RetryOptions;
}

interface NangoCommonProps {
  /** Defaults to Nango Cloud, `https://api.nango.dev`. */
  host?: string;
  /** The webhook signing key (several during a rotation); falls back to `secretKey`. */
  webhookSigningKey?: string | string[];
  /** Default connection id of the proxy. */
  connectionId?: string;
  /** Default integration id of the proxy. */
  providerConfigKey?: string;
  isSync?: boolean;
  isScript?: boolean;
  dryRun?: boolean;
  activityLogId?: string;
  /** The `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  /** Timeout of one HTTP exchange in ms (default 60000); `0` or `null`: none. */
  timeoutMs?: number | null;
  /** Retries of 429, and of 5xx and connection failures for idempotent requests. */
  retry?: boolean | RetryOptions;
  /** Appended to the `User-Agent` header. */
  userAgent?: string;
  /**
   * The most bytes an API answer's body may weigh, counted as it is read (default
   * 32 MiB); `null`: no limit. A larger answer is refused with a `NangoError` of
   * kind `too_large`.
   */
  maxResponseBytes?: number | null;
  /** The same for proxied answers (default 128 MiB); `null`: no limit. */
  maxProxyResponseBytes?: number | null;
}

/** The options of `new Nango(...)`: exactly one of `apiKey` and the deprecated `secretKey`. */
export type NangoProps = NangoCommonProps &
  ({ apiKey: string; secretKey?: never } | { apiKey?: never; /** @deprecated use `apiKey` */ secretKey: string });

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

export type AuthModeType =
  | 'OAUTH2'
  | 'OAUTH2_CC'
  | 'OAUTH1'
  | 'BASIC'
  | 'API_KEY'
  | 'APP'
  | 'APP_STORE'
  | 'JWT'
  | 'BILL'
  | 'TWO_STEP'
  | 'TBA'
  | 'SIGNATURE'
  | 'CUSTOM'
  | 'MCP_OAUTH2'
  | 'MCP_OAUTH2_GENERIC'
  | 'INSTALL_PLUGIN'
  | 'AWS_SIGV4'
  | 'NONE';

/** A connection's credentials; the fields depend on `type`. */
export interface Credentials {
  type: AuthModeType;
  access_token?: string;
  refresh_token?: string;
  expires_at?: string;
  apiKey?: string;
  username?: string;
  password?: string;
  oauth_token?: string;
  oauth_token_secret?: string;
  raw?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OAuth1Token {
  oAuthToken: string;
  oAuthTokenSecret: string;
}

export interface EndUser {
  id: string;
  email?: string | null;
  display_name?: string | null;
  tags?: Record<string, unknown> | null;
  organization?: { id: string; display_name?: string | null } | null;
}

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
  metadata: Metadata;
  connection_config: Record<string, unknown>;
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

export interface CreateConnectSession {
  tags?: Tags;
  /** @deprecated use `tags` */
  end_user?: EndUser;
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
  display_name: string;
  logo: string;
  forward_webhooks?: boolean;
  created_at: string;
  updated_at: string;
  webhook_url?: string | null;
  credentials?: Record<string, unknown> | null;
  [key: string]: unknown;
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
  last_action: 'ADDED' | 'UPDATED' | 'DELETED';
  deleted_at: string | null;
  pruned_at?: string | null;
  cursor: string;
}

export type NangoRecord<T extends object = Record<string, unknown>> = T & { _nango_metadata: RecordMetadata };

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
  type: 'INCREMENTAL' | 'INITIAL' | null;
  finishedAt: string | null;
  nextScheduledSyncAt: string | null;
  frequency: string;
  latestResult: Record<string, { added: number; updated: number; deleted?: number }>;
  recordCount: Record<string, number>;
  checkpoint: Record<string, unknown> | null;
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
  params?: string | Record<string, string | number>;
  data?: unknown;
  retries?: number;
  retryOn?: number[];
  baseUrlOverride?: string;
  decompress?: boolean;
  responseType?: 'arraybuffer' | 'blob' | 'json' | 'text' | 'stream';
  forwardHeadersOnRedirect?: boolean;
}

export interface EnvironmentVariable {
  name: string;
  value: string;
}

export interface OpenAIFunction {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

export interface ScriptsConfig {
  providerConfigKey: string;
  syncs: Record<string, unknown>[];
  actions: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface NewEnvironment {
  name: string;
  is_production?: boolean;
  callback_url?: string;
  hmac_key?: string;
  hmac_enabled?: boolean;
}

export interface NangoMethods {
  // Providers
  listProviders(queries?: { search?: string }, options?: CallOptions): Promise<{ data: Provider[] }>;
  getProvider(params: { provider: string }, options?: CallOptions): Promise<{ data: Provider }>;
  getProviderTemplates(params: { provider: string }, options?: CallOptions): Promise<{ data: ProviderTemplate[] }>;

  // Integrations
  listIntegrations(options?: CallOptions): Promise<{ configs: Integration[] }>;
  getIntegration(
    params: { uniqueKey: string },
    queries?: { include?: ('webhook' | 'credentials')[] },
    options?: CallOptions,
  ): Promise<{ data: Integration }>;
  /** @deprecated use `getIntegration({ uniqueKey })` */
  getIntegration(uniqueKey: string, includeIntegrationCredentials?: boolean, options?: CallOptions): Promise<{ data: Integration }>;
  createIntegration(body: CreateIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  createQuickstartIntegration(body: CreateQuickstartIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  updateIntegration(params: { uniqueKey: string }, body: UpdateIntegration, options?: CallOptions): Promise<{ data: Integration }>;
  deleteIntegration(uniqueKey: string, options?: CallOptions): Promise<HttpResponse<{ success: boolean } | undefined>>;
  listFunctions(
    params: { uniqueKey: string },
    queries?: ListFunctionsQuery,
    options?: CallOptions,
  ): Promise<{ data: DeployedFunction[]; pagination?: Record<string, unknown> }>;
  getFunction(params: { uniqueKey: string; name: string }, queries?: { type?: FunctionType }, options?: CallOptions): Promise<{ data: DeployedFunction }>;
  getFunctionCode(
    params: { uniqueKey: string; name: string },
    queries?: { type?: FunctionType },
    options?: CallOptions,
  ): Promise<{ data: { type: FunctionType; code: string } }>;
  deleteFunction(params: { uniqueKey: string; name: string }, queries: { type: FunctionType }, options?: CallOptions): Promise<{ success: boolean }>;

  // Functions (not in the official SDK)
  compileFunction(code: string | { code: string }, options?: CallOptions): Promise<{ bundled_js: string; bundle_size_bytes: number; compiled_at: string }>;
  dryrunFunction(body: NewDryrun, options?: CallOptions): Promise<{ id: string; [key: string]: unknown }>;
  getFunctionDryrun(id: string, options?: CallOptions): Promise<Record<string, unknown>>;
  deployFunction(body: NewDeployment, options?: CallOptions): Promise<{ id: string; [key: string]: unknown }>;
  getFunctionDeployment(id: string, options?: CallOptions): Promise<Record<string, unknown>>;

  // Connections
  listConnections(params: ListConnectionsParams, options?: CallOptions): Promise<{ connections: ConnectionSummary[] }>;
  listConnections(
    connectionId?: string,
    search?: string,
    queries?: LegacyListConnectionsQuery,
    options?: CallOptions,
  ): Promise<{ connections: ConnectionSummary[] }>;
  /** Every connection matching the filters, one page (`limit`, default 1000) at a time. */
  connectionsIterator(params?: ListConnectionsParams, options?: CallOptions): AsyncIterableIterator<ConnectionSummary>;
  getConnection(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshToken?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<Connection>;
  getToken(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<string | OAuth1Token | Credentials>;
  getRawTokenResponse<T = Record<string, unknown>>(
    providerConfigKey: string,
    connectionId: string,
    forceRefresh?: boolean,
    refreshGithubAppJwtToken?: boolean,
    options?: CallOptions,
  ): Promise<T>;
  getMetadata<T = Metadata>(providerConfigKey: string, connectionId: string, options?: CallOptions): Promise<T>;
  setMetadata(
    providerConfigKey: string,
    connectionId: string | string[],
    metadata: Metadata,
    options?: CallOptions,
  ): Promise<HttpResponse<MetadataChangeResponse>>;
  updateMetadata(
    providerConfigKey: string,
    connectionId: string | string[],
    metadata: Metadata,
    options?: CallOptions,
  ): Promise<HttpResponse<MetadataChangeResponse>>;
  patchConnection(params: PatchConnectionParams, body: PatchConnectionBody, options?: CallOptions): Promise<{ success: boolean }>;
  deleteConnection(providerConfigKey: string, connectionId: string, options?: CallOptions): Promise<HttpResponse<undefined>>;
  /** `POST /connections`: a connection from credentials you already have. */
  importConnection(body: ImportConnection, options?: CallOptions): Promise<Connection>;
  /** The same as `importConnection`. */
  upsertConnection(body: ImportConnection, options?: CallOptions): Promise<Connection>;
  waitForConnection(integrationKey: string, userId: string, options?: WaitForConnectionOptions & CallOptions): Promise<ConnectionSummary>;

  // Connect
  createConnectSession(body: CreateConnectSession, options?: CallOptions): Promise<{ data: ConnectSession }>;
  createReconnectSession(body: CreateReconnectSession, options?: CallOptions): Promise<{ data: ConnectSession }>;
  getConnectSession(token: string, options?: CallOptions): Promise<{ data: Record<string, unknown> }>;
  deleteConnectSession(token: string, options?: CallOptions): Promise<void>;

  // Scripts, environment
  getScriptsConfig(format?: 'nango', options?: CallOptions): Promise<ScriptsConfig[]>;
  getScriptsConfig(format: 'openai', options?: CallOptions): Promise<{ data: OpenAIFunction[] }>;
  getEnvironmentVariables(options?: CallOptions): Promise<EnvironmentVariable[]>;
  createEnvironment(body: NewEnvironment, options?: CallOptions): Promise<{ data: { id: number; name: string; [key: string]: unknown } }>;
  deleteEnvironment(environmentId: number | string, options?: CallOptions): Promise<void>;
  createApiKey(environmentId: number | string, displayName: string, options?: CallOptions): Promise<{ data: Record<string, unknown> }>;
  deleteApiKey(environmentId: number | string, keyId: number | string, options?: CallOptions): Promise<{ success: boolean }>;
  rotateWebhookSigningKey(options?: CallOptions): Promise<{ data: { webhook_signing_key: string } }>;

  // Records
  listRecords<T extends object = Record<string, unknown>>(
    config: ListRecordsRequestConfig,
    options?: CallOptions,
  ): Promise<{ records: NangoRecord<T>[]; next_cursor: string | null }>;
  /** Every record, following `next_cursor` one page at a time. */
  recordsIterator<T extends object = Record<string, unknown>>(
    config: ListRecordsRequestConfig,
    options?: CallOptions,
  ): AsyncIterableIterator<NangoRecord<T>>;
  pruneRecords(config: PruneRecordsConfig, options?: CallOptions): Promise<{ count: number; has_more: boolean }>;

  // Syncs
  triggerSync(
    providerConfigKey: string,
    syncs?: SyncName[],
    connectionId?: string,
    opts?: TriggerSyncOptions,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  /** @deprecated use the `opts` form */
  triggerSync(
    providerConfigKey: string,
    syncs?: SyncName[],
    connectionId?: string,
    syncMode?: LegacySyncMode | boolean,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  startSync(
    providerConfigKey: string,
    syncs: SyncName[],
    connectionId?: string,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  pauseSync(
    providerConfigKey: string,
    syncs: SyncName[],
    connectionId?: string,
    options?: CallOptions,
  ): Promise<HttpResponse<{ success: boolean } | undefined>>;
  syncStatus(providerConfigKey: string, syncs: '*' | SyncName[], connectionId?: string, options?: CallOptions): Promise<{ syncs: SyncStatus[] }>;
  updateSyncConnectionFrequency(
    providerConfigKey: string,
    sync: SyncName,
    connectionId: string,
    frequency: string | null,
    options?: CallOptions,
  ): Promise<{ frequency: string | null }>;
  createSyncVariant(props: SyncVariantProps, options?: CallOptions): Promise<{ id: string; name: string; variant: string }>;
  deleteSyncVariant(props: SyncVariantProps, options?: CallOptions): Promise<{ success: boolean }>;

  // Actions
  triggerAction<In = unknown, Out = object>(
    providerConfigKey: string,
    connectionId: string,
    actionName: string,
    input?: In,
    options?: CallOptions,
  ): Promise<Out>;
  triggerActionAsync<In = unknown>(
    providerConfigKey: string,
    connectionId: string,
    actionName: string,
    input?: In,
    options?: { maxRetries?: 0 | 1 | 2 | 3 | 4 | 5 } & CallOptions,
  ): Promise<AsyncActionHandle>;
  getAsyncActionResult<Out = unknown>(props: { id: string } | { statusUrl: string }, options?: CallOptions): Promise<Out>;

  // Proxy
  proxy<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  get<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  post<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  put<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  patch<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;
  delete<T = unknown>(config: ProxyConfiguration, options?: CallOptions): Promise<HttpResponse<T>>;

  // Webhooks
  verifyIncomingWebhookRequest(
    body: string | Uint8Array | ArrayBuffer,
    headers: Record<string, unknown> | Headers,
  ): boolean;
  /** @deprecated open to length-extension forgery: use `verifyIncomingWebhookRequest` */
  verifyWebhookSignature(signatureInHeader: string, jsonPayload: unknown): boolean;
  /**
   * Verifies a delivery and returns its event: the signed JSON exactly as Nango sent
   * it, typed as a `NangoWebhookEvent`. Throws a `NangoError` with `kind: 'webhook'`
   * otherwise (`code`: `invalid_signature`, or `invalid_webhook` for a signed body
   * that is not JSON).
   */
  parseWebhook(
    body: string | Uint8Array | ArrayBuffer,
    headers: Record<string, unknown> | Headers,
  ): NangoWebhookEvent;
  /** Reads a `Request`'s raw body once, verifies it and returns its event (see `parseWebhook`). */
  verifyWebhookRequest(request: Request): Promise<NangoWebhookEvent>;
}

/** Tags copied from the connect session onto the connection. */
export type WebhookTags = Record<string, string>;

/** `type: 'auth'`: a connection was created, re-authorised, refreshed or deleted. */
export interface NangoAuthWebhook {
  from: string;
  type: 'auth';
  connectionId: string;
  authMode: string;
  providerConfigKey: string;
  provider: string;
  environment: string;
  operation: 'creation' | 'override' | 'refresh' | 'deletion' | 'unknown' | (string & {});
  success: boolean;
  tags?: WebhookTags;
  endUser?: { endUserId: string; endUserEmail?: string | null; organizationId?: string | null; tags?: Record<string, unknown> };
  error?: { type: string; description: string };
}

/** `type: 'sync'`: a sync run finished (`success` tells how). */
export interface NangoSyncWebhook {
  from: string;
  type: 'sync';
  connectionId: string;
  providerConfigKey: string;
  syncName: string;
  syncVariant: string;
  model: string;
  /** @deprecated */
  syncType?: string;
  checkpoints?: Record<string, unknown> | null;
  success: boolean;
  modifiedAfter?: string;
  responseResults?: { added: number; updated: number; deleted: number };
  /** @deprecated */
  queryTimeStamp?: string | null;
  error?: { type: string; description: string };
  startedAt?: string;
  failedAt?: string;
}

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
 * A verified webhook: one of Nango's types, a type Nango added since (`type` is
 * another string), or a provider payload forwarded without Nango's envelope.
 */
export type NangoWebhookEvent =
  | NangoAuthWebhook
  | NangoSyncWebhook
  | NangoForwardWebhook
  | NangoAsyncActionWebhook
  | ({ from: string; type: string } & Record<string, unknown>)
  | Record<string, unknown>;
