//! Environments, their API keys and their webhook signing key.

use serde::{Deserialize, Serialize};

use super::functions::null_as_default;
use crate::secret::SecretString;

/// The body of `POST /environments`.
///
/// ```
/// let e = nango_core::models::environments::NewEnvironment::new("staging").is_production(false);
/// assert_eq!(serde_json::to_value(&e).unwrap(), serde_json::json!({"name":"staging","is_production":false}));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewEnvironment {
    /// The name: lowercase letters, digits, `-` and `_` (at most 255). `prod` is
    /// always a production environment.
    pub name: String,
    /// Whether it is a production environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_production: Option<bool>,
    /// A custom OAuth callback URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// HMAC key of the legacy public-key authorization flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hmac_key: Option<SecretString>,
    /// Whether HMAC verification is on (legacy public-key flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hmac_enabled: Option<bool>,
    /// Whether Slack notifications are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slack_notifications: Option<bool>,
    /// OpenTelemetry collector endpoint (plans with OpenTelemetry export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otlp_endpoint: Option<String>,
    /// Headers sent to the OpenTelemetry collector (at most 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otlp_headers: Option<Vec<OtlpHeader>>,
}

impl NewEnvironment {
    /// An environment named `name`.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("staging");
    /// assert_eq!(e.name, "staging");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Marks it as production (or not).
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("live").is_production(true);
    /// assert_eq!(e.is_production, Some(true));
    /// ```
    pub fn is_production(mut self, yes: bool) -> Self {
        self.is_production = Some(yes);
        self
    }

    /// Sets a custom OAuth callback URL.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("s").callback_url("https://example.com/oauth/callback");
    /// assert!(e.callback_url.is_some());
    /// ```
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// Sets and enables the HMAC key of the legacy public-key flow.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("s").hmac_key("k");
    /// assert_eq!(e.hmac_enabled, Some(true));
    /// ```
    pub fn hmac_key(mut self, key: impl Into<SecretString>) -> Self {
        self.hmac_key = Some(key.into());
        self.hmac_enabled = Some(true);
        self
    }

    /// Turns Slack notifications on or off.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("s").slack_notifications(true);
    /// assert_eq!(e.slack_notifications, Some(true));
    /// ```
    pub fn slack_notifications(mut self, yes: bool) -> Self {
        self.slack_notifications = Some(yes);
        self
    }

    /// Sets the OpenTelemetry collector endpoint.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("s").otlp_endpoint("https://otel.example.com");
    /// assert!(e.otlp_endpoint.is_some());
    /// ```
    pub fn otlp_endpoint(mut self, url: impl Into<String>) -> Self {
        self.otlp_endpoint = Some(url.into());
        self
    }

    /// Adds a header sent to the OpenTelemetry collector.
    ///
    /// ```
    /// let e = nango_core::models::environments::NewEnvironment::new("s").otlp_header("x-api-key", "k");
    /// assert_eq!(e.otlp_headers.unwrap()[0].name, "x-api-key");
    /// ```
    pub fn otlp_header(mut self, name: impl Into<String>, value: impl Into<SecretString>) -> Self {
        self.otlp_headers
            .get_or_insert_with(Vec::new)
            .push(OtlpHeader::new(name, value));
        self
    }
}

/// A header sent with OpenTelemetry exports (its value is often a key).
///
/// ```
/// let h = nango_core::models::environments::OtlpHeader::new("x-api-key", "k");
/// assert_eq!(format!("{:?}", h.value), "[redacted]");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OtlpHeader {
    /// The header's name.
    pub name: String,
    /// Its value.
    pub value: SecretString,
}

impl OtlpHeader {
    /// A header `name: value`. (A constructor, because the struct is
    /// `#[non_exhaustive]`: other crates cannot build it with a struct literal.)
    ///
    /// ```
    /// let h = nango_core::models::environments::OtlpHeader::new("x-api-key", "k");
    /// assert_eq!(h.name, "x-api-key");
    /// ```
    pub fn new(name: impl Into<String>, value: impl Into<SecretString>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A created environment.
///
/// ```
/// let e: nango_core::models::environments::Environment = serde_json::from_str(r#"{"id":123,"name":"staging"}"#).unwrap();
/// assert_eq!(e.id, 123);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Environment {
    /// Numeric id (for the account-level calls).
    pub id: u64,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// Its UUID, when the server sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// A created environment API key. Store [`EnvironmentApiKey::secret`] now: it is
/// not returned again.
///
/// ```
/// let k: nango_core::models::environments::EnvironmentApiKey = serde_json::from_str(r#"{"id":456,
///   "display_name":"provisioned-ci","scopes":["environment:*"],"secret":"a3f1c2d4-...","created_at":"2026-01-01T00:00:00.000Z"}"#).unwrap();
/// assert_eq!(k.id, 456);
/// assert!(!format!("{k:?}").contains("a3f1"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnvironmentApiKey {
    /// Numeric key id (to delete it).
    pub id: u64,
    /// Its display name.
    #[serde(default)]
    pub display_name: String,
    /// Its scopes (`environment:*`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub scopes: Vec<String>,
    /// The key itself.
    #[serde(default, deserialize_with = "null_as_default")]
    pub secret: SecretString,
    /// Creation time (ISO 8601).
    #[serde(default)]
    pub created_at: String,
    /// Its UUID, when the server sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// The new webhook signing key (`POST /environment/webhook-signing-key/rotate`).
/// The previous key keeps signing for up to 5 minutes: verify against both.
///
/// ```
/// let k: nango_core::models::environments::WebhookSigningKey = serde_json::from_str(
///     r#"{"webhook_signing_key":"5f1c0d2e-6a1b-4f3c-9d8e-7b6a5c4d3e2f"}"#).unwrap();
/// assert!(k.webhook_signing_key.expose_secret().starts_with("5f1c"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookSigningKey {
    /// The new key.
    pub webhook_signing_key: SecretString,
}
