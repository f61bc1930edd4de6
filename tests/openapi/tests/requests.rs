//! Requests: every operation the SDK implements (the `http` lines of the operation table, `crates/nango-core/operations/`),
//! built by the core with all options absent and with all present, checked against
//! the document: method and path template, every query and header parameter known to
//! the document and every required one present, the JSON body valid against the
//! request schema (JSON Schema 2020-12, `$ref`s resolved inside the document).
//!
//! The bodies the SDK takes as a model (`NewIntegration`, `CreateConnectSession`...)
//! are built from instances generated from the document's own request schema (only
//! the required fields; every field) read into the SDK's model: a document field the
//! model cannot hold, or drops on the way out, is a finding too.

use std::collections::BTreeSet;
use std::io::Write;

use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::models::actions::ActionRef;
use nango_core::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango_core::models::connections::{ConnectionPatch, UpsertConnection};
use nango_core::models::environments::NewEnvironment;
use nango_core::models::functions::{FunctionType, NewDeployment, NewDryrun};
use nango_core::models::integrations::{IntegrationInclude, IntegrationPatch, NewIntegration};
use nango_core::models::records::RecordFilter;
use nango_core::ops::actions::{GetActionResult, TriggerAction, TriggerActionAsync};
use nango_core::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use nango_core::ops::connections::{
    DeleteConnection, GetConnection, GetConnectionField, GetToken, ImportConnection,
    ListConnections, MetadataMode, PatchConnection, SetMetadata,
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
use nango_openapi_tests::{implemented_operations, Doc, Findings, Mode, OpKey};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Headers every request may carry that OpenAPI does not describe as parameters
/// (authentication is a security scheme; content negotiation is the media type).
const TRANSPORT_HEADERS: &[&str] = &["authorization", "content-type", "accept", "user-agent"];

/// One built request.
struct Case {
    /// The endpoint and the variant, for messages.
    label: String,
    request: ApiRequest,
    /// The document instance the body model was read from, when there was one.
    given: Option<Value>,
}

fn config() -> Config {
    Config::builder()
        .api_key("00000000-0000-4000-8000-000000000000")
        .build()
        .expect("config")
}

/// Builds `endpoint`'s request (a refusal here is a bug of the table).
fn build<E: Endpoint>(label: &str, endpoint: E) -> Case {
    let request = endpoint
        .request(&config())
        .unwrap_or_else(|e| panic!("{label}: the core refused the request: {e}"));
    Case {
        label: label.to_string(),
        request,
        given: None,
    }
}

/// The document's request schema of `method template`.
fn body_schema<'a>(doc: &'a Doc, method: &str, template: &str) -> &'a Value {
    let op = OpKey {
        method: method.into(),
        template: template.into(),
    };
    doc.request_schema(&op)
        .unwrap_or_else(|| panic!("{op} has no JSON request body in the document"))
        .0
}

/// The model bodies: one instance per mode (required fields only; every field) of the
/// document's request schema, read into the SDK's model `M`. A refusal is a finding.
fn model_cases<M: DeserializeOwned, E: Endpoint>(
    doc: &Doc,
    findings: &mut Findings,
    method: &str,
    template: &str,
    name: &str,
    make: impl Fn(M) -> E,
) -> Vec<Case> {
    let schema = body_schema(doc, method, template);
    let mut out = Vec::new();
    for mode in [Mode::Required, Mode::Every] {
        let instance = doc.generate(schema, mode);
        let label = format!("{name} ({} body)", mode.name());
        match serde_json::from_value::<M>(instance.clone()) {
            Ok(model) => {
                let mut case = build(&label, make(model));
                case.given = Some(instance);
                out.push(case);
            }
            Err(e) => findings.add(
                format!("{method} {template}"),
                format!(
                    "the SDK's body model refuses the document's {} instance: {e}",
                    mode.name()
                ),
            ),
        }
    }
    out
}

