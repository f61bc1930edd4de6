//! `POST /action/trigger` (sync and async) and `GET /action/{id}`.
//!
//! Built-in actions: `echo` (returns its input), `fail` (400 `action_script_failure`),
//! `slow` (sleeps `input.ms`), `big` (output of about `input.bytes` bytes), `timeout`
//! (408 `action_timeout`), `http_error` (424 `script_http_error`); plus handlers registered
//! with [`crate::LocalServer::register_action`]. Deployed functions without a handler echo.

use std::time::Duration;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::{is_uuid_v4, Auth};
use crate::error::{json_response, ok, p, ApiError, ApiResult, Issue};
use crate::routes::env_ref;
use crate::state::{ActionHandler, App, AsyncAction, AsyncStatus, FnKind};
use crate::validate::{connection_headers, header_str, Check, JsonBody, Query};
use crate::webhooks;

/// Largest action output (10 MiB).
pub const MAX_OUTPUT: usize = 10 * 1024 * 1024;

/// How an action will run.
#[derive(Clone)]
enum Runner {
    Handler(ActionHandler),
    Builtin(String),
}

/// Outcome of an action run: output, or (status, error body).
type Outcome = Result<Value, (u16, Value)>;

fn script_failure(message: &str, payload: Value) -> (u16, Value) {
    (
        400,
        json!({"error": {
            "message": format!("The action script failed with an error: {message}"),
            "code": "action_script_failure",
            "payload": payload,
        }}),
    )
}

async fn run(runner: &Runner, input: Value) -> Outcome {
    let out = match runner {
        Runner::Handler(h) => {
            let h = h.clone();
            match tokio::task::spawn_blocking(move || h(input)).await {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(msg)) => Err(script_failure(&msg, json!({ "message": msg }))),
                Err(_) => Err((
                    500,
                    json!({"error": {"message": "The action script failed with a runtime error", "code": "action_script_runtime_error", "payload": {}}}),
                )),
            }
        }
        Runner::Builtin(name) => builtin(name, input).await,
    }?;
    let size = serde_json::to_vec(&out).map(|v| v.len()).unwrap_or(0);
    if size > MAX_OUTPUT {
        return Err((
            400,
            json!({"error": {"message": "Script output is too big", "code": "script_output_too_big", "payload": {}}}),
        ));
    }
    Ok(out)
}

async fn builtin(name: &str, input: Value) -> Outcome {
    match name {
        "fail" => {
            let msg = input
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("Action failed")
                .to_string();
            let payload = input
                .get("payload")
                .cloned()
                .unwrap_or_else(|| json!({ "message": msg }));
            Err(script_failure(&msg, payload))
        }
        "slow" => {
            let ms = input
                .get("ms")
                .and_then(Value::as_u64)
                .unwrap_or(1000)
                .min(600_000);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            Ok(json!({ "ms": ms }))
        }
        "big" => {
            let bytes = input
                .get("bytes")
                .and_then(Value::as_u64)
                .unwrap_or(1024 * 1024)
                .min(64 * 1024 * 1024) as usize;
            Ok(json!({ "data": "x".repeat(bytes.saturating_sub(11)) }))
        }
        "timeout" => Err((
            408,
            json!({"error": {"message": "Action execution timed out", "code": "action_timeout", "payload": {}}}),
        )),
        "http_error" => {
            let status = input.get("status").and_then(Value::as_u64).unwrap_or(500);
            Err((
                424,
                json!({"error": {
                    "message": "An error occurred during an HTTP call",
                    "code": "script_http_error",
                    "payload": {},
                    "upstream": {"status": status, "headers": {"content-type": "application/json"}, "body": {"message": "upstream failure"}},
                }}),
            ))
        }
        _ => Ok(input),
    }
}

fn bool_header(headers: &HeaderMap, name: &str, issues: &mut Vec<Issue>) -> bool {
    match header_str(headers, name).map(|s| s.trim().to_ascii_lowercase()) {
        None => false,
        Some(v) => match v.as_str() {
            "true" | "1" | "yes" | "on" | "y" | "enabled" => true,
            "false" | "0" | "no" | "off" | "n" | "disabled" | "" => false,
            _ => {
                issues.push(Issue::new(
                    "invalid_value",
                    "Invalid input: expected boolean string",
                    vec![p(name)],
                ));
                false
            }
        },
    }
}

