//! The `/_admin/` API (not part of Nango's): what Rust tests do through the library, for JS
//! test runners. It needs the server's API key (`Authorization: Bearer <key>`, checked by
//! the global layer with every other guard, see [`crate::security`]) and answers no
//! cross-origin page: its answers hold the API key and recorded `Authorization` headers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::error::{json_response, ok, ApiError, ApiResult};
use crate::faults::Fault;
use crate::state::App;
use crate::validate::JsonBody;

/// Admin routes.
pub fn router() -> Router<App> {
    Router::new()
        .route("/_admin/info", get(info))
        .route("/_admin/requests", get(requests).delete(clear_requests))
        .route(
            "/_admin/faults",
            get(faults).post(add_faults).delete(clear_faults),
        )
        .route("/_admin/records", post(seed_records))
        .route("/_admin/reset", post(reset))
        .route("/_admin/webhook-url", post(webhook_url))
        .route("/_admin/webhooks", get(webhooks).delete(clear_webhooks))
        .route("/_admin/actions", get(actions))
        .route("/_admin/rate-limit", post(rate_limit))
}

fn no_content() -> Response {
    let mut r = Response::new(axum::body::Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError::msg(400, "invalid_body", msg)
}

async fn info(State(app): State<App>) -> ApiResult {
    let st = app.st();
    let env = st.envs.first();
    Ok(ok(json!({
        "base_url": app.base_url,
        "api_key": env.and_then(|e| e.api_keys.first()).map(|k| k.secret.clone()),
        "webhook_signing_key": env.map(|e| e.signing_key()),
        "environment_uuid": env.map(|e| e.uuid.clone()),
        "environment": env.map(|e| e.name.clone()),
        "webhook_urls": env.map(|e| e.webhook_urls.clone()),
    })))
}

async fn requests(State(app): State<App>) -> ApiResult {
    let list: Vec<Value> = app.recorder.all().iter().map(|r| r.to_json()).collect();
    Ok(ok(json!({ "requests": list })))
}

async fn clear_requests(State(app): State<App>) -> Response {
    app.recorder.clear();
    no_content()
}

async fn faults(State(app): State<App>) -> ApiResult {
    let list: Vec<Value> = app.faults.all().iter().map(Fault::to_json).collect();
    Ok(ok(json!({ "faults": list })))
}

async fn add_faults(State(app): State<App>, JsonBody(body): JsonBody) -> ApiResult {
    let items: Vec<Value> = match body {
        Value::Array(a) => a,
        Value::Object(ref m) if m.contains_key("faults") => m
            .get("faults")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        other => vec![other],
    };
    let mut parsed = Vec::new();
    for it in &items {
        parsed.push(Fault::from_json(it).map_err(bad)?);
    }
    for f in parsed {
        app.faults.add(f);
    }
    let list: Vec<Value> = app.faults.all().iter().map(Fault::to_json).collect();
    Ok(json_response(201, &json!({ "faults": list })))
}

async fn clear_faults(State(app): State<App>) -> Response {
    app.faults.clear();
    no_content()
}

async fn seed_records(State(app): State<App>, JsonBody(body): JsonBody) -> ApiResult {
    let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    let pck = s("provider_config_key")
        .or_else(|| s("integration"))
        .ok_or_else(|| bad("missing provider_config_key"))?;
    let cid = s("connection_id").ok_or_else(|| bad("missing connection_id"))?;
    let model = s("model").ok_or_else(|| bad("missing model"))?;
    let variant = s("variant");
    let records = match body.get("records") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err(bad("records must be an array")),
    };
    let generate = body.get("generate").and_then(Value::as_u64).unwrap_or(0);
    let delete: Vec<String> = body
        .get("delete_ids")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .or_else(|| v.as_i64().map(|n| n.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut st = app.st();
    let env_id = st
        .envs
        .first()
        .map(|e| e.id)
        .ok_or_else(|| bad("no environment"))?;
    let env = st.env_mut(env_id).ok_or_else(|| bad("no environment"))?;
    let r = crate::seed_into(
        env,
        &pck,
        &cid,
        &model,
        variant.as_deref(),
        records,
        generate,
        &delete,
    )
    .map_err(|i| bad(format!("record {i} has no id")))?;
    Ok(ok(r))
}

async fn reset(State(app): State<App>) -> ApiResult {
    crate::reset_app(&app).map_err(bad)?;
    Ok(no_content())
}

async fn webhook_url(State(app): State<App>, JsonBody(body): JsonBody) -> ApiResult {
    let urls: Vec<String> = match (body.get("url"), body.get("urls")) {
        (_, Some(Value::Array(a))) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        (Some(Value::String(u)), _) if !u.is_empty() => vec![u.clone()],
        (Some(Value::Null), _) | (Some(Value::String(_)), _) | (None, None) => Vec::new(),
        _ => return Err(bad("expected {\"url\": string|null} or {\"urls\": [..]}")),
    };
    let mut st = app.st();
    if let Some(env) = st.envs.first_mut() {
        env.webhook_urls = urls.clone();
    }
    Ok(ok(json!({ "webhook_urls": urls })))
}

async fn webhooks(State(app): State<App>) -> ApiResult {
    let list: Vec<Value> = app.webhook_log.all().iter().map(|d| d.to_json()).collect();
    Ok(ok(json!({ "webhooks": list })))
}

async fn clear_webhooks(State(app): State<App>) -> Response {
    app.webhook_log.clear();
    no_content()
}

async fn actions(State(app): State<App>) -> ApiResult {
    let st = app.st();
    let list: Vec<Value> = st
        .action_counts
        .iter()
        .map(|((i, n), c)| json!({"integration": i, "action": n, "count": c}))
        .collect();
    Ok(ok(json!({ "executions": list })))
}

async fn rate_limit(State(app): State<App>, JsonBody(body): JsonBody) -> ApiResult {
    let n = body
        .get("per_minute")
        .and_then(Value::as_u64)
        .ok_or_else(|| bad("expected {\"per_minute\": number}"))?;
    app.limiter.set_limit(n.min(u32::MAX as u64) as u32);
    app.limiter.reset();
    Ok(ok(json!({ "per_minute": n })))
}
