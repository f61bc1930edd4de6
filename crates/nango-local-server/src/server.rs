//! HTTP plumbing: the accept loop (with per-connection kill switches for fault injection,
//! and a panic caught as a 500), the global middleware (host and origin checks, CORS, the
//! admin API's key, the body limit, recording, faults) and the router.

use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post, put};
use axum::Router;
use futures_util::FutureExt;
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

use crate::auth;
use crate::error::{html_not_found, ApiError};
use crate::faults::FaultKind;
use crate::recorder::RecordedRequest;
use crate::routes::{
    actions, connect, connections, environment, functions, integrations, metadata,
    provider_webhooks, providers, proxy, records, scripts, syncs,
};
use crate::security;
use crate::state::App;
use crate::validate::JsonLimit;

/// Largest request body read by default (64 MiB; [`crate::ServerConfig::max_body_bytes`]).
pub const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Lets a handler close the TCP connection its request came on.
#[derive(Clone)]
pub struct ConnKill(Arc<Notify>);

impl ConnKill {
    /// Closes the connection (without a response).
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// Builds the whole router.
pub fn router(app: App) -> Router {
    let api = Router::new()
        .route("/providers", get(providers::list))
        .route("/providers/{provider}", get(providers::get_one))
        .route("/providers/{provider}/templates", get(providers::templates))
        .route(
            "/integrations",
            get(integrations::list).post(integrations::create),
        )
        .route("/integrations/quickstart", post(integrations::quickstart))
        .route(
            "/integrations/{key}",
            get(integrations::get_one)
                .patch(integrations::patch)
                .delete(integrations::delete_one),
        )
        .route("/integrations/{key}/functions", get(functions::list))
        .route(
            "/integrations/{key}/functions/{name}",
            get(functions::get_one).delete(functions::delete_one),
        )
        .route(
            "/integrations/{key}/functions/{name}/code",
            get(functions::code),
        )
        .route("/functions/compile", post(functions::compile))
        .route("/functions/dryruns", post(functions::create_dryrun))
        .route("/functions/dryruns/{id}", get(functions::get_dryrun))
        .route("/functions/deployments", post(functions::create_deployment))
        .route(
            "/functions/deployments/{id}",
            get(functions::get_deployment),
        )
        .route(
            "/connections",
            get(connections::list).post(connections::upsert),
        )
        .route(
            "/connections/metadata",
            post(metadata::set).patch(metadata::update),
        )
        .route(
            "/connections/{id}",
            get(connections::get_one)
                .patch(connections::patch)
                .delete(connections::delete_one),
        )
        .route(
            "/connection",
            get(connections::list).post(connections::legacy_create),
        )
        .route(
            "/connection/metadata",
            post(metadata::set).patch(metadata::update),
        )
        .route(
            "/connection/{id}",
            get(connections::get_one).delete(connections::delete_one),
        )
        .route(
            "/connection/{id}/metadata",
            post(metadata::legacy_set).patch(metadata::legacy_update),
        )
        .route("/connect/sessions", post(connect::create))
        .route("/connect/sessions/reconnect", post(connect::reconnect))
        .route("/proxy", any(proxy::handle_root))
        .route("/proxy/", any(proxy::handle_root))
        .route("/proxy/{*path}", any(proxy::handle))
        .route("/action/trigger", post(actions::trigger))
        .route("/action/{id}", get(actions::result))
        .route("/records", get(records::list))
        .route("/records/", get(records::list))
        .route("/records/prune", axum::routing::patch(records::prune))
        .route("/sync/trigger", post(syncs::trigger))
        .route("/sync/start", post(syncs::start))
        .route("/sync/pause", post(syncs::pause))
        .route("/sync/status", get(syncs::status))
        .route(
            "/sync/update-connection-frequency",
            put(syncs::update_frequency),
        )
        .route(
            "/sync/{name}/variant/{variant}",
            post(syncs::create_variant).delete(syncs::delete_variant),
        )
        .route("/environment-variables", get(environment::variables))
        .route("/environments", post(environment::create))
        .route("/environments/{id}", delete(environment::delete_one))
        .route(
            "/environment/api-keys",
            post(environment::create_key).delete(environment::delete_key),
        )
        .route(
            "/environment/webhook-signing-key/rotate",
            post(environment::rotate_signing_key),
        )
        .route("/scripts/config", get(scripts::config))
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            auth::api_key_layer,
        ));

    let session = Router::new()
        .route(
            "/connect/session",
            get(connect::get_session).delete(connect::delete_session),
        )
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            auth::session_layer,
        ));

    let open = Router::new()
        .route(
            "/webhook/{env_uuid}/{key}",
            post(provider_webhooks::receive),
        )
        .route("/connect-ui", get(connect::ui_page))
        .route("/connect-ui/complete", post(connect::ui_complete))
        .route("/health", get(|| async { "ok" }));

    Router::new()
        .merge(api)
        .merge(session)
        .merge(open)
        .merge(crate::admin::router())
        .fallback(fallback)
        .method_not_allowed_fallback(fallback)
        .layer(middleware::from_fn_with_state(app.clone(), global_layer))
        // The global layer has read the body within the configured limit already; the
        // handlers' extractors must not apply axum's own (2 MB) on top of it.
        .layer(DefaultBodyLimit::max(app.max_body))
        .with_state(app)
}

