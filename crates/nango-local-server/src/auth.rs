//! Authentication middlewares: environment API keys (with rate limiting) and connect
//! session tokens.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::ApiError;
use crate::ratelimit::RateInfo;
use crate::state::App;
use crate::time::now_ms;

/// The environment a request was authenticated for.
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    /// Environment id.
    pub env_id: i64,
}

/// The connect session a request was authenticated with.
#[derive(Debug, Clone)]
pub struct SessionAuth {
    /// Session token.
    pub token: String,
    /// Environment id.
    pub env_id: i64,
}

fn auth_error(code: &str, message: &str) -> ApiError {
    ApiError::raw(
        401,
        json!({"error": {"message": message, "code": code, "payload": {}}}),
    )
}

/// Whether `s` is a UUID v4 (what Nango accepts as a secret key).
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    for (i, c) in b.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => *c == b'-',
            14 => *c == b'4',
            19 => matches!(c.to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_hexdigit(),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Extracts the bearer token (Nango takes what follows `Bearer `).
fn bearer(headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(raw) = headers.get("authorization") else {
        return Err(auth_error(
            "missing_auth_header",
            "Authentication failed. The request is missing the Authorization header.",
        ));
    };
    let v = raw.to_str().unwrap_or("");
    let token = v.strip_prefix("Bearer ").map(str::trim).unwrap_or("");
    if token.is_empty() {
        return Err(auth_error(
            "malformed_auth_header",
            "Authentication failed. The Authorization header is malformed.",
        ));
    }
    Ok(token.to_string())
}

/// Resolves the environment of an API key.
pub fn authenticate(app: &App, headers: &HeaderMap) -> Result<i64, ApiError> {
    let token = bearer(headers)?;
    if !is_uuid_v4(&token) {
        return Err(auth_error(
            "invalid_secret_key_format",
            "Authentication failed. The provided secret key is not a UUID v4.",
        ));
    }
    let st = app.st();
    st.envs
        .iter()
        .find(|e| e.api_keys.iter().any(|k| k.secret.eq_ignore_ascii_case(&token)))
        .map(|e| e.id)
        .ok_or_else(|| {
            auth_error(
                "unknown_account",
                "Authentication failed. The provided authorization header does not match any account.",
            )
        })
}

/// Adds `X-RateLimit-*` headers.
pub fn rate_headers(res: &mut Response, info: &RateInfo) {
    let h = res.headers_mut();
    for (k, v) in [
        ("x-ratelimit-limit", info.limit.to_string()),
        ("x-ratelimit-remaining", info.remaining.to_string()),
        ("x-ratelimit-reset", info.reset.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
}

/// Middleware for API-key routes: 401s, then the rate limit (429), then the handler.
pub async fn api_key_layer(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let env_id = match authenticate(&app, req.headers()) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let info = app.limiter.hit();
    if !info.allowed {
        let mut res = ApiError::raw(
            429,
            json!({"error": {"code": "too_many_request", "method": req.method().as_str(), "path": req.uri().path()}}),
        )
        .into_response();
        rate_headers(&mut res, &info);
        if let Ok(v) = HeaderValue::from_str(&info.retry_after.to_string()) {
            res.headers_mut().insert("retry-after", v);
        }
        return res;
    }
    req.extensions_mut().insert(Auth { env_id });
    let mut res = next.run(req).await;
    rate_headers(&mut res, &info);
    res
}

/// Middleware for `/connect/session`: the bearer is a connect session token.
pub async fn session_layer(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let token = match bearer(req.headers()) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    if !token.starts_with("nango_connect_session_") {
        return auth_error(
            "invalid_connect_session_token_format",
            "Authentication failed. The provided connect session token is not following correct format: nango_connect_session_RANDOM)",
        )
        .into_response();
    }
    let env_id = {
        let st = app.st();
        st.sessions
            .get(&token)
            .filter(|s| s.expires_ms > now_ms())
            .map(|s| s.env_id)
    };
    let Some(env_id) = env_id else {
        return auth_error(
            "unknown_connect_session_token",
            "Authentication failed. The provided connect session token does not match any account.",
        )
        .into_response();
    };
    req.extensions_mut().insert(SessionAuth { token, env_id });
    next.run(req).await
}
