//! Webhooks that Nango sends: signature verification and typed events.
//!
//! Nango POSTs JSON to your webhook URL with the header
//! `X-Nango-Hmac-Sha256`, the lowercase hex HMAC-SHA256 of the raw body
//! under the environment's webhook signing key. A [`WebhookVerifier`] checks
//! it (against one key, or several during a key rotation) in constant time,
//! and [`WebhookEvent`] gives the body a type.
//!
//! Verify the body bytes exactly as received, before any JSON parsing.
//! Nothing in this module does I/O or reads a clock, so it runs anywhere
//! (including `wasm32-unknown-unknown`).
//!
//! # Example
//!
//! ```
//! use nango_core::webhook::{SignedWebhook, WebhookError, WebhookEvent, WebhookVerifier};
//!
//! fn handle(verifier: &WebhookVerifier, body: &[u8], headers: &http::HeaderMap) -> u16 {
//!     match verifier.verify_and_parse(body, headers) {
//!         Ok(WebhookEvent::Auth(auth)) if auth.success => {
//!             println!("new connection {}", auth.connection_id);
//!             200
//!         }
//!         Ok(WebhookEvent::Sync(sync)) => {
//!             println!("sync {} finished, success = {}", sync.sync_name, sync.is_success());
//!             200
//!         }
//!         Ok(_) => 200, // acknowledge types you do not handle
//!         Err(err) if err.is_verification_error() => 401,
//!         Err(_) => 400,
//!     }
//! }
//!
//! let verifier = WebhookVerifier::new("my-webhook-signing-key");
//! let signed = SignedWebhook::new(
//!     b"my-webhook-signing-key",
//!     br#"{"from":"nango","type":"sync","connectionId":"c","providerConfigKey":"p","syncName":"items","syncVariant":"base","model":"Item","success":true,"modifiedAfter":"2026-01-01T00:00:00Z","responseResults":{"added":1,"updated":0,"deleted":0}}"#.to_vec(),
//! );
//! assert_eq!(handle(&verifier, &signed.body, &signed.header_map()), 200);
//! assert_eq!(handle(&verifier, b"{}", &signed.header_map()), 401);
//! ```

mod error;
mod event;
mod key;
mod sign;
mod verify;

pub use error::{SignatureFormatError, WebhookError};
pub use event::{
    AsyncActionPayload, AsyncActionWebhook, AuthMode, AuthOperation, AuthWebhook, Checkpoints,
    EndUser, ErrorDetails, ForwardWebhook, SyncFailure, SyncOutcome, SyncResults, SyncSuccess,
    SyncType, SyncWebhook, WebhookEvent,
};
pub use key::SigningKey;
pub use sign::{sign_payload, SignedWebhook};
#[allow(deprecated)]
pub use verify::verify_legacy_sha256;
pub use verify::{verify_hmac_sha256, WebhookVerifier};

/// The header carrying the HMAC-SHA256 signature (lowercase; matched in any
/// case).
///
/// # Example
///
/// ```
/// use nango_core::webhook::SIGNATURE_HEADER;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert(SIGNATURE_HEADER, "00".parse().unwrap());
/// assert!(headers.contains_key("X-Nango-Hmac-Sha256"));
/// ```
pub const SIGNATURE_HEADER: &str = "x-nango-hmac-sha256";

/// The header carrying the legacy, length-extension-prone signature
/// (SHA-256 of key ‖ body), which Nango still sends. Prefer
/// [`SIGNATURE_HEADER`].
///
/// # Example
///
/// ```
/// use nango_core::webhook::{SignedWebhook, LEGACY_SIGNATURE_HEADER};
///
/// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
/// assert_eq!(signed.header_map()[LEGACY_SIGNATURE_HEADER], signed.legacy_signature.as_str());
/// ```
pub const LEGACY_SIGNATURE_HEADER: &str = "x-nango-signature";