async fn fallback(method: Method, uri: axum::http::Uri) -> Response {
    html_not_found(method.as_str(), uri.path())
}

/// Lets the page of `origin` read the answer (and the headers the SDK reads: rate limits,
/// `Retry-After`).
fn add_cors(res: &mut Response, origin: &HeaderValue) {
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
    h.append(header::VARY, HeaderValue::from_static("origin"));
}

fn preflight(req: &Request, origin: &HeaderValue) -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::NO_CONTENT;
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,PROPFIND,REPORT"),
    );
    let allow_headers = req
        .headers()
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    // Chromium asks before a page on a public address reaches a private one (an origin
    // the user allowed explicitly, say): the origin is allowed, so is that.
    if req
        .headers()
        .contains_key("access-control-request-private-network")
    {
        h.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
    }
    add_cors(&mut res, origin);
    res
}

/// The request's host: the authority of an absolute-form target, else the `Host` header.
fn request_host(req: &Request) -> Option<&str> {
    match req.uri().authority() {
        Some(a) => Some(a.as_str()),
        None => req
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok()),
    }
}

/// At most 200 characters of a value an error message quotes.
fn quoted(s: &str) -> String {
    s.chars().take(200).collect()
}

/// Why a request is refused before it reaches the API.
#[derive(Debug, thiserror::Error)]
enum Refusal {
    #[error(
        "Host {0:?} is not a loopback name or address; this server answers only those \
         (start it with --allow-host NAME to answer another name)"
    )]
    Host(String),
    #[error("The request has no Host header")]
    NoHost,
    #[error(
        "Origin {0:?} may not call this server; browsers may only from loopback origins \
         (start it with --allow-origin ORIGIN to allow another one)"
    )]
    Origin(String),
    #[error("The admin API answers no cross-origin request (Origin {0:?})")]
    AdminOrigin(String),
    #[error(
        "The admin API needs the server's API key: Authorization: Bearer <api key> \
         (the key it printed at start; LocalServer::api_key in Rust)"
    )]
    AdminKey,
    #[error("Request body larger than {0} bytes")]
    TooLarge(usize),
    #[error("Failed to read the request body: {0}")]
    Read(String),
}

impl Refusal {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            Refusal::Host(_) | Refusal::NoHost => (421, "invalid_host"),
            Refusal::Origin(_) | Refusal::AdminOrigin(_) => (403, "forbidden_origin"),
            Refusal::AdminKey => (401, "unauthorized"),
            Refusal::TooLarge(_) => (413, "payload_too_large"),
            Refusal::Read(_) => (400, "invalid_body"),
        };
        let mut res = ApiError::msg(status, code, self.to_string()).into_response();
        // A refused request's body is not read (not all of it, for one too large): the
        // connection cannot carry another request, and the client must know it.
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        res
    }
}

