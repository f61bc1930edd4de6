//! Server configuration and seed data.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Configuration of a [`crate::LocalServer`]. Builder-style:
///
/// ```
/// use nango_local_server::{ServerConfig, Seed};
/// let cfg = ServerConfig::default().rate_limit(600).seed(Seed::demo());
/// ```
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    pub(crate) api_key: Option<String>,
    pub(crate) seed: Option<Seed>,
    pub(crate) rate_limit: Option<u32>,
    pub(crate) webhook_url: Option<String>,
    pub(crate) webhook_signing_key: Option<String>,
    pub(crate) port: u16,
    pub(crate) host: Option<String>,
    pub(crate) max_recorded_requests: Option<usize>,
    pub(crate) allowed_origins: Vec<String>,
    pub(crate) allowed_hosts: Vec<String>,
    pub(crate) max_body_bytes: Option<usize>,
    pub(crate) max_json_bytes: Option<usize>,
}

impl ServerConfig {
    /// A default configuration (random API key, empty environment, no rate limit to speak of).
    pub fn new() -> Self {
        Self::default()
    }

    /// The API key of the default environment (must be a UUID v4).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Initial data.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Requests allowed per fixed 60-second window (default 1,000,000).
    pub fn rate_limit(mut self, per_minute: u32) -> Self {
        self.rate_limit = Some(per_minute);
        self
    }

    /// Where webhooks are POSTed.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// The webhook signing key of the default environment (default: a random UUID v4).
    pub fn webhook_signing_key(mut self, key: impl Into<String>) -> Self {
        self.webhook_signing_key = Some(key.into());
        self
    }

    /// Port to bind (0, the default, picks an ephemeral port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Host to bind; only loopback addresses are accepted (default `127.0.0.1`).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// How many requests the recorder keeps (oldest dropped first; default 100,000).
    pub fn max_recorded_requests(mut self, n: usize) -> Self {
        self.max_recorded_requests = Some(n);
        self
    }

    /// Lets pages of `origin` (`scheme://host[:port]`, e.g. `https://app.example.com`)
    /// call the public API from a browser, besides the loopback origins
    /// (`http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*`) that always may.
    /// The admin API stays closed to every cross-origin page.
    pub fn allow_origin(mut self, origin: impl Into<String>) -> Self {
        self.allowed_origins.push(origin.into());
        self
    }

    /// Answers requests whose `Host` is `name` (any port), besides loopback names and
    /// addresses: e.g. the name of the container the server runs in. Every other host is
    /// refused with 421, against DNS rebinding.
    pub fn allow_host(mut self, name: impl Into<String>) -> Self {
        self.allowed_hosts.push(name.into());
        self
    }

    /// Largest request body read, in bytes (default [`crate::server::BODY_LIMIT`], 64 MiB);
    /// larger ones are answered 413 `payload_too_large` without being kept.
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = Some(n);
        self
    }

    /// Largest JSON body parsed, in bytes (default [`crate::validate::JSON_BODY_LIMIT`],
    /// 2 MiB, and never more than [`ServerConfig::max_body_bytes`]); larger ones are
    /// answered 413 `payload_too_large`. A parsed document takes up to tens of times its
    /// size in memory.
    pub fn max_json_bytes(mut self, n: usize) -> Self {
        self.max_json_bytes = Some(n);
        self
    }
}

/// Initial data: integrations, connections, records and environment variables.
/// Deserialises from JSON (`--seed path.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Seed {
    /// Integrations to create.
    #[serde(default)]
    pub integrations: Vec<SeedIntegration>,
    /// Connections to create (their integrations must exist).
    #[serde(default)]
    pub connections: Vec<SeedConnection>,
    /// Cached records.
    #[serde(default)]
    pub records: Vec<SeedRecords>,
    /// Environment variables (`GET /environment-variables`).
    #[serde(default, alias = "env_vars")]
    pub environment_variables: Vec<EnvVar>,
}

/// An integration in a [`Seed`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SeedIntegration {
    /// Integration id.
    pub unique_key: String,
    /// Provider name from the catalogue.
    pub provider: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Integration credentials (OAuth client id/secret ...).
    #[serde(default)]
    pub credentials: Option<Value>,
    /// Whether provider webhooks are forwarded (default true).
    #[serde(default)]
    pub forward_webhooks: Option<bool>,
}

