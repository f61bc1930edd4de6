//! Request-for-request conformance with the official Node SDK.
//!
//! One scenario (`tests/conformance/scenario.json`: every method of `@nangohq/node`
//! and each argument variant) runs through three clients against the local server,
//! reset to the scenario's seed before each:
//!
//! - the official SDK (`tests/conformance/run-official.mjs`, the version pinned in
//!   `tests/conformance/package.json`),
//! - this project's wasm package (`run-wasm.mjs`, when `pkg/` is built),
//! - the native client, `nango::Nango` (here).
//!
//! For each step the recorded requests (method, decoded path, query as a multiset,
//! the headers the official SDK sets, JSON bodies as values) and the value returned
//! (or the error, or a refusal before sending) are compared with the official SDK's.
//! Every difference must be listed in `tests/conformance/differences.json` (the
//! table of deliberate differences, `DIFFERENCES.md`); any other fails the test.
//!
//! Needs Node and `tests/conformance/node_modules` (`cargo xtask setup`).
//! `NANGO_CONFORMANCE_SKIP_WASM=1` skips the wasm client (it is skipped, with a
//! note, when `pkg/` is not built).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use nango::models::actions::ActionRef;
use nango::models::common::OneOrMany;
use nango::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango::models::connections::{ConnectionPatch, Token};
use nango::models::functions::FunctionType;
use nango::models::integrations::{
    IntegrationInclude, IntegrationPatch, NewIntegration, NewQuickstartIntegration,
};
use nango::models::records::RecordFilter;
use nango::models::syncs::{SyncRef, SyncSelection, TriggerMode, TriggerOptions};
use nango::ops::connections::{GetConnection, GetConnectionField, GetToken};
use nango::ops::proxy::Proxy;
use nango::webhook::{sign_payload, SignedWebhook};
use nango::Nango;
use nango_local_server::{LocalServer, Seed, ServerConfig};
use serde_json::{json, Map, Value};

/// The headers the official SDK sets (lowercase); the others (User-Agent, Accept,
/// Content-Length, ...) are not compared.
const COMPARED_HEADERS: &[&str] = &[
    "authorization",
    "connection-id",
    "provider-config-key",
    "nango-is-sync",
    "nango-is-script",
    "nango-is-dry-run",
    "base-url-override",
    "nango-activity-log-id",
    "retries",
    "retry-on",
    "decompress",
    "forward-headers-on-redirect",
    "x-async",
    "x-max-retries",
    "content-type",
];

fn conformance_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../conformance")
}

// ---------------------------------------------------------------------------
// The upstream of the proxy steps: echoes the request it gets as JSON.
// ---------------------------------------------------------------------------

fn start_upstream() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("conformance-upstream".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                tx.send(listener.local_addr().expect("addr")).ok();
                let app = axum::Router::new().fallback(echo);
                axum::serve(listener, app).await.ok();
            });
        })
        .expect("thread");
    let addr = rx.recv().expect("upstream started");
    format!("http://{addr}")
}

async fn echo(request: axum::extract::Request) -> axum::response::Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let mut headers = Map::new();
    for name in ["content-type", "x-custom", "accept"] {
        if let Some(v) = parts.headers.get(name).and_then(|v| v.to_str().ok()) {
            headers.insert(name.into(), json!(v));
        }
    }
    // The token itself changes when a step refreshes it: only its presence is echoed.
    let authorized = parts.headers.contains_key("authorization");
    let mut query: Vec<String> = parts
        .uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            format!("{}={}", percent_decode(k, true), percent_decode(v, true))
        })
        .collect();
    query.sort_unstable();
    let path = parts.uri.path().to_owned();
    let status = path
        .strip_prefix("/status/")
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or(200);
    let out = json!({
        "method": parts.method.as_str(),
        "path": path,
        "query": query,
        "authorized": authorized,
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    });
    axum::response::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(out.to_string()))
        .expect("response")
}

// ---------------------------------------------------------------------------
// The scenario and its static placeholders.
// ---------------------------------------------------------------------------

struct Env {
    host: String,
    api_key: String,
    upstream: String,
}

/// Resolves `$host`, `$apiKey`, `$upstream`, `{"$hmac": key, "body": ..}` and
/// `{"$legacy": key, "payload": ..}`; `$ref` and `$undefined` are left for the runners.
fn resolve_static(v: &Value, env: &Env) -> Value {
    match v {
        Value::String(s) => match s.as_str() {
            "$host" => json!(env.host),
            "$apiKey" => json!(env.api_key),
            "$upstream" => json!(env.upstream),
            _ => v.clone(),
        },
        Value::Array(a) => Value::Array(a.iter().map(|x| resolve_static(x, env)).collect()),
        Value::Object(o) => {
            if let Some(key) = o.get("$hmac") {
                let key = resolve_static(key, env);
                let body = o["body"].as_str().unwrap_or_default();
                return json!(sign_payload(
                    key.as_str().unwrap_or_default().as_bytes(),
                    body.as_bytes()
                ));
            }
            if let Some(key) = o.get("$legacy") {
                let payload = serde_json::to_string(&o["payload"]).unwrap();
                let signed = SignedWebhook::new(
                    key.as_str().unwrap_or_default().as_bytes(),
                    payload.into_bytes(),
                );
                return json!(signed.legacy_signature);
            }
            Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), resolve_static(x, env)))
                    .collect(),
            )
        }
        _ => v.clone(),
    }
}

