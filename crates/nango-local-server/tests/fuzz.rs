//! Generated requests against every route: random routes, methods, path segments, query
//! strings, headers and bodies, with numbers at the edges of every integer type. The
//! server must never answer 5xx unless the fault injector asked for it, never drop a
//! connection it was not asked to drop, and stay healthy after each request.
//!
//! Reproducible: proptest with a fixed seed (ChaCha), a fixed number of cases, no
//! persistence file; loopback only (the proxy always goes to a local upstream, and every
//! URL the generator writes is a loopback one, so the server calls nothing outside).

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use nango_local_server::recordstore::encode_cursor;
use nango_local_server::time::iso_ms;
use nango_local_server::{Fault, FaultKind, LocalServer, Seed, SeedRecords, ServerConfig};
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Map, Value};

/// Requests generated (each followed by a health probe).
const CASES: u32 = 5000;
/// The fixed seed: every run sends the same requests.
const SEED: [u8; 32] = *b"nango-local-server:fuzz:seed:001";
/// Longest wait for an answer the fault injector did not delay.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(20);

/// A route of the server: its methods, its path template, the body fields and query keys
/// its handler reads. A template's `{kind}` is one generated segment of that kind (an
/// integration key, a connection id, ...), `{*}` any number of segments.
struct Route {
    methods: &'static [&'static str],
    path: &'static str,
    fields: &'static [&'static str],
    query: &'static [&'static str],
}

const fn route(
    methods: &'static [&'static str],
    path: &'static str,
    fields: &'static [&'static str],
    query: &'static [&'static str],
) -> Route {
    Route {
        methods,
        path,
        fields,
        query,
    }
}