/// Reads a body of at most `limit` bytes into one buffer sized from `Content-Length` when
/// there is one, dropping each received chunk as soon as it is copied. A declared length
/// over the limit is refused before anything is read.
async fn read_body(body: Body, declared: Option<u64>, limit: usize) -> Result<Bytes, Refusal> {
    let declared = match declared {
        Some(n) if n > limit as u64 => return Err(Refusal::TooLarge(limit)),
        Some(n) => n as usize,
        None => 0,
    };
    let mut buf = Vec::with_capacity(declared);
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Refusal::Read(e.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if data.len() > limit - buf.len() {
                return Err(Refusal::TooLarge(limit));
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(buf))
}

fn is_admin(path: &str) -> bool {
    path == "/_admin" || path.starts_with("/_admin/")
}

/// Host and origin checks, CORS, the admin API's key, the body limit, recording and fault
/// injection around every request.
async fn global_layer(State(app): State<App>, req: Request, next: Next) -> Response {
    match guarded(&app, req, next).await {
        Ok(res) => res,
        Err(refusal) => refusal.into_response(),
    }
}

async fn guarded(app: &App, req: Request, next: Next) -> Result<Response, Refusal> {
    // DNS rebinding: a page whose name now points at 127.0.0.1 still sends its name.
    let host = request_host(&req).map(str::to_string);
    if !app.access.host_allowed(host.as_deref()) {
        return Err(host.map_or(Refusal::NoHost, |h| Refusal::Host(quoted(&h))));
    }
    let path = req.uri().path().to_string();
    let admin = is_admin(&path);
    // Browsers send `Origin` on every cross-origin request, on simple ones too (a
    // text/plain POST, a form), which have no preflight: refusing them here, before any
    // handler, is what keeps a page from changing the server's state.
    let cors = match req.headers().get(header::ORIGIN) {
        None => None,
        Some(o) => {
            let origin = o.to_str().unwrap_or("");
            if host
                .as_deref()
                .is_some_and(|h| security::same_origin(origin, h))
            {
                None
            } else if admin {
                return Err(Refusal::AdminOrigin(quoted(origin)));
            } else if app.access.origin_allowed(origin) {
                Some(o.clone())
            } else {
                return Err(Refusal::Origin(quoted(origin)));
            }
        }
    };
    // Only an allowed cross-origin page gets a preflight answer: a same-origin page never
    // asks, and the admin API was refused to every other origin above.
    if let Some(origin) = &cors {
        if req.method() == Method::OPTIONS
            && req
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
        {
            return Ok(preflight(&req, origin));
        }
    }
    if admin && !admin_key(app, req.headers()) {
        return Err(Refusal::AdminKey);
    }
    // Every body is read here, within the limit, whether the handler wants it or not: a
    // body left unread would make the connection unusable for the client's next request.
    let (mut parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bytes = read_body(body, declared, app.max_body).await?;
    let large = bytes.len() >= RELEASE_AFTER;
    parts.extensions.insert(JsonLimit(app.max_json));
    let mut res = if admin {
        next.run(Request::from_parts(parts, Body::from(bytes)))
            .await
    } else {
        api(app, parts, bytes, next, &path).await
    };
    if let Some(origin) = &cors {
        add_cors(&mut res, origin);
    }
    // The body and what the handler made of it are freed by now.
    if large {
        release_memory();
    }
    Ok(res)
}

/// Whether the request carries the admin API's key: the API key the server started with
/// (whatever happened to it since), or a current key of the default environment (what
/// [`crate::LocalServer::api_key`] answers).
fn admin_key(app: &App, headers: &axum::http::HeaderMap) -> bool {
    if security::has_bearer(headers, &app.initial_api_key) {
        return true;
    }
    let st = app.st();
    st.envs.first().is_some_and(|e| {
        e.api_keys
            .iter()
            .any(|k| security::has_bearer(headers, &k.secret))
    })
}

/// Body size from which the memory a request used is handed back to the system after it.
const RELEASE_AFTER: usize = 1024 * 1024;

/// Hands memory freed by a large request back to the system. glibc keeps freed memory in
/// its arenas for reuse, and cannot shrink an arena past a block still in use: after a body
/// parsed into many small values, the process would keep its peak size. `malloc_trim`
/// returns every free page of every arena. It walks the arenas: off the async workers.
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tokio::task::spawn_blocking(|| {
        // SAFETY: malloc_trim takes no pointer and only reorganises the allocator's own
        // free memory, under its own locks; glibc documents it as thread-safe (MT-Safe).
        unsafe {
            libc::malloc_trim(0);
        }
    });
}

/// Records the request, applies a matching fault, then runs the handler.
async fn api(
    app: &App,
    parts: axum::http::request::Parts,
    bytes: Bytes,
    next: Next,
    path: &str,
) -> Response {
    app.recorder.push(RecordedRequest {
        method: parts.method.to_string(),
        path: path.to_string(),
        query: parts.uri.query().map(str::to_string),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: bytes[..bytes.len().min(crate::recorder::RECORDED_BODY_MAX)].to_vec(),
        body_size: bytes.len(),
        time: SystemTime::now(),
    });
    if let Some(kind) = app.faults.take(parts.method.as_str(), path) {
        match kind {
            FaultKind::Delay(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
            FaultKind::Status(code, body) => {
                let is_json = serde_json::from_str::<serde_json::Value>(&body).is_ok();
                let mut res = Response::new(Body::from(body));
                *res.status_mut() =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let ct = if is_json {
                    "application/json; charset=utf-8"
                } else {
                    "text/plain; charset=utf-8"
                };
                res.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
                return res;
            }
            FaultKind::DropConnection => {
                if let Some(k) = parts.extensions.get::<ConnKill>() {
                    k.kill();
                    std::future::pending::<()>().await;
                }
                let mut res = Response::new(Body::empty());
                *res.status_mut() = StatusCode::BAD_GATEWAY;
                return res;
            }
            FaultKind::TruncatedBody => {
                let chunk = Bytes::from_static(b"{\"data\":[{\"id\":\"1\"},{\"id\":");
                let stream = futures_util::stream::iter(vec![
                    Ok::<_, std::io::Error>(chunk),
                    Err(std::io::Error::other("truncated by fault injection")),
                ]);
                let mut res = Response::new(Body::from_stream(stream));
                res.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                );
                res.headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from_static("4096"));
                return res;
            }
            FaultKind::MalformedBody => {
                let mut res = Response::new(Body::from("{\"data\": [{\"id\": \"1\", \"name\": }"));
                res.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                );
                return res;
            }
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The answer to a request whose handler panicked: a 500 on a connection that stays up,
/// instead of a connection dropped without an answer.
fn panicked(panic: Box<dyn std::any::Any + Send>) -> Response {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    tracing::error!("handler panicked: {msg}");
    ApiError::server(format!("The local server failed: {msg}")).into_response()
}

/// Serves `router` on `listener` until `shutdown` turns true.
pub async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.changed() => break,
        };
        let (stream, _) = match accepted {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let conn_kill = ConnKill(kill.clone());
            let svc = hyper::service::service_fn(
                move |mut req: hyper::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(conn_kill.clone());
                    let router = router.clone();
                    async move {
                        let res = AssertUnwindSafe(router.oneshot(req.map(Body::new)))
                            .catch_unwind()
                            .await;
                        Ok::<_, Infallible>(match res {
                            Ok(res) => res.unwrap_or_else(|e| match e {}),
                            Err(panic) => panicked(panic),
                        })
                    }
                },
            );
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), svc);
            tokio::select! {
                r = conn => {
                    if let Err(e) = r {
                        tracing::debug!("connection error: {e}");
                    }
                }
                _ = kill.notified() => {}
                _ = shutdown.changed() => {}
            }
        });
    }
}