/// Every case: one or more per implemented operation.
fn cases(doc: &Doc, f: &mut Findings) -> Vec<Case> {
    let mut c = vec![
        // Providers.
        build("list_providers", ListProviders::new()),
        build(
            "list_providers (every option)",
            ListProviders::new()
                .search("git")
                .connect_session_token("nango_connect_session_x"),
        ),
        build("get_provider", GetProvider::new("github")),
        build(
            "get_provider_templates",
            GetProviderTemplates::new("github"),
        ),
        // Integrations.
        build("list_integrations", ListIntegrations::new()),
        build("get_integration", GetIntegration::new("github")),
        build(
            "get_integration (every include)",
            GetIntegration::new("github")
                .include(IntegrationInclude::Webhook)
                .include(IntegrationInclude::Credentials),
        ),
        build(
            "create_integration (typed minimal)",
            CreateIntegration::new(NewIntegration::new("github", "gh")),
        ),
        build("delete_integration", DeleteIntegration::new("github")),
        build("list_functions", ListFunctions::new("github")),
        build(
            "list_functions (every option)",
            ListFunctions::new("github")
                .function_type(FunctionType::Action)
                .search("issue")
                .page(1)
                .limit(20),
        ),
        build("get_function", GetFunction::new("github", "issues")),
        build(
            "get_function (typed)",
            GetFunction::new("github", "issues").function_type(FunctionType::Sync),
        ),
        build(
            "get_function_code",
            GetFunctionCode::new("github", "issues"),
        ),
        build(
            "get_function_code (typed)",
            GetFunctionCode::new("github", "issues").function_type(FunctionType::Action),
        ),
        build(
            "delete_function",
            DeleteFunction::new("github", "issues", FunctionType::Sync),
        ),
        // Connections.
        build("list_connections", ListConnections::new()),
        build(
            "list_connections (every option)",
            ListConnections::new()
                .connection_id("c1")
                .search("acme")
                .end_user_id("u1")
                .end_user_organization_id("o1")
                .integration_ids(["github", "slack"])
                .tag("plan", "pro")
                .limit(10)
                .page(2),
        ),
        build("get_connection", GetConnection::new("github", "user 1")),
        build(
            "get_connection (every flag)",
            GetConnection::new("github", "user 1")
                .force_refresh(true)
                .refresh_token(true)
                .refresh_github_app_jwt_token(true),
        ),
        build(
            "get_token",
            GetToken::new(GetConnection::new("github", "u1"))
                .force_refresh(true)
                .refresh_github_app_jwt_token(true),
        ),
        build(
            "get_raw_token_response",
            GetConnectionField::<Value>::raw_token_response(GetConnection::new("github", "u1"))
                .force_refresh(true),
        ),
        build(
            "get_metadata",
            GetConnectionField::<Value>::metadata("github", "u1"),
        ),
        build(
            "patch_connection (empty)",
            PatchConnection::new("github", "u1", ConnectionPatch::default()),
        ),
        build("delete_connection", DeleteConnection::new("github", "u1")),
        build(
            "set_metadata (one id)",
            SetMetadata::new(
                MetadataMode::Replace,
                "github",
                "u1",
                json!({"plan": "pro"}),
            )
            .expect("metadata"),
        ),
        build(
            "set_metadata (many ids)",
            SetMetadata::new(
                MetadataMode::Replace,
                "github",
                ["u1", "u2"],
                json!({"plan": "pro"}),
            )
            .expect("metadata"),
        ),
        build(
            "update_metadata (one id)",
            SetMetadata::new(MetadataMode::Merge, "github", "u1", json!({"seats": 3}))
                .expect("metadata"),
        ),
        build(
            "update_metadata (many ids)",
            SetMetadata::new(MetadataMode::Merge, "github", ["u1", "u2"], json!({"a": 1}))
                .expect("metadata"),
        ),
        // Connect sessions.
        build(
            "create_session (typed minimal)",
            CreateSession::new(CreateConnectSession::default()),
        ),
        build(
            "create_reconnect (typed minimal)",
            CreateReconnect::new(CreateReconnectSession::new("u1", "github")),
        ),
        build("get_session", GetSession::new("nango_connect_session_x")),
        build(
            "delete_session",
            DeleteSession::new("nango_connect_session_x"),
        ),
        // Scripts and environments.
        build("get_scripts_config", GetScriptsConfig::new()),
        build("get_scripts_config_openai", GetScriptsConfigOpenAi::new()),
        build("get_environment_variables", GetEnvironmentVariables::new()),
        build(
            "create_environment (typed minimal)",
            CreateEnvironment::new(NewEnvironment::new("staging")),
        ),
        build("delete_environment", DeleteEnvironment::new(7)),
        build("create_api_key", CreateApiKey::new(7, "ci")),
        build("delete_api_key", DeleteApiKey::new(7, 9)),
        build("rotate_webhook_signing_key", RotateWebhookSigningKey::new()),
        // Functions.
        build(
            "compile_function",
            CompileFunction::new("export default {}"),
        ),
        build(
            "create_function_dryrun (typed minimal)",
            CreateFunctionDryrun::new(NewDryrun::new(
                "github",
                FunctionType::Action,
                "export default {}",
                "u1",
            )),
        ),
        build(
            "create_function_dryrun (typed every option)",
            CreateFunctionDryrun::new(
                NewDryrun::new("github", FunctionType::Sync, "export default {}", "u1")
                    .input(json!({"a": 1}))
                    .metadata(serde_json::Map::new())
                    .checkpoint(serde_json::Map::new())
                    .last_sync_date("2026-01-01T00:00:00Z"),
            ),
        ),
        build(
            "get_function_dryrun",
            GetFunctionDryrun::new("00000000-0000-4000-8000-000000000002"),
        ),
        build(
            "get_function_deployment",
            GetFunctionDeployment::new("00000000-0000-4000-8000-000000000003"),
        ),
        // Records.
        build(
            "list_records",
            ListRecords::<Value>::new("github", "u1", "Issue"),
        ),
        build(
            "list_records (every option)",
            ListRecords::<Value>::new("github", "u1", "Issue")
                .variant("eu")
                .modified_after("2026-01-01T00:00:00Z")
                .limit(50)
                .filter([RecordFilter::Added, RecordFilter::Updated])
                .cursor("cur")
                .ids(["1", "2"]),
        ),
        build(
            "prune_records",
            PruneRecords::new("github", "u1", "Issue", "cur"),
        ),
        build(
            "prune_records (every option)",
            PruneRecords::new("github", "u1", "Issue", "cur")
                .variant("eu")
                .limit(10),
        ),
        // Syncs.
        build(
            "trigger_sync",
            TriggerSync::new("github", Vec::<&str>::new()),
        ),
        build(
            "trigger_sync (every option)",
            TriggerSync::new("github", ["issues", "prs"])
                .connection_id("u1")
                .reset(true)
                .empty_cache(true),
        ),
        build(
            "trigger_sync (sync mode)",
            TriggerSync::new("github", [("issues", "eu")])
                .connection_id("u1")
                .mode("full_refresh_and_clear_cache"),
        ),
        build("start_sync", StartSync::new("github", ["issues"])),
        build(
            "start_sync (every option)",
            StartSync::new("github", [("issues", "eu")]).connection_id("u1"),
        ),
        build("pause_sync", PauseSync::new("github", ["issues"])),
        build(
            "pause_sync (every option)",
            PauseSync::new("github", [("issues", "eu")]).connection_id("u1"),
        ),
        build("sync_status (all)", GetSyncStatus::new("github", "*")),
        build(
            "sync_status (every option)",
            GetSyncStatus::new("github", vec!["issues", "prs"]).connection_id("u1"),
        ),
        build(
            "update_sync_frequency",
            UpdateSyncFrequency::new("github", "issues", "u1", Some("every 2h")),
        ),
        build(
            "update_sync_frequency (reset, variant)",
            UpdateSyncFrequency::new("github", ("issues", "eu"), "u1", None::<String>),
        ),
        build(
            "create_sync_variant",
            CreateSyncVariant::new("github", "u1", "issues", "eu"),
        ),
        build(
            "delete_sync_variant",
            DeleteSyncVariant::new("github", "u1", "issues", "eu"),
        ),
        // Actions.
        build(
            "trigger_action",
            TriggerAction::<Value>::new("github", "u1", "create-issue"),
        ),
        build(
            "trigger_action (input)",
            TriggerAction::<Value>::new("github", "u1", "create-issue").input(json!({"t": 1})),
        ),
        build(
            "trigger_action_async",
            TriggerActionAsync::new("github", "u1", "create-issue"),
        ),
        build(
            "trigger_action_async (every option)",
            TriggerActionAsync::new("github", "u1", "create-issue")
                .input(json!({"t": 1}))
                .max_retries(3),
        ),
        build(
            "get_action_result",
            GetActionResult::<Value>::new(ActionRef::Id("a1".into())),
        ),
        // Proxy, every method.
        build(
            "proxy get",
            Proxy::get("/user")
                .provider_config_key("github")
                .connection_id("u1"),
        ),
        build(
            "proxy get (every option)",
            Proxy::get("/search/issues")
                .provider_config_key("github")
                .connection_id("u1")
                .header("Accept", "application/json")
                .header("X-Trace", "1")
                .param("q", "rust")
                .base_url_override("https://api.example.com")
                .retries(2)
                .decompress(true)
                .retry_on([429, 503])
                .forward_headers_on_redirect(true),
        ),
        build(
            "proxy post (every option)",
            Proxy::post("/repos/o/r/issues")
                .provider_config_key("github")
                .connection_id("u1")
                .header("X-Trace", "1")
                .retries(1)
                .decompress(false)
                .base_url_override("https://api.example.com")
                .json(&json!({"title": "t"})),
        ),
        build(
            "proxy put",
            Proxy::put("/items/1")
                .provider_config_key("github")
                .connection_id("u1")
                .json(&json!({"a": 1})),
        ),
        build(
            "proxy patch",
            Proxy::patch("/items/1")
                .provider_config_key("github")
                .connection_id("u1")
                .json(&json!({"a": 1})),
        ),
        build(
            "proxy delete",
            Proxy::delete("/items/1")
                .provider_config_key("github")
                .connection_id("u1"),
        ),
    ];
    // The bodies the SDK takes as a model, from the document's own instances.
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/integrations",
        "create_integration",
        CreateIntegration::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/integrations/quickstart",
        "create_quickstart_integration",
        CreateQuickstartIntegration::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "PATCH",
        "/integrations/{uniqueKey}",
        "update_integration",
        |b: IntegrationPatch| UpdateIntegration::new("github", b),
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/connections",
        "import_connection",
        ImportConnection::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "PATCH",
        "/connections/{connectionId}",
        "patch_connection",
        |b: ConnectionPatch| PatchConnection::new("github", "u1", b),
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/connect/sessions",
        "create_session",
        CreateSession::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/connect/sessions/reconnect",
        "create_reconnect",
        CreateReconnect::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/environments",
        "create_environment",
        CreateEnvironment::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/functions/dryruns",
        "create_function_dryrun",
        CreateFunctionDryrun::new,
    ));
    c.extend(model_cases(
        doc,
        f,
        "POST",
        "/functions/deployments",
        "create_function_deployment",
        |b: NewDeployment| CreateFunctionDeployment::new(b),
    ));
    c.push(build(
        "import_connection (typed minimal)",
        ImportConnection::new(UpsertConnection::new(
            "github",
            json!({"type": "API_KEY", "apiKey": "k"}),
        )),
    ));
    c
}

