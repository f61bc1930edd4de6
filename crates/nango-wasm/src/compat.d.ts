
/* The names @nangohq/node 0.71.10 exports, under the same names and with the
   official shapes, so that TypeScript code written for it compiles with only the
   import changed. Where the package's own name is the same thing, the official
   name is an alias of it; the package's names stay the primary ones. The
   deliberate differences are listed, with their reasons, in
   tests/wasm/compat/differences.json. */

/** The official SDK's default host, Nango Cloud. */
export declare const prodHost: 'https://api.nango.dev';

/**
 * The `User-Agent` the package sends: `nango-wasm/<version>`, then `; ` and
 * `userAgent` when given (the `userAgent` option of the constructor).
 */
export declare function getUserAgent(userAgent?: string): string;

/** The kinds of script a `NangoSyncConfig` describes. */
export declare enum SyncConfigType {
  SYNC = 'sync',
  ACTION = 'action',
}

/** The second argument of the official constructor; the package has no axios: only `userAgent` is read. */
export interface AdminAxiosProps {
  userAgent?: string;
}

// Auth modes and credentials

/** The auth modes by name (a value too: `AuthModes.OAuth2 === 'OAUTH2'`). */
export interface AuthModes {
  OAuth1: 'OAUTH1';
  OAuth2: 'OAUTH2';
  OAuth2CC: 'OAUTH2_CC';
  Basic: 'BASIC';
  ApiKey: 'API_KEY';
  Custom: 'CUSTOM';
  App: 'APP';
  None: 'NONE';
  TBA: 'TBA';
  Jwt: 'JWT';
  Bill: 'BILL';
  TwoStep: 'TWO_STEP';
  Signature: 'SIGNATURE';
  MCP_OAUTH2: 'MCP_OAUTH2';
  MCP_OAUTH2_GENERIC: 'MCP_OAUTH2_GENERIC';
  InstallPlugin: 'INSTALL_PLUGIN';
  AwsSigV4: 'AWS_SIGV4';
}
export declare const AuthModes: AuthModes;

/** What happened to a connection, in an auth webhook. */
export type AuthOperationType = 'creation' | 'override' | 'refresh' | 'deletion' | 'unknown';

/** The fields every credentials type has. */
export interface CredentialsCommon<T = Record<string, any>> {
  type: AuthModeType;
  /** The provider's token response as received. */
  raw: T;
}

interface ConfigOverride {
  client_id?: string | undefined;
  client_secret?: string | undefined;
}

export interface OAuth1Credentials extends CredentialsCommon {
  type: 'OAUTH1';
  oauth_token: string;
  oauth_token_secret: string;
}

export interface OAuth2Credentials extends CredentialsCommon {
  type: 'OAUTH2';
  access_token: string;
  refresh_token?: string | undefined;
  expires_at?: Date | undefined;
  config_override?: ConfigOverride | undefined;
}

export interface OAuth2ClientCredentials extends CredentialsCommon {
  type: 'OAUTH2_CC';
  token: string;
  expires_at?: Date | undefined;
  client_id: string;
  client_secret: string;
  client_certificate?: string | undefined;
  client_private_key?: string | undefined;
}

export interface BasicApiCredentials {
  type: 'BASIC';
  username: string;
  password: string;
}

export interface ApiKeyCredentials {
  type: 'API_KEY';
  apiKey: string;
}

export interface AppCredentials {
  type: 'APP';
  access_token: string;
  expires_at?: Date | undefined;
  raw: Record<string, any>;
  jwtToken?: string;
}

export type UnauthCredentials = Record<string, never>;

export interface CustomCredentials extends CredentialsCommon {
  type: 'CUSTOM';
}

export interface TbaCredentials {
  type: 'TBA';
  token_id: string;
  token_secret: string;
  config_override?: ConfigOverride | undefined;
}

export interface JwtCredentials {
  type: 'JWT';
  [key: string]: any;
  token?: string;
  expires_at?: Date | undefined;
}

export interface BillCredentials extends CredentialsCommon {
  type: 'BILL';
  username: string;
  password: string;
  organization_id: string;
  dev_key: string;
  session_id?: string;
  user_id?: string;
  expires_at?: Date | undefined;
}

export interface TwoStepCredentials extends CredentialsCommon {
  type: 'TWO_STEP';
  [key: string]: any;
  token?: string;
  refresh_token?: string;
  expires_at?: Date | undefined;
}

interface CombinedOauth2AppCredentials extends CredentialsCommon {
  type: 'CUSTOM';
  app: AppCredentials;
  user: OAuth2Credentials | null;
}

interface SignatureCredentials {
  type: 'SIGNATURE';
  username: string;
  password: string;
  token?: string;
  expires_at?: Date | undefined;
}

interface InstallPluginCredentials {
  type: 'BASIC';
  [key: string]: any;
}

interface AwsSigV4Credentials extends CredentialsCommon {
  type: 'AWS_SIGV4';
  role_arn: string;
  region: string;
  service: string;
  access_key_id: string;
  secret_access_key: string;
  session_token: string;
  expires_at?: Date | undefined;
  external_id?: string | undefined;
}

