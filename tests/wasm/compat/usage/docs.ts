// Compatibility test (issue 20), usage side: every JS/TS example block of the
// official Node SDK reference (seed 002, the "Node" page) written as strictly
// typed TypeScript, the way a careful user types it against `@nangohq/node`.
//
// - Each example block is one exported async function `docs_<section>_<n>`, so
//   nothing runs at import time (43 functions: the 39 blocks, plus 4 typed
//   variants of a block under the same section title: rate_limits_2,
//   connections_3, records_2, proxy_2; plus the helper handleWebhookBody). The docs' calls are kept as they are (same
//   method, same argument shapes); placeholders such as <INTEGRATION-ID> become
//   string literals or parameters.
// - The only module imported is '@nangohq/node' (the test swaps that name for
//   the package under test).
// - Inventory: 39 example blocks (37 with SDK calls + 2 option fragments of
//   createConnectSession, each made into a call), 54 documented calls: 2
//   `new Nango(...)` and 52 method calls of 37 distinct methods. Every function
//   also exercises the result types the way users do (narrowing, generics,
//   exported type annotations, a few documented optional arguments); those
//   extra uses are not counted as documented calls.
// - Blocks changed because they do not compile as written (even against the
//   official SDK) are marked `CHANGED:` with the reason.

import { Nango } from '@nangohq/node';
import type {
    ApiProvider,
    ApiPublicConnectionFull,
    ApiPublicIntegration,
    AuthModes,
    AuthModeType,
    GetPublicConnection,
    GetPublicConnections,
    GetPublicIntegration,
    GetPublicProvider,
    GetPublicProviders,
    ListRecordsRequestConfig,
    Metadata,
    MetadataChangeResponse,
    NangoAuthWebhookBody,
    NangoRecord,
    NangoSyncWebhookBody,
    NangoWebhookBody,
    OAuth2Credentials,
    PostConnectSessions,
    PostPublicConnectSessionsReconnect,
    ProxyConfiguration,
    RecordMetadata,
    StandardNangoConfig,
    SyncStatus,
    SyncStatusResponse,
    UpdateSyncFrequencyResponse
} from '@nangohq/node';

// ---------------------------------------------------------------------------
// Local types a user declares for their own data (models, metadata, actions).
// ---------------------------------------------------------------------------

/** The model of a sync (the docs import it from '<path-to-nango-integrations>/models'). */
export interface GithubIssue {
    id: string;
    owner: string;
    repo: string;
    issue_number: number;
    title: string;
    author: string;
    state: 'open' | 'closed';
    date_created: string;
    body: string | null;
}

/** A model written as a type alias rather than an interface. */
export type SlackMessage = {
    id: string;
    channel: string;
    text: string;
    ts: string;
};

export interface MyMeta {
    filter: string;
    myProperty?: string;
}

export interface CreateIssueInput {
    owner: string;
    repo: string;
    title: string;
    body?: string;
}

export interface CreateIssueOutput {
    id: number;
    url: string;
}

export interface GitHubUser {
    login: string;
    id: number;
    name: string | null;
}

/** What a thrown HTTP error looks like to user code (status, body, headers). */
type HttpErrorLike = {
    response?: {
        status: number;
        data: unknown;
        headers: Record<string, unknown>;
    };
};

