//! A Nango look-alike that misbehaves on purpose, for the SDK's trust tests (the
//! native client in `tests/native/tests/hostile.rs`, the package in
//! `tests/wasm/hostile.mjs`). It answers the SDK's real operations, each in one
//! hostile way, and records every request it receives (`GET /_hostile/requests`,
//! `DELETE` to clear), so a test can tell what was sent.
//!
//! - `GET /connections/{mode}`: `mode` picks how the caller's own `Authorization`
//!   value and [`CREDENTIAL`] are echoed back: `echo-message` (401, the key in the
//!   message), `echo-errors` (400, the key in `errors[]`), `echo-payload` (400, in
//!   the payload), `echo-header` (401, in response headers), `non-json` (502, an HTML
//!   page), `non-json-200` (200, not JSON), `wrong-type` (200, `credentials` a
//!   string), `redirect` (302 to `/landing`);
//! - `GET /connections` (a listing): the same full page for every page number;
//! - `GET /records`: cursors that cycle, A → B → A;
//! - `GET /providers`: an endless body without `Content-Length` (it stops after
//!   1 GiB or when the client goes away);
//! - `GET /providers/{name}`: `big-N` (N bytes, chunked), `bomb-N` (a gzip body
//!   that inflates to N bytes);
//! - `/proxy/redirect` (302 to `/landing`), `/proxy/big-N`, `/proxy/bomb-N`, and any
//!   other `/proxy/...` path answers `{"ok":true}`; a host prefix (`/nango/...`) is
//!   accepted in front of every route.
//!
//! Every answer allows any loopback page to read it (CORS), for the browser suite.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use bytes::Bytes;

/// The end user's credential the server plants in its answers: no text the SDK
/// produces may carry it.
pub const CREDENTIAL: &str = "ghp_plantedCredential0123456789abcdefXYZ";

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The method.
    pub method: String,
    /// The path and query, as sent.
    pub path: String,
}

#[derive(Default)]
struct Hostile {
    received: Mutex<Vec<Received>>,
}

/// Serves the hostile server on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    serve_with(listener, Arc::default()).await
}

async fn serve_with(listener: tokio::net::TcpListener, state: Arc<Hostile>) -> std::io::Result<()> {
    let app = axum::Router::new().fallback(route).with_state(state);
    axum::serve(listener, app).await
}

/// A hostile server serving in the background of this process.
pub struct Running {
    /// Its base URL (`http://127.0.0.1:PORT`).
    pub url: String,
    state: Arc<Hostile>,
}

impl Running {
    /// The requests it received so far, as `METHOD /path?query` lines: read from the
    /// server's own record, so no client (least of all the one under test) is involved.
    pub fn received(&self) -> Vec<String> {
        let received = self
            .state
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        received
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}

/// Binds a loopback port and serves in the background of this process.
pub async fn spawn() -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let url = format!("http://{}", listener.local_addr()?);
    let state = Arc::<Hostile>::default();
    tokio::spawn(serve_with(listener, Arc::clone(&state)));
    Ok(Running { url, state })
}

fn cors(headers: &mut HeaderMap, request: &HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("*"),
    );
    // `*` does not cover `Authorization`: name what the page asks for.
    let asked = request
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked);
}

fn answer(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut res = Response::new(body.into());
    *res.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    res
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    answer(status, "application/json", value.to_string())
}

/// `bytes` bytes of `x`, in 64 KiB chunks, with no `Content-Length`.
fn endless(bytes: u64) -> Body {
    const CHUNK: usize = 64 << 10;
    let chunk = Bytes::from(vec![b'x'; CHUNK]);
    let count = bytes.div_ceil(CHUNK as u64);
    let last = bytes - (count.saturating_sub(1)) * CHUNK as u64;
    let stream = futures_util::stream::iter((0..count).map(move |i| {
        let piece = if i + 1 == count {
            chunk.slice(..usize::try_from(last).unwrap_or(CHUNK))
        } else {
            chunk.clone()
        };
        Ok::<_, std::io::Error>(piece)
    }));
    Body::from_stream(stream)
}

/// A gzip body that inflates to `bytes` zero bytes.
fn bomb(bytes: u64) -> Response {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let zeros = vec![0u8; 1 << 20];
    let mut left = bytes;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        let _ = gz.write_all(&zeros[..n]);
        left -= n as u64;
    }
    let body = gz.finish().unwrap_or_default();
    let mut res = answer(StatusCode::OK, "application/json", body);
    res.headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    res
}

fn sized(name: &str, prefix: &str) -> Option<u64> {
    name.strip_prefix(prefix)?.parse().ok()
}

async fn route(State(state): State<Arc<Hostile>>, request: Request) -> Response {
    let method = request.method().clone();
    let path_and_query = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let request_headers = request.headers().clone();
    let mut res = if method == Method::OPTIONS {
        answer(StatusCode::NO_CONTENT, "text/plain", "")
    } else {
        respond(&state, &method, &path_and_query, &request_headers)
    };
    cors(res.headers_mut(), &request_headers);
    res
}

