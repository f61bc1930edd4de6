//! An in-memory, faithful fake of the [Nango](https://nango.dev) public HTTP API, for
//! offline development and end-to-end tests.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use nango_local_server::{LocalServer, ServerConfig, Seed};
//! let server = LocalServer::start(ServerConfig::default().seed(Seed::demo())).await?;
//! println!("{} {}", server.base_url(), server.api_key());
//! server.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Besides Nango's API, the server answers an admin API under `/_admin/` (requests log,
//! faults, records seeding, reset, webhook URL, webhook deliveries), which needs the
//! server's API key and answers no cross-origin page. The server answers only loopback
//! `Host`s and, from browsers, loopback origins (more with [`ServerConfig::allow_host`]
//! and [`ServerConfig::allow_origin`]): see [`security`] and the crate's README, Security.

#![deny(missing_docs)]

pub mod admin;
pub mod auth;
pub mod catalogue;
pub mod config;
pub mod credentials;
pub mod error;
pub mod faults;
pub mod ratelimit;
pub mod recorder;
pub mod recordstore;
pub mod routes;
pub mod security;
pub mod server;
pub mod state;
pub mod time;
pub mod validate;
pub mod webhooks;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{EnvVar, Seed, SeedConnection, SeedIntegration, SeedRecords, ServerConfig};
pub use faults::{Fault, FaultKind};
pub use recorder::RecordedRequest;
pub use webhooks::WebhookDelivery;

// The README's examples are compiled (and run, unless marked `no_run`) with the doc
// tests, so that what a reader copies builds.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}

use crate::routes::connections::{merged_tags, upsert_connection, NewConnection};
use crate::state::{lock, ApiKey, App, Environment, FnKind, Function, Shared, State};
use crate::time::now_ms;

/// A running local Nango server.
pub struct LocalServer {
    app: App,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    background: Option<std::thread::JoinHandle<()>>,
}

fn invalid(msg: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, msg.into())
}

/// Builds the initial data from a configuration.
fn build_state(config: &ServerConfig, api_key: &str, signing_key: &str) -> Result<State, String> {
    let mut st = State::default();
    let env_id = st.id();
    let key_id = st.id();
    let mut env = Environment::new(
        env_id,
        "dev",
        ApiKey {
            id: key_id,
            display_name: "default".into(),
            secret: api_key.to_string(),
            created_ms: now_ms(),
        },
        signing_key.to_string(),
    );
    env.webhook_urls = config.webhook_url.iter().cloned().collect();
    st.envs.push(env);
    if let Some(seed) = &config.seed {
        apply_seed(&mut st, env_id, seed)?;
    }
    Ok(st)
}

fn apply_seed(st: &mut State, env_id: i64, seed: &Seed) -> Result<(), String> {
    for i in &seed.integrations {
        routes::integrations::insert_integration(
            st,
            env_id,
            &i.unique_key,
            &i.provider,
            i.display_name.as_deref(),
            i.credentials.clone(),
            i.forward_webhooks,
        )
        .map_err(|e| format!("seed integration {}: {}", i.unique_key, e.body))?;
    }
    for c in &seed.connections {
        let auth_mode = st
            .env(env_id)
            .and_then(|e| e.integration(&c.provider_config_key))
            .and_then(|i| catalogue::get(&i.provider))
            .map(|p| p.auth_mode)
            .ok_or_else(|| {
                format!(
                    "seed connection {}: unknown integration {}",
                    c.connection_id, c.provider_config_key
                )
            })?;
        let creds = match &c.credentials {
            Some(v) => {
                let mut issues = Vec::new();
                let out = credentials::from_import(v, auth_mode, &mut issues);
                if !issues.is_empty() {
                    return Err(format!(
                        "seed connection {}: {}",
                        c.connection_id,
                        issues
                            .iter()
                            .map(|i| i.message.clone())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ));
                }
                out
            }
            None => None,
        };
        let end_user = c.end_user.as_ref().and_then(|v| {
            let wrapped = json!({ "end_user": v });
            let mut chk = validate::Check::new(&wrapped);
            routes::connections::parse_end_user(&mut chk)
        });
        let tags = c
            .tags
            .clone()
            .map(|t| t.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect());
        upsert_connection(
            st,
            env_id,
            NewConnection {
                provider_config_key: c.provider_config_key.clone(),
                connection_id: Some(c.connection_id.clone()),
                credentials: creds,
                metadata: c.metadata.clone().unwrap_or_default(),
                connection_config: c.connection_config.clone().unwrap_or_default(),
                tags: merged_tags(end_user.as_ref(), tags),
                end_user,
                webhook_url_override: None,
            },
        )
        .map_err(|e| format!("seed connection {}: {}", c.connection_id, e.body))?;
    }
    let env = st.env_mut(env_id).ok_or("no environment")?;
    for r in &seed.records {
        seed_into(
            env,
            &r.provider_config_key,
            &r.connection_id,
            &r.model,
            r.variant.as_deref(),
            r.records.clone(),
            r.generate.unwrap_or(0),
            &[],
        )
        .map_err(|i| format!("seed records {}: record {i} has no id", r.model))?;
    }
    for v in &seed.environment_variables {
        env.env_vars.push((v.name.clone(), v.value.clone()));
    }
    Ok(())
}

