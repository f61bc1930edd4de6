//! The www example as a native server (axum + the `nango` crate): the same routes
//! and page as the Cloudflare Worker (`www/worker`) and the Deno function
//! (`www/deno`).
//!
//! | route | what |
//! |---|---|
//! | `POST /webhooks/nango` | Nango's webhooks: verified (`nango::axum::NangoWebhook`), kept |
//! | `GET /api/events` | the recent webhooks, verified or rejected, newest first |
//! | `POST /api/sessions` | `{userId}` → a connect session (token and connect link) |
//! | `GET /api/connections?userId=` | that user's connections with their metadata |
//! | `POST /api/proxy` | `{connectionId, integration, endpoint}` → a proxied `GET` |
//! | `GET /api/info` | which runtime serves the page |
//! | `GET /` | the page (`www/page`) |
//!
//! ```sh
//! NANGO_SECRET_KEY=... NANGO_WEBHOOK_SIGNING_KEY=... PORT=3000 cargo run -p nango-www-native
//! ```
//!
//! Also read: `NANGO_HOST`, and `PROXY_BASE_URL_OVERRIDE` (local runs only).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRef, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::future::try_join_all;
use nango::axum::{NangoWebhook, WebhookRejection};
use nango::models::connect::CreateConnectSession;
use nango::webhook::{WebhookEvent, WebhookVerifier};
use nango::Nango;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const MAX_EVENTS: usize = 50;

/// One webhook delivery as the page shows it.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct WebhookRecord {
    id: u64,
    received_at: String,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    r#type: Option<String>,
    operation: Option<String>,
    connection_id: Option<String>,
    integration: Option<String>,
    success: Option<bool>,
}

impl WebhookRecord {
    fn verified(event: &WebhookEvent) -> Self {
        let (operation, success) = match event {
            WebhookEvent::Auth(auth) => (Some(auth.operation.to_string()), Some(auth.success)),
            WebhookEvent::Sync(sync) => (None, Some(sync.is_success())),
            _ => (None, None),
        };
        WebhookRecord {
            verified: true,
            r#type: event.event_type().map(str::to_owned),
            operation,
            connection_id: event.connection_id().map(str::to_owned),
            integration: event.provider_config_key().map(str::to_owned),
            success,
            ..Default::default()
        }
    }

    fn rejected(verified: bool, reason: &str) -> Self {
        WebhookRecord {
            verified,
            reason: Some(reason.to_owned()),
            ..Default::default()
        }
    }
}

/// Recent webhooks, in memory (several instances would share them in a database).
#[derive(Default)]
struct Events {
    next_id: u64,
    recent: VecDeque<WebhookRecord>,
}

#[derive(Clone)]
struct AppState {
    nango: Nango,
    verifier: WebhookVerifier,
    events: Arc<Mutex<Events>>,
    proxy_base_url: Option<Arc<str>>,
}

impl FromRef<AppState> for WebhookVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.verifier.clone()
    }
}

impl AppState {
    fn remember(&self, mut record: WebhookRecord) {
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        events.next_id += 1;
        record.id = events.next_id;
        record.received_at = now_iso8601();
        events.recent.push_front(record);
        events.recent.truncate(MAX_EVENTS);
    }
}

/// A failed Nango call, answered `502 {error, status}`.
struct NangoFailure(nango::Error);

impl From<nango::Error> for NangoFailure {
    fn from(e: nango::Error) -> Self {
        NangoFailure(e)
    }
}

impl IntoResponse for NangoFailure {
    fn into_response(self) -> Response {
        let body =
            json!({"error": self.0.to_string(), "status": self.0.status().map(|s| s.as_u16())});
        (StatusCode::BAD_GATEWAY, Json(body)).into_response()
    }
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
}

/// Verified and parsed by the extractor; a rejected delivery is kept too, then
/// answered as the extractor would (401, 400 or 413).
async fn receive_webhook(
    State(app): State<AppState>,
    webhook: Result<NangoWebhook, WebhookRejection>,
) -> Response {
    match webhook {
        Ok(NangoWebhook(event)) => {
            app.remember(WebhookRecord::verified(&event));
            Json(json!({"ok": true})).into_response()
        }
        Err(rejection) => {
            let record = match &rejection {
                WebhookRejection::Unverified(_) => {
                    WebhookRecord::rejected(false, "bad or missing X-Nango-Hmac-Sha256 signature")
                }
                WebhookRejection::Invalid(_) => {
                    WebhookRecord::rejected(true, "signed, but not a Nango webhook")
                }
                _ => WebhookRecord::rejected(false, "unreadable body"),
            };
            app.remember(record);
            rejection.into_response()
        }
    }
}

