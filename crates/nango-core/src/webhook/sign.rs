//! Signing helpers, for tests of webhook handlers.

use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

use super::verify::{hmac_sha256, legacy_sha256};
use super::{LEGACY_SIGNATURE_HEADER, SIGNATURE_HEADER};

/// The `X-Nango-Hmac-Sha256` value for `body` under `key`: lowercase hex of
/// HMAC-SHA256, exactly as Nango computes it.
///
/// # Example
///
/// ```
/// use nango_core::webhook::sign_payload;
///
/// let body = br#"{"connectionId":"conn-at-1","from":"nango","payload":{"id":"af41514f-ae1e-42cf-adda-41791849ff54","statusUrl":"/action/af41514f-ae1e-42cf-adda-41791849ff54"},"providerConfigKey":"airtable-test","type":"async_action"}"#;
/// assert_eq!(
///     sign_payload(b"e4323faa-1c98-4b49-84d1-a06b646f1daa", body),
///     "aaad2236e22d573d4bd022a7e7b994b5a1d3ada36999c9c021ca508d54a9ca61"
/// );
/// ```
#[must_use]
pub fn sign_payload(key: &[u8], body: &[u8]) -> String {
    hex::encode(hmac_sha256(key, body))
}

/// A webhook body with the headers Nango would send with it: for testing
/// your own webhook handler without a Nango server.
///
/// Holds no key material (only the body and the two signatures), so it is
/// safe to print.
///
/// # Example
///
/// ```
/// use nango_core::webhook::{SignedWebhook, WebhookEvent, WebhookVerifier};
///
/// let signed = SignedWebhook::new(
///     b"test-key",
///     br#"{"from":"nango","type":"forward","providerConfigKey":"github","payload":{"action":"opened"}}"#.to_vec(),
/// );
/// let headers = signed.header_map();
/// assert_eq!(headers["content-type"], "application/json");
/// let event = WebhookVerifier::new("test-key").verify_and_parse(&signed.body, &headers)?;
/// assert!(matches!(event, WebhookEvent::Forward(_)));
/// # Ok::<(), nango_core::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedWebhook {
    /// The body bytes, as they would be sent.
    pub body: Vec<u8>,
    /// The `X-Nango-Hmac-Sha256` value.
    pub signature: String,
    /// The legacy `X-Nango-Signature` value (SHA-256 of key ‖ body), which
    /// Nango still sends.
    pub legacy_signature: String,
}

impl SignedWebhook {
    /// Signs `body` with `key`.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{sign_payload, SignedWebhook};
    ///
    /// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
    /// assert_eq!(signed.signature, sign_payload(b"key", b"{}"));
    /// ```
    #[must_use]
    pub fn new(key: &[u8], body: impl Into<Vec<u8>>) -> Self {
        let body = body.into();
        Self {
            signature: hex::encode(hmac_sha256(key, &body)),
            legacy_signature: hex::encode(legacy_sha256(key, &body)),
            body,
        }
    }

    /// Serialises `value` to compact JSON (e.g. a [`WebhookEvent`](super::WebhookEvent)
    /// or a `serde_json::Value`) and signs it.
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialised to JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::{SignedWebhook, WebhookEvent, WebhookVerifier};
    ///
    /// let value = serde_json::json!({
    ///     "from": "nango", "type": "async_action", "connectionId": "c1",
    ///     "providerConfigKey": "p", "payload": {"id": "a1", "statusUrl": "/action/a1"}
    /// });
    /// let signed = SignedWebhook::from_json(b"key", &value).unwrap();
    /// let event = WebhookVerifier::new("key").verify_and_parse(&signed.body, &signed.header_map()).unwrap();
    /// assert_eq!(event.connection_id(), Some("c1"));
    /// ```
    pub fn from_json<T: serde::Serialize + ?Sized>(
        key: &[u8],
        value: &T,
    ) -> Result<Self, serde_json::Error> {
        Ok(Self::new(key, serde_json::to_vec(value)?))
    }

    /// The headers Nango sends: `content-type: application/json`,
    /// `x-nango-hmac-sha256` and `x-nango-signature`.
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SignedWebhook;
    ///
    /// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
    /// let headers = signed.header_map();
    /// assert_eq!(headers["X-Nango-Hmac-Sha256"], signed.signature.as_str());
    /// assert_eq!(headers.len(), 3);
    /// ```
    #[must_use]
    pub fn header_map(&self) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(3);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        for (name, value) in [
            (SIGNATURE_HEADER, &self.signature),
            (LEGACY_SIGNATURE_HEADER, &self.legacy_signature),
        ] {
            // Hex digits are always a valid header value.
            let value = HeaderValue::from_str(value).expect("hex is a valid header value");
            headers.insert(name, value);
        }
        headers
    }

    /// The same headers as [`header_map`](Self::header_map), as
    /// `(name, value)` pairs (lowercase names).
    ///
    /// # Example
    ///
    /// ```
    /// use nango_core::webhook::SignedWebhook;
    ///
    /// let signed = SignedWebhook::new(b"key", b"{}".to_vec());
    /// let pairs = signed.header_pairs();
    /// assert_eq!(pairs[1], ("x-nango-hmac-sha256", signed.signature.clone()));
    /// ```
    #[must_use]
    pub fn header_pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("content-type", "application/json".to_owned()),
            (SIGNATURE_HEADER, self.signature.clone()),
            (LEGACY_SIGNATURE_HEADER, self.legacy_signature.clone()),
        ]
    }
}
