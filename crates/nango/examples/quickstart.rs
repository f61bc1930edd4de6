//! The quickstart: a realistic Nango flow with readable output.
//!
//! ```sh
//! cargo run -p nango --example quickstart
//! ```
//!
//! With no `NANGO_SECRET_KEY` set, it starts the local in-memory Nango server in
//! this process, plus a small upstream API and a webhook receiver (all on
//! 127.0.0.1), and walks the whole flow: integration, connect session, connection,
//! metadata, proxy, sync, records, async action, webhooks.
//!
//! With `NANGO_SECRET_KEY` (and optionally `NANGO_HOST`) set, it runs only the
//! read-only part against that server: nothing is created or changed there.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{any, post};
use axum::Router;
use futures_util::StreamExt;
use nango::models::actions::ActionWaitOptions;
use nango::models::connect::CreateConnectSession;
use nango::models::connections::UpsertConnection;
use nango::models::integrations::NewIntegration;
use nango::ops::records::ListRecords;
use nango::webhook::WebhookEvent;
use nango::Nango;
use nango_local_server::{LocalServer, ServerConfig};
use serde_json::{json, Value};
use tokio::sync::mpsc;

const INTEGRATION: &str = "airtable-demo";
const CONNECTION: &str = "user-42";
const END_USER: &str = "end-user-42";

type Result<T = (), E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

fn step(n: u32, title: &str) {
    println!("\n[{n}] {title}");
}

fn ok(what: impl std::fmt::Display) {
    println!("    ✓ {what}");
}

#[tokio::main]
async fn main() -> Result {
    match std::env::var("NANGO_SECRET_KEY") {
        Ok(key) if !key.is_empty() => remote(key).await,
        _ => embedded().await,
    }
}

/// Read-only calls against a real Nango environment.
async fn remote(key: String) -> Result {
    let host =
        std::env::var("NANGO_HOST").unwrap_or_else(|_| nango::config::DEFAULT_HOST.to_owned());
    println!("Running the read-only quickstart against {host}");
    let nango = Nango::builder().api_key(key).host(&host).build()?;

    step(1, "Providers");
    let providers = nango.list_providers().await?;
    ok(format!("{} providers in the catalogue", providers.len()));

    step(2, "Integrations");
    let integrations = nango.list_integrations().await?;
    ok(format!("{} integrations", integrations.len()));
    for i in integrations.iter().take(5) {
        println!("      - {} ({})", i.unique_key, i.provider);
    }

    step(3, "Connections (first page)");
    let list = nango.list_connections().limit(20).await?;
    ok(format!(
        "{} connections on the first page",
        list.connections.len()
    ));
    for c in list.connections.iter().take(5) {
        println!("      - {} / {}", c.provider_config_key, c.connection_id);
    }

    step(4, "Environment variables");
    let vars = nango.get_environment_variables().await?;
    ok(format!(
        "{} environment variables (values not shown)",
        vars.len()
    ));
    println!("\nDone.");
    Ok(())
}

/// A tiny upstream API that shows what the Nango proxy forwarded to it.
async fn upstream(headers: HeaderMap, body: Bytes) -> axum::Json<Value> {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(|v| format!("{}…", &v[..v.len().min(12)]))
        .unwrap_or_default();
    axum::Json(json!({
        "id": "rec_1",
        "received_authorization": auth,
        "received_x_team": headers.get("x-team").and_then(|v| v.to_str().ok()),
        "received_body_bytes": body.len(),
    }))
}

/// Receives webhooks: raw body and headers, passed on unparsed for verification.
async fn webhook(
    State(tx): State<mpsc::UnboundedSender<(Bytes, HeaderMap)>>,
    headers: HeaderMap,
    body: Bytes,
) {
    let _ = tx.send((body, headers));
}

async fn serve(router: Router) -> Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok(url)
}

