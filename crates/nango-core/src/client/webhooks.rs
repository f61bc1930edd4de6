//! Webhook verification with the client's configured signing keys.

use super::Client;
use crate::transport::Transport;
use crate::webhook::{SigningKey, WebhookError, WebhookEvent, WebhookVerifier};

impl<T: Transport> Client<T> {
    /// A verifier holding the configured webhook signing keys (or the deprecated
    /// secret key, never the API key). Keep it if you verify often.
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) {
    /// let verifier = nango.webhook_verifier();
    /// assert!(verifier.key_count() >= 1);
    /// # }
    /// ```
    pub fn webhook_verifier(&self) -> WebhookVerifier {
        WebhookVerifier::from_keys(
            self.config()
                .webhook_signing_keys()
                .iter()
                .map(|k| SigningKey::new(k.expose_secret())),
        )
    }

    /// `verifyIncomingWebhookRequest`: `true` when `X-Nango-Hmac-Sha256` (any case)
    /// is the HMAC-SHA256 of `body` with one of the signing keys.
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>, body: &[u8], headers: &http::HeaderMap) {
    /// if !nango.verify_incoming_webhook_request(body, headers) {
    ///     // answer 401
    /// }
    /// # }
    /// ```
    pub fn verify_incoming_webhook_request(&self, body: &[u8], headers: &http::HeaderMap) -> bool {
        self.webhook_verifier().verify(body, headers).is_ok()
    }

    /// Verifies a webhook delivery and parses it into a typed [`WebhookEvent`].
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>, body: &[u8], headers: &http::HeaderMap) -> Result<(), nango_core::webhook::WebhookError> {
    /// use nango_core::webhook::WebhookEvent;
    /// match nango.verify_webhook(body, headers)? {
    ///     WebhookEvent::Auth(auth) => println!("connection {}", auth.connection_id),
    ///     other => println!("{:?}", other.event_type()),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn verify_webhook(
        &self,
        body: &[u8],
        headers: &http::HeaderMap,
    ) -> Result<WebhookEvent, WebhookError> {
        self.webhook_verifier().verify_and_parse(body, headers)
    }
}