function isHttpError(err: unknown): err is HttpErrorLike {
    return typeof err === 'object' && err !== null && 'response' in err;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ===========================================================================
// Instantiate
// ===========================================================================

// seed 002: Instantiate the backend SDK
// (the function receives a client like all the others; the docs' own client is built inside)
export async function docs_instantiate_1(_nango: Nango): Promise<Nango> {
    const nango = new Nango({ apiKey: '<API-KEY>' });

    // Other documented options (host, webhookSigningKey), and the deprecated alias.
    const selfHosted = new Nango({ apiKey: '<API-KEY>', host: 'http://localhost:3003', webhookSigningKey: '<SIGNING-KEY>' });
    const legacy = new Nango({ secretKey: '<SECRET-KEY>' });
    const host: string = selfHosted.serverUrl;
    void host;
    void legacy;
    return nango;
}

// ===========================================================================
// Rate limits
// ===========================================================================

// seed 002: Rate limits
export async function docs_rate_limits_1(nango: Nango): Promise<ApiPublicIntegration[]> {
    try {
        const res = await nango.listIntegrations();
        return res.configs;
    } catch (err: any) {
        // As in the docs: `err` is typed `any` by the user.
        if (err.response.status === 429) {
            const retryAfter = err.response.headers['retry-after'];
            // wait and retry
            await sleep(Number(retryAfter) * 1000);
            return (await nango.listIntegrations()).configs;
        }
        throw err;
    }
}

// seed 002: Rate limits (same block, with `unknown` in the catch clause as under strict)
export async function docs_rate_limits_2(nango: Nango): Promise<ApiPublicIntegration[]> {
    for (let attempt = 0; ; attempt++) {
        try {
            const res = await nango.listIntegrations();
            return res.configs;
        } catch (err) {
            if (isHttpError(err) && err.response?.status === 429 && attempt < 3) {
                const retryAfter = err.response.headers['retry-after'];
                await sleep(Number(retryAfter ?? 1) * 1000);
                continue;
            }
            if (isHttpError(err)) {
                const status: number | undefined = err.response?.status;
                const data: unknown = err.response?.data;
                console.error('Nango API error', status, data);
            }
            throw err;
        }
    }
}

// ===========================================================================
// Integrations
// ===========================================================================

// seed 002: Integrations / List all integrations
export async function docs_integrations_1(nango: Nango): Promise<string[]> {
    const { configs } = await nango.listIntegrations();
    const first: ApiPublicIntegration | undefined = configs[0];
    if (first) {
        const provider: string = first.provider;
        const logo: string = first.logo;
        const created: string = first.created_at;
        void [provider, logo, created];
    }
    return configs.map((c) => c.unique_key);
}

// seed 002: Integrations / Get an integration
// CHANGED: the deprecated form `nango.getIntegration(<INTEGRATION-ID>)` (a bare string)
// does not compile against the official SDK (its only signature takes `{ uniqueKey }`);
// written with the object form.
export async function docs_integrations_2(nango: Nango, uniqueKey: string): Promise<GetPublicIntegration['Success']> {
    const res = await nango.getIntegration({ uniqueKey: uniqueKey });

    // Deprecated
    await nango.getIntegration({ uniqueKey: '<INTEGRATION-ID>' });

    // Documented `include` parameter.
    const withCreds = await nango.getIntegration({ uniqueKey }, { include: ['webhook', 'credentials'] });
    const webhookUrl: string | null | undefined = withCreds.data.webhook_url;
    void webhookUrl;

    const name: string | null = res.data.display_name;
    const forward: boolean = res.data.forward_webhooks;
    void [name, forward];
    return res;
}

// seed 002: Integrations / Create an integration
export async function docs_integrations_3(nango: Nango): Promise<string> {
    const { data } = await nango.createIntegration({ provider: '<PROVIDER-ID>', unique_key: '<UNIQUE_KEY>' });
    return data.unique_key;
}

// seed 002: Integrations / Update an integration
export async function docs_integrations_4(nango: Nango): Promise<ApiPublicIntegration> {
    const res = await nango.updateIntegration({ uniqueKey: '<UNIQUE_KEY>' }, { display_name: 'New name' });
    return res.data;
}

// seed 002: Integrations / Delete an integration
export async function docs_integrations_5(nango: Nango, uniqueKey: string): Promise<void> {
    await nango.deleteIntegration(uniqueKey);
}

// ===========================================================================
// Connect sessions
// ===========================================================================

// seed 002: Connect / Create a connect session
export async function docs_connect_1(nango: Nango, endUserId: string): Promise<{ token: string; link: string; expiresAt: Date }> {
    const { data } = await nango.createConnectSession({
        // Recommended: copied onto the connection and included in auth webhooks.
        tags: {
            end_user_id: endUserId,
            end_user_email: '<END-USER-EMAIL>',
            organization_id: '<ORGANIZATION-ID>'
        },

        allowed_integrations: ['<INTEGRATION-ID-1>', '<INTEGRATION-ID-2>'],
        integrations_config_defaults: {
            '<INTEGRATION-ID-1>': {
                connection_config: {
                    '<CONFIG-KEY>': '<VALUE>'
                }
            }
        }
    });
    return { token: data.token, link: data.connect_link, expiresAt: new Date(data.expires_at) };
}

// seed 002: Connect / Create a connect session (integrations_config_defaults: end-user OAuth client)
export async function docs_connect_2(nango: Nango): Promise<PostConnectSessions['Success']> {
    const body: PostConnectSessions['Body'] = {
        tags: { end_user_id: '<END-USER-ID>' },
        integrations_config_defaults: {
            google: {
                connection_config: {
                    oauth_client_id_override: '',
                    oauth_client_secret_override: ''
                }
            }
        }
    };
    return nango.createConnectSession(body);
}

// seed 002: Connect / Create a connect session (overrides)
export async function docs_connect_3(nango: Nango): Promise<string> {
    const res = await nango.createConnectSession({
        tags: { end_user_id: '<END-USER-ID>' },
        overrides: {
            '<INTEGRATION-ID>': {
                docs_connect: 'https://your-docs.com/how-to-connect'
            }
        }
    });
    return res.data.token;
}

// seed 002: Connect / Create a reconnect session
export async function docs_connect_4(nango: Nango): Promise<PostPublicConnectSessionsReconnect['Success']['data']> {
    const { data } = await nango.createReconnectSession({
        // Required
        connection_id: '<CONNECTION-ID>',
        integration_id: '<INTEGRATION-ID>',

        // Optional
        tags: {
            end_user_id: '<END-USER-ID>',
            end_user_email: '<END-USER-EMAIL>',
            organization_id: '<ORGANIZATION-ID>'
        },
        integrations_config_defaults: {
            '<INTEGRATION-ID-1>': {
                connection_config: {
                    '<CONFIG-KEY>': '<VALUE>'
                }
            }
        }
    });
    return data;
}

// ===========================================================================
// Connections
// ===========================================================================

// seed 002: Connections / List connections
export async function docs_connections_1(nango: Nango): Promise<GetPublicConnections['Success']> {
    const res = await nango.listConnections({
        connectionId: 'connection-id',
        integrationId: 'integration-456',
        limit: 100,
        tags: { end_user_id: 'user-123' }
    });
    for (const c of res.connections) {
        const id: number = c.id;
        const connectionId: string = c.connection_id;
        const key: string = c.provider_config_key;
        const created: string = c.created;
        const meta: Record<string, unknown> | null = c.metadata;
        const tags: Record<string, string> = c.tags;
        const authErrors = c.errors.filter((e) => e.type === 'auth').map((e) => e.log_id);
        void [id, connectionId, key, created, meta, tags, authErrors];
    }
    return res;
}

// seed 002: Connections / Get a connection (with credentials)
export async function docs_connections_2(nango: Nango, integrationId: string, connectionId: string): Promise<string | null> {
    const connection: GetPublicConnection['Success'] = await nango.getConnection(integrationId, connectionId);
    const full: ApiPublicConnectionFull = connection;

    const config: Record<string, unknown> = full.connection_config;
    const metadata: Record<string, unknown> | null = full.metadata;
    const updatedAt: string = full.updated_at;
    void [config, metadata, updatedAt];

    const creds = connection.credentials;
    if (creds.type === 'OAUTH2') {
        const accessToken: string = creds.access_token;
        const refreshToken: string | undefined = creds.refresh_token;
        const expiresAt: string | undefined = creds.expires_at;
        const raw: Record<string, any> = creds.raw;
        void [refreshToken, expiresAt, raw];
        return accessToken;
    }
    if (creds.type === 'API_KEY') {
        return creds.apiKey;
    }
    if (creds.type === 'BASIC') {
        return `${creds.username}:${creds.password}`;
    }
    if (creds.type === 'OAUTH2_CC') {
        return creds.token;
    }
    if (creds.type === 'APP') {
        return creds.access_token;
    }
    return null;
}

// seed 002: Connections / Get a connection (with credentials): optional flags and the
// credentials typed with the exported credentials types.
export async function docs_connections_3(nango: Nango): Promise<string> {
    // forceRefresh, refreshToken
    const c = await nango.getConnection('<INTEGRATION-ID>', '<CONNECTION-ID>', true, true);
    const oauth2: AuthModes['OAuth2'] = 'OAUTH2';
    const mode: AuthModeType = c.credentials.type === oauth2 ? 'OAUTH2' : 'API_KEY';
    void mode;
    if (c.credentials.type === 'OAUTH2') {
        const creds: Omit<OAuth2Credentials, 'expires_at'> = c.credentials;
        return creds.access_token;
    }
    throw new Error(`unexpected credentials for ${c.connection_id}`);
}

// seed 002: Connections / Patch a connection
export async function docs_connections_4(nango: Nango, body: Parameters<Nango['patchConnection']>[1]): Promise<boolean> {
    const res = await nango.patchConnection(
        {
            connectionId: '<CONNECTION-ID>',
            provider_config_key: '<INTEGRATION-ID>'
        },
        { ...body }
    );
    await nango.patchConnection({ connectionId: '<CONNECTION-ID>', provider_config_key: '<INTEGRATION-ID>' }, { tags: { end_user_id: 'user-123' } });
    return res.success;
}

// seed 002: Connections / Get connection metadata
export async function docs_metadata_1(nango: Nango): Promise<Metadata> {
    const metadata = await nango.getMetadata('<INTEGRATION-ID>', 'CONNECTION-ID');
    const m: Record<string, unknown> = metadata;
    return m;
}

// seed 002: Connections / Get connection metadata (typed)
export async function docs_metadata_2(nango: Nango): Promise<string> {
    interface CustomMetadata {
        anyKey: Record<string, string>;
    }
    const myTypedMetadata = await nango.getMetadata<CustomMetadata>('<INTEGRATION-ID>', '<CONNECTION-ID>');
    const v: string | undefined = myTypedMetadata.anyKey['k'];

    const mine = await nango.getMetadata<MyMeta>('<INTEGRATION-ID>', '<CONNECTION-ID>');
    const filter: string = mine.filter;
    return v ?? filter;
}

// seed 002: Connections / Set connection metadata
// CHANGED: the block's comment line `# set an array of connection ids` is not JS; written as `//`.
export async function docs_metadata_3(nango: Nango): Promise<MetadataChangeResponse> {
    await nango.setMetadata('<INTEGRATION-ID>', 'CONNECTION-ID', { CUSTOM_KEY1: 'CUSTOM_VALUE1' });

    // set an array of connection ids
    const res = await nango.setMetadata('<INTEGRATION-ID>', ['CONNECTION-ID', 'CONNECTION-ID-TWO'], { CUSTOM_KEY1: 'CUSTOM_VALUE1' });
    const ids: string | string[] = res.data.connection_id;
    void ids;
    return res.data;
}

// seed 002: Connections / Edit connection metadata
// CHANGED: same `#` comment line as above, written as `//`.
export async function docs_metadata_4(nango: Nango, meta: MyMeta): Promise<number> {
    const res = await nango.updateMetadata('<INTEGRATION-ID>', 'CONNECTION-ID', { CUSTOM_KEY1: 'CUSTOM_VALUE1' });

    // update an array of connection ids
    await nango.updateMetadata('<INTEGRATION-ID>', ['CONNECTION-ID', 'CONNECTION-ID-TWO'], { CUSTOM_KEY1: 'CUSTOM_VALUE1' });

    // A user's own metadata type, spread into the Record the SDK takes.
    await nango.updateMetadata('<INTEGRATION-ID>', 'CONNECTION-ID', { ...meta });
    return res.status;
}

// seed 002: Connections / Delete a connection
export async function docs_connections_5(nango: Nango): Promise<void> {
    await nango.deleteConnection('<INTEGRATION-ID>', 'CONNECTION-ID');
}

// seed 002: Connections / Wait for connection
export async function docs_connections_6(nango: Nango, signal: AbortSignal): Promise<string> {
    const connection = await nango.waitForConnection('<INTEGRATION-ID>', '<END-USER-ID>');
    const again = await nango.waitForConnection('<INTEGRATION-ID>', '<END-USER-ID>', { signal });
    const tags: Record<string, string> = again.tags;
    void tags;
    return connection.connection_id;
}

// ===========================================================================
// Integration functions
// ===========================================================================

// seed 002: Integration functions / Get integration functions config
export async function docs_functions_1(nango: Nango): Promise<string[]> {
    const scriptsConfig = await nango.getScriptsConfig();
    if (!Array.isArray(scriptsConfig)) {
        return [];
    }
    const configs: StandardNangoConfig[] = scriptsConfig;
    return configs.flatMap((c) => [...c.syncs.map((s) => s.name), ...c.actions.map((a) => a.name)]);
}

// seed 002: Integration functions / Get integration functions config (OpenAI format)
export async function docs_functions_2(nango: Nango): Promise<string[]> {
    const scriptsConfig = await nango.getScriptsConfig('openai');
    if ('data' in scriptsConfig) {
        return scriptsConfig.data.map((f) => `${f.name}: ${f.description} (${f.parameters.required.join(',')})`);
    }
    return [];
}

// ===========================================================================
// Syncs
// ===========================================================================

// seed 002: Syncs / Get records
// CHANGED: `import type { ModelName } from '<path-to-nango-integrations>/models'` is a
// placeholder path; the model type is declared locally (GithubIssue) instead.
export async function docs_records_1(nango: Nango): Promise<NangoRecord<GithubIssue>[]> {
    const records = await nango.listRecords<GithubIssue>({
        providerConfigKey: '<INTEGRATION-ID>',
        connectionId: '<CONNECTION-ID>',
        model: '<MODEL-NAME>'
    });
    for (const r of records.records) {
        const title: string = r.title;
        const num: number = r.issue_number;
        const meta: RecordMetadata = r._nango_metadata;
        const deletedAt: string | null = r._nango_metadata.deleted_at;
        const action: 'ADDED' | 'UPDATED' | 'DELETED' | 'added' | 'updated' | 'deleted' = meta.last_action;
        void [title, num, deletedAt, action];
    }
    const next: string | null = records.next_cursor;
    void next;
    return records.records;
}

// seed 002: Syncs / Get records (documented parameters, pagination with the cursor)
export async function docs_records_2(nango: Nango, since: Date): Promise<NangoRecord<SlackMessage>[]> {
    const all: NangoRecord<SlackMessage>[] = [];
    const config: ListRecordsRequestConfig = {
        providerConfigKey: '<INTEGRATION-ID>',
        connectionId: '<CONNECTION-ID>',
        model: 'SlackMessage',
        variant: 'VARIANT_A',
        limit: 100,
        filter: 'added,updated',
        modifiedAfter: since.toISOString(),
        ids: ['1', '2']
    };
    let cursor: string | null = null;
    do {
        const page: { records: NangoRecord<SlackMessage>[]; next_cursor: string | null } = await nango.listRecords<SlackMessage>({ ...config, cursor });
        all.push(...page.records);
        cursor = page.next_cursor;
    } while (cursor);

    const lastCursor: string | undefined = all.at(-1)?._nango_metadata.cursor;
    void lastCursor;
    await nango.listRecords({ providerConfigKey: '<INTEGRATION-ID>', connectionId: '<CONNECTION-ID>', model: 'Any', filter: 'deleted' });
    return all;
}

// seed 002: Syncs / Prune records
export async function docs_records_3(nango: Nango): Promise<boolean> {
    const result = await nango.pruneRecords({
        providerConfigKey: '<INTEGRATION-ID>',
        connectionId: '<CONNECTION-ID>',
        model: '<MODEL-NAME>',
        untilCursor: '<CURSOR>'
    });

    console.log(`Pruned ${result.count} records. More records available: ${result.has_more}`);
    return result.has_more;
}

// seed 002: Syncs / Trigger sync(s)
export async function docs_syncs_1(nango: Nango): Promise<void> {
    // Simple usage - trigger sync preserving checkpoint
    await nango.triggerSync('<INTEGRATION-ID>', ['SYNC_NAME1', 'SYNC_NAME2'], '<CONNECTION_ID>');

    // Reset checkpoint and start fresh
    await nango.triggerSync('<INTEGRATION-ID>', ['SYNC_NAME1'], '<CONNECTION_ID>', { reset: true });

    // Reset checkpoint and clear all cached records
    await nango.triggerSync('<INTEGRATION-ID>', ['SYNC_NAME1'], '<CONNECTION_ID>', { reset: true, emptyCache: true });

    // Using variants
    await nango.triggerSync(
        '<INTEGRATION-ID>',
        [
            { name: 'SYNC_NAME1', variant: 'VARIANT_A' },
            'SYNC_NAME2' // Uses default base variant
        ],
        '<CONNECTION_ID>',
        { reset: true }
    );
}

// seed 002: Syncs / Start schedule for sync(s)
export async function docs_syncs_2(nango: Nango): Promise<void> {
    // Simple usage with sync names
    await nango.startSync('<INTEGRATION-ID>', ['SYNC_NAME1', 'SYNC_NAME2'], '<CONNECTION_ID>');

    // Using variants
    await nango.startSync(
        '<INTEGRATION-ID>',
        [
            { name: 'SYNC_NAME1', variant: 'VARIANT_A' },
            'SYNC_NAME2' // Uses default base variant
        ],
        '<CONNECTION_ID>'
    );
}

// seed 002: Syncs / Pause schedule for sync(s)
export async function docs_syncs_3(nango: Nango): Promise<void> {
    // Simple usage with sync names
    await nango.pauseSync('<INTEGRATION-ID>', ['SYNC_NAME1', 'SYNC_NAME2'], '<CONNECTION_ID>');

    // Using variants
    await nango.pauseSync(
        '<INTEGRATION-ID>',
        [
            { name: 'SYNC_NAME1', variant: 'VARIANT_A' },
            'SYNC_NAME2' // Uses default base variant
        ],
        '<CONNECTION_ID>'
    );
}

// seed 002: Syncs / Sync status
export async function docs_syncs_4(nango: Nango): Promise<SyncStatusResponse> {
    // Simple usage with sync names
    await nango.syncStatus('<INTEGRATION-ID>', ['SYNC_NAME1', 'SYNC_NAME2'], '<CONNECTION_ID>');

    // Using variants
    await nango.syncStatus(
        '<INTEGRATION-ID>',
        [
            { name: 'SYNC_NAME1', variant: 'VARIANT_A' },
            'SYNC_NAME2' // Uses default base variant
        ],
        '<CONNECTION_ID>'
    );

    // Get all syncs
    const status: SyncStatusResponse = await nango.syncStatus('<INTEGRATION-ID>', '*', '<CONNECTION_ID>');
    for (const s of status.syncs) {
        const sync: SyncStatus = s;
        const running: boolean = sync.status === 'RUNNING';
        const finishedAt: string | null | undefined = sync.finishedAt; // null until a run finishes
        const counts: Record<string, number> = sync.recordCount;
        const added: number | undefined = sync.latestResult['GithubIssue']?.added;
        void [running, finishedAt, counts, added, sync.nextScheduledSyncAt, sync.frequency, sync.checkpoint];
    }
    return status;
}

// seed 002: Syncs / Override sync connection frequency
export async function docs_syncs_5(nango: Nango): Promise<string> {
    // For base variant
    await nango.updateSyncConnectionFrequency('<INTEGRATION-ID>', 'SYNC_NAME', '<CONNECTION_ID>', '<FREQUENCY>');

    // For a specific variant
    const res: UpdateSyncFrequencyResponse = await nango.updateSyncConnectionFrequency(
        '<INTEGRATION-ID>',
        { name: 'SYNC_NAME', variant: 'VARIANT_NAME' },
        '<CONNECTION_ID>',
        '<FREQUENCY>'
    );
    // Revert to the default frequency (documented `null`).
    await nango.updateSyncConnectionFrequency('<INTEGRATION-ID>', 'SYNC_NAME', '<CONNECTION_ID>', null);
    return res.frequency;
}

// seed 002: Syncs / Create sync variant
export async function docs_syncs_6(nango: Nango): Promise<string> {
    const variant = await nango.createSyncVariant({
        provider_config_key: '<INTEGRATION-ID>',
        connection_id: '<CONNECTION_ID>',
        name: 'SYNC_NAME',
        variant: 'VARIANT_NAME'
    });
    return `${variant.id} ${variant.name} ${variant.variant}`;
}

// seed 002: Syncs / Delete sync variant
export async function docs_syncs_7(nango: Nango): Promise<boolean> {
    const res = await nango.deleteSyncVariant({
        provider_config_key: '<INTEGRATION-ID>',
        connection_id: '<CONNECTION_ID>',
        name: 'SYNC_NAME',
        variant: 'VARIANT_NAME'
    });
    return res.success;
}

// seed 002: Syncs / Get environment variables
export async function docs_syncs_8(nango: Nango): Promise<Record<string, string>> {
    const vars = await nango.getEnvironmentVariables();
    return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}

// ===========================================================================
// Actions
// ===========================================================================

// seed 002: Actions / Trigger an action
export async function docs_actions_1(nango: Nango, input: CreateIssueInput): Promise<string> {
    const untyped = await nango.triggerAction('<INTEGRATION-ID>', '<CONNECTION_ID>', '<ACTION-NAME>', { custom_key1: 'custom_value1' });
    const o: object = untyped;
    void o;

    const out = await nango.triggerAction<CreateIssueInput, CreateIssueOutput>('<INTEGRATION-ID>', '<CONNECTION_ID>', 'create-issue', input);
    const id: number = out.id;
    void id;
    return out.url;
}

// seed 002: Actions / Trigger an action asynchronously
export async function docs_actions_2(nango: Nango): Promise<{ id: string; statusUrl: string }> {
    const { id, statusUrl } = await nango.triggerActionAsync('<INTEGRATION-ID>', '<CONNECTION_ID>', '<ACTION-NAME>', { custom_key1: 'custom_value1' });
    await nango.triggerActionAsync<CreateIssueInput>('<INTEGRATION-ID>', '<CONNECTION_ID>', 'create-issue', { owner: 'o', repo: 'r', title: 't' });
    return { id, statusUrl };
}

// seed 002: Actions / Get async action result
// CHANGED: the block declares `const result` twice in one scope (a redeclaration error);
// the second one is named `result2`.
export async function docs_actions_3(nango: Nango): Promise<CreateIssueOutput> {
    // Using the id
    const result = await nango.getAsyncActionResult({ id: 'action_123456' });

    // OR using the statusUrl
    const result2 = await nango.getAsyncActionResult<CreateIssueOutput>({ statusUrl: '/action/action_123456' });
    const u: unknown = result;
    void u;
    return result2;
}

// ===========================================================================
// Proxy
// ===========================================================================

// seed 002: Proxy
export async function docs_proxy_1(nango: Nango): Promise<void> {
    const config = {
        endpoint: '/some-endpoint',
        providerConfigKey: '<INTEGRATION-ID>',
        connectionId: '<CONNECTION-ID>'
    };

    await nango.get(config); // GET request
    await nango.post(config); // POST request
    await nango.put(config); // PUT request
    await nango.patch(config); // PATCH request
    await nango.delete(config); // DELETE request
}

// seed 002: Proxy (typed: generics, ProxyConfiguration, documented options, response fields)
export async function docs_proxy_2(nango: Nango, connectionId: string): Promise<GitHubUser> {
    const config: ProxyConfiguration = {
        endpoint: '/user',
        providerConfigKey: 'github',
        connectionId,
        headers: { Accept: 'application/vnd.github+json' },
        params: { per_page: 100, state: 'open' },
        retries: 3,
        retryOn: [409],
        baseUrlOverride: 'https://api.github.com',
        decompress: false,
        responseType: 'json'
    };
    const res = await nango.proxy<GitHubUser>({ ...config, method: 'GET' });
    const status: number = res.status;
    const login: string = res.data.login;
    const remaining = res.headers['x-ratelimit-remaining'];
    void [status, login, remaining];

    const me = await nango.get<GitHubUser>(config);
    const created = await nango.post<{ id: number; html_url: string }>({
        ...config,
        endpoint: '/repos/o/r/issues',
        data: { title: 'Bug', labels: ['bug'] }
    });
    const htmlUrl: string = created.data.html_url;
    await nango.put<void>({ ...config, endpoint: '/user/starred/o/r' });
    await nango.patch<GitHubUser>({ ...config, endpoint: '/user', data: { name: 'New' } });
    await nango.delete({ ...config, endpoint: '/user/starred/o/r' });
    void htmlUrl;

    try {
        await nango.get<GitHubUser>({ ...config, endpoint: '/missing' });
    } catch (err: any) {
        const st: number | undefined = err.response?.status;
        const body: unknown = err.response?.data;
        if (st === 404) {
            console.warn('not found', body);
        }
    }
    return me.data;
}

// ===========================================================================
// Providers
// ===========================================================================

// seed 002: Providers / List all providers
// CHANGED: `nango.listProviders()` without an argument does not compile against the
// official SDK (its `queries` parameter is required); called with `{}`.
export async function docs_providers_1(nango: Nango): Promise<ApiProvider[]> {
    const res: GetPublicProviders['Success'] = await nango.listProviders({});
    await nango.listProviders({ search: 'git' });
    return res.data;
}

// seed 002: Providers / Get a provider
export async function docs_providers_2(nango: Nango, name: string): Promise<string> {
    const res: GetPublicProvider['Success'] = await nango.getProvider({ provider: name });
    const provider: ApiProvider = res.data;
    return `${provider.name} ${provider.auth_mode} ${provider.docs}`;
}

// ===========================================================================
// Webhooks from Nango
// ===========================================================================

// seed 002: Webhooks from Nango / Verify Webhook Signature
// CHANGED: the handler's `req`/`res` have no types (implicit any under --strict); they get
// minimal local types, and the raw body is passed as a string as the SDK requires.
export async function docs_webhooks_1(_nango: Nango): Promise<(req: { body: string; headers: Record<string, string | string[] | undefined> }, res: { sendStatus(code: number): void }) => Promise<void>> {
    const nango = new Nango({
        apiKey: '<API-KEY>',
        webhookSigningKey: '<WEBHOOK-SIGNING-KEY>'
    });

    return async (req, res) => {
        const isValid = nango.verifyIncomingWebhookRequest(req.body, req.headers);
        if (!isValid) {
            res.sendStatus(401);
            return;
        }
        const body = JSON.parse(req.body) as NangoWebhookBody;
        await handleWebhookBody(nango, body);
        res.sendStatus(200);
    };
}

/** Narrowing of a webhook body by `type` then `success`, as users do after verification. */
export async function handleWebhookBody(nango: Nango, body: NangoWebhookBody): Promise<void> {
    if (body.type === 'auth') {
        const auth: NangoAuthWebhookBody = body;
        if (auth.success) {
            const op: 'creation' | 'override' | 'refresh' | 'deletion' | 'unknown' = auth.operation;
            const endUserId: string | undefined = auth.tags?.['end_user_id'] ?? auth.endUser?.endUserId;
            if (op === 'creation') {
                const connection = await nango.getConnection(auth.providerConfigKey, auth.connectionId);
                void connection.credentials.type;
            }
            void endUserId;
        } else {
            console.error(auth.error.type, auth.error.description);
        }
        return;
    }
    const sync: NangoSyncWebhookBody = body;
    if (sync.success) {
        const { added, updated, deleted } = sync.responseResults;
        const records = await nango.listRecords<GithubIssue>({
            providerConfigKey: sync.providerConfigKey,
            connectionId: sync.connectionId,
            model: sync.model,
            modifiedAfter: sync.modifiedAfter
        });
        void [added, updated, deleted, records.records.length];
    } else {
        console.error(sync.syncName, sync.error.type, sync.failedAt);
    }
}