const CONN: &[&str] = &[
    "provider_config_key",
    "connection_id",
    "metadata",
    "connection_config",
    "tags",
    "end_user",
    "credentials",
    "webhook_url_override",
    "expires_at",
    "expires_in",
    "access_token",
    "refresh_token",
];
const SESSION: &[&str] = &[
    "end_user",
    "organization",
    "tags",
    "allowed_integrations",
    "integrations_config_defaults",
    "overrides",
    "webhook_url_override",
];
const SYNC: &[&str] = &[
    "provider_config_key",
    "connection_id",
    "syncs",
    "opts",
    "sync_mode",
];
const SYNC_SELECT: &[&str] = &["provider_config_key", "connection_id", "syncs"];
const LIST_CONN: &[&str] = &[
    "connectionId",
    "integrationId",
    "search",
    "endUserId",
    "endUserOrganizationId",
    "limit",
    "page",
    "tags[end_user_id]",
];
const GET_CONN: &[&str] = &[
    "provider_config_key",
    "force_refresh",
    "refresh_token",
    "refresh_github_app_jwt_token",
];
const METADATA: &[&str] = &["provider_config_key", "connection_id", "metadata"];
const ANY: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Every route the router serves, the admin API's included.
const ROUTES: &[Route] = &[
    route(&["GET"], "/providers", &[], &["search"]),
    route(&["GET"], "/providers/{provider}", &[], &[]),
    route(&["GET"], "/providers/{provider}/templates", &[], &[]),
    route(
        &["GET", "POST"],
        "/integrations",
        &[
            "unique_key",
            "provider",
            "display_name",
            "forward_webhooks",
            "credentials",
        ],
        &["include"],
    ),
    route(&["POST"], "/integrations/quickstart", &["provider"], &[]),
    route(
        &["GET", "PATCH", "DELETE"],
        "/integrations/{integration}",
        &[
            "display_name",
            "forward_webhooks",
            "credentials",
            "unique_key",
        ],
        &["include"],
    ),
    route(
        &["GET"],
        "/integrations/{integration}/functions",
        &[],
        &["type", "search", "page", "limit"],
    ),
    route(
        &["GET", "DELETE"],
        "/integrations/{integration}/functions/{function}",
        &[],
        &["type"],
    ),
    route(
        &["GET"],
        "/integrations/{integration}/functions/{function}/code",
        &[],
        &["type"],
    ),
    route(&["POST"], "/functions/compile", &["code"], &[]),
    route(
        &["POST"],
        "/functions/dryruns",
        &[
            "integration_id",
            "function_type",
            "function_name",
            "code",
            "connection_id",
            "metadata",
            "checkpoint",
            "last_sync_date",
            "input",
        ],
        &[],
    ),
    route(&["GET"], "/functions/dryruns/{id}", &[], &[]),
    route(
        &["POST"],
        "/functions/deployments",
        &[
            "type",
            "integration_id",
            "function_name",
            "function_type",
            "code",
            "version",
            "allow_destructive",
            "template",
        ],
        &[],
    ),
    route(&["GET"], "/functions/deployments/{id}", &[], &[]),
    route(&["GET"], "/connections", &[], LIST_CONN),
    route(&["POST"], "/connections", CONN, &[]),
    route(&["POST", "PATCH"], "/connections/metadata", METADATA, &[]),
    route(&["GET"], "/connections/{connection}", &[], GET_CONN),
    route(
        &["PATCH", "DELETE"],
        "/connections/{connection}",
        &["tags", "end_user", "webhook_url_override"],
        &["provider_config_key"],
    ),
    route(&["GET"], "/connection", &[], LIST_CONN),
    route(&["POST"], "/connection", CONN, &[]),
    route(&["POST", "PATCH"], "/connection/metadata", METADATA, &[]),
    route(&["GET"], "/connection/{connection}", &[], GET_CONN),
    route(
        &["DELETE"],
        "/connection/{connection}",
        &[],
        &["provider_config_key"],
    ),
    route(
        &["POST", "PATCH"],
        "/connection/{connection}/metadata",
        &["metadata"],
        &["provider_config_key"],
    ),
    route(&["POST"], "/connect/sessions", SESSION, &[]),
    route(
        &["POST"],
        "/connect/sessions/reconnect",
        &[
            "connection_id",
            "integration_id",
            "end_user",
            "organization",
            "integrations_config_defaults",
            "overrides",
        ],
        &[],
    ),
    route(&["GET", "DELETE"], "/connect/session", &[], &[]),
    route(ANY, "/proxy", &["data"], &["a"]),
    route(ANY, "/proxy/{*}", &["data"], &["a", "page"]),
    route(&["POST"], "/action/trigger", &["action_name", "input"], &[]),
    route(&["GET"], "/action/{id}", &[], &[]),
    route(
        &["GET"],
        "/records",
        &[],
        &[
            "model",
            "variant",
            "delta",
            "modified_after",
            "limit",
            "filter",
            "cursor",
            "ids",
        ],
    ),
    route(
        &["PATCH"],
        "/records/prune",
        &["model", "variant", "until_cursor", "limit"],
        &[],
    ),
    route(&["POST"], "/sync/trigger", SYNC, &[]),
    route(&["POST"], "/sync/start", SYNC_SELECT, &[]),
    route(&["POST"], "/sync/pause", SYNC_SELECT, &[]),
    route(
        &["GET"],
        "/sync/status",
        &[],
        &["provider_config_key", "syncs", "connection_id"],
    ),
    route(
        &["PUT"],
        "/sync/update-connection-frequency",
        &[
            "provider_config_key",
            "connection_id",
            "sync_name",
            "sync_variant",
            "frequency",
        ],
        &[],
    ),
    route(
        &["POST", "DELETE"],
        "/sync/{sync}/variant/{variant}",
        &["provider_config_key", "connection_id"],
        &[],
    ),
    route(&["GET"], "/environment-variables", &[], &[]),
    route(
        &["POST"],
        "/environments",
        &[
            "name",
            "is_production",
            "callback_url",
            "hmac_key",
            "hmac_enabled",
            "slack_notifications",
            "otlp_endpoint",
        ],
        &[],
    ),
    route(&["DELETE"], "/environments/{number}", &[], &[]),
    route(
        &["POST", "DELETE"],
        "/environment/api-keys",
        &["environment_id", "display_name", "key_id"],
        &[],
    ),
    route(
        &["POST"],
        "/environment/webhook-signing-key/rotate",
        &[],
        &[],
    ),
    route(&["GET"], "/scripts/config", &[], &["format"]),
    route(
        &["POST"],
        "/webhook/{env}/{integration}",
        &["connectionId", "type", "payload", "team_id", "portalId"],
        &[],
    ),
    route(&["GET"], "/connect-ui", &[], &["session_token"]),
    route(
        &["POST"],
        "/connect-ui/complete",
        &["session_token", "integration", "connection_id"],
        &[],
    ),
    route(&["GET"], "/health", &[], &[]),
    route(&["GET"], "/_admin/info", &[], &[]),
    route(&["GET", "DELETE"], "/_admin/requests", &[], &[]),
    route(
        &["GET", "POST", "DELETE"],
        "/_admin/faults",
        &["method", "path", "kind", "ms", "status", "body", "times"],
        &[],
    ),
    route(
        &["POST"],
        "/_admin/records",
        &[
            "provider_config_key",
            "connection_id",
            "model",
            "variant",
            "records",
            "generate",
            "delete_ids",
        ],
        &[],
    ),
    route(&["POST"], "/_admin/reset", &[], &[]),
    route(&["POST"], "/_admin/webhook-url", &["url", "urls"], &[]),
    route(&["GET", "DELETE"], "/_admin/webhooks", &[], &[]),
    route(&["GET"], "/_admin/actions", &[], &[]),
    route(&["POST"], "/_admin/rate-limit", &["per_minute"], &[]),
];

/// A generated request body.
#[derive(Clone)]
enum Body {
    None,
    Json(Value),
    Raw(Vec<u8>),
}

/// A generated request.
#[derive(Clone)]
struct Req {
    method: String,
    /// Path and query, as sent.
    target: String,
    headers: Vec<(String, String)>,
    body: Body,
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Body::None => return Ok(()),
            Body::Json(v) => v.to_string(),
            Body::Raw(b) => format!("{:?}", String::from_utf8_lossy(b)),
        };
        // Long bodies (deep nesting, long strings) are cut: the start tells what they are.
        match text.char_indices().nth(2000) {
            Some((i, _)) => write!(f, "{}... ({} bytes)", &text[..i], text.len()),
            None => f.write_str(&text),
        }
    }
}

