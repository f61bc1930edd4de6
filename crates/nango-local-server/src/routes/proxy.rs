//! `/proxy/{*path}`: forwards to the provider (or `Base-Url-Override`) with the connection's
//! credentials injected; only `Nango-Proxy-*` headers (prefix stripped) and `Content-Type`
//! reach the upstream; the upstream response comes back as is.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::json;

use crate::auth::Auth;
use crate::catalogue::{self, Injection};
use crate::credentials;
use crate::error::{json_response, p, ApiError, Issue};
use crate::routes::env_mut;
use crate::state::App;
use crate::time::now_ms;
use crate::validate::{connection_headers, header_str, int_in};

const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
];

/// `ANY /proxy` and `/proxy/`.
pub async fn handle_root(
    state: State<App>,
    auth: Extension<Auth>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    handle(state, auth, method, uri, headers, body).await
}

struct Options {
    retries: u32,
    retry_on: Vec<u16>,
    base_override: Option<String>,
}

fn options(headers: &HeaderMap) -> Result<Options, ApiError> {
    let mut issues = Vec::new();
    let retries = match header_str(headers, "retries") {
        Some(v) if !v.trim().is_empty() => {
            int_in(v, "retries", 0, 100, &mut issues).unwrap_or(0) as u32
        }
        _ => 0,
    };
    let mut retry_on = Vec::new();
    if let Some(v) = header_str(headers, "retry-on").filter(|v| !v.is_empty()) {
        let valid = v
            .split(',')
            .all(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
        if valid {
            retry_on = v.split(',').filter_map(|x| x.parse().ok()).collect();
        } else {
            issues.push(Issue::new(
                "invalid_format",
                "Invalid string: must match pattern /^\\d+(,\\d+)*$/",
                vec![p("retry-on")],
            ));
        }
    }
    let base_override = header_str(headers, "base-url-override")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    if let Some(b) = &base_override {
        if !(b.starts_with("http://") || b.starts_with("https://")) {
            issues.push(Issue::new(
                "invalid_format",
                "Invalid URL",
                vec![p("base-url-override")],
            ));
        }
    }
    if let Some(d) = header_str(headers, "decompress") {
        if !matches!(d, "true" | "false" | "") {
            issues.push(Issue::new(
                "invalid_value",
                "Invalid input: expected \"true\" or \"false\"",
                vec![p("decompress")],
            ));
        }
    }
    if issues.is_empty() {
        Ok(Options {
            retries,
            retry_on,
            base_override,
        })
    } else {
        Err(ApiError::invalid_headers(&issues))
    }
}

fn network_error(method: &Method, e: &reqwest::Error) -> Response {
    let code = if e.is_timeout() {
        "ETIMEDOUT"
    } else if e.is_connect() {
        "ECONNREFUSED"
    } else {
        "ECONNRESET"
    };
    json_response(
        500,
        &json!({"message": format!("{code}: {e}"), "code": code, "method": method.as_str()}),
    )
}

/// `ANY /proxy/{*path}`.
pub async fn handle(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match proxy(app, auth, method, uri, headers, body).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn proxy(
    app: App,
    auth: Auth,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (cid, pck) = connection_headers(&headers)?;
    let opts = options(&headers)?;
    let (authorization, base) = {
        let mut st = app.st();
        let env = env_mut(&mut st, auth.env_id)?;
        let provider = env
            .integration(&pck)
            .map(|i| i.provider.clone())
            .ok_or_else(ApiError::unknown_integration)?;
        let prov = catalogue::get(&provider);
        let conn = env.connection_mut(&pck, &cid).ok_or_else(|| {
            ApiError::msg(
                400,
                "unknown_connection",
                "Provided ConnectionId and ProviderConfigKey does not match a valid connection",
            )
        })?;
        if credentials::refresh_impossible(&conn.credentials) {
            return Err(crate::routes::connections::refresh_exhausted());
        }
        if credentials::is_expired(&conn.credentials) && credentials::refresh(&mut conn.credentials)
        {
            conn.updated_ms = now_ms();
        }
        let injection = prov.map(|p| p.injection).unwrap_or(Injection::None);
        let authorization = credentials::authorization(&conn.credentials, injection);
        let base = opts
            .base_override
            .clone()
            .or_else(|| prov.and_then(|p| p.base_url).map(str::to_string));
        (authorization, base)
    };
    let Some(base) = base else {
        return Err(ApiError::raw(
            400,
            json!({"error": {"code": "missing_base_api_url", "message": "The proxy is either not supported for this provider or it does not have a default base URL configured (use the baseUrlOverride config param to specify a base URL)."}}),
        ));
    };
    let rest = uri.path().strip_prefix("/proxy").unwrap_or("");
    let rest = rest.trim_start_matches('/');
    let mut url = format!("{}/{}", base.trim_end_matches('/'), rest);
    if let Some(q) = uri.query() {
        url.push('?');
        url.push_str(q);
    }

    let mut out_headers = HeaderMap::new();
    if let Some(a) = authorization.and_then(|a| HeaderValue::from_str(&a).ok()) {
        out_headers.insert("authorization", a);
    }
    if let Some(ct) = headers.get("content-type") {
        out_headers.insert("content-type", ct.clone());
    }
    for (k, v) in headers.iter() {
        let name = k.as_str();
        if let Some(stripped) = name.strip_prefix("nango-proxy-") {
            // The framing of the request to the upstream is the client's own: a forwarded
            // Content-Length or Transfer-Encoding would contradict the body it sends.
            if HOP_BY_HOP.contains(&stripped) {
                continue;
            }
            if let Ok(n) = HeaderName::from_bytes(stripped.as_bytes()) {
                out_headers.insert(n, v.clone());
            }
        }
    }

    let mut delay = Duration::from_millis(100);
    let mut attempt = 0u32;
    loop {
        let sent = app
            .http
            .request(method.clone(), &url)
            .headers(out_headers.clone())
            .body(body.clone())
            .timeout(Duration::from_secs(120))
            .send()
            .await;
        let retryable = match &sent {
            Err(_) => true,
            Ok(r) => {
                let s = r.status().as_u16();
                s >= 500 || s == 429 || s == 401 || opts.retry_on.contains(&s)
            }
        };
        if retryable && attempt < opts.retries {
            attempt += 1;
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(5));
            continue;
        }
        return Ok(match sent {
            Err(e) => network_error(&method, &e),
            Ok(r) => {
                let status =
                    StatusCode::from_u16(r.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
                let mut hdrs = HeaderMap::new();
                for (k, v) in r.headers() {
                    if !HOP_BY_HOP.contains(&k.as_str()) {
                        hdrs.append(k.clone(), v.clone());
                    }
                }
                match r.bytes().await {
                    Ok(b) => {
                        let mut res = Response::new(Body::from(b));
                        *res.status_mut() = status;
                        *res.headers_mut() = hdrs;
                        res
                    }
                    Err(e) => network_error(&method, &e),
                }
            }
        });
    }
}