async fn list_events(State(app): State<AppState>) -> Json<Value> {
    let events = app.events.lock().unwrap_or_else(|e| e.into_inner());
    Json(json!({ "events": events.recent }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionRequest {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    integration: Option<String>,
}

async fn create_session(
    State(app): State<AppState>,
    Json(req): Json<SessionRequest>,
) -> Result<Response, NangoFailure> {
    let Some(user_id) = req.user_id.filter(|u| !u.is_empty()) else {
        return Ok(bad_request("userId is required"));
    };
    let mut body = CreateConnectSession::default().tag("end_user_id", user_id);
    if let Some(integration) = req.integration.filter(|i| !i.is_empty()) {
        body = body.allowed_integrations([integration]);
    }
    let session = app.nango.create_connect_session(body).await?;
    Ok(Json(json!({
        "token": session.token.expose_secret(),
        "connectLink": session.connect_link,
        "expiresAt": session.expires_at,
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserQuery {
    #[serde(default)]
    user_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConnectionView {
    connection_id: String,
    integration: String,
    provider: String,
    created: Option<String>,
    metadata: Value,
}

async fn list_connections(
    State(app): State<AppState>,
    Query(query): Query<UserQuery>,
) -> Result<Response, NangoFailure> {
    let Some(user_id) = query.user_id.filter(|u| !u.is_empty()) else {
        return Ok(bad_request("userId is required"));
    };
    let list = app
        .nango
        .list_connections()
        .tag("end_user_id", user_id)
        .await?;
    let nango = &app.nango;
    let connections = try_join_all(list.connections.into_iter().map(|c| async move {
        let metadata: Value = nango
            .get_metadata(&c.provider_config_key, &c.connection_id)
            .await?;
        Ok::<_, nango::Error>(ConnectionView {
            connection_id: c.connection_id,
            integration: c.provider_config_key,
            provider: c.provider,
            created: c.created,
            metadata,
        })
    }))
    .await?;
    Ok(Json(json!({ "connections": connections })).into_response())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProxyRequest {
    #[serde(default)]
    connection_id: Option<String>,
    #[serde(default)]
    integration: Option<String>,
    #[serde(default)]
    endpoint: Option<String>,
}

async fn proxy(
    State(app): State<AppState>,
    Json(req): Json<ProxyRequest>,
) -> Result<Response, NangoFailure> {
    let non_empty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let (Some(connection_id), Some(integration), Some(endpoint)) = (
        non_empty(req.connection_id),
        non_empty(req.integration),
        non_empty(req.endpoint),
    ) else {
        return Ok(bad_request(
            "connectionId, integration and endpoint are required",
        ));
    };
    // A real app would first check that this connection belongs to the signed-in user.
    let mut call = app
        .nango
        .get(&endpoint)
        .provider_config_key(integration)
        .connection_id(connection_id);
    if let Some(base) = &app.proxy_base_url {
        // Only for local runs: send the call to a local API instead of the provider's.
        call = call.base_url_override(base.as_ref());
    }
    let res = call.await?;
    let data = serde_json::from_slice::<Value>(&res.body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&res.body).into_owned()));
    Ok(Json(json!({"status": res.status.as_u16(), "data": data})).into_response())
}

async fn info() -> Json<Value> {
    Json(json!({"runtime": "native Rust (axum)"}))
}

fn static_file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/webhooks/nango", post(receive_webhook))
        .route("/api/events", get(list_events))
        .route("/api/sessions", post(create_session))
        .route("/api/connections", get(list_connections))
        .route("/api/proxy", post(proxy))
        .route("/api/info", get(info))
        .route(
            "/",
            get(|| async {
                static_file(
                    "text/html; charset=utf-8",
                    include_str!("../../page/index.html"),
                )
            }),
        )
        .route(
            "/app.js",
            get(|| async {
                static_file(
                    "text/javascript; charset=utf-8",
                    include_str!("../../page/app.js"),
                )
            }),
        )
        .route(
            "/style.css",
            get(|| async {
                static_file(
                    "text/css; charset=utf-8",
                    include_str!("../../page/style.css"),
                )
            }),
        )
        .fallback(|| async { (StatusCode::NOT_FOUND, Json(json!({"error": "not found"}))) })
        .with_state(state)
}

/// The current time as ISO 8601 (UTC, milliseconds), like JavaScript's `toISOString`.
fn now_iso8601() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = env("NANGO_SECRET_KEY").ok_or("set NANGO_SECRET_KEY")?;
    let mut builder = Nango::builder().api_key(key);
    if let Some(host) = env("NANGO_HOST") {
        builder = builder.host(host);
    }
    if let Some(signing_key) = env("NANGO_WEBHOOK_SIGNING_KEY") {
        builder = builder.webhook_signing_key(signing_key);
    }
    let nango = builder.build()?;
    let state = AppState {
        verifier: nango.webhook_verifier(),
        nango,
        events: Arc::default(),
        proxy_base_url: env("PROXY_BASE_URL_OVERRIDE").map(Arc::from),
    };
    let port: u16 = env("PORT").map_or(Ok(3000), |p| p.parse())?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso8601_shape() {
        let now = super::now_iso8601();
        assert_eq!(now.len(), 24, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'), "{now}");
    }
}
