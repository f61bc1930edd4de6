//! Environment endpoints: variables, environments, API keys, webhook signing key rotation.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{ok, p, ApiError, ApiResult, Issue};
use crate::routes::{env_mut, env_ref};
use crate::state::{ApiKey, App, Environment, SigningKey};
use crate::time::{iso_ms, now_ms};
use crate::validate::{Check, JsonBody, Query};

/// How long a rotated-out signing key keeps signing (5 minutes).
pub const ROTATION_GRACE_MS: i64 = 5 * 60 * 1000;

/// `GET /environment-variables` (bare array).
pub async fn variables(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    let vars: Vec<Value> = env
        .env_vars
        .iter()
        .map(|(n, v)| json!({"name": n, "value": v}))
        .collect();
    Ok(ok(Value::Array(vars)))
}

fn conflict(message: &str) -> ApiError {
    ApiError::msg(409, "conflict", message)
}

/// `POST /environments` with `{name, is_production?, ...}`.
pub async fn create(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let name = c.nonempty("name", true).map(str::to_string);
    if let Some(n) = &name {
        if n.len() > 255
            || !n
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            c.issues.push(Issue::new(
                "invalid_format",
                "Invalid string: must match pattern /^[a-z0-9_-]+$/",
                vec![p("name")],
            ));
        }
    }
    let is_prod = c.bool("is_production", false);
    c.str("callback_url", false);
    c.str("hmac_key", false);
    c.bool("hmac_enabled", false);
    c.bool("slack_notifications", false);
    c.str("otlp_endpoint", false);
    if let Some(h) = c.value("otlp_headers") {
        if !h.is_array() {
            c.issues.push(crate::validate::type_issue(
                "array",
                Some(h),
                vec![p("otlp_headers")],
            ));
        }
    }
    c.strict(&[
        "name",
        "is_production",
        "callback_url",
        "hmac_key",
        "hmac_enabled",
        "slack_notifications",
        "otlp_endpoint",
        "otlp_headers",
    ]);
    c.finish()?;
    let name = name.unwrap_or_default();
    let mut st = app.st();
    if st.envs.iter().any(|e| e.name == name) {
        return Err(conflict("An environment with this name already exists"));
    }
    let id = st.id();
    let key_id = st.id();
    let mut env = Environment::new(
        id,
        &name,
        ApiKey {
            id: key_id,
            display_name: "default".into(),
            secret: uuid::Uuid::new_v4().to_string(),
            created_ms: now_ms(),
        },
        uuid::Uuid::new_v4().to_string(),
    );
    env.is_production = is_prod.unwrap_or(name == "prod");
    st.envs.push(env);
    Ok(ok(json!({"data": {"id": id, "name": name}})))
}

/// `DELETE /environments/{id}` (204).
pub async fn delete_one(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    Path(id): Path<String>,
) -> ApiResult {
    let id: i64 = match id.parse() {
        Ok(n) if n >= 1 => n,
        _ => {
            return Err(ApiError::invalid_uri(&[Issue::new(
                "invalid_type",
                "Invalid input: expected number, received NaN",
                vec![p("environmentId")],
            )]))
        }
    };
    let mut st = app.st();
    let pos = st
        .envs
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| ApiError::not_found("Environment not found"))?;
    if st.envs[pos].name == "prod" {
        return Err(ApiError::msg(
            400,
            "cannot_delete_prod_environment",
            "The prod environment cannot be deleted",
        ));
    }
    st.envs.remove(pos);
    st.sessions.retain(|_, s| s.env_id != id);
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = StatusCode::NO_CONTENT;
    Ok(res)
}

/// `POST /environment/api-keys` with `{environment_id, display_name}`.
pub async fn create_key(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let env_id = c.int("environment_id", true, 1, i64::MAX);
    let name = c.nonempty("display_name", true).map(str::to_string);
    if name.as_ref().is_some_and(|n| n.chars().count() > 255) {
        c.custom(
            Some("display_name"),
            "Too big: expected string to have <=255 characters",
        );
    }
    c.strict(&["environment_id", "display_name"]);
    c.finish()?;
    let (env_id, name) = (env_id.unwrap_or(0), name.unwrap_or_default());
    let mut st = app.st();
    let key_id = st.id();
    let env = st
        .env_mut(env_id)
        .ok_or_else(|| ApiError::not_found("Environment not found"))?;
    if env.api_keys.iter().any(|k| k.display_name == name) {
        return Err(conflict("An API key with this display name already exists"));
    }
    let key = ApiKey {
        id: key_id,
        display_name: name,
        secret: uuid::Uuid::new_v4().to_string(),
        created_ms: now_ms(),
    };
    env.api_keys.push(key.clone());
    Ok(ok(json!({"data": {
        "id": key.id,
        "display_name": key.display_name,
        "scopes": ["environment:*"],
        "secret": key.secret,
        "created_at": iso_ms(key.created_ms),
    }})))
}

/// `DELETE /environment/api-keys` with `{environment_id, key_id}`.
pub async fn delete_key(
    State(app): State<App>,
    Extension(_auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
    JsonBody(body): JsonBody,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut c = Check::new(&body);
    let env_id = c.int("environment_id", true, 1, i64::MAX);
    let key_id = c.int("key_id", true, 1, i64::MAX);
    c.strict(&["environment_id", "key_id"]);
    c.finish()?;
    let mut st = app.st();
    let env = st
        .env_mut(env_id.unwrap_or(0))
        .ok_or_else(|| ApiError::not_found("Environment not found"))?;
    let pos = env
        .api_keys
        .iter()
        .position(|k| Some(k.id) == key_id)
        .ok_or_else(|| ApiError::not_found("API key not found"))?;
    env.api_keys.remove(pos);
    Ok(ok(json!({"success": true})))
}

/// `POST /environment/webhook-signing-key/rotate`.
pub async fn rotate_signing_key(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let mut st = app.st();
    let env = env_mut(&mut st, auth.env_id)?;
    let now = now_ms();
    env.signing_keys
        .retain(|k| k.expires_ms.is_none_or(|e| e > now));
    if env.signing_keys.len() > 1 {
        return Err(conflict(
            "The environment has more than one webhook signing key and cannot be rotated automatically",
        ));
    }
    let new_key = uuid::Uuid::new_v4().to_string();
    for k in env.signing_keys.iter_mut() {
        k.expires_ms = Some(now + ROTATION_GRACE_MS);
    }
    env.signing_keys.insert(
        0,
        SigningKey {
            key: new_key.clone(),
            expires_ms: None,
        },
    );
    Ok(ok(json!({"data": {"webhook_signing_key": new_key}})))
}