/// Resolves `{"$ref": step, "path": "a.b"}` (a value an earlier step returned) and
/// `{"$undefined": true}` (here: null).
fn resolve_refs(v: &Value, returned: &BTreeMap<String, Value>) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.iter().map(|x| resolve_refs(x, returned)).collect()),
        Value::Object(o) if o.contains_key("$undefined") => Value::Null,
        Value::Object(o) if o.contains_key("$ref") => {
            let mut cur = returned
                .get(o["$ref"].as_str().unwrap_or_default())
                .cloned()
                .unwrap_or(Value::Null);
            for part in o
                .get("path")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .split('.')
                .filter(|p| !p.is_empty())
            {
                cur = match part.parse::<usize>() {
                    Ok(i) if cur.is_array() => cur.get(i),
                    _ => cur.get(part),
                }
                .cloned()
                .unwrap_or(Value::Null);
            }
            cur
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), resolve_refs(x, returned)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

// ---------------------------------------------------------------------------
// The native client: each official method and argument form mapped to the native API.
// ---------------------------------------------------------------------------

/// What a native call gave.
enum Native {
    Ok(Value),
    Err(nango::Error),
    /// The input cannot be expressed with the native API's types (the compiler
    /// refuses it): equivalent to a refusal before sending.
    Unrepresentable(&'static str),
}

fn arg(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(&Value::Null)
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn str_of(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn to_json<T: serde::Serialize>(r: Result<T, nango::Error>) -> Native {
    match r {
        Ok(v) => Native::Ok(serde_json::to_value(v).expect("serializable output")),
        Err(e) => Native::Err(e),
    }
}

fn unit(r: Result<(), nango::Error>) -> Native {
    match r {
        Ok(()) => Native::Ok(Value::Null),
        Err(e) => Native::Err(e),
    }
}

fn from_value<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone())
        .unwrap_or_else(|e| panic!("the official argument {v} does not map to a native model: {e}"))
}

fn syncs_of(v: &Value) -> Option<Vec<SyncRef>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::Array(_) => Some(from_value(v)),
        _ => None,
    }
}

#[allow(deprecated)]
fn builder(config: &Value) -> nango::NangoBuilder {
    let mut b = Nango::builder();
    if let Some(k) = opt_str(config, "apiKey") {
        b = b.api_key(k);
    }
    if let Some(k) = opt_str(config, "secretKey") {
        b = b.secret_key(k);
    }
    if let Some(h) = opt_str(config, "host") {
        b = b.host(h);
    }
    if let Some(k) = opt_str(config, "webhookSigningKey") {
        b = b.webhook_signing_key(k);
    }
    if let Some(c) = opt_str(config, "connectionId") {
        b = b.connection_id(c);
    }
    if let Some(p) = opt_str(config, "providerConfigKey") {
        b = b.provider_config_key(p);
    }
    if let Some(a) = opt_str(config, "activityLogId") {
        b = b.activity_log_id(a);
    }
    let flag = |k: &str| config.get(k).and_then(Value::as_bool).unwrap_or(false);
    b.is_sync(flag("isSync"))
        .is_script(flag("isScript"))
        .dry_run(flag("dryRun"))
}

fn proxy_of(method: &str, cfg: &Value) -> Proxy {
    let method = http::Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
    let mut p = Proxy::new(method, str_of(&cfg["endpoint"]));
    if let Some(k) = opt_str(cfg, "providerConfigKey") {
        p = p.provider_config_key(k);
    }
    if let Some(c) = opt_str(cfg, "connectionId") {
        p = p.connection_id(c);
    }
    if let Some(Value::Object(h)) = cfg.get("headers") {
        for (k, v) in h {
            p = p.header(k.clone(), str_of(v));
        }
    }
    match cfg.get("params") {
        Some(Value::Object(params)) => {
            for (k, v) in params {
                p = p.param(k.clone(), str_of(v));
            }
        }
        Some(Value::String(q)) => p = p.query_string(q.clone()),
        _ => {}
    }
    match cfg.get("data") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => p = p.body(s.clone().into_bytes()),
        Some(data) => p = p.json(data),
    }
    if let Some(b) = opt_str(cfg, "baseUrlOverride") {
        p = p.base_url_override(b);
    }
    if let Some(r) = cfg.get("retries").and_then(Value::as_u64) {
        p = p.retries(r as u32);
    }
    if let Some(d) = cfg.get("decompress").and_then(Value::as_bool) {
        p = p.decompress(d);
    }
    if let Some(Value::Array(codes)) = cfg.get("retryOn") {
        p = p.retry_on(codes.iter().filter_map(|c| c.as_u64()).map(|c| c as u16));
    }
    if let Some(f) = cfg.get("forwardHeadersOnRedirect").and_then(Value::as_bool) {
        p = p.forward_headers_on_redirect(f);
    }
    p
}

fn body_value(body: &[u8]) -> Value {
    if body.is_empty() {
        return json!("");
    }
    serde_json::from_slice(body).unwrap_or_else(|_| json!(String::from_utf8_lossy(body)))
}

