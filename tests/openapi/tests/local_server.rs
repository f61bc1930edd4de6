//! The local server: every implemented operation is driven over real HTTP on
//! loopback (requests built by the core, sent with reqwest so that every answer is
//! seen raw), and each answer is validated against the document: the status must be
//! one the operation documents, a success body must fit the response schema of its
//! status, and a refusal (4xx) the document's error response for that status. The
//! embedded default server must never teach users a shape Nango does not send.

use std::collections::BTreeSet;

use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::models::actions::ActionRef;
use nango_core::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango_core::models::connections::{ConnectionPatch, UpsertConnection};
use nango_core::models::environments::NewEnvironment;
use nango_core::models::functions::{DeployCode, FunctionType, NewDryrun};
use nango_core::models::integrations::{
    IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use nango_core::ops::actions::{GetActionResult, TriggerAction, TriggerActionAsync};
use nango_core::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use nango_core::ops::connections::{
    DeleteConnection, GetConnection, ImportConnection, ListConnections, MetadataMode,
    PatchConnection, SetMetadata,
};
use nango_core::ops::environments::{
    CreateApiKey, CreateEnvironment, DeleteApiKey, DeleteEnvironment, RotateWebhookSigningKey,
};
use nango_core::ops::functions::{
    CompileFunction, CreateFunctionDeployment, CreateFunctionDryrun, GetFunctionDeployment,
    GetFunctionDryrun,
};
use nango_core::ops::integrations::{
    CreateIntegration, CreateQuickstartIntegration, DeleteFunction, DeleteIntegration, GetFunction,
    GetFunctionCode, GetIntegration, ListFunctions, ListIntegrations, UpdateIntegration,
};
use nango_core::ops::providers::{GetProvider, GetProviderTemplates, ListProviders};
use nango_core::ops::proxy::Proxy;
use nango_core::ops::records::{ListRecords, PruneRecords};
use nango_core::ops::scripts::{GetEnvironmentVariables, GetScriptsConfig, GetScriptsConfigOpenAi};
use nango_core::ops::syncs::{
    CreateSyncVariant, DeleteSyncVariant, GetSyncStatus, PauseSync, StartSync, TriggerSync,
    UpdateSyncFrequency,
};
use nango_core::request::ApiRequest;
use nango_local_server::{LocalServer, Seed, ServerConfig};
use nango_openapi_tests::{implemented_operations, Doc, Findings, OpKey};
use serde_json::{json, Value};

/// What the server holds before the first call: integrations of an OAuth 2, an API-key
/// and an OAuth 1 provider, a connection of each, and records.
const SEED: &str = r#"{
  "integrations": [
    {"unique_key": "github", "provider": "github"},
    {"unique_key": "airtable", "provider": "airtable-pat"},
    {"unique_key": "twitter", "provider": "twitter"}
  ],
  "connections": [
    {"provider_config_key": "github", "connection_id": "demo-github",
     "credentials": {"type": "OAUTH2", "access_token": "gho_x", "refresh_token": "ghr_x",
                     "expires_at": "2099-01-01T00:00:00.000Z",
                     "raw": {"access_token": "gho_x", "token_type": "bearer"}},
     "metadata": {"plan": "free"}, "tags": {"end_user_id": "u1"}},
    {"provider_config_key": "github", "connection_id": "to-delete",
     "credentials": {"type": "OAUTH2", "access_token": "gho_d", "expires_at": "2099-01-01T00:00:00.000Z"}},
    {"provider_config_key": "airtable", "connection_id": "demo-airtable",
     "credentials": {"type": "API_KEY", "apiKey": "pat-x"}},
    {"provider_config_key": "twitter", "connection_id": "demo-twitter",
     "credentials": {"type": "OAUTH1", "oauth_token": "t", "oauth_token_secret": "s"}}
  ],
  "records": [
    {"provider_config_key": "github", "connection_id": "demo-github", "model": "Item",
     "records": [{"id": "i1", "t": "a"}, {"id": "i2", "t": "b"}, {"id": "i3", "t": "c"}]}
  ],
  "environment_variables": [{"name": "VAR", "value": "v"}]
}"#;

