//! An axum extractor for Nango webhooks (feature `axum`).
//!
//! [`NangoWebhook`] reads the raw body once, verifies `X-Nango-Hmac-Sha256`
//! against the [`WebhookVerifier`] in your router state, and parses the typed
//! [`WebhookEvent`]. A forged or tampered delivery never reaches the handler: it is
//! answered `401`; a body that is not a Nango webhook `400`; an oversize one `413`.
//!
//! ```no_run
//! use axum::{routing::post, Router};
//! use nango::axum::NangoWebhook;
//! use nango::webhook::{WebhookEvent, WebhookVerifier};
//!
//! async fn on_webhook(NangoWebhook(event): NangoWebhook) -> &'static str {
//!     if let WebhookEvent::Auth(auth) = &event {
//!         println!("new connection {}", auth.connection_id);
//!     }
//!     "ok"
//! }
//!
//! # async fn run() {
//! let verifier = WebhookVerifier::new(std::env::var("NANGO_WEBHOOK_SIGNING_KEY").unwrap());
//! let app: Router = Router::new().route("/webhooks/nango", post(on_webhook)).with_state(verifier);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await.unwrap();
//! axum::serve(listener, app).await.unwrap();
//! # }
//! ```

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::webhook::{WebhookError, WebhookEvent, WebhookVerifier};

/// The largest webhook body accepted (Nango's are small; forwarded provider
/// payloads can be larger).
pub const MAX_WEBHOOK_BODY: usize = 10 * 1024 * 1024;

/// A verified, parsed Nango webhook. The router state must provide a
/// [`WebhookVerifier`] (`FromRef`).
#[derive(Debug, Clone)]
pub struct NangoWebhook(pub WebhookEvent);

/// Why a webhook was refused; answers `401`, `400` or `413` with a short text.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The signature is missing, malformed or does not match.
    Unverified(WebhookError),
    /// The signature matched but the body is not a Nango webhook.
    Invalid(WebhookError),
    /// The body could not be read or is larger than [`MAX_WEBHOOK_BODY`].
    Body(String),
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        match self {
            WebhookRejection::Unverified(e) => (StatusCode::UNAUTHORIZED, e.to_string()),
            WebhookRejection::Invalid(e) => (StatusCode::BAD_REQUEST, e.to_string()),
            WebhookRejection::Body(e) => (StatusCode::PAYLOAD_TOO_LARGE, e),
        }
        .into_response()
    }
}

impl<S> FromRequest<S> for NangoWebhook
where
    S: Send + Sync,
    WebhookVerifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::from_ref(state);
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, MAX_WEBHOOK_BODY)
            .await
            .map_err(|e| WebhookRejection::Body(e.to_string()))?;
        match verifier.verify_and_parse(&bytes, &parts.headers) {
            Ok(event) => Ok(NangoWebhook(event)),
            Err(e) if e.is_verification_error() => Err(WebhookRejection::Unverified(e)),
            Err(e) => Err(WebhookRejection::Invalid(e)),
        }
    }
}