#[allow(deprecated)]
async fn call_native(nango: &Nango, method: &str, args: &[Value]) -> Native {
    let a0 = arg(args, 0);
    let a1 = arg(args, 1);
    match method {
        "listProviders" => {
            let mut c = nango.list_providers();
            if let Some(s) = opt_str(a0, "search") {
                c = c.search(s);
            }
            to_json(c.await)
        }
        "getProvider" => to_json(nango.get_provider(&str_of(&a0["provider"])).await),
        "getProviderTemplates" => {
            to_json(nango.get_provider_templates(&str_of(&a0["provider"])).await)
        }
        "listIntegrations" => to_json(nango.list_integrations().await),
        "getIntegration" => {
            let mut c = nango.get_integration(&str_of(&a0["uniqueKey"]));
            if let Some(Value::Array(include)) = a1.get("include") {
                for i in include {
                    c = c.include(IntegrationInclude::from(i.as_str().unwrap_or_default()));
                }
            }
            to_json(c.await)
        }
        "createIntegration" => to_json(
            nango
                .create_integration(from_value::<NewIntegration>(a0))
                .await,
        ),
        "createQuickstartIntegration" => to_json(
            nango
                .create_quickstart_integration(from_value::<NewQuickstartIntegration>(a0))
                .await,
        ),
        "updateIntegration" => to_json(
            nango
                .update_integration(
                    &str_of(&a0["uniqueKey"]),
                    from_value::<IntegrationPatch>(a1),
                )
                .await,
        ),
        "deleteIntegration" => to_json(nango.delete_integration(&str_of(a0)).await),
        "listFunctions" => {
            let mut c = nango.list_functions(&str_of(&a0["uniqueKey"]));
            if let Some(t) = opt_str(a1, "type") {
                c = c.function_type(FunctionType::from(t.as_str()));
            }
            if let Some(s) = opt_str(a1, "search") {
                c = c.search(s);
            }
            if let Some(p) = a1.get("page").and_then(Value::as_u64) {
                c = c.page(p as u32);
            }
            if let Some(l) = a1.get("limit").and_then(Value::as_u64) {
                c = c.limit(l as u32);
            }
            to_json(c.await)
        }
        "getFunction" => {
            let mut c = nango.get_function(&str_of(&a0["uniqueKey"]), &str_of(&a0["name"]));
            if let Some(t) = opt_str(a1, "type") {
                c = c.function_type(FunctionType::from(t.as_str()));
            }
            to_json(c.await)
        }
        "getFunctionCode" => {
            let mut c = nango.get_function_code(&str_of(&a0["uniqueKey"]), &str_of(&a0["name"]));
            if let Some(t) = opt_str(a1, "type") {
                c = c.function_type(FunctionType::from(t.as_str()));
            }
            to_json(c.await)
        }
        "deleteFunction" => {
            let Some(t) = opt_str(a1, "type") else {
                return Native::Unrepresentable("delete_function takes the function type");
            };
            to_json(
                nango
                    .delete_function(
                        &str_of(&a0["uniqueKey"]),
                        &str_of(&a0["name"]),
                        FunctionType::from(t.as_str()),
                    )
                    .await,
            )
        }
        "listConnections" => {
            let mut c = nango.list_connections();
            // As in the official SDK, empty strings and zeros are not sent.
            let set =
                |v: &Value| !matches!(v, Value::Null | Value::Bool(false)) && v != "" && v != 0;
            if a0.is_object() {
                // The object form.
                if set(&a0["connectionId"]) {
                    c = c.connection_id(str_of(&a0["connectionId"]));
                }
                if let Some(u) = opt_str(a0, "userId") {
                    c = c.end_user_id(u);
                }
                match a0.get("integrationId") {
                    Some(Value::Array(ids)) => {
                        c = c.integration_ids(ids.iter().map(str_of).collect());
                    }
                    Some(Value::String(id)) => c = c.integration_ids(vec![id.clone()]),
                    _ => {}
                }
                if let Some(Value::Object(tags)) = a0.get("tags") {
                    for (k, v) in tags {
                        c = c.tag(k.clone(), str_of(v));
                    }
                }
                if set(&a0["limit"]) {
                    c = c.limit(a0["limit"].as_u64().unwrap_or_default() as u32);
                }
                if set(&a0["page"]) {
                    c = c.page(a0["page"].as_u64().unwrap_or_default() as u32);
                }
            } else {
                // The legacy form: (connectionId?, search?, queries?).
                if let Some(id) = a0.as_str() {
                    c = c.connection_id(id);
                }
                if let Some(s) = a1.as_str() {
                    c = c.search(s);
                }
                let q = arg(args, 2);
                if let Some(u) = opt_str(q, "endUserId") {
                    c = c.end_user_id(u);
                }
                if let Some(o) = opt_str(q, "endUserOrganizationId") {
                    c = c.end_user_organization_id(o);
                }
                if set(&q["limit"]) {
                    c = c.limit(q["limit"].as_u64().unwrap_or_default() as u32);
                }
                if set(&q["page"]) {
                    c = c.page(q["page"].as_u64().unwrap_or_default() as u32);
                }
            }
            to_json(c.await)
        }
        "getConnection" => {
            let flag = |i: usize| arg(args, i).as_bool().unwrap_or(false);
            to_json(
                nango
                    .get_connection(&str_of(a0), &str_of(a1))
                    .force_refresh(flag(2))
                    .refresh_token(flag(3))
                    .refresh_github_app_jwt_token(flag(4))
                    .await,
            )
        }
        "getToken" => {
            let flag = |i: usize| arg(args, i).as_bool().unwrap_or(false);
            let get = GetConnection::new(str_of(a0), str_of(a1))
                .force_refresh(flag(2))
                .refresh_github_app_jwt_token(flag(3));
            match nango.send(&GetToken::new(get)).await {
                Ok(Token::AccessToken(t)) => Native::Ok(json!(t.expose_secret())),
                Ok(Token::OAuth1 {
                    oauth_token,
                    oauth_token_secret,
                }) => Native::Ok(json!({
                    "oAuthToken": oauth_token.expose_secret(),
                    "oAuthTokenSecret": oauth_token_secret.expose_secret(),
                })),
                Ok(Token::Credentials(c)) => Native::Ok(serde_json::to_value(c).unwrap()),
                Ok(other) => panic!("unknown token kind {other:?}"),
                Err(e) => Native::Err(e),
            }
        }
        "getRawTokenResponse" => {
            let flag = |i: usize| arg(args, i).as_bool().unwrap_or(false);
            let get = GetConnection::new(str_of(a0), str_of(a1))
                .force_refresh(flag(2))
                .refresh_github_app_jwt_token(flag(3));
            to_json(
                nango
                    .send(&GetConnectionField::<Value>::raw_token_response(get))
                    .await,
            )
        }
        "getMetadata" => to_json(nango.get_metadata::<Value>(&str_of(a0), &str_of(a1)).await),
        "setMetadata" | "updateMetadata" => {
            let ids: OneOrMany = match a1 {
                Value::Array(ids) => OneOrMany::from(ids.iter().map(str_of).collect::<Vec<_>>()),
                other => OneOrMany::from(str_of(other)),
            };
            let metadata = arg(args, 2).clone();
            let r = if method == "setMetadata" {
                nango.set_metadata(&str_of(a0), ids, metadata).await
            } else {
                nango.update_metadata(&str_of(a0), ids, metadata).await
            };
            to_json(r)
        }
        "patchConnection" => to_json(
            nango
                .patch_connection(
                    &str_of(&a0["provider_config_key"]),
                    &str_of(&a0["connectionId"]),
                    from_value::<ConnectionPatch>(a1),
                )
                .await,
        ),
        "deleteConnection" => unit(nango.delete_connection(&str_of(a0), &str_of(a1)).await),
        "waitForConnection" => to_json(nango.wait_for_connection(&str_of(a0), &str_of(a1)).await),
        "createConnectSession" => to_json(
            nango
                .create_connect_session(from_value::<CreateConnectSession>(a0))
                .await,
        ),
        "createReconnectSession" => to_json(
            nango
                .create_reconnect_session(from_value::<CreateReconnectSession>(a0))
                .await,
        ),
        "getScriptsConfig" => match a0.as_str() {
            Some("openai") => to_json(nango.get_scripts_config_openai().await),
            _ => to_json(nango.get_scripts_config().await),
        },
        "getEnvironmentVariables" => to_json(nango.get_environment_variables().await),
        "listRecords" => {
            let mut c = nango.list_records::<Value>(
                &str_of(&a0["providerConfigKey"]),
                &str_of(&a0["connectionId"]),
                &str_of(&a0["model"]),
            );
            if let Some(v) = opt_str(a0, "variant") {
                c = c.variant(v);
            }
            if let Some(m) = opt_str(a0, "modifiedAfter") {
                c = c.modified_after(m);
            }
            if let Some(d) = opt_str(a0, "delta") {
                c = c.delta(d);
            }
            if let Some(l) = a0.get("limit").and_then(Value::as_u64) {
                c = c.limit(l as u32);
            }
            if let Some(f) = opt_str(a0, "filter") {
                c = c.filter(f.split(',').map(|f| match f {
                    "added" => RecordFilter::Added,
                    "updated" => RecordFilter::Updated,
                    "deleted" => RecordFilter::Deleted,
                    other => panic!("unknown filter {other}"),
                }));
            }
            if let Some(cursor) = opt_str(a0, "cursor") {
                c = c.cursor(cursor);
            }
            if let Some(Value::Array(ids)) = a0.get("ids") {
                c = c.ids(ids.iter().map(str_of));
            }
            to_json(c.await)
        }
        "pruneRecords" => {
            let mut c = nango.prune_records(
                &str_of(&a0["providerConfigKey"]),
                &str_of(&a0["connectionId"]),
                &str_of(&a0["model"]),
                &str_of(&a0["untilCursor"]),
            );
            if let Some(v) = opt_str(a0, "variant") {
                c = c.variant(v);
            }
            if let Some(l) = a0.get("limit").and_then(Value::as_u64) {
                c = c.limit(l as u32);
            }
            to_json(c.await)
        }
        "triggerSync" => {
            let Some(syncs) = syncs_of(a1) else {
                return Native::Unrepresentable("syncs is a list");
            };
            let mut c = nango.trigger_sync(&str_of(a0), syncs);
            if let Some(id) = arg(args, 2).as_str() {
                c = c.connection_id(id);
            }
            match arg(args, 3) {
                Value::Null => {}
                Value::Bool(b) => c = c.mode(*b),
                Value::String(s) => c = c.mode(s.as_str()),
                opts => c = c.mode(TriggerMode::Options(from_value::<TriggerOptions>(opts))),
            }
            to_json(c.await)
        }
        "startSync" | "pauseSync" => {
            if a1.is_null() {
                return Native::Unrepresentable("syncs is a required list");
            }
            let Some(syncs) = syncs_of(a1) else {
                return Native::Unrepresentable("syncs is a list");
            };
            let id = arg(args, 2).as_str();
            if method == "startSync" {
                let mut c = nango.start_sync(&str_of(a0), syncs);
                if let Some(id) = id {
                    c = c.connection_id(id);
                }
                to_json(c.await)
            } else {
                let mut c = nango.pause_sync(&str_of(a0), syncs);
                if let Some(id) = id {
                    c = c.connection_id(id);
                }
                to_json(c.await)
            }
        }
        "syncStatus" => {
            let selection = match a1 {
                Value::String(s) => SyncSelection::from(s.as_str()),
                Value::Array(_) => SyncSelection::from(from_value::<Vec<SyncRef>>(a1)),
                _ => return Native::Unrepresentable("syncs is a list or \"*\""),
            };
            let mut c = nango.sync_status(&str_of(a0), selection);
            if let Some(id) = arg(args, 2).as_str() {
                c = c.connection_id(id);
            }
            to_json(c.await)
        }
        "updateSyncConnectionFrequency" => {
            let frequency = match arg(args, 3) {
                Value::Null => None,
                Value::String(s) => Some(s.as_str()),
                _ => return Native::Unrepresentable("frequency is an Option<&str>"),
            };
            to_json(
                nango
                    .update_sync_connection_frequency(
                        &str_of(a0),
                        from_value::<SyncRef>(a1),
                        &str_of(arg(args, 2)),
                        frequency,
                    )
                    .await,
            )
        }
        "createSyncVariant" | "deleteSyncVariant" => {
            let (p, c, n, v) = (
                str_of(&a0["provider_config_key"]),
                str_of(&a0["connection_id"]),
                str_of(&a0["name"]),
                str_of(&a0["variant"]),
            );
            if method == "createSyncVariant" {
                to_json(nango.create_sync_variant(&p, &c, &n, &v).await)
            } else {
                to_json(nango.delete_sync_variant(&p, &c, &n, &v).await)
            }
        }
        "triggerAction" => to_json(
            nango
                .trigger_action::<Value, Value>(
                    &str_of(a0),
                    &str_of(a1),
                    &str_of(arg(args, 2)),
                    arg(args, 3).clone(),
                )
                .await,
        ),
        "triggerActionAsync" => to_json(
            nango
                .trigger_action_async(
                    &str_of(a0),
                    &str_of(a1),
                    &str_of(arg(args, 2)),
                    arg(args, 3).clone(),
                )
                .await,
        ),
        "getAsyncActionResult" => {
            let action = if let Some(url) = opt_str(a0, "statusUrl") {
                ActionRef::status_url(url)
            } else if let Some(id) = opt_str(a0, "id") {
                ActionRef::id(id)
            } else {
                return Native::Unrepresentable("an ActionRef is an id or a status URL");
            };
            to_json(nango.get_async_action_result::<Value>(action).await)
        }
        "proxy" | "get" | "post" | "put" | "patch" | "delete" => {
            let m = if method == "proxy" {
                opt_str(a0, "method").unwrap_or_else(|| "GET".into())
            } else {
                method.to_owned()
            };
            match nango.proxy(proxy_of(&m, a0)).await {
                Ok(r) => Native::Ok(
                    json!({"$response": {"status": r.status.as_u16(), "data": body_value(&r.body)}}),
                ),
                Err(e) => Native::Err(e),
            }
        }
        "verifyIncomingWebhookRequest" => {
            let mut headers = http::HeaderMap::new();
            if let Value::Object(h) = a1 {
                for (k, v) in h {
                    headers.insert(
                        http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                        http::HeaderValue::from_str(v.as_str().unwrap_or_default()).unwrap(),
                    );
                }
            }
            Native::Ok(json!(
                nango.verify_incoming_webhook_request(str_of(a0).as_bytes(), &headers)
            ))
        }
        "verifyWebhookSignature" => {
            let body = serde_json::to_string(a1).unwrap();
            let ok = nango
                .webhook_verifier()
                .verify_legacy_signature(body.as_bytes(), &str_of(a0))
                .is_ok();
            Native::Ok(json!(ok))
        }
        other => panic!("the native mapping lacks `{other}`"),
    }
}

