//! HTTP plumbing: the accept loop (with per-connection kill switches for fault injection),
//! the global middleware (CORS, recording, faults) and the router.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post, put};
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

use crate::auth;
use crate::error::html_not_found;
use crate::faults::FaultKind;
use crate::recorder::RecordedRequest;
use crate::routes::{
    actions, connect, connections, environment, functions, integrations, metadata,
    provider_webhooks, providers, proxy, records, scripts, syncs,
};
use crate::state::App;

/// Largest request body accepted (64 MiB).
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
        .with_state(app)
}

async fn fallback(method: Method, uri: axum::http::Uri) -> Response {
    html_not_found(method.as_str(), uri.path())
}

fn add_cors(res: &mut Response) {
    let h = res.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("*"),
    );
}

fn preflight(req: &Request) -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::NO_CONTENT;
    let h = res.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,PROPFIND,REPORT"),
    );
    let allow_headers = req
        .headers()
        .get("access-control-request-headers")
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    h.insert("access-control-allow-headers", allow_headers);
    h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("*"),
    );
    res
}

/// CORS, recording and fault injection around every request.
async fn global_layer(State(app): State<App>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS
        && req.headers().contains_key("access-control-request-method")
    {
        return preflight(&req);
    }
    let path = req.uri().path().to_string();
    if path == "/_admin" || path.starts_with("/_admin/") {
        let mut res = next.run(req).await;
        add_cors(&mut res);
        return res;
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            let mut res =
                crate::error::ApiError::msg(413, "payload_too_large", "Request body too large")
                    .into_response();
            add_cors(&mut res);
            return res;
        }
    };
    app.recorder.push(RecordedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
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
        body: bytes.to_vec(),
        time: SystemTime::now(),
    });
    if let Some(kind) = app.faults.take(parts.method.as_str(), &path) {
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
                add_cors(&mut res);
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
                let chunk = bytes::Bytes::from_static(b"{\"data\":[{\"id\":\"1\"},{\"id\":");
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
                add_cors(&mut res);
                return res;
            }
            FaultKind::MalformedBody => {
                let mut res = Response::new(Body::from("{\"data\": [{\"id\": \"1\", \"name\": }"));
                res.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                );
                add_cors(&mut res);
                return res;
            }
        }
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    let mut res = next.run(req).await;
    add_cors(&mut res);
    res
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
                        let res = router.oneshot(req.map(Body::new)).await;
                        Ok::<_, Infallible>(res.unwrap_or_else(|e| match e {}))
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
