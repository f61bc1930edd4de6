//! Models: for the success response of every implemented operation, the document's
//! `example`s (where it gives whole-body ones) and instances generated from its schema
//! (only the required fields; every field; nullable fields as `null`; enum fields with
//! a value the SDK does not know) are decoded by the SDK's own `Endpoint::decode`, as
//! an answer of the documented status. No valid instance may fail to decode, and an
//! unknown enum value must be kept (it shows in the decoded value), not refused.
//!
//! The JavaScript package's answer handling is not exercised here (it would need the
//! built wasm package and Node); its decoding is the same core code compiled to wasm.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::io::Write;

use bytes::Bytes;
use nango_core::endpoint::Endpoint;
use nango_core::models::actions::ActionRef;
use nango_core::models::functions::FunctionType;
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
use nango_openapi_tests::{implemented_operations, Doc, Findings, Mode, OpKey, UNKNOWN_ENUM};
use serde_json::{json, Value};

/// Decodes a body as an answer of a status; the decoded value's `Debug` text.
type Decoder = Box<dyn Fn(u16, &Value) -> Result<String, String>>;

/// `endpoint`'s decoding as a [`Decoder`].
fn dec<E>(endpoint: E) -> Decoder
where
    E: Endpoint + 'static,
    E::Output: Debug,
{
    Box::new(move |status, body| {
        let bytes = Bytes::from(serde_json::to_vec(body).expect("JSON"));
        let response = http::Response::builder()
            .status(status)
            .body(bytes)
            .expect("response");
        endpoint
            .decode(response)
            .map(|out| format!("{out:?}"))
            .map_err(|e| e.to_string())
    })
}

