//! Connection metadata: set (`POST`, replace, 201 echoing the body) and update (`PATCH`,
//! merge, 200) on one connection id or an array of them.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::auth::Auth;
use crate::error::{json_response, ok, p, ApiError, ApiResult, Issue};
use crate::routes::env_mut;
use crate::state::App;
use crate::time::now_ms;
use crate::validate::{header_str, type_issue, Check, JsonBody, Query};

fn unknown_connection(cid: &str, pck: &str) -> ApiError {
    ApiError::msg(
        404,
        "unknown_connection",
        format!("Connection with connectionId: {cid} and providerConfigKey: {pck} not found"),
    )
}

fn apply(
    app: &App,
    env_id: i64,
    pck: &str,
    ids: &[String],
    metadata: &Map<String, Value>,
    merge: bool,
) -> Result<(), ApiError> {
    let mut st = app.st();
    let env = env_mut(&mut st, env_id)?;
    for id in ids {
        if env.connection(pck, id).is_none() {
            return Err(unknown_connection(id, pck));
        }
    }
    for id in ids {
        if let Some(c) = env.connection_mut(pck, id) {
            if merge {
                for (k, v) in metadata {
                    c.metadata.insert(k.clone(), v.clone());
                }
            } else {
                c.metadata = metadata.clone();
            }
            c.updated_ms = now_ms();
        }
    }
    Ok(())
}

/// (integration, connection ids, metadata) of a metadata request.
type Parsed = (String, Vec<String>, Map<String, Value>);

fn parse(body: &Value) -> Result<Parsed, ApiError> {
    let mut c = Check::new(body);
    let pck = c.nonempty("provider_config_key", true).map(str::to_string);
    let ids: Option<Vec<String>> = match c.value("connection_id") {
        Some(Value::String(s)) if !s.is_empty() => Some(vec![s.clone()]),
        Some(Value::Array(_)) => c.str_array("connection_id", true),
        other => {
            c.issues
                .push(type_issue("string", other, vec![p("connection_id")]));
            None
        }
    };
    let metadata = c.object("metadata", true).cloned();
    c.strict(&["provider_config_key", "connection_id", "metadata"]);
    c.finish()?;
    match (pck, ids, metadata) {
        (Some(a), Some(b), Some(m)) => Ok((a, b, m)),
        _ => Err(ApiError::invalid_body(&[Issue::new(
            "custom",
            "Invalid body",
            vec![],
        )])),
    }
}

/// `POST /connections/metadata` (replace; 201, echoes the body).
pub async fn set(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let (pck, ids, metadata) = parse(&body)?;
    apply(&app, auth.env_id, &pck, &ids, &metadata, false)?;
    Ok(json_response(201, &body))
}

/// `PATCH /connections/metadata` (merge; 200, echoes the body).
pub async fn update(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let (pck, ids, metadata) = parse(&body)?;
    apply(&app, auth.env_id, &pck, &ids, &metadata, true)?;
    Ok(ok(body))
}

fn legacy_parts(
    headers: &HeaderMap,
    body: &Value,
) -> Result<(String, Map<String, Value>), ApiError> {
    let pck = header_str(headers, "provider-config-key")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::invalid_headers(&[type_issue("string", None, vec![p("provider-config-key")])])
        })?;
    let Value::Object(m) = body else {
        return Err(ApiError::invalid_body(&[type_issue(
            "object",
            Some(body),
            vec![],
        )]));
    };
    Ok((pck.to_string(), m.clone()))
}

/// Deprecated `POST /connection/{id}/metadata` (header `Provider-Config-Key`; 201).
pub async fn legacy_set(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(cid): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult {
    let (pck, m) = legacy_parts(&headers, &body)?;
    apply(&app, auth.env_id, &pck, &[cid], &m, false)?;
    Ok(json_response(201, &json!({})))
}

/// Deprecated `PATCH /connection/{id}/metadata` (header `Provider-Config-Key`; 200).
pub async fn legacy_update(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    Path(cid): Path<String>,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> ApiResult {
    let (pck, m) = legacy_parts(&headers, &body)?;
    apply(&app, auth.env_id, &pck, &[cid], &m, true)?;
    Ok(ok(body))
}
