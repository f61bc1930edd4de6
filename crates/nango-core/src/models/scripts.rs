//! The configuration of the deployed scripts (`GET /scripts/config`) and the
//! environment variables (`GET /environment-variables`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::functions::{null_as_default, FunctionSource, FunctionType};
use crate::secret::SecretString;

/// The scripts of one integration, in Nango's format (`format=nango`).
///
/// ```
/// let c: nango_core::models::scripts::ScriptsConfig = serde_json::from_str(r#"{
///   "providerConfigKey":"github","provider":"github","syncs":[],"actions":[],"on-events":[]}"#).unwrap();
/// assert_eq!(c.provider_config_key, "github");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptsConfig {
    /// The integration id.
    #[serde(rename = "providerConfigKey", default)]
    pub provider_config_key: String,
    /// The provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Its syncs.
    #[serde(default, deserialize_with = "null_as_default")]
    pub syncs: Vec<ScriptConfig>,
    /// Its actions.
    #[serde(default, deserialize_with = "null_as_default")]
    pub actions: Vec<ScriptConfig>,
    /// Its on-event scripts. A bare name (the OpenAPI document's shape) reads as
    /// a config holding only the name and the type.
    #[serde(rename = "on-events", default, deserialize_with = "configs_or_names")]
    pub on_events: Vec<ScriptConfig>,
}

/// Reads a list whose items are script configs or bare script names.
fn configs_or_names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ScriptConfig>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Name(String),
        Config(Box<ScriptConfig>),
    }
    let entries: Vec<Entry> = null_as_default(d)?;
    Ok(entries
        .into_iter()
        .map(|e| match e {
            Entry::Config(config) => *config,
            Entry::Name(name) => ScriptConfig {
                name,
                kind: Some(FunctionType::OnEvent),
                ..ScriptConfig::default()
            },
        })
        .collect())
}

/// One deployed script (sync, action or on-event) as `GET /scripts/config` lists it.
///
/// ```
/// let s: nango_core::models::scripts::ScriptConfig = serde_json::from_str(r#"{
///   "name":"fetch-issues","type":"sync","runs":"every half hour","returns":["GithubIssue"],
///   "endpoints":[{"method":"GET","path":"/issues"}],"json_schema":null,"sdk_version":"0.71.4","features":[]}"#).unwrap();
/// assert_eq!(s.returns, ["GithubIssue"]);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptConfig {
    /// The script's name.
    #[serde(default)]
    pub name: String,
    /// Sync, action or on-event.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FunctionType>,
    /// Nango's id of the script.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Whether it is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Schedule of a sync (e.g. `every 30 minutes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<String>,
    /// Whether a sync starts when a connection is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_start: Option<bool>,
    /// Whether a sync detects deleted records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_deletes: Option<bool>,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The OAuth scopes it needs.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scopes: Vec<String>,
    /// The input model (a name, or a model object on older servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Value>,
    /// The models it returns.
    #[serde(default, deserialize_with = "null_as_default")]
    pub returns: Vec<String>,
    /// Its endpoints (`{method, path, group?}`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub endpoints: Vec<Value>,
    /// The models' definitions.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub models: Vec<Value>,
    /// The JSON schema of its models.
    #[serde(default)]
    pub json_schema: Option<Value>,
    /// The deployed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// When it was last deployed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_deployed: Option<String>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<FunctionSource>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Value>,
    /// Scopes and description as declared in `nango.yaml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Webhook subscriptions of a sync.
    #[serde(
        rename = "webhookSubscriptions",
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub webhook_subscriptions: Vec<String>,
    /// Features used (e.g. `checkpoints`).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub features: Vec<String>,
    /// The SDK version it was built with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk_version: Option<String>,
    /// A newer template version, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_version: Option<String>,
    /// Deprecated sync type (`incremental` or `full`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_type: Option<String>,
    /// Whether it is public (a legacy flag, superseded by `source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_public: Option<bool>,
    /// Whether it is a pre-built template (a legacy flag, superseded by `source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_built: Option<bool>,
}

/// A script as an OpenAI function definition (`format=openai`).
///
/// ```
/// let f: nango_core::models::scripts::OpenAiFunction = serde_json::from_str(r#"{"name":"delete-event",
///   "description":"Delete a calendar event","parameters":{"type":"object",
///   "properties":{"eventId":{"type":"string","description":"The event"}},"required":["eventId"]}}"#).unwrap();
/// assert_eq!(f.parameters.required, ["eventId"]);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OpenAiFunction {
    /// The function's name.
    #[serde(default)]
    pub name: String,
    /// What it does.
    #[serde(default)]
    pub description: String,
    /// Its parameters, as a JSON schema object.
    #[serde(default)]
    pub parameters: OpenAiParameters,
}

/// The parameters of an [`OpenAiFunction`]: a JSON schema of type `object`.
///
/// ```
/// let p = nango_core::models::scripts::OpenAiParameters::default();
/// assert!(p.properties.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OpenAiParameters {
    /// Always `object`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The JSON schema of each parameter.
    #[serde(default, deserialize_with = "null_as_default")]
    pub properties: BTreeMap<String, Value>,
    /// The required parameters.
    #[serde(default, deserialize_with = "null_as_default")]
    pub required: Vec<String>,
}

/// An environment variable set in the Nango dashboard. Its value is secret.
///
/// ```
/// let v: nango_core::models::scripts::EnvironmentVariable = serde_json::from_str(
///     r#"{"name":"MY_SECRET_KEY","value":"SK_373892"}"#).unwrap();
/// assert_eq!(v.value.expose_secret(), "SK_373892");
/// assert!(!format!("{v:?}").contains("SK_"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnvironmentVariable {
    /// The variable's name.
    #[serde(default)]
    pub name: String,
    /// Its value.
    #[serde(default, deserialize_with = "null_as_default")]
    pub value: SecretString,
}