impl fmt::Debug for Req {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.target)?;
        for (k, v) in &self.headers {
            writeln!(f, "{k}: {v}")?;
        }
        write!(f, "\n{:?}", self.body)
    }
}

/// What the generator needs to know of the running server.
#[derive(Clone)]
struct Known {
    key: String,
    upstream: String,
    env_uuid: String,
    /// A date a day before the run started (within every look-back window).
    recent: String,
}

/// What the run knows: where things are, and the fault rules the server holds.
struct Ctx {
    base: String,
    known: Known,
    http: reqwest::Client,
    faults: Vec<Fault>,
    /// Requests sent since the current fault rules were added.
    fault_age: u32,
    sent: u32,
    /// The last requests sent, for the report of a failure (the server has state: the
    /// request that fails may not be the one that broke it).
    recent: VecDeque<String>,
    /// Answers by path family and status class, for the summary.
    answers: BTreeMap<(String, u16), u32>,
}

// ---------------------------------------------------------------------------
// Values.

fn pick(items: &[&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(items.to_vec())
        .prop_map(str::to_string)
        .boxed()
}

/// Integers at the edges of every width the server might parse into, as text.
fn edge_number_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick(&[
            "0", "1", "-1", "2", "30", "100", "101", "999", "1000", "2000", "2001", "10000",
            "10001", "65535", "65536", "4294967295", "4294967296", "9007199254740993",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "1e308", "1e309", "-1e308", "0.5", "-0", "1.0", "NaN", "Infinity", "-Infinity",
            "0x10", "1_000", " 5 ", "", "+1", "00000000000000000000001",
        ]),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
    ]
    .boxed()
}

/// Numbers at the edges, as JSON.
fn edge_number() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(vec![
            json!(0), json!(1), json!(-1), json!(2), json!(30), json!(100), json!(600_000),
            json!(10_000), json!(10_001), json!(u32::MAX), json!(u32::MAX as u64 + 1),
            json!(i64::MAX), json!(i64::MIN), json!(u64::MAX), json!(1u64 << 53),
            json!(1e20), json!(1e308), json!(-1e308), json!(f64::MIN_POSITIVE), json!(0.5),
            json!(-0.0), json!(1_000_000_000),
        ]),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
    ]
    .boxed()
}

/// A small number in range (for limits and pages) or one at the edges.
fn count() -> BoxedStrategy<Value> {
    prop_oneof![
        1 => (0i64..=2_000).prop_map(Value::from),
        1 => edge_number(),
    ]
    .boxed()
}

/// Opaque record cursors, valid ones at extreme positions included.
fn cursor() -> BoxedStrategy<String> {
    let seq = prop_oneof![
        2 => Just(u64::MAX),
        1 => 0u64..2000,
        2 => prop::sample::select(vec![
            0,
            1,
            2,
            999,
            1000,
            1002,
            u64::MAX - 1,
            i64::MAX as u64,
            i64::MAX as u64 + 1,
        ]),
        1 => any::<u64>(),
    ];
    let us = prop::sample::select(vec![0, -1, i64::MIN, i64::MAX, 1_700_000_000_000_000]);
    prop_oneof![
        4 => (seq, us).prop_map(|(s, u)| encode_cursor(s, u)),
        1 => pick(&[
            "eHx8MTg0NDY3NDQwNzM3MDk1NTE2MTY=", // x||18446744073709551616
            "eHx8LTE=",                         // x||-1
            "!!!",
            "",
        ]),
    ]
    .boxed()
}

/// ISO dates: a recent one (inside every look-back window), and some far outside any
/// sensible range.
fn date(k: &Known) -> BoxedStrategy<String> {
    prop_oneof![
        2 => Just(k.recent.clone()),
        1 => pick(&[
            "2026-01-01",
            "2020-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999+23:59",
            "0000-01-01T00:00:00-99:99",
            "1970-01-01T00:00:00.000000000000000001Z",
            "2026-02-31T25:61:61Z",
            "yesterday",
        ]),
    ]
    .boxed()
}

const INTEGRATIONS: &[&str] = &["github", "airtable", "unauthenticated"];
const CONNECTIONS: &[&str] = &["demo-github", "demo-airtable", "demo-unauth"];
const PROVIDERS: &[&str] = &[
    "github",
    "slack",
    "google",
    "hubspot",
    "airtable-pat",
    "stripe",
    "mailgun",
    "twitter",
    "unauthenticated",
    "salesforce-cc",
];
const FUNCTIONS: &[&str] = &[
    "echo",
    "fail",
    "big",
    "timeout",
    "http_error",
    "items",
    "docss",
    "others",
];
const MODELS: &[&str] = &["Item", "Docs", "Other"];

