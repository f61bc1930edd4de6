//! Integrations: a provider configured in an environment (with its OAuth app).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::connections::AuthMode;
use crate::macros::string_enum;
use crate::secret::SecretString;

/// An integration (`GET /integrations`, `GET /integrations/{key}`, and what
/// create and update answer).
///
/// `webhook_url` and `credentials` are sent only when asked for with
/// [`IntegrationInclude`].
///
/// ```
/// let i: nango_core::models::integrations::Integration = serde_json::from_str(r#"{
///   "unique_key":"github-prod","display_name":"GitHub","provider":"github",
///   "logo":"https://app.nango.dev/images/template-logos/github.svg",
///   "created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-02T00:00:00.000Z","forward_webhooks":true}"#).unwrap();
/// assert_eq!(i.unique_key, "github-prod");
/// assert!(i.credentials.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Integration {
    /// The integration id (`provider_config_key` elsewhere).
    pub unique_key: String,
    /// Its display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The provider (e.g. `github`).
    #[serde(default)]
    pub provider: String,
    /// URL of the provider's logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Creation time (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last update time (ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Whether the provider's webhooks are forwarded to your backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhooks: Option<bool>,
    /// Where to point the provider's webhooks (`include=webhook`; `None` also
    /// when the provider has no webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// The OAuth app or GitHub App credentials (`include=credentials`; `None`
    /// for auth modes without integration credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<IntegrationCredentials>,
    /// Labels of the credential fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_label: Option<BTreeMap<String, String>>,
    /// Credential fields Nango fills in (quickstart integrations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preconfigured_credentials: Option<Vec<String>>,
    /// Connection-config fields Nango fills in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preconfigured_connection_config: Option<Vec<String>>,
}

/// An integration's app credentials: what `include=credentials` answers, and what
/// create and update take.
///
/// Which fields are set depends on [`IntegrationCredentials::kind`]: OAuth 1,
/// OAuth 2 and TBA have a client id and secret (and scopes, a webhook secret);
/// a GitHub App (`APP`) has an app id, link and private key; `CUSTOM` has both.
/// Secrets are [`SecretString`]s.
///
/// ```
/// use nango_core::models::integrations::IntegrationCredentials;
/// let c = IntegrationCredentials::oauth2("client-id", "s3cr3t").scopes("repo,user");
/// let json = serde_json::to_value(&c).unwrap();
/// assert_eq!(json, serde_json::json!({"type":"OAUTH2","client_id":"client-id","client_secret":"s3cr3t","scopes":"repo,user"}));
/// assert!(!format!("{c:?}").contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IntegrationCredentials {
    /// The auth mode (`OAUTH1`, `OAUTH2`, `TBA`, `APP`, `CUSTOM`).
    #[serde(rename = "type")]
    pub kind: AuthMode,
    /// OAuth client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<SecretString>,
    /// Comma-separated scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<String>,
    /// Secret that signs the provider's webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<SecretString>,
    /// GitHub App id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// GitHub App public link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_link: Option<String>,
    /// GitHub App private key (PEM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<SecretString>,
}

impl IntegrationCredentials {
    fn client(kind: AuthMode, client_id: String, client_secret: SecretString) -> Self {
        Self {
            kind,
            client_id: Some(client_id),
            client_secret: Some(client_secret),
            scopes: None,
            webhook_secret: None,
            app_id: None,
            app_link: None,
            private_key: None,
        }
    }

    /// An OAuth 2 app.
    ///
    /// ```
    /// let c = nango_core::models::integrations::IntegrationCredentials::oauth2("id", "secret");
    /// assert_eq!(c.client_id.as_deref(), Some("id"));
    /// ```
    pub fn oauth2(client_id: impl Into<String>, client_secret: impl Into<SecretString>) -> Self {
        Self::client(AuthMode::OAuth2, client_id.into(), client_secret.into())
    }

    /// An OAuth 1 app.
    ///
    /// ```
    /// use nango_core::models::{connections::AuthMode, integrations::IntegrationCredentials};
    /// assert_eq!(IntegrationCredentials::oauth1("id", "secret").kind, AuthMode::OAuth1);
    /// ```
    pub fn oauth1(client_id: impl Into<String>, client_secret: impl Into<SecretString>) -> Self {
        Self::client(AuthMode::OAuth1, client_id.into(), client_secret.into())
    }

    /// NetSuite token-based auth (TBA).
    ///
    /// ```
    /// use nango_core::models::{connections::AuthMode, integrations::IntegrationCredentials};
    /// assert_eq!(IntegrationCredentials::tba("id", "secret").kind, AuthMode::Tba);
    /// ```
    pub fn tba(client_id: impl Into<String>, client_secret: impl Into<SecretString>) -> Self {
        Self::client(AuthMode::Tba, client_id.into(), client_secret.into())
    }

