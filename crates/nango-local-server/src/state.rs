//! In-memory data: environments, integrations, connections, sessions, syncs, actions.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Map, Value};

use crate::config::ServerConfig;
use crate::faults::Faults;
use crate::ratelimit::RateLimiter;
use crate::recorder::Recorder;
use crate::recordstore::RecordSet;
use crate::security::Access;
use crate::time::{iso_ms, now_ms};
use crate::webhooks::WebhookLog;

/// A registered action handler.
pub type ActionHandler = Arc<dyn Fn(Value) -> Result<Value, String> + Send + Sync>;

/// Shared server state handle.
pub type App = Arc<Shared>;

/// Locks a mutex, ignoring poisoning (a panicking test thread must not wedge the server).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Everything the server holds.
pub struct Shared {
    /// API data.
    pub state: Mutex<State>,
    /// Request recorder.
    pub recorder: Recorder,
    /// Injected faults.
    pub faults: Faults,
    /// Rate limiter.
    pub limiter: RateLimiter,
    /// Webhook deliveries.
    pub webhook_log: WebhookLog,
    /// Registered action handlers by (integration, action name).
    pub handlers: Mutex<HashMap<(String, String), ActionHandler>>,
    /// HTTP client for the proxy and webhooks.
    pub http: reqwest::Client,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The configuration the server started with (for `/_admin/reset`).
    pub config: ServerConfig,
    /// The `Host`s and `Origin`s the server answers.
    pub access: Access,
    /// The API key the server started with: what the admin API needs, and what a reset
    /// restores (whatever keys were created or deleted since).
    pub initial_api_key: String,
    /// The webhook signing key the server started with, restored by a reset.
    pub initial_signing_key: String,
    /// The default environment's UUID (in provider webhook URLs), kept by a reset.
    pub initial_env_uuid: String,
    /// Largest request body read, in bytes.
    pub max_body: usize,
    /// Largest JSON body parsed, in bytes.
    pub max_json: usize,
}

