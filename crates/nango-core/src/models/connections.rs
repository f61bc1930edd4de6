//! Connections, their credentials and metadata.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{EndUser, OneOrMany, Tags};
#[cfg(feature = "time")]
use super::timestamp::{self, TimestampError};
use crate::macros::string_enum;
use crate::secret::SecretString;

string_enum! {
    /// How a provider authenticates (the `type` of credentials, `authMode` of
    /// auth webhooks).
    AuthMode in "nango_core::models::connections", example = "OAUTH2" {
        /// OAuth 2.0 authorization code.
        OAuth2 = "OAUTH2",
        /// OAuth 2.0 client credentials.
        OAuth2ClientCredentials = "OAUTH2_CC",
        /// OAuth 1.0a.
        OAuth1 = "OAUTH1",
        /// HTTP Basic.
        Basic = "BASIC",
        /// An API key.
        ApiKey = "API_KEY",
        /// A GitHub App.
        App = "APP",
        /// Apple App Store.
        AppStore = "APP_STORE",
        /// A signed JWT.
        Jwt = "JWT",
        /// Bill.com.
        Bill = "BILL",
        /// Two-step token exchange.
        TwoStep = "TWO_STEP",
        /// NetSuite token-based auth.
        Tba = "TBA",
        /// Request signature.
        Signature = "SIGNATURE",
        /// Custom credentials.
        Custom = "CUSTOM",
        /// MCP OAuth 2.0.
        McpOAuth2 = "MCP_OAUTH2",
        /// Generic MCP OAuth 2.0.
        McpOAuth2Generic = "MCP_OAUTH2_GENERIC",
        /// Install plugin.
        InstallPlugin = "INSTALL_PLUGIN",
        /// AWS SigV4.
        AwsSigV4 = "AWS_SIGV4",
        /// No authentication.
        None = "NONE",
        /// Nango could no longer resolve the integration (auth webhooks).
        Unknown = "unknown",
    }
}

/// A connection's credentials, for every auth mode.
///
/// Which fields are set depends on [`Credentials::kind`]; secret values are
/// [`SecretString`]s (redacted in `Debug`). Fields this SDK does not model stay in
/// [`Credentials::other`].
///
/// ```
/// use nango_core::models::connections::{AuthMode, Credentials};
/// let c: Credentials = serde_json::from_str(r#"{"type":"OAUTH2","access_token":"gho_s3cr3t","raw":{"access_token":"gho_s3cr3t"}}"#).unwrap();
/// assert_eq!(c.kind, Some(AuthMode::OAuth2));
/// assert_eq!(c.access_token.as_ref().unwrap().expose_secret(), "gho_s3cr3t");
/// assert!(!format!("{c:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credentials {
    /// The auth mode.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AuthMode>,
    /// OAuth 2 / App access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<SecretString>,
    /// OAuth 2 refresh token (only when asked for with `refresh_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<SecretString>,
    /// When the token expires (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// API key.
    #[serde(rename = "apiKey", default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<SecretString>,
    /// Basic / Bill / Signature username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Basic / Bill / Signature password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<SecretString>,
    /// OAuth 1 token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_token: Option<SecretString>,
    /// OAuth 1 token secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_token_secret: Option<SecretString>,
    /// OAuth 2 CC / JWT / Signature / two-step token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<SecretString>,
    /// OAuth 2 CC client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth 2 CC client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<SecretString>,
    /// The provider's raw token response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<Value>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Reads the expiry as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl Credentials {
    /// `expires_at` as a date and time: `Ok(None)` when absent (a token that
    /// does not expire, or a mode without one).
    ///
    /// ```
    /// let c: nango_core::models::connections::Credentials = serde_json::from_str(
    ///     r#"{"type":"OAUTH2","access_token":"t","expires_at":"2026-01-01T01:00:00.000Z"}"#).unwrap();
    /// assert_eq!(c.expires_at_time()?.unwrap().hour(), 1);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn expires_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("expires_at", self.expires_at.as_deref())
    }
}