/// Every implemented operation's decoders (an operation several SDK methods share has
/// one per method: `GET /connections/{connectionId}` is a connection, a token, a raw
/// token response and metadata).
fn decoders() -> Vec<(&'static str, &'static str, &'static str, Decoder)> {
    let ft = FunctionType::Sync;
    vec![
        (
            "GET",
            "/providers",
            "list_providers",
            dec(ListProviders::new()),
        ),
        (
            "GET",
            "/providers/{provider}",
            "get_provider",
            dec(GetProvider::new("p")),
        ),
        (
            "GET",
            "/providers/{provider}/templates",
            "get_provider_templates",
            dec(GetProviderTemplates::new("p")),
        ),
        (
            "GET",
            "/integrations",
            "list_integrations",
            dec(ListIntegrations::new()),
        ),
        (
            "POST",
            "/integrations",
            "create_integration",
            dec(CreateIntegration::new(Default::default())),
        ),
        (
            "POST",
            "/integrations/quickstart",
            "create_quickstart_integration",
            dec(CreateQuickstartIntegration::new(Default::default())),
        ),
        (
            "GET",
            "/integrations/{uniqueKey}",
            "get_integration",
            dec(GetIntegration::new("k")),
        ),
        (
            "PATCH",
            "/integrations/{uniqueKey}",
            "update_integration",
            dec(UpdateIntegration::new("k", Default::default())),
        ),
        (
            "DELETE",
            "/integrations/{uniqueKey}",
            "delete_integration",
            dec(DeleteIntegration::new("k")),
        ),
        (
            "GET",
            "/integrations/{uniqueKey}/functions",
            "list_functions",
            dec(ListFunctions::new("k")),
        ),
        (
            "GET",
            "/integrations/{uniqueKey}/functions/{name}",
            "get_function",
            dec(GetFunction::new("k", "n")),
        ),
        (
            "DELETE",
            "/integrations/{uniqueKey}/functions/{name}",
            "delete_function",
            dec(DeleteFunction::new("k", "n", ft)),
        ),
        (
            "GET",
            "/integrations/{uniqueKey}/functions/{name}/code",
            "get_function_code",
            dec(GetFunctionCode::new("k", "n")),
        ),
        (
            "GET",
            "/connections",
            "list_connections",
            dec(ListConnections::new()),
        ),
        (
            "POST",
            "/connections",
            "import_connection",
            dec(ImportConnection::new(Default::default())),
        ),
        (
            "GET",
            "/connections/{connectionId}",
            "get_connection",
            dec(GetConnection::new("k", "c")),
        ),
        (
            "GET",
            "/connections/{connectionId}",
            "get_token",
            dec(GetToken::new(GetConnection::new("k", "c"))),
        ),
        (
            "GET",
            "/connections/{connectionId}",
            "get_raw_token_response",
            dec(GetConnectionField::<Value>::raw_token_response(
                GetConnection::new("k", "c"),
            )),
        ),
        (
            "GET",
            "/connections/{connectionId}",
            "get_metadata",
            dec(GetConnectionField::<Value>::metadata("k", "c")),
        ),
        (
            "PATCH",
            "/connections/{connectionId}",
            "patch_connection",
            dec(PatchConnection::new("k", "c", Default::default())),
        ),
        (
            "DELETE",
            "/connections/{connectionId}",
            "delete_connection",
            dec(DeleteConnection::new("k", "c")),
        ),
        (
            "POST",
            "/connections/metadata",
            "set_metadata",
            dec(SetMetadata::new(MetadataMode::Replace, "k", "c", json!({})).expect("op")),
        ),
        (
            "PATCH",
            "/connections/metadata",
            "update_metadata",
            dec(SetMetadata::new(MetadataMode::Merge, "k", "c", json!({})).expect("op")),
        ),
        (
            "POST",
            "/connect/sessions",
            "create_session",
            dec(CreateSession::new(Default::default())),
        ),
        (
            "POST",
            "/connect/sessions/reconnect",
            "create_reconnect",
            dec(CreateReconnect::new(Default::default())),
        ),
        (
            "GET",
            "/connect/session",
            "get_session",
            dec(GetSession::new("t")),
        ),
        (
            "DELETE",
            "/connect/session",
            "delete_session",
            dec(DeleteSession::new("t")),
        ),
        (
            "GET",
            "/scripts/config",
            "get_scripts_config",
            dec(GetScriptsConfig::new()),
        ),
        (
            "GET",
            "/scripts/config",
            "get_scripts_config_openai",
            dec(GetScriptsConfigOpenAi::new()),
        ),
        (
            "GET",
            "/environment-variables",
            "get_environment_variables",
            dec(GetEnvironmentVariables::new()),
        ),
        (
            "POST",
            "/environments",
            "create_environment",
            dec(CreateEnvironment::new(Default::default())),
        ),
        (
            "DELETE",
            "/environments/{environmentId}",
            "delete_environment",
            dec(DeleteEnvironment::new(1)),
        ),
        (
            "POST",
            "/environment/api-keys",
            "create_api_key",
            dec(CreateApiKey::new(1, "n")),
        ),
        (
            "DELETE",
            "/environment/api-keys",
            "delete_api_key",
            dec(DeleteApiKey::new(1, 2)),
        ),
        (
            "POST",
            "/environment/webhook-signing-key/rotate",
            "rotate_webhook_signing_key",
            dec(RotateWebhookSigningKey::new()),
        ),
        (
            "POST",
            "/functions/compile",
            "compile_function",
            dec(CompileFunction::new("c")),
        ),
        (
            "POST",
            "/functions/dryruns",
            "create_function_dryrun",
            dec(CreateFunctionDryrun::from_json(
                nango_core::json::JsonText::parse("{}").expect("json"),
            )),
        ),
        (
            "GET",
            "/functions/dryruns/{id}",
            "get_function_dryrun",
            dec(GetFunctionDryrun::new("i")),
        ),
        (
            "POST",
            "/functions/deployments",
            "create_function_deployment",
            dec(CreateFunctionDeployment::from_json(
                nango_core::json::JsonText::parse("{}").expect("json"),
            )),
        ),
        (
            "GET",
            "/functions/deployments/{id}",
            "get_function_deployment",
            dec(GetFunctionDeployment::new("i")),
        ),
        (
            "GET",
            "/records",
            "list_records",
            dec(ListRecords::<Value>::new("k", "c", "m")),
        ),
        (
            "PATCH",
            "/records/prune",
            "prune_records",
            dec(PruneRecords::new("k", "c", "m", "cur")),
        ),
        (
            "POST",
            "/sync/trigger",
            "trigger_sync",
            dec(TriggerSync::new("k", ["s"])),
        ),
        (
            "POST",
            "/sync/start",
            "start_sync",
            dec(StartSync::new("k", ["s"])),
        ),
        (
            "POST",
            "/sync/pause",
            "pause_sync",
            dec(PauseSync::new("k", ["s"])),
        ),
        (
            "GET",
            "/sync/status",
            "sync_status",
            dec(GetSyncStatus::new("k", "*")),
        ),
        (
            "PUT",
            "/sync/update-connection-frequency",
            "update_sync_frequency",
            dec(UpdateSyncFrequency::new("k", "s", "c", Some("every day"))),
        ),
        (
            "POST",
            "/sync/{name}/variant/{variant}",
            "create_sync_variant",
            dec(CreateSyncVariant::new("k", "c", "s", "v")),
        ),
        (
            "DELETE",
            "/sync/{name}/variant/{variant}",
            "delete_sync_variant",
            dec(DeleteSyncVariant::new("k", "c", "s", "v")),
        ),
        (
            "POST",
            "/action/trigger",
            "trigger_action",
            dec(TriggerAction::<Value>::new("k", "c", "a")),
        ),
        (
            "POST",
            "/action/trigger",
            "trigger_action_async",
            dec(TriggerActionAsync::new("k", "c", "a")),
        ),
        (
            "GET",
            "/action/{actionId}",
            "get_action_result",
            dec(GetActionResult::<Value>::new(ActionRef::Id("a".into()))),
        ),
        ("GET", "/proxy/{anyPath}", "proxy", dec(Proxy::get("/x"))),
        ("POST", "/proxy/{anyPath}", "proxy", dec(Proxy::post("/x"))),
        ("PUT", "/proxy/{anyPath}", "proxy", dec(Proxy::put("/x"))),
        (
            "PATCH",
            "/proxy/{anyPath}",
            "proxy",
            dec(Proxy::patch("/x")),
        ),
        (
            "DELETE",
            "/proxy/{anyPath}",
            "proxy",
            dec(Proxy::delete("/x")),
        ),
    ]
}