/// Adds, generates and deletes records of one model of one connection; registers a sync
/// returning the model on the integration when none does. Returns counts, or the index of
/// a record without an `id`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn seed_into(
    env: &mut Environment,
    pck: &str,
    cid: &str,
    model: &str,
    variant: Option<&str>,
    records: Vec<Value>,
    generate: u64,
    delete_ids: &[String],
) -> Result<Value, usize> {
    let key = (
        pck.to_string(),
        cid.to_string(),
        model.to_string(),
        variant.unwrap_or("base").to_string(),
    );
    let set = env.records.entry(key).or_default();
    let changes = set.upsert(records)?;
    set.generate(generate);
    let deleted = set.delete(delete_ids);
    let total = set.total_count();
    if let Some(integ) = env.integration_mut(pck) {
        let has = integ
            .functions
            .iter()
            .any(|f| f.kind == FnKind::Sync && f.returns.iter().any(|m| m == model));
        if !has {
            let name = format!("{}s", model.to_lowercase());
            if integ.sync(&name).is_none() {
                let id = 100_000 + integ.functions.len() as i64;
                integ.functions.push(Function::new(
                    id,
                    &name,
                    FnKind::Sync,
                    &format!("Syncs {model} records"),
                    &[model],
                ));
            } else if let Some(f) = integ
                .functions
                .iter_mut()
                .find(|f| f.kind == FnKind::Sync && f.name == name)
            {
                f.returns.push(model.to_string());
            }
        }
    }
    Ok(json!({
        "added": changes.added + generate,
        "updated": changes.updated,
        "deleted": deleted,
        "total": total,
    }))
}

/// Restores the initial data, API key, webhook signing key and environment UUID (whatever
/// was created, deleted or rotated since), clearing requests, faults and webhook log.
pub(crate) fn reset_app(app: &App) -> Result<(), String> {
    let mut fresh = build_state(&app.config, &app.initial_api_key, &app.initial_signing_key)?;
    if let Some(env) = fresh.envs.first_mut() {
        env.uuid = app.initial_env_uuid.clone();
    }
    *app.st() = fresh;
    app.recorder.clear();
    app.faults.clear();
    app.webhook_log.clear();
    app.limiter.reset();
    Ok(())
}