/// `POST /action/trigger`.
pub async fn trigger(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    let mut issues = Vec::new();
    let conn = connection_headers(&headers);
    let is_async = bool_header(&headers, "x-async", &mut issues);
    let max_retries = match header_str(&headers, "x-max-retries") {
        None => 0,
        Some(v) => crate::validate::int_in(v, "x-max-retries", 0, 5, &mut issues).unwrap_or(0),
    };
    let (cid, pck) = match conn {
        Ok(c) if issues.is_empty() => c,
        Ok(_) => return Err(ApiError::invalid_headers(&issues)),
        Err(e) => return Err(e),
    };
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let name = c.nonempty("action_name", true).map(str::to_string);
    c.strict(&["action_name", "input"]);
    c.finish()?;
    let name = name.unwrap_or_default();
    let input = body.get("input").cloned().unwrap_or(Value::Null);

    let (runner, webhook_url) = {
        let st = app.st();
        let env = env_ref(&st, auth.env_id)?;
        let integ = env
            .integration(&pck)
            .ok_or_else(ApiError::unknown_integration)?;
        let conn = env.connection(&pck, &cid).ok_or_else(|| {
            ApiError::msg(
                404,
                "unknown_connection",
                "Provided ConnectionId and ProviderConfigKey does not match a valid connection",
            )
        })?;
        let handler = crate::state::lock(&app.handlers)
            .get(&(pck.clone(), name.clone()))
            .cloned();
        let runner = match handler {
            Some(h) => Runner::Handler(h),
            None if integ
                .functions
                .iter()
                .any(|f| f.kind == FnKind::Action && f.name == name) =>
            {
                Runner::Builtin(name.clone())
            }
            None => return Err(ApiError::not_found("Action not found")),
        };
        (runner, conn.webhook_url_override.clone())
    };
    *app.st()
        .action_counts
        .entry((pck.clone(), name.clone()))
        .or_insert(0) += 1;

    if !is_async {
        return Ok(match run(&runner, input).await {
            Ok(v) => ok(v),
            Err((status, body)) => json_response(status, &body),
        });
    }
    let id = uuid::Uuid::new_v4().to_string();
    let status_url = format!("/action/{id}");
    app.st().async_actions.insert(
        id.clone(),
        AsyncAction {
            env_id: auth.env_id,
            status: AsyncStatus::Running,
        },
    );
    let app2 = app.clone();
    let (id2, url2) = (id.clone(), status_url.clone());
    tokio::spawn(async move {
        let mut attempt = 0;
        let outcome = loop {
            let r = run(&runner, input.clone()).await;
            if r.is_ok() || attempt >= max_retries {
                break r;
            }
            attempt += 1;
            *app2
                .st()
                .action_counts
                .entry((pck.clone(), name.clone()))
                .or_insert(0) += 1;
        };
        if let Some(a) = app2.st().async_actions.get_mut(&id2) {
            a.status = match outcome {
                Ok(v) => AsyncStatus::Done(v),
                Err((_, body)) => AsyncStatus::Failed(500, body),
            };
        }
        let hook = json!({
            "type": "async_action",
            "from": "nango",
            "connectionId": cid,
            "providerConfigKey": pck,
            "payload": {"id": id2, "statusUrl": url2},
        });
        webhooks::dispatch(&app2, auth.env_id, &hook, webhook_url);
    });
    Ok(json_response(
        202,
        &json!({ "id": id, "statusUrl": status_url }),
    ))
}

/// `GET /action/{id}`: 404 while running, 200 with the output, 500 with the error.
pub async fn result(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    if !is_uuid_v4(&id) && uuid::Uuid::parse_str(&id).is_err() {
        return Err(ApiError::invalid_uri(&[Issue::new(
            "invalid_format",
            "Invalid UUID",
            vec![p("id")],
        )]));
    }
    let st = app.st();
    let not_found = || ApiError::not_found(format!("No action '{id}' found"));
    let a = st
        .async_actions
        .get(&id)
        .filter(|a| a.env_id == auth.env_id)
        .ok_or_else(not_found)?;
    match &a.status {
        AsyncStatus::Running => Err(not_found()),
        AsyncStatus::Done(v) => Ok(ok(v.clone())),
        AsyncStatus::Failed(status, body) => Ok(json_response(*status, body)),
    }
}