/// The most alternatives any `oneOf`/`anyOf` of the document has (credentials: 14).
const MAX_BRANCHES: usize = 16;

/// The decoders that return one field of the answer, not all of it.
const PARTIAL: &[&str] = &["get_token", "get_raw_token_response", "get_metadata"];

/// `message` without serde_json's ` (line L, column C)`.
fn no_position(message: &str) -> String {
    match (message.find(" (line "), message.rfind(')')) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &message[..start], &message[end + 1..])
        }
        _ => message.to_string(),
    }
}

/// Whether `v` holds [`UNKNOWN_ENUM`] anywhere.
fn holds_unknown(v: &Value) -> bool {
    match v {
        Value::String(s) => s == UNKNOWN_ENUM,
        Value::Array(a) => a.iter().any(holds_unknown),
        Value::Object(m) => m.values().any(holds_unknown),
        _ => false,
    }
}

#[test]
fn every_documented_answer_decodes() {
    let doc = Doc::load();
    let (implemented, _) = implemented_operations(&doc);
    let mut findings = Findings::new("model");
    let mut covered = BTreeSet::new();
    let mut decoded = 0;
    // The same answers, for the package's answer handling (see `package_decodes`).
    let mut cases = Vec::new();
    for (method, template, name, decode) in decoders() {
        let op = OpKey {
            method: method.into(),
            template: template.into(),
        };
        assert!(
            implemented.contains(&op),
            "{op} is not an implemented operation of the document"
        );
        covered.insert(op.clone());
        let Some((status, schema)) = doc.success(&op) else {
            findings.add(&op, "the document gives no success status");
            continue;
        };
        let Some(schema) = schema else {
            // No JSON body documented (204, or the proxy's upstream answer): an empty
            // body must do.
            if let Err(e) = decode(status, &Value::Null) {
                findings.add(&op, format!("{name}: an empty answer does not decode: {e}"));
            }
            decoded += 1;
            cases.push(json!({"op": op.to_string(), "name": name, "status": status, "body": null, "keep": null}));
            continue;
        };
        let mut instances: Vec<(String, Value)> = doc
            .examples(&op, &status.to_string())
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("example {i}"), v))
            .collect();
        for mode in Mode::ALL {
            instances.push((mode.name().to_string(), doc.generate(schema, mode)));
        }
        // The other alternatives of every `oneOf`/`anyOf` (credentials of each auth
        // mode, each provider kind...): branch k everywhere, when the document accepts
        // that instance (with its unknown-enum twin, whose enums alone differ).
        let mut seen: BTreeSet<String> = instances.iter().map(|(_, v)| v.to_string()).collect();
        for k in 1..MAX_BRANCHES {
            let every = doc.generate_branch(schema, Mode::Every, k);
            if !seen.insert(every.to_string()) || !doc.validator(schema).is_valid(&every) {
                continue;
            }
            instances.push((format!("branch-{k} every-field"), every));
            instances.push((
                format!("branch-{k} {}", Mode::UnknownEnums.name()),
                doc.generate_branch(schema, Mode::UnknownEnums, k),
            ));
        }
        for (what, instance) in instances {
            let unknown_enums = what.ends_with(Mode::UnknownEnums.name());
            if !unknown_enums {
                let errors = doc.validate_keys(schema, &instance);
                if !errors.is_empty() {
                    // The document contradicts itself: what it generates it refuses.
                    findings.add(
                        &op,
                        format!(
                            "the document's own {what} instance is not valid against its schema: {}",
                            errors.join("; ")
                        ),
                    );
                }
            }
            decoded += 1;
            cases.push(json!({
                "op": op.to_string(), "name": name, "status": status,
                "body": instance.clone(),
                // The unknown value the package must keep in what it resolves to.
                "keep": (unknown_enums && holds_unknown(&instance) && !PARTIAL.contains(&name))
                    .then_some(UNKNOWN_ENUM),
            }));
            match decode(status, &instance) {
                Ok(debug) => {
                    // The accessors of one field (a token, metadata) return a part of
                    // the answer: the enums elsewhere are not theirs to keep.
                    if unknown_enums
                        && !PARTIAL.contains(&name)
                        && holds_unknown(&instance)
                        && !debug.contains(UNKNOWN_ENUM)
                    {
                        findings.add(&op, format!("{name}: an unknown enum value is not kept"));
                    }
                }
                // One finding per decoding error, whichever instances show it (the
                // position in the text differs between them and is left out).
                Err(e) => findings.add(
                    &op,
                    format!(
                        "{name}: a document instance does not decode: {}",
                        no_position(&e.to_string())
                    ),
                ),
            }
        }
    }
    let missing: Vec<_> = implemented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "implemented operations with no decoder: {missing:?}"
    );
    let package = package_decodes(&cases, &mut findings);
    println!(
        "{} operations, {decoded} answers decoded natively{package}; {} reviewed model difference(s)",
        covered.len(),
        findings.len()
    );
    findings.assert_reviewed();
}

