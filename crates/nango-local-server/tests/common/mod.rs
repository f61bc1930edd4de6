//! Shared helpers for the HTTP tests: a started server, a client, and a webhook sink.
#![allow(dead_code)]

use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::any;
use axum::Router;
use nango_local_server::{LocalServer, Seed, ServerConfig};
use serde_json::{json, Value};

pub struct T {
    pub server: LocalServer,
    pub http: reqwest::Client,
    pub base: String,
    pub key: String,
}

pub async fn start_with(cfg: ServerConfig) -> T {
    let server = LocalServer::start(cfg).await.expect("server starts");
    let base = server.base_url();
    let key = server.api_key();
    T {
        server,
        http: reqwest::Client::new(),
        base,
        key,
    }
}

/// A server with `github` (OAUTH2), `airtable` (API_KEY), `mailgun` (BASIC), `unauth`
/// (NONE) and `twitter` (OAUTH1) integrations, and one connection on each.
pub async fn start() -> T {
    let seed = Seed::new()
        .integration("github", "github")
        .integration("airtable", "airtable-pat")
        .integration("mailgun", "mailgun")
        .integration("unauth", "unauthenticated")
        .integration("twitter", "twitter")
        .connection("github", "gh-1")
        .connection_with_credentials(
            "airtable",
            "at-1",
            json!({"type": "API_KEY", "apiKey": "pat-secret"}),
        )
        .connection_with_credentials(
            "mailgun",
            "mg-1",
            json!({"type": "BASIC", "username": "api", "password": "pw"}),
        )
        .connection("unauth", "un-1")
        .connection("twitter", "tw-1");
    start_with(ServerConfig::default().seed(seed)).await
}

pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn header(&self, n: &str) -> Option<String> {
        self.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

impl T {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn send(&self, rb: reqwest::RequestBuilder) -> Resp {
        let r = rb.send().await.expect("request sent");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap_or_default();
        Resp {
            status,
            headers,
            text,
        }
    }

    pub fn req(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        self.http.request(m, self.url(path)).bearer_auth(&self.key)
    }

    /// A call to the admin API (`/_admin/{path}`), which needs the server's API key.
    pub fn admin(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        self.req(method, &format!("/_admin/{path}"))
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.req("GET", path)).await
    }

    pub async fn json(&self, method: &str, path: &str, body: Value) -> Resp {
        self.send(self.req(method, path).json(&body)).await
    }

    pub async fn conn_req(
        &self,
        method: &str,
        path: &str,
        pck: &str,
        cid: &str,
        body: Option<Value>,
    ) -> Resp {
        let mut rb = self
            .req(method, path)
            .header("Connection-Id", cid)
            .header("Provider-Config-Key", pck);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        self.send(rb).await
    }
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

/// Asserts an error body `{"error":{"code":code,...}}` and returns the `error` object.
pub fn err(r: &Resp, status: u16, code: &str) -> Value {
    assert_eq!(r.status, status, "body: {}", r.text);
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "body: {}", r.text);
    v["error"].clone()
}

#[derive(Clone, Default)]
pub struct Sink {
    pub received: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    pub fail_first: Arc<Mutex<u32>>,
    pub url: String,
}

impl Sink {
    pub async fn start() -> Sink {
        let mut sink = Sink::default();
        let s2 = sink.clone();
        let app = Router::new().fallback(any(move |headers: HeaderMap, body: Bytes| {
            let s = s2.clone();
            async move {
                let mut f = s.fail_first.lock().unwrap();
                if *f > 0 {
                    *f -= 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                s.received.lock().unwrap().push((headers, body));
                StatusCode::OK
            }
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        sink.url = format!("http://{}/hooks", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        sink
    }

    /// Waits (up to 10 s) until at least `n` deliveries arrived; returns them.
    pub async fn wait(&self, n: usize) -> Vec<(HeaderMap, Bytes)> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            {
                let r = self.received.lock().unwrap();
                if r.len() >= n {
                    return r.clone();
                }
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} webhooks within 10 s, got {}",
                self.received.lock().unwrap().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn bodies(&self) -> Vec<Value> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .map(|(_, b)| serde_json::from_slice(b).unwrap())
            .collect()
    }
}

/// Starts the server binary with `args` and returns it with the first line it
/// printed (`listening on http://127.0.0.1:PORT api_key=<key>`).
pub fn spawn_binary(args: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nango-local-server"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
}
