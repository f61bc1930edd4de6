//! Connect sessions: short-lived tokens that open the Connect UI for an end user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{EndUser, Organization, Tags};
#[cfg(feature = "time")]
use super::timestamp::{self, TimestampError};
use crate::secret::SecretString;

/// A connect session: its token, the Connect UI link and its expiry.
///
/// ```
/// let s: nango_core::models::connect::ConnectSession = serde_json::from_str(
///     r#"{"token":"nango_connect_session_x","connect_link":"https://connect.nango.dev?session_token=x","expires_at":"2026-01-01T00:30:00Z"}"#).unwrap();
/// assert!(s.connect_link.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectSession {
    /// The session token (give it to the frontend; valid 30 minutes).
    pub token: SecretString,
    /// A link that opens the Connect UI with this session.
    #[serde(default)]
    pub connect_link: Option<String>,
    /// When the session expires (ISO 8601).
    pub expires_at: String,
}

/// Reads the expiry as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl ConnectSession {
    /// `expires_at` as a date and time.
    ///
    /// ```
    /// let s: nango_core::models::connect::ConnectSession = serde_json::from_str(
    ///     r#"{"token":"t","expires_at":"2026-01-01T00:30:00Z"}"#).unwrap();
    /// assert_eq!(s.expires_at_time()?.minute(), 30);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn expires_at_time(&self) -> Result<time::OffsetDateTime, TimestampError> {
        timestamp::parse("expires_at", &self.expires_at)
    }
}

/// Per-integration defaults of a connect session.
///
/// ```
/// let d = nango_core::models::connect::IntegrationConfigDefaults::default().user_scopes("repo");
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"user_scopes":"repo"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IntegrationConfigDefaults {
    /// OAuth user scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_scopes: Option<String>,
    /// Extra authorization URL parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_params: Option<Value>,
    /// Connection configuration (`oauth_scopes_override`, `oauth_client_id_override`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_config: Option<Value>,
}

// Chained setters: the struct is `#[non_exhaustive]` (Nango may add defaults),
// so other crates cannot build it with a struct literal.
impl IntegrationConfigDefaults {
    /// Sets the OAuth user scopes.
    ///
    /// ```
    /// let d = nango_core::models::connect::IntegrationConfigDefaults::default().user_scopes("repo,user");
    /// assert_eq!(d.user_scopes.as_deref(), Some("repo,user"));
    /// ```
    pub fn user_scopes(mut self, scopes: impl Into<String>) -> Self {
        self.user_scopes = Some(scopes.into());
        self
    }

    /// Sets the extra authorization URL parameters.
    ///
    /// ```
    /// let d = nango_core::models::connect::IntegrationConfigDefaults::default()
    ///     .authorization_params(serde_json::json!({"prompt": "consent"}));
    /// assert_eq!(d.authorization_params.unwrap()["prompt"], "consent");
    /// ```
    pub fn authorization_params(mut self, params: Value) -> Self {
        self.authorization_params = Some(params);
        self
    }

    /// Sets the connection configuration.
    ///
    /// ```
    /// let d = nango_core::models::connect::IntegrationConfigDefaults::default()
    ///     .connection_config(serde_json::json!({"oauth_scopes_override": "repo"}));
    /// assert!(d.connection_config.is_some());
    /// ```
    pub fn connection_config(mut self, config: Value) -> Self {
        self.connection_config = Some(config);
        self
    }
}

/// The body of `POST /connect/sessions`.
///
/// ```
/// use nango_core::models::connect::CreateConnectSession;
/// let s = CreateConnectSession::default().tag("end_user_id", "u-1").allowed_integrations(["github"]);
/// let json = serde_json::to_value(&s).unwrap();
/// assert_eq!(json["tags"]["end_user_id"], "u-1");
/// assert_eq!(json["allowed_integrations"][0], "github");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateConnectSession {
    /// Tags copied onto the connection created with this session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// Deprecated end-user profile (prefer tags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
    /// Deprecated organization (prefer tags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// Integrations the session may connect (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_integrations: Option<Vec<String>>,
    /// Defaults per integration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations_config_defaults: Option<BTreeMap<String, IntegrationConfigDefaults>>,
    /// Per-integration overrides (`docs_connect`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<BTreeMap<String, Value>>,
    /// Send this connection's webhooks only to this URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url_override: Option<String>,
}

impl CreateConnectSession {
    /// Adds a tag.
    ///
    /// ```
    /// let s = nango_core::models::connect::CreateConnectSession::default().tag("end_user_email", "a@b.c");
    /// assert_eq!(s.tags.unwrap().len(), 1);
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Restricts the session to these integrations.
    ///
    /// ```
    /// let s = nango_core::models::connect::CreateConnectSession::default().allowed_integrations(["a", "b"]);
    /// assert_eq!(s.allowed_integrations.unwrap().len(), 2);
    /// ```
    pub fn allowed_integrations<S: Into<String>>(
        mut self,
        ids: impl IntoIterator<Item = S>,
    ) -> Self {
        self.allowed_integrations = Some(crate::models::common::into_vec(ids));
        self
    }