/// Waits (up to 10 s) until the async action `reference` names (`{id}` or `{statusUrl}`)
/// has finished. The server runs it in a task of its own after answering 202: read at
/// once, its result could be "still running" for one client and the output for another.
/// The wait happens before the step's request record starts (as in `runner.mjs`).
async fn settle_async_action(nango: &Nango, reference: &Value) {
    let action = match (opt_str(reference, "statusUrl"), opt_str(reference, "id")) {
        (Some(url), _) => ActionRef::status_url(url),
        (None, Some(id)) => ActionRef::id(id),
        (None, None) => return,
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match nango.get_async_action_result::<Value>(action.clone()).await {
            Err(e) if e.status() == Some(http::StatusCode::NOT_FOUND) => {
                assert!(
                    std::time::Instant::now() < deadline,
                    "the async action {reference} was still running after 10 s"
                );
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            _ => return,
        }
    }
}

/// Runs the scenario with the native client; same output as `runner.mjs`.
fn run_native(server: &LocalServer, scenario: &Value) -> Map<String, Value> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    server.reset();
    let mut returned = BTreeMap::new();
    let mut results = Map::new();
    for step in scenario["steps"].as_array().unwrap() {
        let id = str_of(&step["id"]);
        let method = str_of(&step["method"]);
        let args: Vec<Value> = resolve_refs(&step["args"], &returned)
            .as_array()
            .cloned()
            .unwrap_or_default();
        if method == "getAsyncActionResult" {
            let config = json!({"apiKey": scenario["apiKey"], "host": server.base_url()});
            let nango = builder(&config).build().expect("client");
            rt.block_on(settle_async_action(&nango, arg(&args, 0)));
        }
        server.clear_requests();
        let mut result = Map::new();
        let outcome = if method == "constructor" {
            match builder(&args[0]).build() {
                Ok(_) => Native::Ok(Value::Null),
                Err(e) => Native::Err(e),
            }
        } else {
            let mut config = json!({"apiKey": scenario["apiKey"], "host": server.base_url()});
            if let Value::Object(extra) = resolve_refs(&step["client"], &returned) {
                config.as_object_mut().unwrap().extend(extra);
            }
            let nango = builder(&config).build().expect("client");
            rt.block_on(call_native(&nango, &method, &args))
        };
        let requests: Vec<Value> = server.requests().iter().map(|r| r.to_json()).collect();
        match outcome {
            Native::Ok(v) => {
                result.insert("outcome".into(), json!("ok"));
                if method != "constructor" {
                    let plain = v.get("$response").map_or(v.clone(), |r| r["data"].clone());
                    returned.insert(id.clone(), plain);
                    result.insert("returned".into(), v);
                }
            }
            Native::Unrepresentable(why) => {
                result.insert("outcome".into(), json!("refused"));
                result.insert("message".into(), json!(format!("unrepresentable: {why}")));
            }
            Native::Err(e) => match e.as_api() {
                Some(api) => {
                    result.insert("outcome".into(), json!("error"));
                    result.insert(
                        "error".into(),
                        json!({"status": api.status.as_u16(), "code": api.code}),
                    );
                }
                None if requests.is_empty() => {
                    result.insert("outcome".into(), json!("refused"));
                    result.insert("message".into(), json!(e.to_string()));
                }
                None => {
                    result.insert("outcome".into(), json!("error"));
                    result.insert("error".into(), json!({"message": e.to_string()}));
                }
            },
        }
        result.insert("requests".into(), Value::Array(requests));
        results.insert(id, Value::Object(result));
    }
    results
}