/// Any string: known names, edge numbers, cursors, dates, random text. No URL but
/// loopback ones: the server may call what it is given.
fn string(k: &Known) -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick(&[
            "github", "demo-github", "airtable", "demo-airtable", "unauthenticated",
            "demo-unauth", "slack", "Item", "Docs", "items", "base", "v2", "echo", "fail",
            "OAUTH2", "API_KEY", "added", "every hour", "end_user_id", "user-1", "dev",
            "nango_connect_session_0000", "http://127.0.0.1:9/hooks", "ftp://x",
            "not a url", "00000000-0000-4000-8000-000000000000", "<script>1</script>", "\u{0}",
        ]),
        1 => Just(k.upstream.clone()),
        1 => Just(k.env_uuid.clone()),
        2 => edge_number_text(),
        1 => cursor(),
        1 => date(k),
        2 => "[a-zA-Z0-9 _.:-]{0,24}",
        1 => "\\PC{0,12}",
        1 => (1usize..3000).prop_map(|n| "x".repeat(n)),
    ]
    .boxed()
}

/// A name the generator uses for keys of free-form objects.
fn key() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick(&["id", "name", "end_user_id", "organization_id", "x", "", "__proto__", "constructor"]),
        1 => "[a-zA-Z_]{1,12}",
        1 => (1usize..300).prop_map(|n| "k".repeat(n)),
    ]
    .boxed()
}

/// Any JSON value: scalars at the edges, arrays and objects a few levels deep.
fn value(k: &Known) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => edge_number(),
        4 => string(k).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

fn text(s: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    s.prop_map(Value::String).boxed()
}

/// An object of string values (tags).
fn tags(k: &Known) -> BoxedStrategy<Value> {
    prop::collection::btree_map(key(), string(k), 0..4)
        .prop_map(|m| json!(m))
        .boxed()
}