/** Every credentials type, told apart by `type` (dates as `Date`, as Nango's own code has them). */
export type AllAuthCredentials =
  | OAuth1Credentials
  | OAuth2Credentials
  | OAuth2ClientCredentials
  | BasicApiCredentials
  | ApiKeyCredentials
  | AppCredentials
  | UnauthCredentials
  | CustomCredentials
  | TbaCredentials
  | JwtCredentials
  | BillCredentials
  | TwoStepCredentials
  | CombinedOauth2AppCredentials
  | SignatureCredentials
  | InstallPluginCredentials
  | AwsSigV4Credentials;

/** `T` as JSON carries it: every `Date` is the ISO 8601 string the API sends. */
type AsJson<T> = T extends Date ? string : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T;

/**
 * A connection's credentials as the API sends them: narrowed by `type`
 * (`if (c.type === 'OAUTH2') c.access_token` is a `string`), dates as strings.
 */
export type ApiPublicAllAuthCredentials = AsJson<AllAuthCredentials>;

// Connections

export interface ApiEndUser {
  id: string;
  display_name: string | null;
  email: string | null;
  tags: Record<string, string> | null;
  organization: { id: string; display_name: string | null } | null;
}

/** A connection with its credentials (`getConnection`). */
export type ApiPublicConnectionFull = Connection;

/** A connection without credentials (`listConnections`). */
export type ApiPublicConnection = ConnectionSummary;

// Endpoint descriptions: what code indexes (`GetPublicConnection['Success']`).

/** The parts of an API endpoint's description that SDK users index: method, path, inputs, success body. */
interface ApiEndpoint<M extends string, P extends string, Params, Querystring, Body, Success, Headers = never> {
  Method: M;
  Path: P;
  Params: Params;
  Querystring: Querystring;
  Body: Body;
  Headers: Headers;
  Success: Success;
}

export type GetPublicConnection = ApiEndpoint<
  'GET',
  '/connection/:connectionId',
  { connectionId: string },
  {
    provider_config_key: string;
    refresh_token?: boolean | undefined;
    force_refresh?: boolean | undefined;
    refresh_github_app_jwt_token?: boolean | undefined;
  },
  never,
  ApiPublicConnectionFull
>;

export type GetPublicConnections = ApiEndpoint<
  'GET',
  '/connection',
  never,
  {
    connectionId?: string | undefined;
    search?: string | undefined;
    endUserId?: string | undefined;
    integrationId?: string | undefined;
    endUserOrganizationId?: string | undefined;
    tags?: Tags | undefined;
    limit?: number | undefined;
    page?: number | undefined;
  },
  never,
  { connections: ApiPublicConnection[] }
>;

/** An integration as the API sends it (`getIntegration`, `listIntegrations`). */
export type ApiPublicIntegration = Integration;

export type GetPublicIntegration = ApiEndpoint<
  'GET',
  '/integrations/:uniqueKey',
  { uniqueKey: string },
  { include?: ('webhook' | 'credentials')[] | undefined },
  never,
  { data: ApiPublicIntegration }
>;

export type GetPublicListIntegrations = ApiEndpoint<
  'GET',
  '/integrations',
  never,
  { connect_session_token: string } | undefined,
  never,
  { data: ApiPublicIntegration[] }
>;

/** A provider of the catalogue (`getProvider`, `listProviders`). */
export type ApiProvider = Provider;

export type GetPublicProvider = ApiEndpoint<
  'GET',
  '/providers/:provider',
  { provider: string },
  { connect_session_token: string } | undefined,
  never,
  { data: ApiProvider }
>;

export type GetPublicProviders = ApiEndpoint<
  'GET',
  '/providers',
  never,
  { search?: string | undefined; connect_session_token?: string },
  never,
  { data: ApiProvider[] }
>;

export type RecordLastAction = 'ADDED' | 'UPDATED' | 'DELETED' | 'added' | 'updated' | 'deleted';

export type CombinedFilterAction = `${FilterAction},${FilterAction}`;

export type GetPublicRecords = ApiEndpoint<
  'GET',
  '/records',
  never,
  {
    model: string;
    variant?: string | undefined;
    delta?: string | undefined;
    modified_after?: string | undefined;
    limit?: number | undefined;
    filter?: RecordLastAction | CombinedFilterAction | undefined;
    cursor?: string | undefined;
    ids?: string[] | undefined;
  },
  never,
  { next_cursor: string | null; records: NangoRecord[] },
  { 'connection-id': string; 'provider-config-key': string }
>;

export type PostConnectSessions = ApiEndpoint<
  'POST',
  '/connect/sessions',
  never,
  never,
  CreateConnectSession,
  { data: ConnectSession }
>;

export type PostPublicConnectSessionsReconnect = ApiEndpoint<
  'POST',
  '/connect/sessions/reconnect',
  never,
  never,
  CreateReconnectSession,
  { data: ConnectSession }
>;

// Syncs

export interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface Sync extends Timestamps {
  id: string;
  name: string;
  connection_id: string;
  last_sync_date: string;
}

export interface SyncConfig extends Timestamps {
  name: string;
  description?: string;
}