/// Runs `script` (run-official.mjs or run-wasm.mjs) with Node.
fn run_node(script: &str, server: &LocalServer, scenario_path: &Path) -> Map<String, Value> {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("conformance-{script}.json"));
    let status = Command::new("node")
        .arg("--no-deprecation")
        .arg(script)
        .args(["--scenario", scenario_path.to_str().unwrap()])
        .args(["--server", &server.base_url()])
        .args(["--out", out.to_str().unwrap()])
        .current_dir(conformance_dir())
        .status()
        .expect("node runs");
    assert!(status.success(), "node {script} failed");
    let text = std::fs::read_to_string(&out).unwrap();
    match serde_json::from_str(&text).unwrap() {
        Value::Object(m) => m,
        _ => panic!("{script} wrote no object"),
    }
}

// ---------------------------------------------------------------------------
// Normalisation.
// ---------------------------------------------------------------------------

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_uuid_at(b: &[u8], i: usize) -> bool {
    if i + 36 > b.len() {
        return false;
    }
    (0..36).all(|k| match k {
        8 | 13 | 18 | 23 => b[i + k] == b'-',
        _ => b[i + k].is_ascii_hexdigit(),
    })
}

fn is_timestamp(b: &[u8]) -> bool {
    b.len() >= 19
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
}

