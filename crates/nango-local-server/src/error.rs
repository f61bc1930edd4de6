//! Error bodies in the shapes the real Nango server sends.
//!
//! `{"error":{"code":..,"message"?:..,"errors"?:[{code,message,path}]}}`, plus the odd ones
//! (bare proxy failures, HTML 404 for unknown routes).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// One validation issue, as Nango's `zodErrorToHTTP` reports it.
#[derive(Debug, Clone)]
pub struct Issue {
    /// zod issue code (`invalid_type`, `unrecognized_keys`, `custom`, ...).
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Path to the offending value.
    pub path: Vec<Value>,
}

impl Issue {
    /// Builds an issue.
    pub fn new(code: &str, message: impl Into<String>, path: Vec<Value>) -> Self {
        Issue {
            code: code.to_string(),
            message: message.into(),
            path,
        }
    }

    fn to_json(&self) -> Value {
        json!({"code": self.code, "message": self.message, "path": self.path})
    }
}

/// A JSON path segment helper.
pub fn p(s: &str) -> Value {
    Value::String(s.to_string())
}

/// An error response: status, JSON body and extra headers.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The whole body.
    pub body: Value,
    /// Extra response headers.
    pub headers: Vec<(&'static str, String)>,
}

impl ApiError {
    /// `{"error":{"code":code}}` (no message, like many real handlers).
    pub fn code(status: u16, code: &str) -> Self {
        Self::raw(status, json!({"error": {"code": code}}))
    }

    /// `{"error":{"code":code,"message":message}}`.
    pub fn msg(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self::raw(
            status,
            json!({"error": {"code": code, "message": message.into()}}),
        )
    }

    /// `{"error":{"code":code,"errors":[..]}}`.
    pub fn issues(code: &str, issues: &[Issue]) -> Self {
        let errors: Vec<Value> = issues.iter().map(Issue::to_json).collect();
        Self::raw(400, json!({"error": {"code": code, "errors": errors}}))
    }

    /// 400 `invalid_body` with issues.
    pub fn invalid_body(issues: &[Issue]) -> Self {
        Self::issues("invalid_body", issues)
    }

    /// 400 `invalid_query_params` with issues.
    pub fn invalid_query(issues: &[Issue]) -> Self {
        Self::issues("invalid_query_params", issues)
    }

    /// 400 `invalid_headers` with issues.
    pub fn invalid_headers(issues: &[Issue]) -> Self {
        Self::issues("invalid_headers", issues)
    }

    /// 400 `invalid_uri_params` with issues.
    pub fn invalid_uri(issues: &[Issue]) -> Self {
        Self::issues("invalid_uri_params", issues)
    }

    /// Any status with any JSON body.
    pub fn raw(status: u16, body: Value) -> Self {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
            headers: Vec::new(),
        }
    }

    /// Adds a field inside `error` (e.g. `payload`, `upstream`).
    pub fn with(mut self, key: &str, value: Value) -> Self {
        if let Some(Value::Object(err)) = self.body.get_mut("error") {
            err.insert(key.to_string(), value);
        } else if let Value::Object(m) = &mut self.body {
            m.insert(key.to_string(), value);
        }
        self
    }

    /// 404 `not_found` with a message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::msg(404, "not_found", message)
    }

    /// 404 `unknown_provider_config` for an unknown integration key.
    pub fn unknown_integration() -> Self {
        Self::msg(404, "unknown_provider_config", "Provider config not found")
    }

    /// 500 `server_error`.
    pub fn server(message: impl Into<String>) -> Self {
        Self::msg(500, "server_error", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = json_response(self.status.as_u16(), &self.body);
        for (k, v) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&v) {
                res.headers_mut().insert(k, v);
            }
        }
        res
    }
}

/// A JSON response with the given status.
pub fn json_response(status: u16, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"null".to_vec());
    let mut res = Response::new(axum::body::Body::from(bytes));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    res
}

/// 200 JSON.
pub fn ok(body: Value) -> Response {
    json_response(200, &body)
}

/// Express' default 404 page for an unknown route.
pub fn html_not_found(method: &str, path: &str) -> Response {
    let esc: String = path
        .chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot {method} {esc}</pre>\n</body>\n</html>\n"
    );
    let mut res = Response::new(axum::body::Body::from(body));
    *res.status_mut() = StatusCode::NOT_FOUND;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// Object helper: builds a JSON object from pairs, skipping `None`s.
pub fn obj(pairs: Vec<(&str, Option<Value>)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    }
    Value::Object(m)
}

/// Result alias for handlers.
pub type ApiResult = Result<Response, ApiError>;