/// A value for a field, shaped by what the field usually holds (now and then anything).
fn field_value(name: &str, k: &Known) -> BoxedStrategy<Value> {
    let specific: BoxedStrategy<Value> = match name {
        "until_cursor" | "cursor" => text(cursor()),
        "limit" | "page" | "generate" | "per_minute" | "times" | "expires_in"
        | "environment_id" | "key_id" => count(),
        "ms" | "status" | "bytes" => edge_number(),
        "model" => text(pick(MODELS)),
        "variant" | "sync_variant" => text(pick(&["base", "v2", "other"])),
        "provider_config_key" | "integration" | "integration_id" | "unique_key" => text(
            prop_oneof![4 => pick(INTEGRATIONS), 1 => pick(&["new-one", "github2", ""])].boxed(),
        ),
        "connection_id" | "connectionId" | "team_id" | "portalId" => text(
            prop_oneof![4 => pick(CONNECTIONS), 1 => pick(&["new-conn", ""])].boxed(),
        ),
        "provider" => text(pick(PROVIDERS)),
        "action_name" | "function_name" | "sync_name" | "template" => text(pick(FUNCTIONS)),
        "function_type" => text(pick(&["action", "sync", "x"])),
        "type" => text(pick(&["function", "template", "row.created", "x"])),
        "code" => text(pick(&["export default 1;", ""])),
        "frequency" => prop_oneof![
            4 => text(pick(&["every hour", "30 seconds", "1ms", "every 1e300 years", "half hour", "x"])),
            1 => Just(Value::Null),
        ]
        .boxed(),
        "syncs" => prop::collection::vec(
            prop_oneof![
                2 => text(pick(&["items", "docss", "x", ""])),
                1 => pick(&["base", "v2"]).prop_map(|v| json!({"name": "items", "variant": v})),
            ],
            0..3,
        )
        .prop_map(Value::Array)
        .boxed(),
        "sync_mode" => text(pick(&["incremental", "full_refresh", "full_refresh_and_clear_cache", "x"])),
        "opts" => (any::<bool>(), any::<bool>())
            .prop_map(|(r, e)| json!({"reset": r, "emptyCache": e}))
            .boxed(),
        "input" => prop_oneof![
            (edge_number(), edge_number(), edge_number())
                .prop_map(|(ms, bytes, status)| json!({"ms": ms, "bytes": bytes, "status": status})),
            value(k),
        ]
        .boxed(),
        "url" | "webhook_url_override" | "callback_url" | "otlp_endpoint" => text(
            prop_oneof![Just(k.upstream.clone()), Just("http://127.0.0.1:9/x".to_string())].boxed(),
        ),
        "urls" => prop::collection::vec(Just(Value::String(k.upstream.clone())), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        "kind" => text(pick(&["delay", "status", "drop", "truncate", "malformed", "x"])),
        "method" => text(pick(&["GET", "POST", "get", "X"])),
        "path" => text(pick(&["/", "/providers", "/connections", "/proxy/*/items", "*", "?", ""])),
        "tags" | "metadata" | "connection_config" | "checkpoint" | "overrides"
        | "integrations_config_defaults" | "payload" => tags(k),
        "end_user" | "organization" => (string(k), string(k))
            .prop_map(|(id, name)| json!({"id": id, "display_name": name}))
            .boxed(),
        "allowed_integrations" => prop::collection::vec(text(pick(INTEGRATIONS)), 0..3)
            .prop_map(Value::Array)
            .boxed(),
        "forward_webhooks" | "is_production" | "hmac_enabled" | "slack_notifications"
        | "allow_destructive" => any::<bool>().prop_map(Value::Bool).boxed(),
        "name" => text(pick(&["staging", "prod", "dev", "Bad Name", ""])),
        "expires_at" | "last_sync_date" => text(date(k)),
        "records" => prop::collection::vec(
            prop_oneof![
                (edge_number(), value(k)).prop_map(|(id, v)| json!({"id": id, "v": v})),
                string(k).prop_map(|id| json!({"id": id})),
                value(k),
            ],
            0..5,
        )
        .prop_map(Value::Array)
        .boxed(),
        "delete_ids" => prop::collection::vec(
            prop_oneof![
                edge_number_text().prop_map(|n| Value::String(format!("gen-{n}"))),
                edge_number(),
            ],
            0..4,
        )
        .prop_map(Value::Array)
        .boxed(),
        "credentials" => (
            pick(&["OAUTH2", "OAUTH1", "API_KEY", "BASIC", "APP", "CUSTOM", "OAUTH2_CC", "TBA", "x"]),
            prop::collection::vec(
                (
                    pick(&[
                        "access_token", "refresh_token", "expires_at", "expires_in", "apiKey",
                        "username", "password", "oauth_token", "oauth_token_secret",
                        "client_id", "client_secret", "app_id", "app_link", "private_key",
                        "scopes", "raw", "token",
                    ]),
                    prop_oneof![text(string(k)), edge_number(), text(date(k))],
                ),
                0..6,
            ),
        )
            .prop_map(|(ty, fields)| {
                let mut m: Map<String, Value> = fields.into_iter().collect();
                m.insert("type".into(), json!(ty));
                Value::Object(m)
            })
            .boxed(),
        _ => text(string(k)),
    };
    prop_oneof![9 => specific, 1 => value(k)].boxed()
}

/// A JSON object with a random subset of the route's own fields (so that validation
/// passes often enough to reach the code behind it), now and then with a foreign one.
fn object(route: &Route, k: &Known) -> BoxedStrategy<Value> {
    let own: Vec<BoxedStrategy<Option<(String, Value)>>> = route
        .fields
        .iter()
        .map(|&n| {
            prop_oneof![
                1 => Just(None),
                9 => field_value(n, k).prop_map(move |v| Some((n.to_string(), v))),
            ]
            .boxed()
        })
        .collect();
    let foreign = prop_oneof![
        12 => Just(None),
        1 => (key(), value(k)).prop_map(Some),
    ];
    (own, foreign, prop::bool::weighted(0.75))
        .prop_map(|(own, foreign, align)| {
            let mut m: Map<String, Value> = own.into_iter().chain([foreign]).flatten().collect();
            // Mostly a connection of that integration, to get past "unknown connection".
            if align {
                let pck = m.get("provider_config_key").and_then(Value::as_str);
                if let Some(i) = pck.and_then(|p| INTEGRATIONS.iter().position(|x| *x == p)) {
                    if m.contains_key("connection_id") {
                        m.insert("connection_id".into(), json!(CONNECTIONS[i]));
                    }
                }
            }
            Value::Object(m)
        })
        .boxed()
}

fn body(route: &Route, k: &Known) -> BoxedStrategy<Body> {
    prop_oneof![
        30 => object(route, k).prop_map(Body::Json),
        1 => value(k).prop_map(Body::Json),
        1 => prop::collection::vec(any::<u8>(), 0..256).prop_map(Body::Raw),
        1 => Just(Body::None),
        // Nesting deeper than any parser's recursion limit.
        1 => (1usize..20_000).prop_map(|n| Body::Raw(format!("{}1{}", "[".repeat(n), "]".repeat(n)).into_bytes())),
    ]
    .boxed()
}

/// Percent-encodes what a path segment or query value cannot hold as is.
fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Any path segment: edge numbers, percent-encoded bytes, dots, long ones.
fn any_segment(k: &Known) -> BoxedStrategy<String> {
    prop_oneof![
        2 => string(k).prop_map(|w| enc(&w)),
        2 => edge_number_text().prop_map(|w| enc(&w)),
        1 => prop::collection::vec(any::<u8>(), 0..8)
            .prop_map(|b| b.iter().map(|x| format!("%{x:02X}")).collect()),
        1 => pick(&["", ".", "..", "%2e%2e", "%2F", "a%00b", "%"]),
        1 => (1usize..4000).prop_map(|n| "a".repeat(n)),
    ]
    .boxed()
}

/// A path segment of a kind (`{integration}`...): mostly a known one.
fn segment(kind: &str, k: &Known) -> BoxedStrategy<String> {
    let known = match kind {
        "provider" => pick(PROVIDERS),
        "integration" => pick(INTEGRATIONS),
        "connection" => pick(CONNECTIONS),
        "function" | "sync" => pick(FUNCTIONS),
        "variant" => pick(&["base", "v2", "other"]),
        "env" => Just(k.env_uuid.clone()).boxed(),
        "number" => pick(&["1", "2", "3", "0", "-1", "18446744073709551616"]),
        _ => pick(&["00000000-0000-4000-8000-000000000000", "1", "x"]),
    };
    prop_oneof![3 => known, 1 => any_segment(k)].boxed()
}

/// A path from a template.
fn path(template: &'static str, k: &Known) -> BoxedStrategy<String> {
    let mut parts: Vec<BoxedStrategy<String>> = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        parts.push(Just(rest[..i].to_string()).boxed());
        let end = rest[i..].find('}').map_or(rest.len(), |j| i + j + 1);
        let kind = &rest[i + 1..end - 1];
        parts.push(if kind == "*" {
            prop::collection::vec(any_segment(k), 0..4)
                .prop_map(|s| s.join("/"))
                .boxed()
        } else {
            segment(kind, k)
        });
        rest = &rest[end..];
    }
    parts.push(Just(rest.to_string()).boxed());
    parts.prop_map(|p| p.concat()).boxed()
}