/// Standard base64 (with or without padding), or None.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    if s.len() < 16 {
        return None;
    }
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Inherently unique values: UUIDs (anywhere in a string) become `<uuid>`, ISO-8601
/// timestamps `<timestamp>`, opaque record cursors (base64 of a timestamp and an
/// id) `<cursor>`.
fn placeholders(s: &str) -> String {
    let b = s.as_bytes();
    if is_timestamp(b) {
        return "<timestamp>".into();
    }
    if base64_decode(s).is_some_and(|d| is_timestamp(&d)) {
        return "<cursor>".into();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if is_uuid_at(b, i) {
            out.push_str("<uuid>");
            i += 36;
        } else {
            let ch = s[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn scrub(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(placeholders(s)),
        Value::Array(a) => Value::Array(a.iter().map(scrub).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), scrub(x))).collect()),
        _ => v.clone(),
    }
}

/// A recorded request (the `/_admin/requests` form) as compared.
fn normalise_request(r: &Value) -> Value {
    let mut query: Vec<(String, String)> = r["query"]
        .as_str()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect();
    query.sort();
    let mut headers = Map::new();
    if let Value::Object(h) = &r["headers"] {
        for (k, v) in h {
            let k = k.to_ascii_lowercase();
            if COMPARED_HEADERS.contains(&k.as_str()) {
                headers.insert(k, v.clone());
            }
        }
    }
    let body = r["body"].as_str().unwrap_or_default();
    let body = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(body).unwrap_or_else(|_| json!({"$text": body}))
    };
    scrub(&json!({
        "method": r["method"],
        "path": percent_decode(r["path"].as_str().unwrap_or_default(), false),
        "query": query.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "headers": headers,
        "body": body,
    }))
}

// ---------------------------------------------------------------------------
// Comparison.
// ---------------------------------------------------------------------------