impl Shared {
    /// Locks the API data.
    pub fn st(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

/// API data of all environments.
#[derive(Default)]
pub struct State {
    /// Environments (the first is the default `dev`).
    pub envs: Vec<Environment>,
    /// Counter for numeric ids.
    pub next_id: i64,
    /// Connect sessions by token.
    pub sessions: HashMap<String, ConnectSession>,
    /// Async actions by id.
    pub async_actions: HashMap<String, AsyncAction>,
    /// Action executions by (integration, action name).
    pub action_counts: BTreeMap<(String, String), u64>,
    /// Function dry runs by id.
    pub dryruns: HashMap<String, Value>,
    /// Function deployments by id.
    pub deployments: HashMap<String, Value>,
}

impl State {
    /// A fresh numeric id.
    pub fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// An environment by id.
    pub fn env(&self, id: i64) -> Option<&Environment> {
        self.envs.iter().find(|e| e.id == id)
    }

    /// An environment by id, mutably.
    pub fn env_mut(&mut self, id: i64) -> Option<&mut Environment> {
        self.envs.iter_mut().find(|e| e.id == id)
    }
}

/// An environment API key.
#[derive(Debug, Clone)]
pub struct ApiKey {
    /// Numeric id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
    /// The secret (UUID v4).
    pub secret: String,
    /// Creation time (ms).
    pub created_ms: i64,
}

/// A webhook signing key; the first one of an environment is the current one.
#[derive(Debug, Clone)]
pub struct SigningKey {
    /// The key.
    pub key: String,
    /// When a rotated-out key stops being valid (ms).
    pub expires_ms: Option<i64>,
}

/// Key of a record set.
pub type RecordKey = (String, String, String, String);
/// Key of a sync state: (integration, connection, sync name, variant).
pub type SyncKey = (String, String, String, String);

/// An environment and its data.
pub struct Environment {
    /// Numeric id.
    pub id: i64,
    /// UUID (used in provider webhook URLs).
    pub uuid: String,
    /// Name (`dev`).
    pub name: String,
    /// Production flag.
    pub is_production: bool,
    /// API keys.
    pub api_keys: Vec<ApiKey>,
    /// Webhook signing keys (current first).
    pub signing_keys: Vec<SigningKey>,
    /// Webhook URLs (primary, secondary).
    pub webhook_urls: Vec<String>,
    /// Environment variables.
    pub env_vars: Vec<(String, String)>,
    /// Integrations.
    pub integrations: Vec<Integration>,
    /// Connections.
    pub connections: Vec<Connection>,
    /// Cached records.
    pub records: HashMap<RecordKey, RecordSet>,
    /// Sync states.
    pub syncs: HashMap<SyncKey, SyncState>,
}

impl Environment {
    /// A new empty environment.
    pub fn new(id: i64, name: &str, api_key: ApiKey, signing_key: String) -> Self {
        Environment {
            id,
            uuid: uuid::Uuid::new_v4().to_string(),
            name: name.to_string(),
            is_production: name == "prod",
            api_keys: vec![api_key],
            signing_keys: vec![SigningKey {
                key: signing_key,
                expires_ms: None,
            }],
            webhook_urls: Vec::new(),
            env_vars: Vec::new(),
            integrations: Vec::new(),
            connections: Vec::new(),
            records: HashMap::new(),
            syncs: HashMap::new(),
        }
    }

    /// The current webhook signing key.
    pub fn signing_key(&self) -> String {
        self.signing_keys
            .first()
            .map(|k| k.key.clone())
            .unwrap_or_default()
    }

    /// An integration by key.
    pub fn integration(&self, key: &str) -> Option<&Integration> {
        self.integrations.iter().find(|i| i.unique_key == key)
    }

    /// An integration by key, mutably.
    pub fn integration_mut(&mut self, key: &str) -> Option<&mut Integration> {
        self.integrations.iter_mut().find(|i| i.unique_key == key)
    }

    /// Position of a connection.
    pub fn connection_pos(&self, pck: &str, cid: &str) -> Option<usize> {
        self.connections
            .iter()
            .position(|c| c.provider_config_key == pck && c.connection_id == cid)
    }

    /// A connection.
    pub fn connection(&self, pck: &str, cid: &str) -> Option<&Connection> {
        self.connection_pos(pck, cid).map(|i| &self.connections[i])
    }

    /// A connection, mutably.
    pub fn connection_mut(&mut self, pck: &str, cid: &str) -> Option<&mut Connection> {
        self.connection_pos(pck, cid)
            .map(move |i| &mut self.connections[i])
    }

    /// Deletes a connection with its records and sync states.
    pub fn remove_connection(&mut self, pck: &str, cid: &str) -> Option<Connection> {
        let pos = self.connection_pos(pck, cid)?;
        let c = self.connections.remove(pos);
        self.records.retain(|k, _| !(k.0 == pck && k.1 == cid));
        self.syncs.retain(|k, _| !(k.0 == pck && k.1 == cid));
        Some(c)
    }
}

/// Kind of an integration function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FnKind {
    /// A sync.
    Sync,
    /// An action.
    Action,
    /// An on-event script.
    OnEvent,
}

impl FnKind {
    /// API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FnKind::Sync => "sync",
            FnKind::Action => "action",
            FnKind::OnEvent => "on-event",
        }
    }

    /// Parses `sync`, `action`, `on-event`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "sync" => Some(FnKind::Sync),
            "action" => Some(FnKind::Action),
            "on-event" => Some(FnKind::OnEvent),
            _ => None,
        }
    }
}

/// A function deployed to an integration.
#[derive(Debug, Clone)]
pub struct Function {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: FnKind,
    /// Description.
    pub description: String,
    /// Returned models.
    pub returns: Vec<String>,
    /// Sync frequency.
    pub runs: Option<String>,
    /// Sync auto start.
    pub auto_start: bool,
    /// Sync track deletes.
    pub track_deletes: bool,
    /// Input model.
    pub input: Option<String>,
    /// TypeScript source.
    pub code: String,
    /// `catalog`, `standalone` or `repo`.
    pub source: String,
    /// Version.
    pub version: String,
    /// Deployment time (ms).
    pub last_deployed_ms: i64,
    /// Enabled flag.
    pub enabled: bool,
}

impl Function {
    /// A function with default fields.
    pub fn new(id: i64, name: &str, kind: FnKind, description: &str, returns: &[&str]) -> Self {
        Function {
            id,
            name: name.to_string(),
            kind,
            description: description.to_string(),
            returns: returns.iter().map(|s| s.to_string()).collect(),
            runs: (kind == FnKind::Sync).then(|| "every hour".to_string()),
            auto_start: kind == FnKind::Sync,
            track_deletes: false,
            input: None,
            code: format!(
                "import {{ create{} }} from 'nango';\n\nexport default create{}({{\n    description: {:?},\n    exec: async (nango, input) => {{\n        return input;\n    }}\n}});\n",
                if kind == FnKind::Sync { "Sync" } else { "Action" },
                if kind == FnKind::Sync { "Sync" } else { "Action" },
                description
            ),
            source: "standalone".to_string(),
            version: "0.0.1".to_string(),
            last_deployed_ms: now_ms(),
            enabled: true,
        }
    }

