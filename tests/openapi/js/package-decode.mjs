// The answers of tests/models.rs through the package's answer handling: each case
// (`{ op, name, status, body, keep }`: an operation and its SDK method, a documented answer, and
// the unknown enum value it holds that must survive, or null: tests/models.rs decides, and
// leaves out the methods that return one part of the answer, a token or metadata) is
// served by a loopback HTTP server while the package's method for that operation is
// called; the call must resolve, with `keep` still in what it resolves to.
//
// Usage: node package-decode.mjs cases.json (pkg/ built). Prints one JSON line:
// `{ checked, failures: [{ op, name, error }] }`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Nango } from '../../../pkg/node.js';


/** Each operation's call with arguments the package accepts (the answer is what is checked). */
const calls = {
  list_providers: (n) => n.listProviders({}),
  get_provider: (n) => n.getProvider({ provider: 'p' }),
  get_provider_templates: (n) => n.getProviderTemplates({ provider: 'p' }),
  list_integrations: (n) => n.listIntegrations(),
  create_integration: (n) => n.createIntegration({ provider: 'p', unique_key: 'k' }),
  create_quickstart_integration: (n) => n.createQuickstartIntegration({ provider: 'p', unique_key: 'k' }),
  get_integration: (n) => n.getIntegration({ uniqueKey: 'k' }),
  update_integration: (n) => n.updateIntegration({ uniqueKey: 'k' }, { display_name: 'x' }),
  delete_integration: (n) => n.deleteIntegration('k'),
  list_functions: (n) => n.listFunctions({ uniqueKey: 'k' }),
  get_function: (n) => n.getFunction({ uniqueKey: 'k', name: 'f' }),
  delete_function: (n) => n.deleteFunction({ uniqueKey: 'k', name: 'f' }, { type: 'sync' }),
  get_function_code: (n) => n.getFunctionCode({ uniqueKey: 'k', name: 'f' }),
  list_connections: (n) => n.listConnections({}),
  import_connection: (n) =>
    n.importConnection({ provider_config_key: 'p', connection_id: 'c', credentials: { type: 'API_KEY', apiKey: 'x' } }),
  get_connection: (n) => n.getConnection('p', 'c'),
  get_token: (n) => n.getToken('p', 'c'),
  get_raw_token_response: (n) => n.getRawTokenResponse('p', 'c'),
  get_metadata: (n) => n.getMetadata('p', 'c'),
  patch_connection: (n) => n.patchConnection({ connectionId: 'c', provider_config_key: 'p' }, { tags: { a: 'b' } }),
  delete_connection: (n) => n.deleteConnection('p', 'c'),
  set_metadata: (n) => n.setMetadata('p', 'c', { a: 1 }),
  update_metadata: (n) => n.updateMetadata('p', 'c', { a: 1 }),
  create_session: (n) => n.createConnectSession({ tags: { end_user_id: 'u' } }),
  create_reconnect: (n) => n.createReconnectSession({ connection_id: 'c', integration_id: 'p' }),
  get_session: (n) => n.getConnectSession('t'),
  delete_session: (n) => n.deleteConnectSession('t'),
  get_scripts_config: (n) => n.getScriptsConfig(),
  get_scripts_config_openai: (n) => n.getScriptsConfig('openai'),
  get_environment_variables: (n) => n.getEnvironmentVariables(),
  create_environment: (n) => n.createEnvironment({ name: 'e' }),
  delete_environment: (n) => n.deleteEnvironment(1),
  create_api_key: (n) => n.createApiKey(1, 'k'),
  delete_api_key: (n) => n.deleteApiKey(1, 2),
  rotate_webhook_signing_key: (n) => n.rotateWebhookSigningKey(),
  compile_function: (n) => n.compileFunction('export default 1'),
  create_function_dryrun: (n) =>
    n.dryrunFunction({ integration_id: 'k', function_type: 'action', code: 'x', connection_id: 'c' }),
  get_function_dryrun: (n) => n.getFunctionDryrun('i'),
  create_function_deployment: (n) =>
    n.deployFunction({ type: 'function', integration_id: 'k', function_name: 'f', function_type: 'action', code: 'x' }),
  get_function_deployment: (n) => n.getFunctionDeployment('i'),
  list_records: (n) => n.listRecords({ providerConfigKey: 'p', connectionId: 'c', model: 'm' }),
  prune_records: (n) => n.pruneRecords({ providerConfigKey: 'p', connectionId: 'c', model: 'm', untilCursor: 'x' }),
  trigger_sync: (n) => n.triggerSync('p', ['s'], 'c'),
  start_sync: (n) => n.startSync('p', ['s'], 'c'),
  pause_sync: (n) => n.pauseSync('p', ['s'], 'c'),
  sync_status: (n) => n.syncStatus('p', '*', 'c'),
  update_sync_frequency: (n) => n.updateSyncConnectionFrequency('p', 's', 'c', 'every day'),
  create_sync_variant: (n) => n.createSyncVariant({ provider_config_key: 'p', connection_id: 'c', name: 's', variant: 'v' }),
  delete_sync_variant: (n) => n.deleteSyncVariant({ provider_config_key: 'p', connection_id: 'c', name: 's', variant: 'v' }),
  trigger_action: (n) => n.triggerAction('p', 'c', 'a', {}),
  trigger_action_async: (n) => n.triggerActionAsync('p', 'c', 'a', {}),
  get_action_result: (n) => n.getAsyncActionResult({ id: 'a' }),
  proxy: (n) => n.proxy({ method: 'PATCH', endpoint: '/x', providerConfigKey: 'p', connectionId: 'c' }),
};

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let current;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = current.body === null ? '' : JSON.stringify(current.body);
    res.writeHead(current.status, { 'content-type': 'application/json' });
    res.end(body);
  });
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const nango = new Nango({ apiKey: 'k', host: `http://127.0.0.1:${server.address().port}`, retry: false });

const failures = [];
let checked = 0;
for (const c of cases) {
  const call = calls[c.name];
  if (!call) {
    failures.push({ op: c.op, name: c.name, error: 'no call for this operation in package-decode.mjs' });
    continue;
  }
  current = c;
  checked += 1;
  try {
    const out = await call(nango);
    if (typeof c.keep === 'string' && !JSON.stringify(out ?? null).includes(c.keep)) {
      failures.push({ op: c.op, name: c.name, error: 'an unknown enum value is not kept' });
    }
  } catch (e) {
    failures.push({ op: c.op, name: c.name, error: `${e.kind ?? e.name}: ${e.message}` });
  }
}
server.close();
console.log(JSON.stringify({ checked, failures }));