fn respond(
    state: &Hostile,
    method: &Method,
    path_and_query: &str,
    headers: &HeaderMap,
) -> Response {
    let path = path_and_query.split('?').next().unwrap_or_default();
    // A host prefix such as `/nango` is accepted in front of every route.
    let path = path.strip_prefix("/nango").unwrap_or(path);
    if path == "/_hostile/requests" {
        let mut received = state.received.lock().unwrap_or_else(|e| e.into_inner());
        if method == Method::DELETE {
            received.clear();
            return json(StatusCode::OK, serde_json::json!({}));
        }
        let list: Vec<_> = received
            .iter()
            .map(|r| serde_json::json!({"method": r.method, "path": r.path}))
            .collect();
        return json(StatusCode::OK, serde_json::json!({ "requests": list }));
    }
    state
        .received
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Received {
            method: method.to_string(),
            path: path_and_query.to_owned(),
        });
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let planted = format!("{auth} {CREDENTIAL}");
    let query = path_and_query.split_once('?').map_or("", |(_, q)| q);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["landing"] => json(StatusCode::OK, serde_json::json!({"landed": true})),
        ["connections", mode] => connection(mode, &auth, &planted),
        ["connections"] => {
            // The same full page for every page number.
            let limit: usize = query
                .split('&')
                .find_map(|p| p.strip_prefix("limit="))
                .and_then(|l| l.parse().ok())
                .unwrap_or(1000)
                .min(1000);
            let page: Vec<_> = (0..limit)
                .map(|i| {
                    serde_json::json!({"id": i, "connection_id": format!("c{i}"), "provider_config_key": "p",
                        "provider": "p", "created": "2024-01-01T00:00:00.000Z", "metadata": null, "errors": []})
                })
                .collect();
            json(StatusCode::OK, serde_json::json!({ "connections": page }))
        }
        ["records"] | ["records", ""] => {
            let cursor = query
                .split('&')
                .find_map(|p| p.strip_prefix("cursor="))
                .unwrap_or("");
            let next = if cursor == "A" { "B" } else { "A" };
            let record = serde_json::json!({"id": cursor, "_nango_metadata": {"first_seen_at": "2024-01-01T00:00:00.000Z",
                "last_modified_at": "2024-01-01T00:00:00.000Z", "last_action": "ADDED", "deleted_at": null, "cursor": next}});
            json(
                StatusCode::OK,
                serde_json::json!({"records": [record], "next_cursor": next}),
            )
        }
        ["providers"] => answer(StatusCode::OK, "application/json", endless(1 << 30)),
        ["providers", name] | ["proxy", name] => {
            if let Some(n) = sized(name, "big-") {
                answer(StatusCode::OK, "application/octet-stream", endless(n))
            } else if let Some(n) = sized(name, "bomb-") {
                bomb(n)
            } else if *name == "redirect" {
                redirect()
            } else {
                json(StatusCode::OK, serde_json::json!({"ok": true}))
            }
        }
        ["proxy", ..] => json(StatusCode::OK, serde_json::json!({"ok": true})),
        _ => json(
            StatusCode::NOT_FOUND,
            serde_json::json!({"error": {"code": "not_found", "message": "no such hostile route"}}),
        ),
    }
}

fn redirect() -> Response {
    let mut res = answer(StatusCode::FOUND, "text/plain", "");
    res.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static("/landing"));
    res
}

fn connection(mode: &str, auth: &str, planted: &str) -> Response {
    match mode {
        "echo-message" => json(
            StatusCode::UNAUTHORIZED,
            serde_json::json!({"error": {"code": "invalid_secret_key",
                "message": format!("The secret key is invalid: {auth}"), "credential": CREDENTIAL}}),
        ),
        "echo-errors" => json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": {"code": "invalid_body", "message": "Invalid body",
                "errors": [{"code": auth, "message": auth, "path": [auth, 0], "params": {"credential": CREDENTIAL}}]}}),
        ),
        "echo-payload" => json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"error": {"code": "invalid_connection", "message": "Invalid connection",
                "payload": {"authorization": auth, "credential": CREDENTIAL}}}),
        ),
        "echo-header" => {
            let mut res = json(
                StatusCode::UNAUTHORIZED,
                serde_json::json!({"error": {"code": "unauthorized", "message": "Unauthorized"}}),
            );
            if let Ok(v) = HeaderValue::from_str(planted) {
                res.headers_mut().insert("x-echo", v.clone());
                res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
            res
        }
        "non-json" => answer(
            StatusCode::BAD_GATEWAY,
            "text/html",
            format!("<html><body>upstream said: {planted}</body></html>"),
        ),
        "non-json-200" => answer(StatusCode::OK, "text/plain", format!("token={planted}")),
        "wrong-type" => json(
            StatusCode::OK,
            serde_json::json!({"id": 1, "connection_id": "c", "provider_config_key": "p", "provider": "p",
                "credentials": planted, "metadata": {}, "connection_config": {}, "errors": [],
                "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-01-01T00:00:00.000Z"}),
        ),
        "redirect" => redirect(),
        _ => json(
            StatusCode::NOT_FOUND,
            serde_json::json!({"error": {"code": "not_found", "message": "Failed to find connection"}}),
        ),
    }
}