impl LocalServer {
    /// Binds `127.0.0.1` (port from the config, ephemeral by default) and serves in a task.
    pub async fn start(config: ServerConfig) -> std::io::Result<LocalServer> {
        let api_key = match &config.api_key {
            Some(k) if auth::is_uuid_v4(k) => k.clone(),
            Some(k) => return Err(invalid(format!("api key {k:?} is not a UUID v4"))),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let signing_key = config
            .webhook_signing_key
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let host: IpAddr = config
            .host
            .as_deref()
            .unwrap_or("127.0.0.1")
            .parse()
            .map_err(|_| invalid("host must be an IP address"))?;
        if !host.is_loopback() {
            return Err(invalid("only loopback hosts are allowed"));
        }
        let access = security::Access::new(&config.allowed_origins, &config.allowed_hosts)
            .map_err(|e| invalid(e.to_string()))?;
        let max_body = config.max_body_bytes.unwrap_or(server::BODY_LIMIT);
        let max_json = config
            .max_json_bytes
            .unwrap_or(validate::JSON_BODY_LIMIT)
            .min(max_body);
        let bind = SocketAddr::new(host, config.port);
        // The address in the message: "address in use" alone does not say which port.
        let listener = TcpListener::bind(bind)
            .await
            .map_err(|e| std::io::Error::new(e.kind(), format!("{bind}: {e}")))?;
        let addr = listener.local_addr()?;
        let state = build_state(&config, &api_key, &signing_key).map_err(invalid)?;
        let initial_env_uuid = state
            .envs
            .first()
            .map(|e| e.uuid.clone())
            .unwrap_or_default();
        let http = reqwest::Client::builder()
            .build()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let host_str = match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        let app: App = Arc::new(Shared {
            state: Mutex::new(state),
            recorder: recorder::Recorder::new(config.max_recorded_requests.unwrap_or(100_000)),
            faults: faults::Faults::default(),
            limiter: ratelimit::RateLimiter::new(
                config.rate_limit.unwrap_or(ratelimit::DEFAULT_LIMIT),
            ),
            webhook_log: webhooks::WebhookLog::default(),
            handlers: Mutex::new(HashMap::new()),
            http,
            base_url: format!("http://{host_str}:{}", addr.port()),
            config,
            access,
            initial_api_key: api_key,
            initial_signing_key: signing_key,
            initial_env_uuid,
            max_body,
            max_json,
        });
        let (tx, rx) = watch::channel(false);
        let router = server::router(app.clone());
        let task = tokio::spawn(server::serve(listener, router, rx));
        Ok(LocalServer {
            app,
            addr,
            shutdown: tx,
            task: Some(task),
            background: None,
        })
    }

    /// Starts the server on its own thread and Tokio runtime (2 workers), for synchronous
    /// callers or to keep server work off the caller's runtime. Dropping the handle stops it.
    pub fn start_in_background(config: ServerConfig) -> std::io::Result<LocalServer> {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("nango-local-server".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                rt.block_on(async move {
                    match LocalServer::start(config).await {
                        Ok(mut server) => {
                            let task = server.task.take();
                            let _ = tx.send(Ok(server));
                            if let Some(t) = task {
                                let _ = t.await;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                });
            })?;
        let mut server = rx
            .recv()
            .map_err(|_| std::io::Error::other("server thread ended before starting"))??;
        server.background = Some(thread);
        Ok(server)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.app.base_url.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The default environment's API key (UUID v4).
    pub fn api_key(&self) -> String {
        let st = self.app.st();
        st.envs
            .first()
            .and_then(|e| e.api_keys.first())
            .map(|k| k.secret.clone())
            .unwrap_or_default()
    }

    /// The default environment's current webhook signing key.
    pub fn webhook_signing_key(&self) -> String {
        self.app
            .st()
            .envs
            .first()
            .map(|e| e.signing_key())
            .unwrap_or_default()
    }

    /// The default environment's UUID (used in `/webhook/{uuid}/{integration}` URLs).
    pub fn environment_uuid(&self) -> String {
        self.app
            .st()
            .envs
            .first()
            .map(|e| e.uuid.clone())
            .unwrap_or_default()
    }

    /// Every request received so far (except `/_admin/` calls and CORS preflights).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.app.recorder.all()
    }

    /// Forgets recorded requests.
    pub fn clear_requests(&self) {
        self.app.recorder.clear();
    }

    /// Adds a fault rule.
    pub fn inject_fault(&self, fault: Fault) {
        self.app.faults.add(fault);
    }

    /// Removes all fault rules.
    pub fn clear_faults(&self) {
        self.app.faults.clear();
    }

    /// Registers an action handler for an integration; it takes precedence over built-ins
    /// and is listed among the integration's functions.
    pub fn register_action(
        &self,
        integration: &str,
        name: &str,
        handler: impl Fn(Value) -> Result<Value, String> + Send + Sync + 'static,
    ) {
        lock(&self.app.handlers).insert(
            (integration.to_string(), name.to_string()),
            Arc::new(handler),
        );
        let mut st = self.app.st();
        let id = st.id();
        for env in st.envs.iter_mut() {
            if let Some(i) = env.integration_mut(integration) {
                if !i
                    .functions
                    .iter()
                    .any(|f| f.kind == FnKind::Action && f.name == name)
                {
                    i.functions.push(Function::new(
                        id,
                        name,
                        FnKind::Action,
                        "Registered action",
                        &[],
                    ));
                }
            }
        }
    }

    /// How many times an action ran for an integration (retries of async actions included).
    pub fn action_count(&self, integration: &str, name: &str) -> u64 {
        self.app
            .st()
            .action_counts
            .get(&(integration.to_string(), name.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Adds (or updates, by `id`) records of a model of a connection in the default
    /// environment. Records without an `id` are skipped.
    pub fn seed_records(
        &self,
        integration: &str,
        connection_id: &str,
        model: &str,
        variant: Option<&str>,
        records: Vec<Value>,
    ) {
        let records: Vec<Value> = records
            .into_iter()
            .filter(|r| recordstore::record_id(r).is_some())
            .collect();
        let mut st = self.app.st();
        if let Some(env) = st.envs.first_mut() {
            let _ = seed_into(
                env,
                integration,
                connection_id,
                model,
                variant,
                records,
                0,
                &[],
            );
        }
    }

    /// Appends `n` synthetic records (`{id: "gen-<i>", name, index}`) in O(1) memory.
    pub fn generate_records(
        &self,
        integration: &str,
        connection_id: &str,
        model: &str,
        variant: Option<&str>,
        n: u64,
    ) {
        let mut st = self.app.st();
        if let Some(env) = st.envs.first_mut() {
            let _ = seed_into(
                env,
                integration,
                connection_id,
                model,
                variant,
                Vec::new(),
                n,
                &[],
            );
        }
    }

    /// Marks records as deleted.
    pub fn delete_records(
        &self,
        integration: &str,
        connection_id: &str,
        model: &str,
        variant: Option<&str>,
        ids: &[&str],
    ) {
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        let mut st = self.app.st();
        if let Some(env) = st.envs.first_mut() {
            let _ = seed_into(
                env,
                integration,
                connection_id,
                model,
                variant,
                Vec::new(),
                0,
                &ids,
            );
        }
    }

    /// Webhook deliveries so far (with their attempts and results).
    pub fn webhook_deliveries(&self) -> Vec<WebhookDelivery> {
        self.app.webhook_log.all()
    }

    /// Forgets webhook deliveries.
    pub fn clear_webhook_deliveries(&self) {
        self.app.webhook_log.clear();
    }

    /// Sets (or clears) the default environment's webhook URL.
    pub fn set_webhook_url(&self, url: Option<&str>) {
        if let Some(env) = self.app.st().envs.first_mut() {
            env.webhook_urls = url.map(|u| vec![u.to_string()]).unwrap_or_default();
        }
    }

    /// Changes the rate limit (and starts a fresh window).
    pub fn set_rate_limit(&self, per_minute: u32) {
        self.app.limiter.set_limit(per_minute);
        self.app.limiter.reset();
    }

    /// Restores the initial data and clears requests, faults and webhook deliveries.
    pub fn reset(&self) {
        if let Err(e) = reset_app(&self.app) {
            tracing::warn!("reset failed: {e}");
        }
    }

    /// Stops serving and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        if let Some(bg) = self.background.take() {
            let _ = tokio::task::spawn_blocking(move || bg.join()).await;
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