impl std::fmt::Debug for Credentials {
    /// Shows the auth mode and the non-secret fields; secrets, the raw token
    /// response and unknown fields (which may hold secrets) are redacted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |present: bool| if present { Some("[redacted]") } else { None };
        f.debug_struct("Credentials")
            .field("kind", &self.kind)
            .field("expires_at", &self.expires_at)
            .field("username", &self.username)
            .field("client_id", &self.client_id)
            .field("access_token", &redacted(self.access_token.is_some()))
            .field("refresh_token", &redacted(self.refresh_token.is_some()))
            .field("api_key", &redacted(self.api_key.is_some()))
            .field("password", &redacted(self.password.is_some()))
            .field("oauth_token", &redacted(self.oauth_token.is_some()))
            .field(
                "oauth_token_secret",
                &redacted(self.oauth_token_secret.is_some()),
            )
            .field("token", &redacted(self.token.is_some()))
            .field("client_secret", &redacted(self.client_secret.is_some()))
            .field("raw", &redacted(self.raw.is_some()))
            .field("other", &self.other.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A connection error (`errors[]`): why the connection needs attention.
///
/// ```
/// let e: nango_core::models::connections::ConnectionError = serde_json::from_str(r#"{"type":"auth","log_id":"x"}"#).unwrap();
/// assert_eq!(e.kind, "auth");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionError {
    /// `auth` or `sync`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The log entry with the details.
    #[serde(default)]
    pub log_id: String,
}

/// A connection as listed by `GET /connections` (no credentials).
///
/// ```
/// let c: nango_core::models::connections::ConnectionSummary = serde_json::from_str(
///     r#"{"id":1,"connection_id":"u1","provider":"github","provider_config_key":"gh","created":"2026-01-01T00:00:00Z","metadata":null,"tags":{},"errors":[]}"#).unwrap();
/// assert_eq!(c.connection_id, "u1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionSummary {
    /// Nango's internal id.
    #[serde(default)]
    pub id: Option<i64>,
    /// The connection id.
    pub connection_id: String,
    /// The provider (e.g. `github`).
    #[serde(default)]
    pub provider: String,
    /// The integration id.
    pub provider_config_key: String,
    /// Creation time (ISO 8601).
    #[serde(default)]
    pub created: Option<String>,
    /// Custom metadata.
    #[serde(default)]
    pub metadata: Option<Value>,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
    /// Errors needing attention.
    #[serde(default)]
    pub errors: Vec<ConnectionError>,
    /// Deprecated end-user profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
}

/// Reads the timestamp as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl ConnectionSummary {
    /// `created` as a date and time: `Ok(None)` when absent.
    ///
    /// ```
    /// let c: nango_core::models::connections::ConnectionSummary = serde_json::from_str(
    ///     r#"{"connection_id":"u1","provider_config_key":"gh","created":"2026-01-01T00:00:00Z"}"#).unwrap();
    /// assert_eq!(c.created_time()?.unwrap().year(), 2026);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn created_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("created", self.created.as_deref())
    }
}

/// `GET /connections`: `{"connections": [...]}`.
///
/// ```
/// let l: nango_core::models::connections::ConnectionList = serde_json::from_str(r#"{"connections":[]}"#).unwrap();
/// assert!(l.connections.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionList {
    /// The connections of this page.
    pub connections: Vec<ConnectionSummary>,
}

/// A connection with its credentials (`GET /connections/{id}`, `POST /connections`).
///
/// ```
/// let c: nango_core::models::connections::Connection = serde_json::from_str(r#"{
///   "id":1,"connection_id":"u1","provider_config_key":"gh","provider":"github","errors":[],
///   "metadata":{"plan":"pro"},"connection_config":{},"tags":{},"created_at":"t","updated_at":"t",
///   "last_fetched_at":"t","credentials":{"type":"API_KEY","apiKey":"k"}}"#).unwrap();
/// assert_eq!(c.metadata["plan"], "pro");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Connection {
    /// Nango's internal id.
    #[serde(default)]
    pub id: Option<i64>,
    /// The connection id.
    pub connection_id: String,
    /// The integration id.
    pub provider_config_key: String,
    /// The provider.
    #[serde(default)]
    pub provider: String,
    /// Errors needing attention.
    #[serde(default)]
    pub errors: Vec<ConnectionError>,
    /// Deprecated end-user profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
    /// Custom metadata (an object; `null` when never set).
    #[serde(default)]
    pub metadata: Value,
    /// Provider-specific connection configuration.
    #[serde(default)]
    pub connection_config: Value,
    /// Tags.
    #[serde(default)]
    pub tags: Tags,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last update time.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// When credentials were last fetched.
    #[serde(default)]
    pub last_fetched_at: Option<String>,
    /// The credentials.
    #[serde(default)]
    pub credentials: Credentials,
}

/// Reads the timestamps as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl Connection {
    /// `created_at` as a date and time: `Ok(None)` when absent.
    ///
    /// ```
    /// let c: nango_core::models::connections::Connection = serde_json::from_str(
    ///     r#"{"connection_id":"u1","provider_config_key":"gh","created_at":"2026-01-02T03:04:05Z"}"#).unwrap();
    /// assert_eq!(c.created_at_time()?.unwrap().unix_timestamp(), 1_767_323_045);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn created_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("created_at", self.created_at.as_deref())
    }

    /// `updated_at` as a date and time: `Ok(None)` when absent.
    ///
    /// ```
    /// let c: nango_core::models::connections::Connection = serde_json::from_str(
    ///     r#"{"connection_id":"u1","provider_config_key":"gh","updated_at":"2026-01-02T03:04:05.5+02:00"}"#).unwrap();
    /// assert_eq!(c.updated_at_time()?.unwrap().offset().whole_hours(), 2);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn updated_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("updated_at", self.updated_at.as_deref())
    }

    /// `last_fetched_at` as a date and time: `Ok(None)` when absent.
    ///
    /// ```
    /// let c: nango_core::models::connections::Connection = serde_json::from_str(
    ///     r#"{"connection_id":"u1","provider_config_key":"gh"}"#).unwrap();
    /// assert_eq!(c.last_fetched_at_time()?, None);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn last_fetched_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("last_fetched_at", self.last_fetched_at.as_deref())
    }
}