/// A query value for a key, shaped by the key.
fn query_value(key: &str, k: &Known) -> BoxedStrategy<String> {
    let specific = match key {
        "limit" | "page" | "a" => prop_oneof![
            (0u32..=2_000).prop_map(|n| n.to_string()),
            edge_number_text()
        ]
        .boxed(),
        "model" => pick(MODELS),
        "variant" => pick(&["base", "v2"]),
        "cursor" => cursor(),
        "filter" => pick(&["added", "updated,deleted", "ADDED", "added,x", ""]),
        "ids" => edge_number_text().prop_map(|n| format!("gen-{n}")).boxed(),
        "delta" | "modified_after" => date(k),
        "provider_config_key" | "integrationId" => pick(INTEGRATIONS),
        "connection_id" | "connectionId" => pick(CONNECTIONS),
        "syncs" => pick(&["items", "items,docss", "x", ""]),
        "format" => pick(&["openai", "nango", "x"]),
        "type" => pick(&["action", "sync", "x"]),
        "include" => pick(&["credentials", "webhook", "x"]),
        "force_refresh" | "refresh_token" | "refresh_github_app_jwt_token" => {
            pick(&["true", "false", "1", "x"])
        }
        _ => string(k),
    };
    prop_oneof![6 => specific, 1 => string(k), 1 => edge_number_text()].boxed()
}

/// A query string: a random subset of the route's own keys, now and then a foreign one.
fn query(route: &Route, k: &Known) -> BoxedStrategy<String> {
    let own: Vec<BoxedStrategy<Option<(String, String)>>> = route
        .query
        .iter()
        .map(|&key| {
            prop_oneof![
                1 => Just(None),
                4 => query_value(key, k).prop_map(move |v| Some((key.to_string(), v))),
            ]
            .boxed()
        })
        .collect();
    let foreign = prop_oneof![
        12 => Just(None),
        1 => (key(), string(k)).prop_map(Some),
    ];
    (own, foreign)
        .prop_map(|(own, foreign)| {
            own.into_iter()
                .chain([foreign])
                .flatten()
                .map(|(k, v)| format!("{}={}", enc(&k), enc(&v)))
                .collect::<Vec<_>>()
                .join("&")
        })
        .boxed()
}

fn headers(k: &Known, proxy: bool) -> BoxedStrategy<Vec<(String, String)>> {
    let key = k.key.clone();
    let upstream = k.upstream.clone();
    let auth = prop_oneof![
        40 => Just(Some(format!("Bearer {key}"))),
        1 => Just(None),
        1 => pick(&[
            "Bearer 7ade7940-683a-438e-899a-6122ad9694fe",
            "Bearer ",
            "Basic dXNlcjpwYXNz",
            "nango_connect_session_0000",
        ])
        .prop_map(Some),
    ];
    let pair = prop_oneof![
        8 => Just(Some(("github".to_string(), "demo-github".to_string()))),
        2 => Just(Some(("airtable".to_string(), "demo-airtable".to_string()))),
        2 => Just(Some(("unauthenticated".to_string(), "demo-unauth".to_string()))),
        1 => (string(k), string(k))
            .prop_filter_map("not a header value", |(p, c)| {
                let ok = |s: &str| reqwest::header::HeaderValue::from_str(s).is_ok();
                (ok(&p) && ok(&c)).then_some(Some((p, c)))
            }),
        1 => Just(None),
    ];
    let content_type = prop_oneof![
        30 => Just(Some("application/json")),
        1 => Just(None),
        1 => prop::sample::select(vec![
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/vnd.api+json",
            "application/json; charset=utf-16",
            "multipart/form-data; boundary=x",
        ])
        .prop_map(Some),
    ];
    let names = vec![
        "X-Async",
        "X-Max-Retries",
        "Retries",
        "Retry-On",
        "Decompress",
        "Nango-Proxy-X-Test",
        "Nango-Proxy-Content-Length",
        "Nango-Proxy-Transfer-Encoding",
        "Nango-Proxy-Connection",
        "Nango-Proxy-Host",
        "Base-Url-Override",
        "Accept",
        "Accept-Encoding",
    ];
    let header_values = prop_oneof![
        3 => edge_number_text(),
        2 => pick(&[
            "true", "false", "yes", "1,2,3", "500,x", "gzip", "chunked", "close",
            "http://localhost:5173", "ftp://x", "not a url", "*/*",
        ]),
        1 => "[a-zA-Z0-9 _.,:-]{0,24}",
    ];
    let extras = prop::collection::vec((prop::sample::select(names), header_values), 0..3);
    (auth, pair, content_type, extras)
        .prop_map(move |(auth, pair, ct, extras)| {
            let mut h = Vec::new();
            if let Some(a) = auth {
                h.push(("Authorization".to_string(), a));
            }
            if let Some((p, c)) = pair {
                h.push(("Provider-Config-Key".to_string(), p));
                h.push(("Connection-Id".to_string(), c));
            }
            if let Some(ct) = ct {
                h.push(("Content-Type".to_string(), ct.to_string()));
            }
            for (k, v) in extras {
                // The proxy goes to the local upstream or nowhere: an empty or missing
                // override would send it to the provider's real API.
                if k == "Base-Url-Override" && !(v.starts_with("ftp:") || v == "not a url") {
                    continue;
                }
                h.push((k.to_string(), v));
            }
            if proxy && !h.iter().any(|(k, _)| k == "Base-Url-Override") {
                h.push(("Base-Url-Override".to_string(), upstream.clone()));
            }
            h
        })
        .boxed()
}