    /// A GitHub App.
    ///
    /// ```
    /// let c = nango_core::models::integrations::IntegrationCredentials::app(
    ///     "123", "https://github.com/apps/my-app", "-----BEGIN RSA PRIVATE KEY-----...-----END RSA PRIVATE KEY-----");
    /// assert!(c.client_id.is_none());
    /// ```
    pub fn app(
        app_id: impl Into<String>,
        app_link: impl Into<String>,
        private_key: impl Into<SecretString>,
    ) -> Self {
        Self {
            kind: AuthMode::App,
            client_id: None,
            client_secret: None,
            scopes: None,
            webhook_secret: None,
            app_id: Some(app_id.into()),
            app_link: Some(app_link.into()),
            private_key: Some(private_key.into()),
        }
    }

    /// A GitHub App with OAuth (`CUSTOM`): client id and secret plus the app.
    ///
    /// ```
    /// use nango_core::models::{connections::AuthMode, integrations::IntegrationCredentials};
    /// let c = IntegrationCredentials::custom("cid", "cs", "123", "https://github.com/apps/a", "-----BEGIN RSA PRIVATE KEY-----k-----END RSA PRIVATE KEY-----");
    /// assert_eq!(c.kind, AuthMode::Custom);
    /// ```
    pub fn custom(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        app_id: impl Into<String>,
        app_link: impl Into<String>,
        private_key: impl Into<SecretString>,
    ) -> Self {
        Self {
            kind: AuthMode::Custom,
            client_id: Some(client_id.into()),
            client_secret: Some(client_secret.into()),
            scopes: None,
            webhook_secret: None,
            app_id: Some(app_id.into()),
            app_link: Some(app_link.into()),
            private_key: Some(private_key.into()),
        }
    }

    /// Sets the scopes (comma-separated).
    ///
    /// ```
    /// let c = nango_core::models::integrations::IntegrationCredentials::oauth2("i", "s").scopes("a,b");
    /// assert_eq!(c.scopes.as_deref(), Some("a,b"));
    /// ```
    pub fn scopes(mut self, scopes: impl Into<String>) -> Self {
        self.scopes = Some(scopes.into());
        self
    }

    /// Sets the secret that signs the provider's webhooks.
    ///
    /// ```
    /// let c = nango_core::models::integrations::IntegrationCredentials::oauth2("i", "s").webhook_secret("w");
    /// assert_eq!(c.webhook_secret.unwrap().expose_secret(), "w");
    /// ```
    pub fn webhook_secret(mut self, secret: impl Into<SecretString>) -> Self {
        self.webhook_secret = Some(secret.into());
        self
    }
}

string_enum! {
    /// Extra data `GET /integrations/{key}` can include.
    ///
    /// ```
    /// use nango_core::models::integrations::IntegrationInclude;
    /// assert_eq!(IntegrationInclude::Credentials.as_str(), "credentials");
    /// ```
    IntegrationInclude in "nango_core::models::integrations", example = "webhook" {
        /// The URL to point the provider's webhooks to.
        Webhook = "webhook",
        /// The app credentials (client secret, private key...).
        Credentials = "credentials",
    }
}

/// The body of `POST /integrations` (`createIntegration`).
///
/// ```
/// use nango_core::models::integrations::{IntegrationCredentials, NewIntegration};
/// let body = NewIntegration::new("github", "github-prod")
///     .display_name("GitHub")
///     .credentials(IntegrationCredentials::oauth2("id", "secret"));
/// assert_eq!(serde_json::to_value(&body).unwrap()["unique_key"], "github-prod");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewIntegration {
    /// The provider (e.g. `github`).
    pub provider: String,
    /// The integration id to create.
    pub unique_key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// App credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<IntegrationCredentials>,
    /// Provider-specific integration configuration (see the provider's
    /// `integration_config` fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_config: Option<BTreeMap<String, String>>,
    /// Whether to forward the provider's webhooks (the server's default: yes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhooks: Option<bool>,
    /// Custom values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<BTreeMap<String, String>>,
}