struct Difference {
    step: String,
    client: &'static str,
    field: String,
    official: Value,
    ours: Value,
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Compares `ours` with `official` on the official value's fields (extra fields of
/// ours are fine; a missing field equals null). `shape`: types and keys only.
fn compare_value(
    path: &str,
    official: &Value,
    ours: &Value,
    shape: bool,
    out: &mut Vec<(String, Value, Value)>,
) {
    match (official, ours) {
        (Value::Object(o), Value::Object(u)) => {
            for (k, ov) in o {
                let uv = u.get(k).unwrap_or(&Value::Null);
                // Typed models skip None and empty collections when serialized.
                let empty = match ov {
                    Value::Null => true,
                    Value::Array(a) => a.is_empty(),
                    Value::Object(m) => m.is_empty(),
                    _ => false,
                };
                if empty && !u.contains_key(k) || ov.is_null() && uv.is_null() {
                    continue;
                }
                compare_value(&format!("{path}.{k}"), ov, uv, shape, out);
            }
        }
        (Value::Array(o), Value::Array(u)) => {
            if o.len() != u.len() {
                out.push((format!("{path}.length"), official.clone(), ours.clone()));
                return;
            }
            for (i, (ov, uv)) in o.iter().zip(u).enumerate() {
                compare_value(&format!("{path}[{i}]"), ov, uv, shape, out);
            }
        }
        (Value::Number(_), Value::Number(_)) if shape || num_eq(official, ours) => {}
        (Value::String(_), Value::String(_)) | (Value::Bool(_), Value::Bool(_)) if shape => {}
        _ if official == ours => {}
        _ => out.push((path.to_owned(), official.clone(), ours.clone())),
    }
}

fn dig<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .filter(|p| !p.is_empty())
        .fold(v, |cur, p| cur.get(p).unwrap_or(&Value::Null))
}

fn glob(pattern: &str, s: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == s,
        Some((head, tail)) => {
            s.starts_with(head)
                && (0..=s.len() - head.len())
                    .any(|i| s.is_char_boundary(head.len() + i) && glob(tail, &s[head.len() + i..]))
        }
    }
}

struct Allowed {
    entries: Vec<Value>,
}

impl Allowed {
    fn matching<'a>(
        &'a self,
        step: &'a str,
        client: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Value)> + 'a {
        self.entries.iter().enumerate().filter(move |(_, e)| {
            e["steps"]
                .as_array()
                .is_some_and(|s| s.iter().any(|p| glob(p.as_str().unwrap_or_default(), step)))
                && e["clients"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|c| c == client))
        })
    }

    /// The index of the entry allowing a difference of `field` (official value
    /// `o`, ours `u`), if any. An entry may pin the values (`official`, `ours`) and
    /// apply only to requests without a body (`only_without_body`).
    fn allows(
        &self,
        step: &str,
        client: &str,
        field: &str,
        o: &Value,
        u: &Value,
        bodiless: bool,
    ) -> Option<usize> {
        self.matching(step, client)
            .find(|(_, e)| {
                e.get("official").is_none_or(|v| v == o)
                    && e.get("ours").is_none_or(|v| v == u)
                    && (bodiless || e["only_without_body"] != true)
                    && e["fields"].as_array().is_some_and(|fs| {
                        fs.iter().filter_map(Value::as_str).any(|f| {
                            field == f
                                || field.starts_with(&format!("{f}."))
                                || field.starts_with(&format!("{f}["))
                                || field.starts_with(&format!("{f}:"))
                        })
                    })
            })
            .map(|(i, _)| i)
    }

    /// The returned-value views (`{"official": path, "ours": path}`) for a step.
    fn view(&self, step: &str, client: &str) -> Option<(usize, String, String)> {
        self.matching(step, client).find_map(|(i, e)| {
            e.get("returned").map(|r| {
                (
                    i,
                    r.get("official")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                    r.get("ours")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                )
            })
        })
    }
}