fn request(k: &Known) -> BoxedStrategy<Req> {
    let routes: Vec<BoxedStrategy<Req>> = ROUTES
        .iter()
        .map(|r| {
            let method = prop_oneof![
                12 => pick(r.methods),
                1 => pick(&["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "QUERY"]),
            ];
            (
                method,
                path(r.path, k),
                query(r, k),
                headers(k, r.path.starts_with("/proxy")),
                body(r, k),
            )
                .prop_map(|(method, path, query, headers, body)| Req {
                    target: if query.is_empty() {
                        path
                    } else {
                        format!("{path}?{query}")
                    },
                    method,
                    headers,
                    body,
                })
                .boxed()
        })
        .collect();
    Union::new(routes).boxed()
}

// ---------------------------------------------------------------------------
// Running and checking.

async fn admin(
    ctx: &Ctx,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Result<reqwest::Response, String> {
    let mut rb = ctx
        .http
        .request(method.clone(), format!("{}/_admin/{path}", ctx.base))
        .bearer_auth(&ctx.known.key)
        .timeout(ANSWER_TIMEOUT);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let r = rb
        .send()
        .await
        .map_err(|e| format!("admin {method} {path}: {e}"))?;
    if !r.status().is_success() {
        return Err(format!("admin {method} {path}: {}", r.status()));
    }
    Ok(r)
}

async fn refresh_faults(ctx: &mut Ctx) -> Result<(), String> {
    let v: Value = admin(ctx, reqwest::Method::GET, "faults", None)
        .await?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    ctx.faults = v["faults"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| Fault::from_json(f).ok()).collect())
        .unwrap_or_default();
    Ok(())
}

/// Sends one request and checks the answer against what the fault rules predict.
async fn run_case(ctx: &mut Ctx, req: &Req) -> Result<(), TestCaseError> {
    ctx.sent += 1;
    let result = check(ctx, req).await;
    ctx.recent.push_back(format!("#{} {req:?}", ctx.sent));
    if ctx.recent.len() > 6 {
        ctx.recent.pop_front();
    }
    result.map_err(|e| {
        let recent: Vec<&str> = ctx.recent.iter().map(String::as_str).collect();
        TestCaseError::fail(format!(
            "{e}\n\nthe last requests, this one last:\n{}",
            recent.join("\n----\n")
        ))
    })
}

async fn check(ctx: &mut Ctx, req: &Req) -> Result<(), TestCaseError> {
    let url = reqwest::Url::parse(&format!("{}{}", ctx.base, req.target))
        .map_err(|e| TestCaseError::reject(format!("not a URL: {e}")))?;
    let method = reqwest::Method::from_bytes(req.method.as_bytes())
        .map_err(|e| TestCaseError::reject(e.to_string()))?;
    // Fault rules apply to every path but the admin API's, matched on the path as sent.
    let path = url.path().to_string();
    let predicted = if path.starts_with("/_admin") {
        None
    } else {
        ctx.faults
            .iter()
            .find(|f| f.matches(method.as_str(), &path))
            .map(|f| f.kind.clone())
    };
    let timeout = match predicted {
        Some(FaultKind::Delay(ms)) if ms > 100 => Duration::from_millis(500),
        _ => ANSWER_TIMEOUT,
    };
    let mut rb = ctx.http.request(method.clone(), url);
    for (k, v) in &req.headers {
        rb = rb.header(k, v);
    }
    rb = match &req.body {
        Body::None => rb,
        Body::Json(v) => rb.body(v.to_string()),
        Body::Raw(b) => rb.body(b.clone()),
    };
    let rb = rb
        .build()
        .map_err(|e| TestCaseError::reject(format!("not a request: {e}")))?;
    let answer = tokio::time::timeout(timeout, async {
        let r = ctx.http.execute(rb).await?;
        let status = r.status().as_u16();
        let body = r.bytes().await?;
        Ok::<_, reqwest::Error>((status, body))
    })
    .await;
    match (answer, &predicted) {
        (Err(_), Some(FaultKind::Delay(_))) => {}
        (Err(_), _) => return Err(TestCaseError::fail(format!("no answer in {timeout:?}"))),
        (Ok(Err(_)), Some(FaultKind::DropConnection | FaultKind::TruncatedBody)) => {}
        (Ok(Err(e)), _) => {
            return Err(TestCaseError::fail(format!(
                "connection failed (dropped?): {e:?}"
            )))
        }
        (Ok(Ok((status, body))), _) => {
            let family: String = path.split('/').take(2).collect::<Vec<_>>().join("/");
            *ctx.answers.entry((family, status / 100)).or_default() += 1;

            let asked = matches!(&predicted, Some(FaultKind::Status(s, _)) if *s == status);
            if status >= 500 && !asked {
                return Err(TestCaseError::fail(format!(
                    "answered {status}: {}",
                    String::from_utf8_lossy(&body[..body.len().min(2000)])
                )));
            }
        }
    }
    bookkeeping(ctx, &method, &path)
        .await
        .map_err(TestCaseError::fail)?;
    // Healthy: the admin API (never faulted nor rate limited) answers, its state lock free.
    let health = admin(ctx, reqwest::Method::GET, "info", None)
        .await
        .map_err(|e| TestCaseError::fail(format!("unhealthy after the request: {e}")))?;
    let info: Value = health
        .json()
        .await
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    if info["api_key"] != ctx.known.key.as_str() {
        return Err(TestCaseError::fail(format!("unexpected info: {info}")));
    }
    Ok(())
}

/// Keeps the run going where a request changed the rules of the game: fault rules (read
/// back, and cleared after a few requests so they do not mask the rest of the run), the
/// rate limit (restored), the API key or its environment (restored by a reset).
async fn bookkeeping(ctx: &mut Ctx, method: &reqwest::Method, path: &str) -> Result<(), String> {
    let key_may_be_gone = *method == reqwest::Method::DELETE
        && (path.starts_with("/environments") || path.starts_with("/environment/api-keys"));
    let reset = key_may_be_gone || ctx.sent % 250 == 0;
    if reset {
        admin(ctx, reqwest::Method::POST, "reset", None).await?;
    }
    if path.starts_with("/_admin/rate-limit") {
        admin(
            ctx,
            reqwest::Method::POST,
            "rate-limit",
            Some(json!({"per_minute": 1_000_000})),
        )
        .await?;
    }
    if path.starts_with("/_admin/faults") || path.starts_with("/_admin/reset") || reset {
        refresh_faults(ctx).await?;
        ctx.fault_age = 0;
    } else if !ctx.faults.is_empty() {
        ctx.fault_age += 1;
        if ctx.fault_age >= 3 {
            admin(ctx, reqwest::Method::DELETE, "faults", None).await?;
        }
        refresh_faults(ctx).await?;
    }
    Ok(())
}

#[test]
fn thousands_of_generated_requests_never_break_the_server() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (server, ctx) = rt.block_on(async {
        let upstream = common::Sink::start().await;
        // Generated records for every connection, model and variant the generator names,
        // most of them first in their set (the block at sequence 0).
        let mut seed = Seed::demo();
        for (pck, cid) in [
            ("github", "demo-github"),
            ("airtable", "demo-airtable"),
            ("unauthenticated", "demo-unauth"),
        ] {
            for model in ["Item", "Docs", "Other"] {
                for variant in ["base", "v2"] {
                    seed.records.push(SeedRecords {
                        provider_config_key: pck.into(),
                        connection_id: cid.into(),
                        model: model.into(),
                        variant: Some(variant.into()),
                        generate: Some(1000),
                        ..Default::default()
                    });
                }
            }
        }
        let server = LocalServer::start(ServerConfig::default().seed(seed))
            .await
            .unwrap();
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        let ctx = Ctx {
            base: server.base_url(),
            known: Known {
                key: server.api_key(),
                upstream: upstream.url.clone(),
                env_uuid: server.environment_uuid(),
                recent: iso_ms(now_ms - 24 * 3600 * 1000),
            },
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            faults: Vec::new(),
            fault_age: 0,
            sent: 0,
            recent: Default::default(),
            answers: Default::default(),
        };
        (server, ctx)
    });
    let strategy = request(&ctx.known);
    let ctx = RefCell::new(ctx);
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        // No shrinking: the server keeps state between requests, so a smaller request
        // replayed later proves nothing; the report lists the last requests instead.
        max_shrink_iters: 0,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED));
    let result = runner.run(&strategy, |req| {
        rt.block_on(run_case(&mut ctx.borrow_mut(), &req))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let ctx = ctx.into_inner();
    for ((family, class), n) in &ctx.answers {
        println!("{family:<28} {class}xx {n}");
    }
    rt.block_on(server.shutdown());
}