    /// JSON as `DeployedNangoFunction`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "id": self.id,
            "name": self.name,
            "type": self.kind.as_str(),
            "description": self.description,
            "scopes": [],
            "returns": self.returns,
            "json_schema": null,
            "enabled": self.enabled,
            "last_deployed": iso_ms(self.last_deployed_ms),
            "source": self.source,
        });
        if let Some(m) = v.as_object_mut() {
            if let Some(i) = &self.input {
                m.insert("input".into(), json!(i));
            }
            if self.kind == FnKind::Sync {
                m.insert("runs".into(), json!(self.runs));
                m.insert("auto_start".into(), json!(self.auto_start));
                m.insert("track_deletes".into(), json!(self.track_deletes));
            }
        }
        v
    }
}

/// The built-in actions every integration has.
pub const BUILTIN_ACTIONS: &[(&str, &str)] = &[
    ("echo", "Returns its input"),
    ("fail", "Always fails with action_script_failure"),
    ("slow", "Sleeps input.ms milliseconds, then returns"),
    ("big", "Returns an output of about input.bytes bytes"),
    ("timeout", "Always times out (408 action_timeout)"),
    (
        "http_error",
        "Fails like a script whose upstream call failed (424)",
    ),
];

/// An integration.
#[derive(Debug, Clone)]
pub struct Integration {
    /// Integration id.
    pub unique_key: String,
    /// Provider name.
    pub provider: String,
    /// Display name (defaults to the provider's).
    pub display_name: String,
    /// Creation time (ms).
    pub created_ms: i64,
    /// Update time (ms).
    pub updated_ms: i64,
    /// Forward provider webhooks.
    pub forward_webhooks: bool,
    /// OAuth client credentials etc.
    pub credentials: Option<Value>,
    /// Provider specific configuration.
    pub integration_config: Option<Value>,
    /// Custom values.
    pub custom: Option<Value>,
    /// Deployed functions.
    pub functions: Vec<Function>,
}

impl Integration {
    /// JSON as `ApiPublicIntegration`.
    pub fn to_json(&self) -> Value {
        json!({
            "unique_key": self.unique_key,
            "display_name": self.display_name,
            "provider": self.provider,
            "logo": format!("https://app.nango.dev/images/template-logos/{}.svg", self.provider),
            "forward_webhooks": self.forward_webhooks,
            "created_at": iso_ms(self.created_ms),
            "updated_at": iso_ms(self.updated_ms),
        })
    }

    /// A sync function by name.
    pub fn sync(&self, name: &str) -> Option<&Function> {
        self.functions
            .iter()
            .find(|f| f.kind == FnKind::Sync && f.name == name)
    }
}

/// Deprecated end-user info of a connection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EndUser {
    /// End user id.
    pub id: String,
    /// Email.
    pub email: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Tags.
    pub tags: Option<Map<String, Value>>,
    /// Organization id.
    pub organization_id: Option<String>,
    /// Organization display name.
    pub organization_display_name: Option<String>,
}

impl EndUser {
    /// JSON as `ApiEndUser`.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "email": self.email,
            "display_name": self.display_name,
            "tags": self.tags,
            "organization": self.organization_id.as_ref().map(|id| json!({
                "id": id,
                "display_name": self.organization_display_name,
            })),
        })
    }

    /// The tags Nango derives from an end user.
    pub fn derived_tags(&self) -> BTreeMap<String, String> {
        let mut t = BTreeMap::new();
        t.insert("end_user_id".to_string(), self.id.clone());
        if let Some(e) = &self.email {
            t.insert("end_user_email".into(), e.clone());
        }
        if let Some(d) = &self.display_name {
            t.insert("end_user_display_name".into(), d.clone());
        }
        if let Some(o) = &self.organization_id {
            t.insert("organization_id".into(), o.clone());
        }
        if let Some(d) = &self.organization_display_name {
            t.insert("organization_display_name".into(), d.clone());
        }
        t
    }
}

/// A connection.
#[derive(Debug, Clone)]
pub struct Connection {
    /// Numeric id.
    pub id: i64,
    /// Connection id.
    pub connection_id: String,
    /// Integration id.
    pub provider_config_key: String,
    /// Provider name.
    pub provider: String,
    /// Auth mode of the credentials.
    pub auth_mode: String,
    /// Credentials (with `type`, `raw`, and `refresh_token` when any).
    pub credentials: Value,
    /// Metadata.
    pub metadata: Map<String, Value>,
    /// Connection config.
    pub connection_config: Map<String, Value>,
    /// Tags (lowercase keys).
    pub tags: BTreeMap<String, String>,
    /// Deprecated end user.
    pub end_user: Option<EndUser>,
    /// Per-connection webhook URL.
    pub webhook_url_override: Option<String>,
    /// Creation time (ms).
    pub created_ms: i64,
    /// Update time (ms).
    pub updated_ms: i64,
    /// Last credentials fetch (ms).
    pub last_fetched_ms: Option<i64>,
}