/// What `get_token` returns, by auth mode (as the official SDK's `getToken`).
///
/// ```
/// use nango_core::models::connections::{Credentials, Token};
/// let c: Credentials = serde_json::from_str(r#"{"type":"OAUTH2","access_token":"t"}"#).unwrap();
/// assert!(matches!(Token::from_credentials(c), Token::AccessToken(t) if t.expose_secret() == "t"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Token {
    /// OAuth 2: the access token.
    AccessToken(SecretString),
    /// OAuth 1: the token and its secret.
    OAuth1 {
        /// `oauth_token`.
        oauth_token: SecretString,
        /// `oauth_token_secret`.
        oauth_token_secret: SecretString,
    },
    /// Every other auth mode: the credentials object.
    Credentials(Box<Credentials>),
}

/// Which part of the credentials `getToken` returns, by auth mode: decided here
/// once, for the native [`Token`] and for the WebAssembly package (whose
/// JavaScript half moves the fields this names).
///
/// ```
/// use nango_core::models::connections::{AuthMode, TokenShape};
/// assert_eq!(TokenShape::of(Some(&AuthMode::OAuth2)), TokenShape::AccessToken);
/// assert_eq!(TokenShape::of(Some(&AuthMode::from("OAUTH1"))).as_str(), "oauth1");
/// assert_eq!(TokenShape::of(None), TokenShape::Credentials);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenShape {
    /// OAuth 2: `access_token` alone.
    AccessToken,
    /// OAuth 1: `oauth_token` and `oauth_token_secret`.
    OAuth1,
    /// Every other mode: the credentials object.
    Credentials,
}

impl TokenShape {
    /// The shape for credentials of `mode` (`None`: no `type`).
    ///
    /// ```
    /// use nango_core::models::connections::{AuthMode, TokenShape};
    /// assert_eq!(TokenShape::of(Some(&AuthMode::ApiKey)), TokenShape::Credentials);
    /// ```
    pub fn of(mode: Option<&AuthMode>) -> Self {
        Self::of_type(mode.map_or("", AuthMode::as_str))
    }

    /// The shape for credentials whose `type` is the wire name `mode` (what the
    /// WebAssembly package has, without building an [`AuthMode`]).
    ///
    /// ```
    /// use nango_core::models::connections::TokenShape;
    /// assert_eq!(TokenShape::of_type("OAUTH1"), TokenShape::OAuth1);
    /// assert_eq!(TokenShape::of_type("A_NEW_MODE"), TokenShape::Credentials);
    /// ```
    pub fn of_type(mode: &str) -> Self {
        match mode {
            "OAUTH2" => TokenShape::AccessToken,
            "OAUTH1" => TokenShape::OAuth1,
            _ => TokenShape::Credentials,
        }
    }

    /// Its name: `access_token`, `oauth1` or `credentials`.
    ///
    /// ```
    /// assert_eq!(nango_core::models::connections::TokenShape::AccessToken.as_str(), "access_token");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            TokenShape::AccessToken => "access_token",
            TokenShape::OAuth1 => "oauth1",
            TokenShape::Credentials => "credentials",
        }
    }
}

impl Token {
    /// Picks the token out of credentials the way `getToken` does ([`TokenShape`]).
    ///
    /// ```
    /// use nango_core::models::connections::{Credentials, Token};
    /// let c: Credentials = serde_json::from_str(r#"{"type":"API_KEY","apiKey":"k"}"#).unwrap();
    /// assert!(matches!(Token::from_credentials(c), Token::Credentials(_)));
    /// ```
    pub fn from_credentials(credentials: Credentials) -> Self {
        match TokenShape::of(credentials.kind.as_ref()) {
            TokenShape::AccessToken => {
                Token::AccessToken(credentials.access_token.clone().unwrap_or_default())
            }
            TokenShape::OAuth1 => Token::OAuth1 {
                oauth_token: credentials.oauth_token.clone().unwrap_or_default(),
                oauth_token_secret: credentials.oauth_token_secret.clone().unwrap_or_default(),
            },
            TokenShape::Credentials => Token::Credentials(Box::new(credentials)),
        }
    }
}