/// The same answers through the package's answer handling: `js/package-decode.mjs`
/// serves each over loopback HTTP while it calls the package's method for that
/// operation, in Node, with pkg/ as built (`cargo xtask test` builds it before the
/// native suites and requires it, as the conformance suite does). Its failures are
/// findings like the native ones. What it checked, for the summary line.
fn package_decodes(cases: &[Value], findings: &mut Findings) -> String {
    let root = nango_openapi_tests::repo_root();
    let built =
        root.join("pkg/node.js").exists() && root.join("pkg/dist/nango_wasm_bg.wasm").exists();
    if std::env::var("NANGO_CONFORMANCE_REQUIRE_WASM").is_ok_and(|v| v == "1") {
        assert!(
            built,
            "the wasm package (pkg/) must be built to check its answer handling"
        );
    }
    if !built {
        eprintln!("openapi: pkg/ is not built (cargo xtask pkg): the package's answer handling is not checked");
        return String::new();
    }
    let file =
        std::env::temp_dir().join(format!("nango-openapi-cases-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_vec(cases).expect("JSON")).expect("cases written");
    let out = std::process::Command::new("node")
        .arg(root.join("tests/openapi/js/package-decode.mjs"))
        .arg(&file)
        .output()
        .expect("node runs");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "package-decode.mjs failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    for f in report["failures"].as_array().into_iter().flatten() {
        let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
        findings.add(
            text("op"),
            format!("package {}: {}", text("name"), text("error")),
        );
    }
    format!(", {} through the package", report["checked"])
}

/// The document's `example`s (the generated instances use them) must fit the schema
/// they illustrate.
#[test]
fn the_documents_examples_fit_their_schemas() {
    let doc = Doc::load();
    // A check of its own, so that its entries are neither required nor stale for the
    // decoding test.
    let mut findings = Findings::new("example");
    let examples = doc.schema_examples();
    assert!(!examples.is_empty(), "the document gives examples");
    for (pointer, schema, example) in &examples {
        for e in doc.validate_keys(schema, example) {
            findings.add(pointer, format!("the document's example is not valid: {e}"));
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "openapi examples: {} schema examples checked",
        examples.len()
    );
    findings.assert_reviewed();
}