impl Connection {
    /// JSON as in `GET /connections` (no credentials).
    pub fn list_json(&self) -> Value {
        json!({
            "id": self.id,
            "connection_id": self.connection_id,
            "provider": self.provider,
            "provider_config_key": self.provider_config_key,
            "created": iso_ms(self.created_ms),
            "metadata": self.metadata,
            "tags": self.tags,
            "errors": [],
            "end_user": self.end_user.as_ref().map(EndUser::to_json),
        })
    }

    /// The credentials as returned, without the refresh token unless asked for.
    pub fn credentials_json(&self, with_refresh_token: bool) -> Value {
        let mut c = self.credentials.clone();
        if !with_refresh_token {
            if let Some(m) = c.as_object_mut() {
                m.remove("refresh_token");
                if let Some(Value::Object(raw)) = m.get_mut("raw") {
                    raw.remove("refresh_token");
                }
            }
        }
        c
    }

    /// JSON as `ConnectionFull`.
    pub fn full_json(&self, with_refresh_token: bool) -> Value {
        json!({
            "id": self.id,
            "connection_id": self.connection_id,
            "provider_config_key": self.provider_config_key,
            "provider": self.provider,
            "errors": [],
            "end_user": self.end_user.as_ref().map(EndUser::to_json),
            "metadata": self.metadata,
            "connection_config": self.connection_config,
            "tags": self.tags,
            "webhook_url_override": self.webhook_url_override,
            "created_at": iso_ms(self.created_ms),
            "updated_at": iso_ms(self.updated_ms),
            "last_fetched_at": self.last_fetched_ms.map(iso_ms),
            "credentials": self.credentials_json(with_refresh_token),
        })
    }

    /// Whether a search string matches (connection id or end user profile, case-insensitive).
    pub fn matches_search(&self, s: &str) -> bool {
        let s = s.to_lowercase();
        let mut fields = vec![self.connection_id.to_lowercase()];
        for k in ["end_user_id", "end_user_email", "end_user_display_name"] {
            if let Some(v) = self.tags.get(k) {
                fields.push(v.to_lowercase());
            }
        }
        if let Some(eu) = &self.end_user {
            fields.push(eu.id.to_lowercase());
            fields.extend(eu.email.iter().map(|e| e.to_lowercase()));
            fields.extend(eu.display_name.iter().map(|e| e.to_lowercase()));
        }
        fields.iter().any(|f| f.contains(&s))
    }
}

/// State of one sync of one connection.
#[derive(Debug, Clone)]
pub struct SyncState {
    /// Id.
    pub id: String,
    /// `RUNNING`, `PAUSED`, `STOPPED`, `SUCCESS`, `ERROR`.
    pub status: String,
    /// Frequency override.
    pub frequency: Option<String>,
    /// Record sequence reached at the last run, per model.
    pub seen: HashMap<String, u64>,
    /// Runs so far.
    pub runs: u64,
    /// Last completed run (ms).
    pub finished_ms: Option<i64>,
    /// Latest result per model.
    pub latest_result: Value,
    /// Checkpoint.
    pub checkpoint: Value,
    /// Created through the variant endpoint.
    pub is_custom_variant: bool,
}

impl Default for SyncState {
    fn default() -> Self {
        SyncState {
            id: uuid::Uuid::new_v4().to_string(),
            status: "STOPPED".into(),
            frequency: None,
            seen: HashMap::new(),
            runs: 0,
            finished_ms: None,
            latest_result: json!({}),
            checkpoint: Value::Null,
            is_custom_variant: false,
        }
    }
}

/// A connect session.
#[derive(Debug, Clone)]
pub struct ConnectSession {
    /// Environment.
    pub env_id: i64,
    /// Creation time (ms).
    pub created_ms: i64,
    /// Expiry (ms).
    pub expires_ms: i64,
    /// End user.
    pub end_user: Option<EndUser>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// Allowed integrations.
    pub allowed_integrations: Option<Vec<String>>,
    /// Per-integration defaults.
    pub integrations_config_defaults: Option<Value>,
    /// Per-integration overrides.
    pub overrides: Option<Value>,
    /// Reconnect target (connection id, integration id).
    pub reconnect: Option<(String, String)>,
    /// Webhook URL for the created connection.
    pub webhook_url_override: Option<String>,
}

/// Outcome of an async action.
#[derive(Debug, Clone)]
pub enum AsyncStatus {
    /// Still running.
    Running,
    /// Finished with this output.
    Done(Value),
    /// Failed with this status and body.
    Failed(u16, Value),
}

/// An async action run.
#[derive(Debug, Clone)]
pub struct AsyncAction {
    /// Environment.
    pub env_id: i64,
    /// Status.
    pub status: AsyncStatus,
}