/// A session of calls against one server, validating every answer.
struct Run<'a> {
    doc: &'a Doc,
    config: Config,
    http: reqwest::Client,
    findings: Findings,
    /// Operations that answered with success at least once.
    succeeded: BTreeSet<OpKey>,
    /// Operations whose refusal was checked.
    refused: BTreeSet<OpKey>,
    calls: usize,
}

impl Run<'_> {
    /// Sends `req` and checks the answer; returns the status and the JSON body (`null`
    /// when empty or not JSON).
    async fn send(&mut self, label: &str, req: ApiRequest) -> (u16, Value) {
        let wire = req
            .to_wire(&self.config, "nango-openapi-tests")
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let method = reqwest::Method::from_bytes(wire.method().as_bytes()).expect("method");
        let mut builder = self.http.request(method, wire.url());
        for (k, v) in wire.headers() {
            builder = builder.header(k.as_ref(), v);
        }
        if let Some(body) = wire.body() {
            builder = builder.body(body.clone());
        }
        let response = builder
            .send()
            .await
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("body");
        self.calls += 1;
        let body: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        };
        let json = !bytes.iter().all(u8::is_ascii_whitespace) && !body.is_null();
        let path = req.path().to_string();
        let method = req.method().as_str().to_string();
        let op = self
            .doc
            .match_path_or_trimmed(&method, &path)
            .unwrap_or_else(|| panic!("{label}: {method} {path} is no operation of the document"));
        if std::env::var_os("NANGO_OPENAPI_VERBOSE").is_some() {
            // The full validation messages, to investigate a finding.
            match self.doc.response_schema(&op, &status.to_string()) {
                Some(Some(schema)) => {
                    for e in self.doc.validate(schema, &body) {
                        println!("{label}: {op} {status} {e}");
                    }
                }
                Some(None) => {}
                None => println!("{label}: {op} {status} (undocumented) {body}"),
            }
        }
        self.check(&op, status, json, &body, &bytes);
        if (200..300).contains(&status) {
            self.succeeded.insert(op);
        } else if (400..500).contains(&status) {
            self.refused.insert(op);
        }
        (status, body)
    }

    /// Sends and requires a success (a refusal here is a broken scenario, not a drift).
    async fn ok(&mut self, label: &str, req: ApiRequest) -> Value {
        let (status, body) = self.send(label, req).await;
        assert!(
            (200..300).contains(&status),
            "{label}: expected a success, got {status} {body}"
        );
        body
    }

    /// Sends and requires a refusal (4xx).
    async fn refused(&mut self, label: &str, req: ApiRequest) {
        let (status, body) = self.send(label, req).await;
        assert!(
            (400..500).contains(&status),
            "{label}: expected a refusal, got {status} {body}"
        );
    }

    fn check(&mut self, op: &OpKey, status: u16, json: bool, body: &Value, raw: &[u8]) {
        let is_proxy = op.template.starts_with("/proxy/");
        let Some(schema) = self.doc.response_schema(op, &status.to_string()) else {
            // The upstream's status, passed through by the proxy, is not Nango's to document.
            if !(is_proxy && (200..300).contains(&status)) {
                self.findings.add(
                    op,
                    format!("answers {status}, a status the document does not list"),
                );
            }
            // A refusal of a status the operation does not list is still held to the
            // document's common error body.
            if (400..500).contains(&status) {
                let std_error = json!({"$ref": "#/components/schemas/StdError"});
                for e in self.doc.validate_keys(&std_error, body) {
                    self.findings.add(op, format!("{status} (as StdError) {e}"));
                }
            }
            return;
        };
        match schema {
            Some(schema) if json => {
                for e in self.doc.validate_keys(schema, body) {
                    self.findings.add(op, format!("{status} {e}"));
                }
            }
            Some(_) => {
                self.findings.add(
                    op,
                    format!("{status} answers no JSON body; the document describes one"),
                );
            }
            None if !raw.is_empty() && !is_proxy => {
                self.findings.add(
                    op,
                    format!("{status} answers a body the document does not describe"),
                );
            }
            None => {}
        }
    }
}

