//! Providers: the APIs Nango can connect to, as described in its catalog.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::connections::AuthMode;
use super::functions::null_as_default;

/// A provider of the catalog (`GET /providers`, `GET /providers/{provider}`).
///
/// The common fields are typed; the many auth-mode-specific ones (token
/// parameters, proxy settings, JWT or two-step settings...) stay in
/// [`Provider::other`], as sent.
///
/// ```
/// use nango_core::models::{connections::AuthMode, providers::Provider};
/// let p: Provider = serde_json::from_str(r#"{"name":"github","display_name":"GitHub","auth_mode":"OAUTH2",
///   "docs":"https://nango.dev/docs/integrations/all/github","logo_url":"https://x/github.svg",
///   "authorization_url":"https://github.com/login/oauth/authorize","proxy":{"base_url":"https://api.github.com"}}"#).unwrap();
/// assert_eq!(p.auth_mode, Some(AuthMode::OAuth2));
/// assert_eq!(p.proxy.unwrap()["base_url"], "https://api.github.com");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provider {
    /// The provider's id (e.g. `github`).
    #[serde(default)]
    pub name: String,
    /// Its display name.
    #[serde(default)]
    pub display_name: String,
    /// How it authenticates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_mode: Option<AuthMode>,
    /// URL of its logo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// Nango's documentation page for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Documentation shown in the Connect UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_connect: Option<String>,
    /// How to set up a developer app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_guide_url: Option<String>,
    /// Categories (e.g. `dev-tools`, `ticketing`).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub categories: Vec<String>,
    /// Scopes requested by default.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub default_scopes: Vec<String>,
    /// OAuth authorization URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    /// OAuth token URL: a string, or one URL per auth mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<Value>,
    /// Proxy settings (`base_url`, `headers`, `retry`, `paginate`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Value>,
    /// Fields of the connection configuration, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_config: Option<BTreeMap<String, ProviderField>>,
    /// Fields of the credentials (API key, username...), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<BTreeMap<String, ProviderField>>,
    /// Fields of the integration configuration, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_config: Option<BTreeMap<String, ProviderField>>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// One field a provider asks for (a connection-config, credential or
/// integration-config entry).
///
/// ```
/// let f: nango_core::models::providers::ProviderField = serde_json::from_str(
///     r#"{"type":"string","title":"Subdomain","description":"Your Zendesk subdomain","pattern":"^[a-z0-9-]+$","order":1,"automated":false}"#).unwrap();
/// assert_eq!(f.title.as_deref(), Some("Subdomain"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderField {
    /// The JSON type (`string`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Regular expression the value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Format (`hostname`, `uri`, `uuid`, `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Whether the field may be left empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
    /// Display order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<serde_json::Number>,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Value>,
    /// Whether Nango fills it in itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated: Option<bool>,
    /// Whether the value is secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Value>,
    /// Whether the field is hidden in the Connect UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Value>,
    /// Allowed values.
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Value>>,
    /// Every other attribute, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}