export interface Action extends Timestamps {
  name: string;
}

/** @deprecated */
export type SyncType = 'INCREMENTAL' | 'INITIAL';

export interface StatusAction {
  added: number;
  updated: number;
  deleted?: number;
}

export interface SyncStatusResponse {
  syncs: SyncStatus[];
}

export interface UpdateSyncFrequencyResponse {
  frequency: string;
}

export interface SyncResult {
  added: number;
  updated: number;
  deleted: number;
}

export type HTTP_METHOD = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'PROPFIND' | 'REPORT';

export interface NangoSyncEndpointV2 {
  method: HTTP_METHOD;
  path: string;
  group?: string | null | undefined;
}

export interface NangoSyncModel {
  name: string;
  description?: string;
  fields: { name: string; type: string }[];
}

interface NangoModelField {
  name: string;
  value: string | number | boolean | null | NangoModelField[];
  description?: string | undefined;
  dynamic?: boolean | undefined;
  tsType?: boolean | undefined;
  model?: boolean | undefined;
  array?: boolean | undefined;
  union?: boolean | undefined;
  optional?: boolean | undefined;
}

interface NangoModel {
  name: string;
  description?: string | undefined;
  fields: NangoModelField[];
  isAnon?: boolean | undefined;
}

/** A sync or an action of `getScriptsConfig`. */
export interface NangoSyncConfig {
  name: string;
  type?: 'action' | 'sync' | 'on-event';
  runs?: string | null;
  auto_start?: boolean;
  attributes?: object;
  description?: string;
  scopes?: string[];
  metadata?: { scopes?: string[] | undefined; description?: string | undefined };
  track_deletes?: boolean;
  returns: string[];
  endpoints: NangoSyncEndpointV2[];
  source?: 'catalog' | 'standalone' | 'repo' | undefined;
  version?: string | null;
  last_deployed?: string | null;
  id?: number;
  input?: string | undefined;
  /** @deprecated */
  sync_type?: 'incremental' | 'full';
  webhookSubscriptions?: string[];
  enabled?: boolean;
  json_schema: Record<string, any> | null;
  upgrade_version?: string;
  sdk_version: string | null;
  models?: NangoModel[] | { name: string; fields: { name: string; type: string }[] }[] | undefined;
  features: 'checkpoints'[];
}

/** An integration's scripts, as `getScriptsConfig()` lists them. */
export interface StandardNangoConfig {
  providerConfigKey: string;
  provider?: string;
  syncs: NangoSyncConfig[];
  actions: NangoSyncConfig[];
  [`on-events`]: NangoSyncConfig[];
}

// Webhook bodies

interface ErrorPayload {
  type: string;
  description: string;
  payload?: Record<string, unknown> | unknown[];
}

interface NangoAuthWebhookBodyBase {
  from: string;
  type: 'auth';
  connectionId: string;
  /** `'unknown'` when the connection's integration could not be resolved (deleted). */
  authMode: AuthModeType | 'unknown';
  providerConfigKey: string;
  provider: string;
  environment: string;
  operation: AuthOperationType;
  tags?: Record<string, string> | undefined;
  /** Only when the connection was made with a connect session. */
  endUser?:
    | {
        endUserId: string;
        organizationId?: string | undefined;
        endUserEmail?: string | undefined | null;
        tags: Record<string, string>;
      }
    | undefined;
}

export interface NangoAuthWebhookBodySuccess extends NangoAuthWebhookBodyBase {
  success: true;
}

export interface NangoAuthWebhookBodyError extends NangoAuthWebhookBodyBase {
  success: false;
  error: ErrorPayload;
}

/** `type: 'auth'`: narrow on `success`. */
export type NangoAuthWebhookBody = NangoAuthWebhookBodySuccess | NangoAuthWebhookBodyError;

type Checkpoint = Record<string, string | number | boolean>;

interface NangoSyncWebhookBodyBase {
  from: string;
  type: 'sync';
  connectionId: string;
  providerConfigKey: string;
  syncName: string;
  syncVariant: string;
  model: string;
  checkpoints?: { from: Checkpoint | null; to: Checkpoint | null } | null | undefined;
  /** @deprecated */
  syncType: 'INCREMENTAL' | 'INITIAL' | 'WEBHOOK';
}

export interface NangoSyncWebhookBodySuccess extends NangoSyncWebhookBodyBase {
  success: true;
  modifiedAfter: string;
  responseResults: SyncResult;
  /** @deprecated use `modifiedAfter` */
  queryTimeStamp: string | null;
}

export interface NangoSyncWebhookBodyError extends NangoSyncWebhookBodyBase {
  success: false;
  error: ErrorPayload & { additional_properties?: Record<string, unknown> | undefined };
  startedAt: string;
  failedAt: string;
}

/** `type: 'sync'`: narrow on `success`. */
export type NangoSyncWebhookBody = NangoSyncWebhookBodySuccess | NangoSyncWebhookBodyError;

/** A sync or auth webhook body, narrowed by `type`, then `success`. */
export type NangoWebhookBody = NangoSyncWebhookBody | NangoAuthWebhookBody;