    /// Sets the defaults of one integration.
    ///
    /// ```
    /// use nango_core::models::connect::{CreateConnectSession, IntegrationConfigDefaults};
    /// let s = CreateConnectSession::default()
    ///     .integration_config_defaults("github", IntegrationConfigDefaults::default().user_scopes("repo"));
    /// assert_eq!(serde_json::to_value(&s).unwrap()["integrations_config_defaults"]["github"]["user_scopes"], "repo");
    /// ```
    pub fn integration_config_defaults(
        mut self,
        integration_id: impl Into<String>,
        defaults: IntegrationConfigDefaults,
    ) -> Self {
        self.integrations_config_defaults
            .get_or_insert_with(Default::default)
            .insert(integration_id.into(), defaults);
        self
    }

    /// Sends this connection's webhooks only to `url`.
    ///
    /// ```
    /// let s = nango_core::models::connect::CreateConnectSession::default()
    ///     .webhook_url_override("https://example.com/webhooks/nango");
    /// assert!(s.webhook_url_override.is_some());
    /// ```
    pub fn webhook_url_override(mut self, url: impl Into<String>) -> Self {
        self.webhook_url_override = Some(url.into());
        self
    }

    /// Sets the deprecated end-user profile (prefer [`tag`](Self::tag)).
    ///
    /// ```
    /// use nango_core::models::{common::EndUser, connect::CreateConnectSession};
    /// let s = CreateConnectSession::default().end_user(EndUser::new("u-1").email("a@b.c"));
    /// assert_eq!(s.end_user.unwrap().id, "u-1");
    /// ```
    pub fn end_user(mut self, end_user: EndUser) -> Self {
        self.end_user = Some(end_user);
        self
    }

    /// Sets the deprecated organization (prefer [`tag`](Self::tag)).
    ///
    /// ```
    /// use nango_core::models::{common::Organization, connect::CreateConnectSession};
    /// let s = CreateConnectSession::default().organization(Organization::new("org-1"));
    /// assert_eq!(s.organization.unwrap().id, "org-1");
    /// ```
    pub fn organization(mut self, organization: Organization) -> Self {
        self.organization = Some(organization);
        self
    }
}

/// The body of `POST /connect/sessions/reconnect`.
///
/// ```
/// let r = nango_core::models::connect::CreateReconnectSession::new("conn-1", "github");
/// assert_eq!(serde_json::to_value(&r).unwrap()["integration_id"], "github");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateReconnectSession {
    /// The connection to re-authorise.
    pub connection_id: String,
    /// Its integration id.
    pub integration_id: String,
    /// Tags to set on the connection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// Deprecated end-user profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_user: Option<EndUser>,
    /// Deprecated organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// Defaults per integration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations_config_defaults: Option<BTreeMap<String, IntegrationConfigDefaults>>,
    /// Per-integration overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<BTreeMap<String, Value>>,
    /// Send this connection's webhooks only to this URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url_override: Option<String>,
}

impl CreateReconnectSession {
    /// A reconnect session for `connection_id` of `integration_id`.
    ///
    /// ```
    /// let r = nango_core::models::connect::CreateReconnectSession::new("c", "i");
    /// assert_eq!(r.connection_id, "c");
    /// ```
    pub fn new(connection_id: impl Into<String>, integration_id: impl Into<String>) -> Self {
        Self {
            connection_id: connection_id.into(),
            integration_id: integration_id.into(),
            ..Self::default()
        }
    }

    /// Adds a tag to set on the connection.
    ///
    /// ```
    /// let r = nango_core::models::connect::CreateReconnectSession::new("c", "i").tag("plan", "pro");
    /// assert_eq!(r.tags.unwrap()["plan"], "pro");
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.tags
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Sends this connection's webhooks only to `url`.
    ///
    /// ```
    /// let r = nango_core::models::connect::CreateReconnectSession::new("c", "i")
    ///     .webhook_url_override("https://example.com/webhooks/nango");
    /// assert!(r.webhook_url_override.is_some());
    /// ```
    pub fn webhook_url_override(mut self, url: impl Into<String>) -> Self {
        self.webhook_url_override = Some(url.into());
        self
    }
}

/// What `GET /connect/session` answers: the session's settings as the Connect UI
/// sees them. (The OpenAPI document says `ConnectSession`; the server, whose
/// behaviour wins, sends this shape.)
///
/// ```
/// let d: nango_core::models::connect::ConnectSessionDetails = serde_json::from_str(
///     r#"{"endUser":null,"tags":{"end_user_id":"u-1"},"isReconnecting":false,"connectUISettings":{},"allowed_integrations":["github"]}"#).unwrap();
/// assert_eq!(d.tags.unwrap()["end_user_id"], "u-1");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectSessionDetails {
    /// The deprecated end-user profile, when the session was made with one.
    #[serde(rename = "endUser", default)]
    pub end_user: Option<Value>,
    /// Tags the connection will get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Tags>,
    /// Whether this session re-authorises an existing connection.
    #[serde(rename = "isReconnecting", default)]
    pub is_reconnecting: bool,
    /// Integrations the session may connect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_integrations: Option<Vec<String>>,
    /// Defaults per integration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations_config_defaults: Option<BTreeMap<String, IntegrationConfigDefaults>>,
    /// Per-integration overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<BTreeMap<String, Value>>,
    /// The webhook URL override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url_override: Option<String>,
    /// Connect UI settings (theme, watermark).
    #[serde(rename = "connectUISettings", default)]
    pub connect_ui_settings: Value,
}