async fn embedded() -> Result {
    println!("NANGO_SECRET_KEY is not set: running against the embedded local Nango server.");

    // Local pieces: an upstream API, a webhook receiver, and the Nango server.
    let upstream_url = serve(Router::new().route("/{*path}", any(upstream))).await?;
    let (tx, mut webhooks) = mpsc::unbounded_channel();
    let receiver_url = serve(
        Router::new()
            .route("/webhooks", post(webhook))
            .with_state(tx),
    )
    .await?;
    let server =
        LocalServer::start(ServerConfig::default().webhook_url(format!("{receiver_url}/webhooks")))
            .await?;
    println!("local Nango server at {}", server.base_url());

    let nango = Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .webhook_signing_key(server.webhook_signing_key())
        .user_agent_suffix("quickstart")
        .build()?;

    step(1, "Create an integration");
    let providers = nango.list_providers().await?;
    ok(format!("{} providers in the catalogue", providers.len()));
    let integration = nango
        .create_integration(
            NewIntegration::new("airtable-pat", INTEGRATION).display_name("Airtable (demo)"),
        )
        .await?;
    ok(format!(
        "integration `{}` for provider `{}`",
        integration.unique_key, integration.provider
    ));

    step(2, "Create a connect session for an end user");
    let session = nango
        .create_connect_session(
            CreateConnectSession::default()
                .tag("end_user_id", END_USER)
                .tag("end_user_email", "ada@example.com")
                .allowed_integrations([INTEGRATION]),
        )
        .await?;
    ok(format!("session expires at {}", session.expires_at));
    ok(format!(
        "connect link: {}",
        session.connect_link.as_deref().unwrap_or("-")
    ));

    step(3, "Upsert a connection with existing credentials");
    let conn = nango
        .import_connection(
            UpsertConnection::new(
                INTEGRATION,
                json!({"type": "API_KEY", "apiKey": "pat_demo_0123456789"}),
            )
            .connection_id(CONNECTION)
            .tags([("end_user_id", END_USER)]),
        )
        .await?;
    ok(format!("connection `{}` created", conn.connection_id));
    let mine = nango
        .list_connections()
        .tag("end_user_id", END_USER)
        .await?;
    ok(format!(
        "{} connection(s) tagged end_user_id={END_USER}",
        mine.connections.len()
    ));

    step(4, "Set and merge metadata");
    nango
        .set_metadata(INTEGRATION, CONNECTION, json!({"plan": "pro", "seats": 3}))
        .await?;
    nango
        .update_metadata(INTEGRATION, CONNECTION, json!({"seats": 5, "region": "eu"}))
        .await?;
    let metadata: Value = nango.get_metadata(INTEGRATION, CONNECTION).await?;
    ok(format!("metadata is now {metadata}"));

    step(
        5,
        "Proxy a request to the upstream API (credentials injected by Nango)",
    );
    let resp = nango
        .post("/v0/bases/app1/tables")
        .provider_config_key(INTEGRATION)
        .connection_id(CONNECTION)
        .base_url_override(&upstream_url)
        .header("X-Team", "platform")
        .json(&json!({"name": "Tasks"}))
        .await?;
    let echoed: Value = resp.json()?;
    ok(format!("upstream answered {} {}", resp.status, echoed));

    step(6, "Trigger a sync and page through its records");
    let records: Vec<Value> = (0..250)
        .map(|i| json!({"id": format!("item-{i:03}"), "title": format!("Task #{i}")}))
        .collect();
    server.seed_records(INTEGRATION, CONNECTION, "Item", None, records);
    nango
        .trigger_sync(INTEGRATION, ["items"])
        .connection_id(CONNECTION)
        .await?;
    ok("sync `items` triggered");
    let stream =
        nango.records_stream::<Value>(ListRecords::new(INTEGRATION, CONNECTION, "Item").limit(100));
    futures_util::pin_mut!(stream);
    let mut count = 0;
    let mut last = String::new();
    while let Some(record) = stream.next().await {
        let record = record?;
        count += 1;
        last = record.data["id"].as_str().unwrap_or_default().to_owned();
    }
    ok(format!(
        "streamed {count} records in pages of 100 (last: {last})"
    ));

    step(7, "Trigger an async action and wait for its result");
    let handle = nango
        .trigger_action_async(
            INTEGRATION,
            CONNECTION,
            "echo",
            json!({"message": "hello from Rust"}),
        )
        .await?;
    ok(format!("action queued: {}", handle.status_url));
    let output: Value = nango
        .wait_for_action_result(&handle, &ActionWaitOptions::default())
        .await?;
    ok(format!("action output: {output}"));

    step(8, "Receive and verify webhooks");
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let Ok(Some((body, headers))) =
            tokio::time::timeout(Duration::from_secs(10), webhooks.recv()).await
        else {
            break;
        };
        match nango.verify_webhook(&body, &headers) {
            Ok(event) => {
                let what = match &event {
                    WebhookEvent::Auth(a) => format!(
                        "auth: {} {} (success: {})",
                        a.operation, a.connection_id, a.success
                    ),
                    WebhookEvent::Sync(s) => format!(
                        "sync: {} of {} (success: {})",
                        s.sync_name,
                        s.connection_id,
                        s.is_success()
                    ),
                    WebhookEvent::AsyncAction(a) => format!("async_action: {}", a.payload.id),
                    other => format!("{:?}", other.event_type()),
                };
                ok(format!("verified {what}"));
                seen.push(event);
            }
            Err(e) => println!("    ✗ rejected a webhook: {e}"),
        }
    }
    let forged = nango.verify_incoming_webhook_request(b"{\"type\":\"auth\"}", &HeaderMap::new());
    ok(format!(
        "an unsigned delivery is rejected: verify = {forged}"
    ));

    println!("\nDone: the whole flow ran against the local Nango server.");
    server.shutdown().await;
    Ok(())
}