/// The body of `POST /connections`: import a connection whose credentials you
/// already have.
///
/// ```
/// use nango_core::models::connections::UpsertConnection;
/// let body = UpsertConnection::new("airtable", serde_json::json!({"type":"API_KEY","apiKey":"k"}))
///     .connection_id("user-1");
/// assert_eq!(serde_json::to_value(&body).unwrap()["connection_id"], "user-1");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpsertConnection {
    /// The integration id.
    pub provider_config_key: String,
    /// The connection id (generated by the server when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    /// The credentials (`{"type":"OAUTH2","access_token":...}`, `{"type":"API_KEY","apiKey":...}`...).
    pub credentials: Value,
    /// Metadata to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Connection configuration to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_config: Option<Value>,
    /// Tags to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// Deprecated end-user profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
}

impl UpsertConnection {
    /// A connection of `provider_config_key` with `credentials`.
    ///
    /// ```
    /// let b = nango_core::models::connections::UpsertConnection::new("gh", serde_json::json!({"type":"OAUTH2","access_token":"t"}));
    /// assert!(b.connection_id.is_none());
    /// ```
    pub fn new(provider_config_key: impl Into<String>, credentials: Value) -> Self {
        Self {
            provider_config_key: provider_config_key.into(),
            credentials,
            ..Self::default()
        }
    }

    /// Sets the connection id.
    ///
    /// ```
    /// let b = nango_core::models::connections::UpsertConnection::new("gh", serde_json::json!({})).connection_id("c");
    /// assert_eq!(b.connection_id.as_deref(), Some("c"));
    /// ```
    pub fn connection_id(mut self, id: impl Into<String>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// Sets the metadata.
    ///
    /// ```
    /// let b = nango_core::models::connections::UpsertConnection::new("gh", serde_json::json!({})).metadata(serde_json::json!({"a":1}));
    /// assert!(b.metadata.is_some());
    /// ```
    pub fn metadata(mut self, metadata: Value) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Sets the tags.
    ///
    /// ```
    /// let b = nango_core::models::connections::UpsertConnection::new("gh", serde_json::json!({}))
    ///     .tags([("end_user_id", "u1")]);
    /// assert_eq!(b.tags.unwrap()["end_user_id"], "u1");
    /// ```
    pub fn tags<K: Into<String>, V: Into<String>>(
        mut self,
        tags: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.tags = Some(
            tags.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// Sets the connection configuration.
    ///
    /// ```
    /// let b = nango_core::models::connections::UpsertConnection::new("gh", serde_json::json!({})).connection_config(serde_json::json!({"subdomain":"acme"}));
    /// assert!(b.connection_config.is_some());
    /// ```
    pub fn connection_config(mut self, config: Value) -> Self {
        self.connection_config = Some(config);
        self
    }
}

/// The body of `PATCH /connections/{id}`.
///
/// ```
/// let p = nango_core::models::connections::ConnectionPatch::default().tag("plan", "pro");
/// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"tags":{"plan":"pro"}}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionPatch {
    /// Replaces the connection's tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// Deprecated end-user profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
    /// Send this connection's webhooks only to this URL (empty clears it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url_override: Option<String>,
}

impl ConnectionPatch {
    /// Adds a tag.
    ///
    /// ```
    /// let p = nango_core::models::connections::ConnectionPatch::default().tag("a", "b");
    /// assert_eq!(p.tags.unwrap().len(), 1);
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Sends this connection's webhooks only to `url` (an empty string clears it).
    ///
    /// ```
    /// let p = nango_core::models::connections::ConnectionPatch::default().webhook_url_override("");
    /// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"webhook_url_override":""}"#);
    /// ```
    pub fn webhook_url_override(mut self, url: impl Into<String>) -> Self {
        self.webhook_url_override = Some(url.into());
        self
    }

    /// Sets the deprecated end-user profile.
    ///
    /// ```
    /// use nango_core::models::{common::EndUser, connections::ConnectionPatch};
    /// let p = ConnectionPatch::default().end_user(EndUser::new("u1"));
    /// assert!(p.end_user.is_some());
    /// ```
    pub fn end_user(mut self, end_user: EndUser) -> Self {
        self.end_user = Some(end_user);
        self
    }
}

/// What the metadata endpoints answer: the ids and the metadata sent.
///
/// ```
/// let m: nango_core::models::connections::MetadataUpdate = serde_json::from_str(
///     r#"{"connection_id":["a","b"],"provider_config_key":"gh","metadata":{"x":1}}"#).unwrap();
/// assert_eq!(m.connection_id.ids(), vec!["a", "b"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MetadataUpdate {
    /// The connection id(s).
    pub connection_id: OneOrMany,
    /// The integration id.
    pub provider_config_key: String,
    /// The metadata sent.
    #[serde(default)]
    pub metadata: Value,
}