fn compare_step(
    step: &Value,
    client: &'static str,
    official: &Value,
    ours: &Value,
    allowed: &Allowed,
    used: &mut [bool],
) -> Vec<Difference> {
    let id = str_of(&step["id"]);
    // (field, official, ours, the official request had no body)
    let mut raw: Vec<(String, Value, Value, bool)> = Vec::new();
    let (oo, uo) = (&official["outcome"], &ours["outcome"]);
    if uo == "missing" {
        raw.push(("missing".into(), oo.clone(), uo.clone(), false));
    } else if oo != uo {
        raw.push((
            "outcome".into(),
            json!({"outcome": oo, "error": official["error"]}),
            json!({"outcome": uo, "error": ours["error"], "message": ours["message"]}),
            false,
        ));
    }
    let empty = vec![];
    let oreq: Vec<Value> = official["requests"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(normalise_request)
        .collect();
    let ureq: Vec<Value> = ours["requests"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(normalise_request)
        .collect();
    if uo != "missing" {
        if oreq.len() != ureq.len() {
            raw.push((
                "request.count".into(),
                json!(oreq.len()),
                json!(ureq.len()),
                false,
            ));
        }
        for (o, u) in oreq.iter().zip(&ureq) {
            let bodiless = o["body"].is_null();
            for f in ["method", "path", "query", "body"] {
                if o[f] != u[f] {
                    raw.push((format!("request.{f}"), o[f].clone(), u[f].clone(), bodiless));
                }
            }
            let mut names: Vec<&String> = o["headers"].as_object().unwrap().keys().collect();
            names.extend(u["headers"].as_object().unwrap().keys());
            names.sort();
            names.dedup();
            for n in names {
                if o["headers"].get(n) != u["headers"].get(n) {
                    raw.push((
                        format!("request.headers.{n}"),
                        o["headers"].get(n).cloned().unwrap_or(Value::Null),
                        u["headers"].get(n).cloned().unwrap_or(Value::Null),
                        bodiless,
                    ));
                }
            }
        }
        if oo == "ok" && uo == "ok" && step["method"] != "constructor" {
            let (mut ov, mut uv) = (scrub(&official["returned"]), scrub(&ours["returned"]));
            if let Some((i, op, up)) = allowed.view(&id, client) {
                used[i] = true;
                ov = dig(&ov, &op).clone();
                uv = dig(&uv, &up).clone();
            }
            let mut out = Vec::new();
            compare_value("returned", &ov, &uv, step["returned"] == "shape", &mut out);
            raw.extend(out.into_iter().map(|(f, o, u)| (f, o, u, false)));
        }
        if oo == "error" && uo == "error" {
            for f in ["status", "code"] {
                if official["error"][f] != ours["error"][f] {
                    raw.push((
                        format!("error.{f}"),
                        official["error"][f].clone(),
                        ours["error"][f].clone(),
                        false,
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (field, o, u, bodiless) in raw {
        if let Some(i) = allowed.allows(&id, client, &field, &o, &u, bodiless) {
            used[i] = true;
            continue;
        }
        out.push(Difference {
            step: id.clone(),
            client,
            field,
            official: o,
            ours: u,
        });
    }
    out
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 400 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(400).map_or(s.len(), |(i, _)| i)]
        )
    } else {
        s
    }
}

#[test]
fn every_request_matches_the_official_sdk_or_is_a_listed_difference() {
    let dir = conformance_dir();
    assert!(
        dir.join("node_modules/@nangohq/node").exists(),
        "tests/conformance/node_modules is missing: run `cargo xtask setup`"
    );
    let scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("scenario.json")).unwrap()).unwrap();
    let differences: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("differences.json")).unwrap())
            .unwrap();
    let seed = Seed::from_json(&scenario["seed"].to_string()).expect("seed");
    let server =
        LocalServer::start_in_background(ServerConfig::new().seed(seed).rate_limit(100_000))
            .expect("local server");
    let env = Env {
        host: server.base_url(),
        api_key: server.api_key(),
        upstream: start_upstream(),
    };
    let mut resolved = resolve_static(&scenario, &env);
    resolved["apiKey"] = json!(env.api_key);
    let resolved_path =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance-scenario.json");
    std::fs::write(&resolved_path, resolved.to_string()).unwrap();
    let steps = resolved["steps"].as_array().unwrap().clone();

    let native = run_native(&server, &resolved);
    let official = run_node("run-official.mjs", &server, &resolved_path);

    let root = dir.join("../..");
    let wasm_built =
        root.join("pkg/node.js").exists() && root.join("pkg/dist/nango_wasm_bg.wasm").exists();
    let skip_wasm = std::env::var("NANGO_CONFORMANCE_SKIP_WASM").is_ok_and(|v| v == "1");
    // `cargo xtask test` builds pkg/ first and requires the wasm client to be compared.
    if std::env::var("NANGO_CONFORMANCE_REQUIRE_WASM").is_ok_and(|v| v == "1") {
        assert!(
            wasm_built && !skip_wasm,
            "the wasm package (pkg/) must be built and compared"
        );
    }
    let wasm = if wasm_built && !skip_wasm {
        Some(run_node("run-wasm.mjs", &server, &resolved_path))
    } else {
        None
    };

    let allowed = Allowed {
        entries: differences.as_array().cloned().unwrap_or_default(),
    };
    let mut used = vec![false; allowed.entries.len()];
    let mut unexpected = Vec::new();
    let mut clients: Vec<(&'static str, &Map<String, Value>)> = vec![("native", &native)];
    if let Some(w) = &wasm {
        clients.push(("wasm", w));
    }
    if let Some(w) = &wasm {
        assert!(
            w.values().any(|r| r["outcome"] != "missing"),
            "the wasm package (pkg/) is there but has none of the methods: it failed to load (see \
             the message above) or is not a build of nango-wasm"
        );
    }
    for step in &steps {
        let id = str_of(&step["id"]);
        let o = official
            .get(&id)
            .unwrap_or_else(|| panic!("official: no result for {id}"));
        for (client, results) in &clients {
            let u = results
                .get(&id)
                .unwrap_or_else(|| panic!("{client}: no result for {id}"));
            unexpected.extend(compare_step(step, client, o, u, &allowed, &mut used));
        }
    }

    let methods: std::collections::BTreeSet<String> =
        steps.iter().map(|s| str_of(&s["method"])).collect();
    println!(
        "conformance: {} steps, {} methods, clients: official, {}",
        steps.len(),
        methods.len(),
        clients
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if wasm.is_none() {
        println!(
            "conformance: wasm package {}: the wasm client was not compared",
            if skip_wasm {
                "skipped (NANGO_CONFORMANCE_SKIP_WASM=1)"
            } else {
                "not built (pkg/)"
            }
        );
    }
    for (i, used) in used.iter().enumerate() {
        if !used {
            println!(
                "conformance: note: listed difference {} matched nothing in this run",
                allowed.entries[i]["id"]
            );
        }
    }
    if !unexpected.is_empty() {
        let mut report = String::new();
        for d in &unexpected {
            report.push_str(&format!(
                "- {} [{}] {}\n    official: {}\n    ours:     {}\n",
                d.step,
                d.client,
                d.field,
                short(&d.official),
                short(&d.ours)
            ));
        }
        panic!(
            "{} differences from the official SDK are not in tests/conformance/differences.json:\n{report}",
            unexpected.len()
        );
    }
}
