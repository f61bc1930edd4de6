//! A webhook receiver for Nango in axum: verified and typed before the handler runs.
//!
//! ```sh
//! NANGO_WEBHOOK_SIGNING_KEY=... cargo run -p nango --features axum --example axum_webhooks
//! ```
//!
//! Then point your Nango environment's webhook URL at `http://<host>:3000/webhooks/nango`.

use axum::routing::post;
use axum::Router;
use nango::axum::NangoWebhook;
use nango::webhook::{SyncOutcome, WebhookEvent, WebhookVerifier};

async fn on_webhook(NangoWebhook(event): NangoWebhook) -> &'static str {
    match &event {
        WebhookEvent::Auth(auth) => println!(
            "auth: {} {} for {} (success: {})",
            auth.operation, auth.provider_config_key, auth.connection_id, auth.success
        ),
        WebhookEvent::Sync(sync) => match &sync.outcome {
            SyncOutcome::Success(ok) => println!(
                "sync {} of {}: +{} ~{} -{}",
                sync.sync_name,
                sync.connection_id,
                ok.response_results.added,
                ok.response_results.updated,
                ok.response_results.deleted
            ),
            SyncOutcome::Failure(failed) => {
                println!("sync {} failed: {:?}", sync.sync_name, failed.error)
            }
        },
        other => println!("webhook: {:?}", other.event_type()),
    }
    "ok"
}

#[tokio::main]
async fn main() {
    let key = std::env::var("NANGO_WEBHOOK_SIGNING_KEY").expect("set NANGO_WEBHOOK_SIGNING_KEY");
    let app = Router::new()
        .route("/webhooks/nango", post(on_webhook))
        .with_state(WebhookVerifier::new(key));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000")
        .await
        .expect("bind");
    println!("listening on http://127.0.0.1:3000/webhooks/nango");
    axum::serve(listener, app).await.expect("serve");
}