/// The names of the document's parameters of `location`, lower-cased for headers.
fn names(params: &[nango_openapi_tests::Param], location: &str) -> Vec<(String, bool)> {
    params
        .iter()
        .filter(|p| p.location == location)
        .map(|p| {
            let name = if location == "header" {
                p.name.to_lowercase()
            } else {
                p.name.clone()
            };
            (name, p.required)
        })
        .collect()
}

/// Whether `sent` is the parameter `documented`: equal, or the document's wildcard
/// (`$ANY_QUERY_PARAMS`, `nango-proxy-$ANY_HEADER`), or a `deepObject` key of it
/// (`tags[plan]` is `tags`).
fn is_param(sent: &str, documented: &str) -> bool {
    if sent == documented || documented == "$ANY_QUERY_PARAMS" {
        return true;
    }
    if let Some(prefix) = documented.strip_suffix("$any_header") {
        return sent.starts_with(prefix);
    }
    sent.split_once('[')
        .is_some_and(|(base, rest)| base == documented && rest.ends_with(']'))
}

/// Checks one case; every drift goes to `f` under the operation it belongs to (keyed
/// by the operation and what, whichever case shows it: the list stays short).
fn check(doc: &Doc, case: &Case, f: &mut Findings) -> Option<OpKey> {
    let req = &case.request;
    let method = req.method().as_str().to_string();
    let path = req.path().to_string();
    let op = match doc.match_path(&method, &path) {
        Some(op) => op,
        None => match doc.match_path(&method, path.trim_end_matches('/')) {
            Some(op) => {
                f.add(
                    &op,
                    "the path ends with a `/` the template has not".to_string(),
                );
                op
            }
            None => {
                f.add(
                    format!("{method} {path}"),
                    format!("{}: no operation of the document matches", case.label),
                );
                return None;
            }
        },
    };
    let params = doc.params(&op);

    // Query parameters: known, and the required ones present.
    let mut sent_query: Vec<String> = req
        .query_pairs()
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    if let Some(raw) = req.raw_query() {
        sent_query.extend(
            raw.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| p.split('=').next().unwrap_or_default().to_string()),
        );
    }
    let doc_query = names(&params, "query");
    for q in sent_query.iter().collect::<BTreeSet<_>>() {
        if !doc_query.iter().any(|(d, _)| is_param(q, d)) {
            f.add(
                &op,
                format!("sends query `{q}`, not a parameter of the document"),
            );
        }
    }
    for (d, required) in &doc_query {
        if *required && d != "$ANY_QUERY_PARAMS" && !sent_query.iter().any(|q| is_param(q, d)) {
            f.add(&op, format!("leaves out the required query `{d}`"));
        }
    }

    // Header parameters: the same (names compared without case).
    let sent_headers: BTreeSet<String> = req
        .header_pairs()
        .iter()
        .map(|(k, _)| k.to_lowercase())
        .filter(|k| !TRANSPORT_HEADERS.contains(&k.as_str()))
        .collect();
    let doc_headers = names(&params, "header");
    for h in &sent_headers {
        if !doc_headers.iter().any(|(d, _)| is_param(h, d)) {
            f.add(
                &op,
                format!("sends header `{h}`, not a parameter of the document"),
            );
        }
    }
    for (d, required) in &doc_headers {
        if *required && !sent_headers.iter().any(|h| is_param(h, d)) {
            f.add(&op, format!("leaves out the required header `{d}`"));
        }
    }

    // The body against the request schema.
    let body: Option<Value> = req.body().map(|b| {
        serde_json::from_slice(b)
            .unwrap_or_else(|e| panic!("{}: the body is not JSON: {e}", case.label))
    });
    match (doc.request_schema(&op), &body) {
        (Some((schema, _)), Some(body)) => {
            for e in doc.validate_keys(schema, body) {
                f.add(&op, format!("body {e}"));
            }
        }
        (Some((_, true)), None) => {
            f.add(&op, "sends no body; the document requires one".to_string());
        }
        (None, Some(_)) if !op.template.starts_with("/proxy/") => {
            f.add(
                &op,
                "sends a body the document does not describe".to_string(),
            );
        }
        _ => {}
    }
    // A document field the model read but did not send.
    if let (Some(given), Some(body)) = (&case.given, &body) {
        let mut lost = Vec::new();
        dropped("", given, body, &mut lost);
        for path in lost {
            f.add(
                &op,
                format!("the body model drops the document's field `{path}`"),
            );
        }
    }
    Some(op)
}

