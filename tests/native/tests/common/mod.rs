//! Shared setup: a local Nango server on an ephemeral loopback port and a native
//! client pointed at it.

#![allow(dead_code)]

use std::sync::{mpsc, Mutex};
use std::time::Duration;

use nango::Nango;
use nango_local_server::{LocalServer, ServerConfig};

pub async fn server() -> LocalServer {
    server_with(ServerConfig::default()).await
}

pub async fn server_with(config: ServerConfig) -> LocalServer {
    LocalServer::start(config)
        .await
        .expect("local server starts")
}

pub fn client(server: &LocalServer) -> Nango {
    Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .build()
        .expect("client builds")
}

/// An integration with an API-key provider, created through the API.
pub async fn integration(nango: &Nango, key: &str) {
    let body = serde_json::json!({"provider": "airtable-pat", "unique_key": key});
    let req = nango::request::ApiRequest::post("/integrations", &[])
        .unwrap()
        .json(&body)
        .unwrap();
    nango.execute(&req).await.expect("integration created");
}

/// Registers action `name` on `integration` whose runs each wait for one message on the
/// returned sender (failing after 10 s without one) and then answer their input: a test
/// opens the gate when it has seen what it needs of a run still in progress.
pub fn gated_action(server: &LocalServer, integration: &str, name: &str) -> mpsc::Sender<()> {
    let (open, gate) = mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    server.register_action(integration, name, move |input| {
        gate.lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(10))
            .map_err(|_| "the test did not open the gate".to_string())?;
        Ok(input)
    });
    open
}

/// A client of `server` with this retry policy and per-exchange timeout.
pub fn client_with(
    server: &LocalServer,
    policy: nango::retry::RetryPolicy,
    timeout: Duration,
) -> Nango {
    Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .retry_policy(policy)
        .timeout(Some(timeout))
        .build()
        .unwrap()
}

/// How many `method path` requests the server's record holds.
pub fn count(server: &LocalServer, method: &str, path: &str) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}