impl NewIntegration {
    /// An integration `unique_key` of `provider`.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewIntegration::new("github", "gh");
    /// assert!(b.credentials.is_none());
    /// ```
    pub fn new(provider: impl Into<String>, unique_key: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
            unique_key: unique_key.into(),
            ..Self::default()
        }
    }

    /// Sets the display name.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewIntegration::new("github", "gh").display_name("GitHub");
    /// assert_eq!(b.display_name.as_deref(), Some("GitHub"));
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets the app credentials.
    ///
    /// ```
    /// use nango_core::models::integrations::{IntegrationCredentials, NewIntegration};
    /// let b = NewIntegration::new("github", "gh").credentials(IntegrationCredentials::oauth2("i", "s"));
    /// assert!(b.credentials.is_some());
    /// ```
    pub fn credentials(mut self, credentials: IntegrationCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Adds an integration-config value.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewIntegration::new("aws-sigv4", "aws").integration_config("region", "eu-west-1");
    /// assert_eq!(b.integration_config.unwrap()["region"], "eu-west-1");
    /// ```
    pub fn integration_config(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.integration_config
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Sets whether the provider's webhooks are forwarded.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewIntegration::new("github", "gh").forward_webhooks(false);
    /// assert_eq!(b.forward_webhooks, Some(false));
    /// ```
    pub fn forward_webhooks(mut self, yes: bool) -> Self {
        self.forward_webhooks = Some(yes);
        self
    }

    /// Adds a custom value.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewIntegration::new("github", "gh").custom("team", "core");
    /// assert_eq!(b.custom.unwrap()["team"], "core");
    /// ```
    pub fn custom(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }
}

/// The body of `POST /integrations/quickstart` (`createQuickstartIntegration`):
/// an integration using a Nango-provided developer app, so no credentials.
///
/// ```
/// let b = nango_core::models::integrations::NewQuickstartIntegration::new("github", "github-quickstart").forward_webhooks(false);
/// assert_eq!(serde_json::to_value(&b).unwrap(),
///     serde_json::json!({"provider":"github","unique_key":"github-quickstart","forward_webhooks":false}));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewQuickstartIntegration {
    /// The provider (e.g. `github`).
    pub provider: String,
    /// The integration id to create.
    pub unique_key: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether to forward the provider's webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhooks: Option<bool>,
}

impl NewQuickstartIntegration {
    /// A quickstart integration `unique_key` of `provider`.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewQuickstartIntegration::new("github", "gh");
    /// assert!(b.display_name.is_none());
    /// ```
    pub fn new(provider: impl Into<String>, unique_key: impl Into<String>) -> Self {
        Self {
            provider: provider.into(),
            unique_key: unique_key.into(),
            ..Self::default()
        }
    }

    /// Sets the display name.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewQuickstartIntegration::new("github", "gh").display_name("GitHub");
    /// assert!(b.display_name.is_some());
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets whether the provider's webhooks are forwarded.
    ///
    /// ```
    /// let b = nango_core::models::integrations::NewQuickstartIntegration::new("github", "gh").forward_webhooks(true);
    /// assert_eq!(b.forward_webhooks, Some(true));
    /// ```
    pub fn forward_webhooks(mut self, yes: bool) -> Self {
        self.forward_webhooks = Some(yes);
        self
    }
}

/// The body of `PATCH /integrations/{key}` (`updateIntegration`): only the fields
/// set are changed.
///
/// ```
/// let p = nango_core::models::integrations::IntegrationPatch::default().display_name("GitHub (prod)");
/// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"display_name":"GitHub (prod)"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IntegrationPatch {
    /// A new integration id (renames the integration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_key: Option<String>,
    /// A new display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether to forward the provider's webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_webhooks: Option<bool>,
    /// New app credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<IntegrationCredentials>,
    /// Integration-config values to change (the others are kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_config: Option<BTreeMap<String, String>>,
    /// Custom values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<BTreeMap<String, String>>,
}

impl IntegrationPatch {
    /// Renames the integration.
    ///
    /// ```
    /// let p = nango_core::models::integrations::IntegrationPatch::default().unique_key("github-v2");
    /// assert_eq!(p.unique_key.as_deref(), Some("github-v2"));
    /// ```
    pub fn unique_key(mut self, key: impl Into<String>) -> Self {
        self.unique_key = Some(key.into());
        self
    }

    /// Sets the display name.
    ///
    /// ```
    /// let p = nango_core::models::integrations::IntegrationPatch::default().display_name("GitHub");
    /// assert!(p.display_name.is_some());
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets whether the provider's webhooks are forwarded.
    ///
    /// ```
    /// let p = nango_core::models::integrations::IntegrationPatch::default().forward_webhooks(false);
    /// assert_eq!(p.forward_webhooks, Some(false));
    /// ```
    pub fn forward_webhooks(mut self, yes: bool) -> Self {
        self.forward_webhooks = Some(yes);
        self
    }

    /// Replaces the app credentials.
    ///
    /// ```
    /// use nango_core::models::integrations::{IntegrationCredentials, IntegrationPatch};
    /// let p = IntegrationPatch::default().credentials(IntegrationCredentials::oauth2("i", "s"));
    /// assert!(p.credentials.is_some());
    /// ```
    pub fn credentials(mut self, credentials: IntegrationCredentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Changes one integration-config value.
    ///
    /// ```
    /// let p = nango_core::models::integrations::IntegrationPatch::default().integration_config("region", "us-east-1");
    /// assert_eq!(p.integration_config.unwrap().len(), 1);
    /// ```
    pub fn integration_config(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.integration_config
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Sets a custom value.
    ///
    /// ```
    /// let p = nango_core::models::integrations::IntegrationPatch::default().custom("team", "core");
    /// assert!(p.custom.is_some());
    /// ```
    pub fn custom(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }
}
