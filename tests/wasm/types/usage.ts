// Type-checked with `tsc --strict --noEmit` (never run): every method of the
// package with the argument shapes of the official SDK, and calls that must not
// type-check (each `@ts-expect-error` fails the check if its line compiles).
import { Nango, NangoError } from 'nango-wasm';
import type {
  NangoAuthWebhook,
  NangoWebhookEvent,
  AsyncActionHandle,
  Connection,
  ConnectionSummary,
  Credentials,
  HttpResponse,
  MetadataChangeResponse,
  NangoRecord,
  OAuth1Token,
  SyncStatus,
} from 'nango-wasm';

interface Issue {
  id: string;
  title: string;
}
interface CustomMetadata {
  plan: string;
}

export async function usage(): Promise<void> {
  const nango = new Nango({ apiKey: 'k', host: 'http://localhost:3003', webhookSigningKey: 's' });
  new Nango({ secretKey: 'k' });
  new Nango({ apiKey: 'k', fetch: (url, init) => fetch(url, init), timeoutMs: 5000, retry: { maxAttempts: 2 } });
  new Nango({ apiKey: 'k', retry: false, webhookSigningKey: ['new', 'old'] });
  new Nango({ apiKey: 'k', maxResponseBytes: 1 << 20, maxProxyResponseBytes: null });
  // @ts-expect-error a limit is a number of bytes
  new Nango({ apiKey: 'k', maxResponseBytes: '1MB' });
  // @ts-expect-error both keys
  new Nango({ apiKey: 'a', secretKey: 'b' });
  // @ts-expect-error no key
  new Nango({ host: 'http://localhost:3003' });
  const url: string = nango.serverUrl;
  // A call's own options, after the official arguments
  await nango.getMetadata('github', 'u-1', { timeoutMs: 5000, retry: false });
  await nango.getConnection('github', 'u-1', true, undefined, undefined, { retry: { maxAttempts: 1 } });
  await nango.listConnections({ userId: 'u-1' }, { timeoutMs: null });
  await nango.proxy({ endpoint: '/user' }, { retry: { retryNonIdempotent: true } });
  await nango.triggerActionAsync('github', 'u-1', 'act', {}, { maxRetries: 2, timeoutMs: 1000 });
  // @ts-expect-error a timeout is a number of milliseconds
  await nango.getMetadata('github', 'u-1', { timeoutMs: '5s' });

  // Providers
  const providers = await nango.listProviders({ search: 'git' });
  const providerName: string = providers.data[0]!.name;
  await nango.getProvider({ provider: 'github' });
  await nango.getProviderTemplates({ provider: 'github' });
  // @ts-expect-error the provider is named in an object
  await nango.getProvider('github');

  // Integrations
  const { configs } = await nango.listIntegrations();
  const key: string = configs[0]!.unique_key;
  await nango.getIntegration({ uniqueKey: 'github' }, { include: ['webhook', 'credentials'] });
  await nango.getIntegration('github');
  await nango.createIntegration({ provider: 'slack', unique_key: 'slack' });
  await nango.createQuickstartIntegration({ provider: 'slack' });
  await nango.updateIntegration({ uniqueKey: 'slack' }, { display_name: 'New name' });
  const deleted: HttpResponse<unknown> = await nango.deleteIntegration('slack');
  // @ts-expect-error unique_key is required
  await nango.createIntegration({ provider: 'slack' });
  // @ts-expect-error include takes known values only
  await nango.getIntegration({ uniqueKey: 'github' }, { include: ['everything'] });
  await nango.listFunctions({ uniqueKey: 'github' }, { type: 'action', limit: 10 });
  await nango.getFunction({ uniqueKey: 'github', name: 'echo' }, { type: 'action' });
  const code: string = (await nango.getFunctionCode({ uniqueKey: 'github', name: 'echo' })).data.code;
  await nango.deleteFunction({ uniqueKey: 'github', name: 'echo' }, { type: 'action' });
  // @ts-expect-error the type is required to delete
  await nango.deleteFunction({ uniqueKey: 'github', name: 'echo' });

  // Functions
  await nango.compileFunction('export default 1');
  const dry = await nango.dryrunFunction({ integration_id: 'github', function_type: 'action', code: '', connection_id: 'c' });
  await nango.getFunctionDryrun(dry.id);
  const dep = await nango.deployFunction({ type: 'function', integration_id: 'g', function_name: 'f', function_type: 'sync', code: '' });
  await nango.getFunctionDeployment(dep.id);
  // @ts-expect-error a deployment has a type
  await nango.deployFunction({ integration_id: 'g' });

  // Connections
  const list1 = await nango.listConnections({ connectionId: 'c', integrationId: ['a', 'b'], tags: { end_user_id: 'u' }, limit: 100 });
  const list2 = await nango.listConnections('c', 'search', { endUserId: 'u', limit: 10 });
  const list3 = await nango.listConnections();
  const summary: ConnectionSummary | undefined = list1.connections[0] ?? list2.connections[0] ?? list3.connections[0];
  for await (const c of nango.connectionsIterator({ integrationId: 'github' })) {
    const id: string = c.connection_id;
  }
  // @ts-expect-error limit is a number
  await nango.listConnections({ limit: '100' });
  const conn: Connection = await nango.getConnection('github', 'c', true, true, false);
  const creds: Credentials = conn.credentials;
  const token: string | OAuth1Token | Credentials = await nango.getToken('github', 'c', false, false);
  // @ts-expect-error a token may be an object
  const onlyString: string = await nango.getToken('github', 'c');
  const raw = await nango.getRawTokenResponse<{ access_token: string }>('github', 'c');
  const accessToken: string = raw.access_token;
  const meta = await nango.getMetadata<CustomMetadata>('github', 'c');
  const plan: string = meta.plan;
  const set: HttpResponse<MetadataChangeResponse> = await nango.setMetadata('github', 'c', { a: 1 });
  await nango.setMetadata('github', ['c', 'd'], { a: 1 });
  await nango.updateMetadata('github', ['c', 'd'], { b: 2 });
  // @ts-expect-error metadata is an object
  await nango.setMetadata('github', 'c', 'text');
  await nango.patchConnection({ connectionId: 'c', provider_config_key: 'github' }, { tags: { plan: 'pro' } });
  await nango.deleteConnection('github', 'c');
  await nango.importConnection({ provider_config_key: 'airtable', connection_id: 'c', credentials: { type: 'API_KEY', apiKey: 'x' } });
  await nango.upsertConnection({ provider_config_key: 'airtable', credentials: {} });
  const controller = new AbortController();
  const waited: ConnectionSummary = await nango.waitForConnection('github', 'user-1', { signal: controller.signal });
  // @ts-expect-error the signal is an AbortSignal
  await nango.waitForConnection('github', 'user-1', { signal: true });

  // Connect
  const { data: session } = await nango.createConnectSession({
    tags: { end_user_id: 'u' },
    allowed_integrations: ['github'],
    integrations_config_defaults: { github: { connection_config: { k: 'v' } } },
  });
  const sessionToken: string = session.token;
  await nango.createReconnectSession({ connection_id: 'c', integration_id: 'github' });
  await nango.getConnectSession(sessionToken);
  await nango.deleteConnectSession(sessionToken);
  // @ts-expect-error a reconnect session names its connection
  await nango.createReconnectSession({ integration_id: 'github' });

  // Scripts, environment
  const scripts = await nango.getScriptsConfig();
  const openai = await nango.getScriptsConfig('openai');
  const fnName: string = openai.data[0]!.name;
  const vars = await nango.getEnvironmentVariables();
  const value: string = vars[0]!.value;
  const env = await nango.createEnvironment({ name: 'staging' });
  await nango.createApiKey(env.data.id, 'ci');
  await nango.deleteApiKey(env.data.id, 1);
  await nango.deleteEnvironment(env.data.id);
  const rotated: string = (await nango.rotateWebhookSigningKey()).data.webhook_signing_key;

  // Records
  const records = await nango.listRecords<Issue>({ providerConfigKey: 'github', connectionId: 'c', model: 'Issue', filter: 'added,updated', ids: ['1'] });
  const rec: NangoRecord<Issue> = records.records[0]!;
  const title: string = rec.title;
  const cursor: string = rec._nango_metadata.cursor;
  const next: string | null = records.next_cursor;
  for await (const r of nango.recordsIterator<Issue>({ providerConfigKey: 'github', connectionId: 'c', model: 'Issue' })) {
    const t: string = r.title;
  }
  // @ts-expect-error model is required
  await nango.listRecords({ providerConfigKey: 'github', connectionId: 'c' });
  // @ts-expect-error unknown filter
  await nango.listRecords({ providerConfigKey: 'github', connectionId: 'c', model: 'Issue', filter: 'removed' });
  const pruned = await nango.pruneRecords({ providerConfigKey: 'github', connectionId: 'c', model: 'Issue', untilCursor: cursor });
  const more: boolean = pruned.has_more;

  // Syncs
  await nango.triggerSync('github', ['a', 'b'], 'c');
  await nango.triggerSync('github', ['a'], 'c', { reset: true, emptyCache: true });
  await nango.triggerSync('github', [{ name: 'a', variant: 'v' }, 'b'], 'c', { reset: true });
  await nango.triggerSync('github', ['a'], 'c', 'full_refresh');
  await nango.triggerSync('github', ['a'], 'c', true);
  // @ts-expect-error syncs are an array
  await nango.triggerSync('github', 'a', 'c');
  await nango.startSync('github', ['a'], 'c');
  await nango.pauseSync('github', [{ name: 'a', variant: 'v' }]);
  const status: SyncStatus[] = (await nango.syncStatus('github', '*', 'c')).syncs;
  await nango.syncStatus('github', ['a', { name: 'b', variant: 'v' }]);
  await nango.updateSyncConnectionFrequency('github', 'a', 'c', 'every 2h');
  await nango.updateSyncConnectionFrequency('github', { name: 'a', variant: 'v' }, 'c', null);
  // @ts-expect-error the frequency is a string or null
  await nango.updateSyncConnectionFrequency('github', 'a', 'c', 3600);
  await nango.createSyncVariant({ provider_config_key: 'github', connection_id: 'c', name: 'a', variant: 'v' });
  await nango.deleteSyncVariant({ provider_config_key: 'github', connection_id: 'c', name: 'a', variant: 'v' });

  // Actions
  const out = await nango.triggerAction<{ q: string }, { n: number }>('github', 'c', 'search', { q: 'x' });
  const n: number = out.n;
  const handle: AsyncActionHandle = await nango.triggerActionAsync('github', 'c', 'export', { since: 'x' }, { maxRetries: 3 });
  await nango.getAsyncActionResult<{ done: boolean }>({ id: handle.id });
  await nango.getAsyncActionResult({ statusUrl: handle.statusUrl });
  // @ts-expect-error an id or a statusUrl
  await nango.getAsyncActionResult({ url: 'x' });

  // Proxy
  const config = { endpoint: '/some-endpoint', providerConfigKey: 'github', connectionId: 'c' };
  const got = await nango.get<{ login: string }>(config);
  const login: string = got.data.login;
  const statusCode: number = got.status;
  await nango.post({ ...config, data: { a: 1 }, headers: { 'Content-Type': 'application/json' } });
  await nango.put(config);
  await nango.patch({ ...config, params: { page: 2, q: 'x' } });
  await nango.delete({ ...config, params: 'a=1' });
  await nango.proxy({ ...config, method: 'GET', retries: 3, retryOn: [429], responseType: 'arraybuffer', baseUrlOverride: 'https://x' });
  // @ts-expect-error the endpoint is required
  await nango.get({ providerConfigKey: 'github' });

  // Webhooks
  const valid: boolean = nango.verifyIncomingWebhookRequest('{}', { 'x-nango-hmac-sha256': 'ab' });
  nango.verifyIncomingWebhookRequest(new Uint8Array(), new Headers());
  nango.verifyWebhookSignature('ab', { a: 1 });
  // @ts-expect-error it answers synchronously
  const notAPromise: Promise<boolean> = nango.verifyIncomingWebhookRequest('{}', {});
  const event = nango.parseWebhook('{}', new Headers());
  if (event.type === 'auth') {
    const op: string = event.operation;
    const viaAlias: NangoAuthWebhook = event;
  }
  // Narrowed by `type`, then `success`: no cast
  if (event.type === 'sync' && event.success) {
    const name: string = event.syncName;
    const added: number = event.responseResults.added;
  } else if (event.type === 'sync') {
    const failedAt: string = event.failedAt;
  }
  if (event.type === 'forward') {
    const payload: unknown = event.payload;
  }
  const fromRequest: Promise<NangoWebhookEvent> = nango.verifyWebhookRequest(new Request('http://x'));
  // @ts-expect-error a Request, not its body
  nango.verifyWebhookRequest('{}');

  // Errors
  try {
    await nango.listIntegrations();
  } catch (err) {
    if (err instanceof NangoError) {
      const kind: 'invalid_input' | 'transport' | 'timeout' | 'api' | 'decode' | 'cancelled' | 'webhook' | 'too_large' | 'pagination_loop' =
        err.kind;
      const retryAfter: number | undefined = err.retryAfter;
      const httpStatus: number | undefined = err.response?.status;
      const retryHeader: string | undefined = err.response?.headers['retry-after'];
      const raw: string | undefined = err.unredactedBody();
      // @ts-expect-error the kind is one of nine
      const other: 'network' = err.kind;
    }
  }
  nango.free();
}