/// The object paths of `given` that `sent` lacks.
fn dropped(at: &str, given: &Value, sent: &Value, out: &mut Vec<String>) {
    match (given, sent) {
        (Value::Object(g), Value::Object(s)) => {
            for (k, v) in g {
                let path = format!("{at}/{k}");
                match s.get(k) {
                    Some(sv) => dropped(&path, v, sv, out),
                    None => out.push(path),
                }
            }
        }
        (Value::Array(g), Value::Array(s)) => {
            for (i, (gv, sv)) in g.iter().zip(s).enumerate() {
                dropped(&format!("{at}/{i}"), gv, sv, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_implemented_request_fits_the_document() {
    let doc = Doc::load();
    let mut findings = Findings::new("request");
    let (implemented, unknown) = implemented_operations(&doc);
    assert!(
        unknown.is_empty(),
        "the operation table names operations the document has not: {unknown:?}"
    );
    let cases = cases(&doc, &mut findings);
    let mut checked = BTreeSet::new();
    for case in &cases {
        if let Some(op) = check(&doc, case, &mut findings) {
            checked.insert(op);
        }
    }
    let unchecked: Vec<_> = implemented.difference(&checked).collect();
    assert!(
        unchecked.is_empty(),
        "implemented operations with no request case: {unchecked:?}"
    );
    let beyond: Vec<_> = checked.difference(&implemented).collect();
    assert!(
        beyond.is_empty(),
        "request cases of operations the operation table does not declare: {beyond:?}"
    );
    let all = doc.operations();
    let deprecated = all.iter().filter(|op| doc.is_deprecated(op)).count();
    let not_implemented: Vec<String> = all
        .iter()
        .filter(|op| !implemented.contains(op) && !doc.is_deprecated(op))
        .map(ToString::to_string)
        .collect();
    // Written to the process's stderr directly, not with `println!`: the test harness
    // captures the print macros of a passing test, and this line is meant to show in
    // every run of the test command.
    let _ = writeln!(
        std::io::stderr(),
        "openapi coverage: {} operations in the document, {} implemented, {} checked ({}%), \
         {} deprecated (/connection singular), {} not implemented{}",
        all.len(),
        implemented.len(),
        checked.len(),
        checked.len() * 100 / implemented.len().max(1),
        deprecated,
        not_implemented.len(),
        if not_implemented.is_empty() {
            String::new()
        } else {
            format!(": {}", not_implemented.join(", "))
        }
    );
    println!("{} request cases", cases.len());
    let n = findings.assert_reviewed();
    println!("{n} reviewed request difference(s)");
}
