//! Bounded memory: request bodies are read within a limit and released when their requests
//! end. The server runs as its own process (the binary), so that its resident set size is
//! its own: measured from /proc/PID/status before and after a series of 50 MB requests to
//! routes that keep nothing of them.

mod common;

use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use nango_local_server::ServerConfig;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Size of each large body.
const LARGE: usize = 50 * 1024 * 1024;
/// How much the server may keep after the series: the request log's share of the bodies
/// (1 MiB each) and allocator slack, far below one body.
const KEPT_MAX: u64 = 48 * 1024 * 1024;

struct Server {
    child: Child,
    base: String,
    key: String,
}

impl Server {
    fn start() -> Server {
        let (child, line) = common::spawn_binary(&["--port", "0", "--seed", "demo"]);
        let word = |prefix: &str| {
            line.split_whitespace()
                .find_map(|w| w.strip_prefix(prefix))
                .unwrap_or_else(|| panic!("no {prefix} in {line:?}"))
                .to_string()
        };
        let base = format!("http://{}", word("http://"));
        let key = word("api_key=");
        Server { child, base, key }
    }

    /// Resident set size, in bytes.
    fn rss(&self) -> u64 {
        rss_of(self.child.id())
    }

    /// Samples the RSS every few milliseconds (in a thread) until `peak` is read.
    fn sample_peak(&self) -> Peak {
        let (pid, stop, max) = (
            self.child.id(),
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicU64::new(0)),
        );
        let (stop2, max2) = (stop.clone(), max.clone());
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                max2.fetch_max(rss_of(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        Peak { stop, max, thread }
    }
}

/// `VmRSS` of /proc/PID/status, in bytes.
fn rss_of(pid: u32) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status (Linux)");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kb * 1024
}