/// An upstream API for the proxy on loopback: every request, whatever its method, is
/// answered `200 {"ok":true}` (HTTP/1.1, one request per connection).
async fn upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                // Read the head and a body of the announced length, then answer.
                let mut seen = Vec::new();
                let mut buf = [0u8; 4096];
                loop {
                    let Ok(n) = stream.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        break;
                    }
                    seen.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&seen).to_lowercase();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if seen.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let body = br#"{"ok":true}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(body).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

/// Builds an endpoint's request.
fn r<E: Endpoint>(e: E, config: &Config) -> ApiRequest {
    e.request(config).expect("request builds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_of_the_local_server_fits_the_document() {
    let doc = Doc::load();
    let seed = Seed::from_json(SEED).expect("seed");
    let server = LocalServer::start(ServerConfig::new().seed(seed).rate_limit(100_000))
        .await
        .expect("local server starts");
    let config = Config::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .build()
        .expect("config");
    let c = config.clone();
    let mut run = Run {
        doc: &doc,
        config: config.clone(),
        http: reqwest::Client::new(),
        findings: Findings::new("server"),
        succeeded: BTreeSet::new(),
        refused: BTreeSet::new(),
        calls: 0,
    };

    // Providers.
    run.ok("list providers", r(ListProviders::new().search("git"), &c))
        .await;
    run.ok("get provider", r(GetProvider::new("github"), &c))
        .await;
    run.ok(
        "provider templates",
        r(GetProviderTemplates::new("github"), &c),
    )
    .await;
    run.refused("unknown provider", r(GetProvider::new("nope-provider"), &c))
        .await;

    // Integrations.
    run.ok("list integrations", r(ListIntegrations::new(), &c))
        .await;
    run.ok("get integration", r(GetIntegration::new("github"), &c))
        .await;
    run.ok(
        "get integration with includes",
        r(
            GetIntegration::new("github")
                .include(IntegrationInclude::Webhook)
                .include(IntegrationInclude::Credentials),
            &c,
        ),
    )
    .await;
    run.refused("unknown integration", r(GetIntegration::new("nope"), &c))
        .await;
    let slack: NewIntegration = serde_json::from_value(json!({
        "provider": "slack", "unique_key": "slack-x", "display_name": "Slack",
        "credentials": {"type": "OAUTH2", "client_id": "cid", "client_secret": "cs", "scopes": "chat:write"}
    }))
    .expect("integration");
    run.ok("create integration", r(CreateIntegration::new(slack), &c))
        .await;
    run.refused(
        "duplicate integration",
        r(
            CreateIntegration::new(NewIntegration::new("slack", "slack-x")),
            &c,
        ),
    )
    .await;
    run.ok(
        "quickstart integration",
        r(
            CreateQuickstartIntegration::new(NewQuickstartIntegration::new("github", "gh-quick")),
            &c,
        ),
    )
    .await;
    let patch: IntegrationPatch =
        serde_json::from_value(json!({"display_name": "Slack 2"})).expect("patch");
    run.ok(
        "update integration",
        r(UpdateIntegration::new("slack-x", patch), &c),
    )
    .await;
    run.ok(
        "delete integration",
        r(DeleteIntegration::new("gh-quick"), &c),
    )
    .await;
    run.refused(
        "delete integration again",
        r(DeleteIntegration::new("gh-quick"), &c),
    )
    .await;

    // Functions of an integration.
    let list = run
        .ok("list functions", r(ListFunctions::new("github"), &c))
        .await;
    let names: Vec<(String, String)> = list["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| {
            Some((
                f["name"].as_str()?.to_string(),
                f["type"].as_str()?.to_string(),
            ))
        })
        .collect();
    assert!(
        !names.is_empty(),
        "the github integration has functions: {list}"
    );
    let (fname, _) = &names[0];
    run.ok("get function", r(GetFunction::new("github", fname), &c))
        .await;
    run.ok(
        "get function code",
        r(GetFunctionCode::new("github", fname), &c),
    )
    .await;
    run.refused(
        "unknown function",
        r(GetFunction::new("github", "no-such-function"), &c),
    )
    .await;
    // The sync the sync calls use; any other function but the actions called below
    // may be deleted.
    let sync = names
        .iter()
        .find(|(_, t)| t == "sync")
        .map(|(n, _)| n.clone())
        .unwrap_or_else(|| "items".into());
    if let Some((name, ty)) = names
        .iter()
        .find(|(n, t)| (t == "action" || t == "sync") && *n != sync && n != "echo" && n != "fail")
    {
        let ty = if ty == "action" {
            FunctionType::Action
        } else {
            FunctionType::Sync
        };
        run.ok(
            "delete function",
            r(DeleteFunction::new("github", name, ty), &c),
        )
        .await;
    }

    // Connections.
    run.ok("list connections", r(ListConnections::new(), &c))
        .await;
    run.ok(
        "list connections filtered",
        r(
            ListConnections::new()
                .search("demo")
                .end_user_id("u1")
                .integration_ids(["github"])
                .limit(10)
                .page(0),
            &c,
        ),
    )
    .await;
    run.ok(
        "get connection",
        r(GetConnection::new("github", "demo-github"), &c),
    )
    .await;
    run.ok(
        "get connection (api key)",
        r(GetConnection::new("airtable", "demo-airtable"), &c),
    )
    .await;
    run.ok(
        "get connection (oauth1)",
        r(
            GetConnection::new("twitter", "demo-twitter").refresh_token(true),
            &c,
        ),
    )
    .await;
    run.refused(
        "unknown connection",
        r(GetConnection::new("github", "nope"), &c),
    )
    .await;
    run.refused(
        "get connection without provider_config_key",
        ApiRequest::get("/connections/{}", &[("connection_id", "demo-github")]).expect("req"),
    )
    .await;
    run.ok(
        "import connection",
        r(
            ImportConnection::new(
                serde_json::from_value::<UpsertConnection>(json!({
                    "provider_config_key": "airtable", "connection_id": "imported",
                    "credentials": {"type": "API_KEY", "apiKey": "k"},
                    "metadata": {"a": 1}, "tags": {"end_user_id": "u3"}
                }))
                .expect("upsert"),
            ),
            &c,
        ),
    )
    .await;
    let patch: ConnectionPatch =
        serde_json::from_value(json!({"tags": {"plan": "pro"}})).expect("patch");
    run.ok(
        "patch connection",
        r(PatchConnection::new("github", "demo-github", patch), &c),
    )
    .await;
    run.ok(
        "set metadata",
        r(
            SetMetadata::new(
                MetadataMode::Replace,
                "github",
                "demo-github",
                json!({"a": 1}),
            )
            .expect("op"),
            &c,
        ),
    )
    .await;
    run.ok(
        "update metadata",
        r(
            SetMetadata::new(
                MetadataMode::Merge,
                "github",
                ["demo-github"],
                json!({"b": 2}),
            )
            .expect("op"),
            &c,
        ),
    )
    .await;
    run.refused(
        "set metadata of an unknown connection",
        r(
            SetMetadata::new(MetadataMode::Replace, "github", "nope", json!({"a": 1})).expect("op"),
            &c,
        ),
    )
    .await;
    run.ok(
        "delete connection",
        r(DeleteConnection::new("github", "to-delete"), &c),
    )
    .await;
    run.refused(
        "delete connection again",
        r(DeleteConnection::new("github", "to-delete"), &c),
    )
    .await;

    // Connect sessions.
    let session = run
        .ok(
            "create connect session",
            r(
                CreateSession::new(
                    CreateConnectSession::default()
                        .tag("end_user_id", "u9")
                        .allowed_integrations(["github"]),
                ),
                &c,
            ),
        )
        .await;
    run.ok(
        "create reconnect session",
        r(
            CreateReconnect::new(CreateReconnectSession::new("demo-github", "github")),
            &c,
        ),
    )
    .await;
    let token = session["data"]["token"]
        .as_str()
        .expect("session token")
        .to_string();
    run.ok("get connect session", r(GetSession::new(token.clone()), &c))
        .await;
    run.ok(
        "delete connect session",
        r(DeleteSession::new(token.clone()), &c),
    )
    .await;
    run.refused(
        "get a deleted connect session",
        r(GetSession::new(token), &c),
    )
    .await;

    // Scripts and environments.
    run.ok("scripts config", r(GetScriptsConfig::new(), &c))
        .await;
    run.ok(
        "scripts config openai",
        r(GetScriptsConfigOpenAi::new(), &c),
    )
    .await;
    run.ok(
        "environment variables",
        r(GetEnvironmentVariables::new(), &c),
    )
    .await;
    let env = run
        .ok(
            "create environment",
            r(CreateEnvironment::new(NewEnvironment::new("staging")), &c),
        )
        .await;
    let env_id = env["data"]["id"].as_u64().expect("environment id");
    let key = run
        .ok("create api key", r(CreateApiKey::new(env_id, "ci"), &c))
        .await;
    let key_id = key["data"]["id"].as_u64().expect("key id");
    run.ok("delete api key", r(DeleteApiKey::new(env_id, key_id), &c))
        .await;
    run.refused(
        "delete api key again",
        r(DeleteApiKey::new(env_id, key_id), &c),
    )
    .await;
    run.ok(
        "rotate the webhook signing key",
        r(RotateWebhookSigningKey::new(), &c),
    )
    .await;
    run.ok("delete environment", r(DeleteEnvironment::new(env_id), &c))
        .await;
    run.refused(
        "delete environment again",
        r(DeleteEnvironment::new(env_id), &c),
    )
    .await;

    // Functions: compile, dry run, deploy.
    run.ok("compile", r(CompileFunction::new("export default {}"), &c))
        .await;
    let dry = run
        .ok(
            "dry run",
            r(
                CreateFunctionDryrun::new(NewDryrun::new(
                    "github",
                    FunctionType::Action,
                    "export default {}",
                    "demo-github",
                )),
                &c,
            ),
        )
        .await;
    let dry_id = dry["id"].as_str().expect("dry run id").to_string();
    run.ok("get dry run", r(GetFunctionDryrun::new(dry_id), &c))
        .await;
    let deploy = run
        .ok(
            "deploy",
            r(
                CreateFunctionDeployment::new(DeployCode::new(
                    "github",
                    "my-action",
                    FunctionType::Action,
                    "export default {}",
                )),
                &c,
            ),
        )
        .await;
    let deploy_id = deploy["id"].as_str().expect("deployment id").to_string();
    run.ok(
        "get deployment",
        r(GetFunctionDeployment::new(deploy_id), &c),
    )
    .await;
    run.refused(
        "unknown dry run",
        r(
            GetFunctionDryrun::new("00000000-0000-4000-8000-00000000dead"),
            &c,
        ),
    )
    .await;

    // Records.
    let page = run
        .ok(
            "list records",
            r(
                ListRecords::<Value>::new("github", "demo-github", "Item").limit(2),
                &c,
            ),
        )
        .await;
    let cursor = page["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_string();
    run.ok(
        "list records (last page)",
        r(
            ListRecords::<Value>::new("github", "demo-github", "Item").cursor(cursor.clone()),
            &c,
        ),
    )
    .await;
    run.ok(
        "prune records",
        r(
            PruneRecords::new("github", "demo-github", "Item", cursor),
            &c,
        ),
    )
    .await;
    run.refused(
        "records of an unknown connection",
        r(ListRecords::<Value>::new("github", "nope", "Item"), &c),
    )
    .await;

    // Syncs.
    run.ok(
        "trigger sync",
        r(
            TriggerSync::new("github", [sync.as_str()]).connection_id("demo-github"),
            &c,
        ),
    )
    .await;
    run.ok(
        "start sync",
        r(
            StartSync::new("github", [sync.as_str()]).connection_id("demo-github"),
            &c,
        ),
    )
    .await;
    run.ok(
        "pause sync",
        r(
            PauseSync::new("github", [sync.as_str()]).connection_id("demo-github"),
            &c,
        ),
    )
    .await;
    run.ok(
        "sync status",
        r(
            GetSyncStatus::new("github", "*").connection_id("demo-github"),
            &c,
        ),
    )
    .await;
    run.ok(
        "sync frequency",
        r(
            UpdateSyncFrequency::new("github", sync.as_str(), "demo-github", Some("every 2h")),
            &c,
        ),
    )
    .await;
    run.ok(
        "create sync variant",
        r(
            CreateSyncVariant::new("github", "demo-github", sync.as_str(), "eu"),
            &c,
        ),
    )
    .await;
    run.ok(
        "delete sync variant",
        r(
            DeleteSyncVariant::new("github", "demo-github", sync.as_str(), "eu"),
            &c,
        ),
    )
    .await;
    run.refused(
        "trigger a sync of an unknown integration",
        r(TriggerSync::new("nope", [sync.as_str()]), &c),
    )
    .await;

    // Actions (the server's built-in `echo` and `fail`).
    run.ok(
        "trigger action",
        r(
            TriggerAction::<Value>::new("github", "demo-github", "echo").input(json!({"n": 1})),
            &c,
        ),
    )
    .await;
    run.refused(
        "failing action",
        r(
            TriggerAction::<Value>::new("github", "demo-github", "fail").input(json!({})),
            &c,
        ),
    )
    .await;
    run.refused(
        "action of an unknown connection",
        r(TriggerAction::<Value>::new("github", "nope", "echo"), &c),
    )
    .await;
    let handle = run
        .ok(
            "trigger action async",
            r(
                TriggerActionAsync::new("github", "demo-github", "echo").input(json!({"n": 2})),
                &c,
            ),
        )
        .await;
    let id = handle["id"].as_str().expect("async id").to_string();
    // The 404 of a run that is unknown (or still running) is always exercised, so that
    // what it shows does not depend on how fast the run below finishes.
    run.refused(
        "result of an unknown action run",
        r(
            GetActionResult::<Value>::new(ActionRef::Id(
                "00000000-0000-4000-8000-00000000beef".into(),
            )),
            &c,
        ),
    )
    .await;
    // 404 while the run is in progress, then 200: poll (bounded) until done.
    let mut done = false;
    for _ in 0..100 {
        let (status, _) = run
            .send(
                "get action result",
                r(GetActionResult::<Value>::new(ActionRef::Id(id.clone())), &c),
            )
            .await;
        if status == 200 {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(done, "the async action finished");

    // Proxy: every method, to an upstream on loopback.
    let upstream = upstream().await;
    for op in [
        Proxy::get("/items"),
        Proxy::post("/items").json(&json!({"a": 1})),
        Proxy::put("/items/1").json(&json!({"a": 1})),
        Proxy::patch("/items/1").json(&json!({"a": 1})),
        Proxy::delete("/items/1"),
    ] {
        let req = r(
            op.provider_config_key("github")
                .connection_id("demo-github")
                .base_url_override(upstream.clone()),
            &c,
        );
        run.send("proxy", req).await;
    }
    run.refused(
        "proxy of an unknown connection",
        r(
            Proxy::get("/items")
                .provider_config_key("github")
                .connection_id("nope")
                .base_url_override(upstream.clone()),
            &c,
        ),
    )
    .await;

    // Authentication refusals.
    let bad = Config::builder()
        .api_key("00000000-0000-4000-8000-000000000000")
        .host(server.base_url())
        .build()
        .expect("config");
    run.config = bad;
    run.refused("unknown api key", r(ListIntegrations::new(), &c))
        .await;

    let (implemented, _) = implemented_operations(&doc);
    let unseen: Vec<_> = implemented.difference(&run.succeeded).collect();
    println!(
        "{} calls; {} of {} implemented operations answered with success; {} refusals checked",
        run.calls,
        run.succeeded.len(),
        implemented.len(),
        run.refused.len()
    );
    assert!(
        unseen.is_empty(),
        "implemented operations the scenario never saw succeed: {unseen:?}"
    );
    run.findings.assert_reviewed();
}