/// A connection in a [`Seed`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SeedConnection {
    /// Connection id.
    pub connection_id: String,
    /// Integration id.
    pub provider_config_key: String,
    /// Credentials as in `POST /connections` (generated when absent).
    #[serde(default)]
    pub credentials: Option<Value>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Option<Map<String, Value>>,
    /// Connection config.
    #[serde(default)]
    pub connection_config: Option<Map<String, Value>>,
    /// Tags.
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
    /// Deprecated end user object.
    #[serde(default)]
    pub end_user: Option<Value>,
}

/// Records in a [`Seed`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SeedRecords {
    /// Integration id.
    #[serde(alias = "integration")]
    pub provider_config_key: String,
    /// Connection id.
    pub connection_id: String,
    /// Model name.
    pub model: String,
    /// Variant (default `base`).
    #[serde(default)]
    pub variant: Option<String>,
    /// Records (each with an `id`).
    #[serde(default)]
    pub records: Vec<Value>,
    /// Number of synthetic records to generate in addition.
    #[serde(default)]
    pub generate: Option<u64>,
}

/// An environment variable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EnvVar {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

impl Seed {
    /// An empty seed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a seed from JSON.
    pub fn from_json(s: &str) -> Result<Seed, serde_json::Error> {
        serde_json::from_str(s)
    }

    /// Reads a seed from a JSON file.
    pub fn from_file(path: impl AsRef<Path>) -> std::io::Result<Seed> {
        let s = std::fs::read_to_string(path)?;
        Seed::from_json(&s).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// Adds an integration.
    pub fn integration(mut self, unique_key: &str, provider: &str) -> Self {
        self.integrations.push(SeedIntegration {
            unique_key: unique_key.into(),
            provider: provider.into(),
            ..Default::default()
        });
        self
    }

    /// Adds a connection with generated credentials.
    pub fn connection(mut self, provider_config_key: &str, connection_id: &str) -> Self {
        self.connections.push(SeedConnection {
            connection_id: connection_id.into(),
            provider_config_key: provider_config_key.into(),
            ..Default::default()
        });
        self
    }

    /// Adds a connection with the given credentials (as in `POST /connections`).
    pub fn connection_with_credentials(
        mut self,
        provider_config_key: &str,
        connection_id: &str,
        credentials: Value,
    ) -> Self {
        self.connections.push(SeedConnection {
            connection_id: connection_id.into(),
            provider_config_key: provider_config_key.into(),
            credentials: Some(credentials),
            ..Default::default()
        });
        self
    }

    /// Adds records for a model of a connection.
    pub fn records(
        mut self,
        provider_config_key: &str,
        connection_id: &str,
        model: &str,
        records: Vec<Value>,
    ) -> Self {
        self.records.push(SeedRecords {
            provider_config_key: provider_config_key.into(),
            connection_id: connection_id.into(),
            model: model.into(),
            records,
            ..Default::default()
        });
        self
    }

    /// Adds an environment variable.
    pub fn env_var(mut self, name: &str, value: &str) -> Self {
        self.environment_variables.push(EnvVar {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// A small demo data set: a `github` (OAuth2), an `airtable` (API key) and an
    /// `unauthenticated` integration, one connection each, and a few `Item` records.
    pub fn demo() -> Seed {
        Seed::new()
            .integration("github", "github")
            .integration("airtable", "airtable-pat")
            .integration("unauthenticated", "unauthenticated")
            .connection("github", "demo-github")
            .connection_with_credentials(
                "airtable",
                "demo-airtable",
                serde_json::json!({"type": "API_KEY", "apiKey": "pat-demo-key"}),
            )
            .connection("unauthenticated", "demo-unauth")
            .records(
                "github",
                "demo-github",
                "Item",
                (1..=3)
                    .map(|i| serde_json::json!({"id": format!("item-{i}"), "title": format!("Item {i}")}))
                    .collect(),
            )
            .env_var("DEMO_VAR", "demo-value")
    }
}