struct Peak {
    stop: Arc<AtomicBool>,
    max: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl Peak {
    fn peak(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        self.max.load(Ordering::Relaxed)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mib(bytes: u64) -> u64 {
    bytes >> 20
}

/// The default environment's UUID (for provider webhook URLs).
async fn uuid(server: &Server) -> String {
    let info: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/_admin/info", server.base))
        .bearer_auth(&server.key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    info["environment_uuid"].as_str().unwrap().to_string()
}

/// An upstream for the proxy that reads whole bodies of any size (counting them, keeping
/// nothing) and answers their size.
async fn counting_upstream() -> String {
    use axum::body::Body;
    use futures_util::StreamExt;
    let app = axum::Router::new().fallback(|body: Body| async move {
        let mut stream = body.into_data_stream();
        let mut n = 0usize;
        while let Some(Ok(chunk)) = stream.next().await {
            n += chunk.len();
        }
        format!("{{\"received\":{n}}}")
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_bodies_are_released_after_their_requests() {
    let server = Server::start();
    let upstream = counting_upstream().await;
    let http = reqwest::Client::new();
    let post = |path: &str, ct: &str, body: Vec<u8>| {
        http.post(format!("{}{path}", server.base))
            .bearer_auth(&server.key)
            .header("Content-Type", ct)
            .header("Connection-Id", "demo-github")
            .header("Provider-Config-Key", "github")
            .header("Base-Url-Override", &upstream)
            .body(body)
    };
    // Warm up every path the series takes, so that the baseline holds what they allocate
    // once (the proxy's HTTP client, the allocator's arenas of both worker threads).
    for _ in 0..4 {
        for path in [
            "/integrations",
            "/proxy/upload",
            "/nowhere",
            "/_admin/records",
        ] {
            post(path, "application/json", b"{}".to_vec())
                .send()
                .await
                .unwrap();
        }
    }
    let before = server.rss();

    // A JSON document carrying one 50 MB string: over the JSON limit (2 MiB), refused.
    let mut doc = br#"{"unique_key":"big","provider":"no-such-provider","display_name":""#.to_vec();
    doc.resize(doc.len() + LARGE, b'x');
    doc.extend_from_slice(br#""}"#);
    // Just under the JSON limit, a document of many small values: parsed (some 100 MB of
    // small allocations), then refused (no such provider, display_name not a string).
    let mut many = br#"{"unique_key":"big","provider":"x","display_name":["#.to_vec();
    while many.len() < 2 * 1024 * 1024 - 100 {
        many.extend_from_slice(br#"{"a":[1,"b"]},"#);
    }
    many.extend_from_slice(br#"{}]}"#);
    let garbage = vec![b'{'; LARGE];
    let webhook = format!("/webhook/{}/github", uuid(&server).await);
    let series: Vec<(&str, &str, &Vec<u8>)> = vec![
        ("/integrations", "application/json", &doc),
        ("/proxy/upload", "application/octet-stream", &garbage),
        ("/proxy/upload", "application/json", &doc),
        ("/nowhere", "text/plain", &garbage),
        (&webhook, "text/plain", &garbage),
        ("/_admin/records", "application/json", &doc),
        (
            "/connect-ui/complete",
            "application/x-www-form-urlencoded",
            &garbage,
        ),
        ("/connections", "application/json", &garbage),
        ("/integrations", "application/json", &many),
        ("/integrations", "application/json", &many),
        ("/connections/metadata", "application/json", &many),
        ("/_admin/records", "application/json", &many),
    ];
    let sampler = server.sample_peak();
    for (path, ct, body) in &series {
        let r = post(path, ct, body.to_vec()).send().await.unwrap();
        assert!(
            r.status().is_client_error() || r.status().is_success(),
            "{path}: {}",
            r.status()
        );
        r.bytes().await.unwrap();
    }
    // Over the limit (64 MiB by default): refused from the declared length, unread.
    for _ in 0..2 {
        let r = post(
            "/integrations",
            "application/json",
            vec![b' '; 80 * 1024 * 1024],
        )
        .send()
        .await;
        if let Ok(r) = r {
            assert_eq!(r.status(), 413);
        }
    }
    // The server is fine and answers as before.
    let r = http
        .get(format!("{}/integrations", server.base))
        .bearer_auth(&server.key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let peak = sampler.peak();
    // What is freed is given back when the requests' tasks end: wait (bounded) for it.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut after = server.rss();
    while after > before + KEPT_MAX && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = server.rss();
    }
    println!(
        "server RSS: {} MiB before, {} MiB peak, {} MiB after {} large requests and 2 over the limit",
        mib(before),
        mib(peak),
        mib(after),
        series.len()
    );
    assert!(
        after <= before + KEPT_MAX,
        "the server kept {} MiB after the requests ended ({} MiB before, {} MiB after)",
        mib(after.saturating_sub(before)),
        mib(before),
        mib(after)
    );
}

/// Sends raw HTTP/1.1 and returns the status line of the answer.
async fn raw(addr: std::net::SocketAddr, head: &str, body: &[u8]) -> String {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(head.as_bytes()).await.unwrap();
    // The server may answer (and close) before the body is all sent: that is the point.
    let _ = s.write_all(body).await;
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    text.lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let t = common::start_with(ServerConfig::default().max_body_bytes(1000)).await;
    let addr = t.server.addr();
    let key = &t.key;
    // Declared too large: refused before the body is sent at all.
    let head = format!(
        "POST /integrations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n"
    );
    assert_eq!(
        raw(addr, &head, b"").await,
        "HTTP/1.1 413 Payload Too Large"
    );
    // Chunked, no length: refused once the limit is passed.
    let head = format!(
        "POST /integrations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let chunk = format!("400\r\n{}\r\n", " ".repeat(0x400));
    let body = format!("{chunk}{chunk}0\r\n\r\n");
    assert_eq!(
        raw(addr, &head, body.as_bytes()).await,
        "HTTP/1.1 413 Payload Too Large"
    );
    // The admin API has the same limit.
    let r = t
        .send(t.admin("POST", "records").body(vec![b' '; 1001]))
        .await;
    common::err(&r, 413, "payload_too_large");
    // At the limit: read, and answered by the route.
    let mut body = json!({"unique_key": "k", "provider": "github"}).to_string();
    body.push_str(&" ".repeat(1000 - body.len()));
    let r = t
        .send(
            t.req("POST", "/integrations")
                .header("Content-Type", "application/json")
                .body(body),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // JSON bodies have their own limit (2 MiB by default), which can be raised.
    let mut body = json!({"unique_key": "k", "provider": "github"}).to_string();
    body.push_str(&" ".repeat(3 * 1024 * 1024));
    let size = body.len();
    let t = common::start_with(ServerConfig::default()).await;
    let json = |t: &common::T| {
        t.req("POST", "/integrations")
            .header("Content-Type", "application/json")
            .body(body.clone())
    };
    let r = t.send(json(&t)).await;
    common::err(&r, 413, "payload_too_large");
    let t = common::start_with(ServerConfig::default().max_json_bytes(4 * 1024 * 1024)).await;
    let r = t.send(json(&t)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let recorded = t.server.requests();
    let last = recorded.last().unwrap();
    assert_eq!(last.body_size, size);
    assert_eq!(
        last.body.len(),
        nango_local_server::recorder::RECORDED_BODY_MAX
    );
}
