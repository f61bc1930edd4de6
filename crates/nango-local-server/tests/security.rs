//! The server as a hostile web page would try it: the admin API, CORS, cross-origin
//! writes without a preflight, DNS rebinding (a foreign `Host`), and the options that
//! widen what is accepted (`--allow-origin`, `--allow-host`).

mod common;

use std::process::Command;

use common::{err, start, start_with};
use nango_local_server::{Seed, ServerConfig};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const EVIL: &str = "https://evil.example";

#[tokio::test]
async fn the_admin_api_needs_the_api_key() {
    let t = start().await;
    for (method, path) in [
        ("GET", "/_admin/info"),
        ("GET", "/_admin/requests"),
        ("POST", "/_admin/reset"),
        ("POST", "/_admin/faults"),
        ("GET", "/_admin/unknown-route"),
    ] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let r = t.send(t.http.request(m.clone(), t.url(path))).await;
        err(&r, 401, "unauthorized");
        assert!(r.text.contains("Authorization: Bearer"), "{}", r.text);
        let wrong = t
            .http
            .request(m, t.url(path))
            .bearer_auth("7ade7940-683a-438e-899a-6122ad9694fe");
        err(&t.send(wrong).await, 401, "unauthorized");
    }
    let r = t.send(t.admin("GET", "info")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json()["api_key"], t.key.as_str());
    // A key added to the default environment (its id is the first one) is accepted too.
    let r = t
        .json(
            "POST",
            "/environment/api-keys",
            json!({"environment_id": 1, "display_name": "second"}),
        )
        .await;
    let second = r.json()["data"]["secret"].as_str().unwrap().to_string();
    let r = t
        .send(t.http.get(t.url("/_admin/info")).bearer_auth(&second))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn admin_answers_are_never_readable_cross_origin() {
    let t = start().await;
    // Even a loopback page (another dev server on this machine) may not read them.
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        EVIL,
        "null",
    ] {
        let r = t
            .send(t.admin("GET", "info").header("Origin", origin))
            .await;
        err(&r, 403, "forbidden_origin");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
        assert!(!r.text.contains(&t.key), "the key leaked to {origin}");

        let r = t
            .send(
                t.http
                    .request(reqwest::Method::OPTIONS, t.url("/_admin/info"))
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization"),
            )
            .await;
        assert_eq!(r.status, 403, "preflight from {origin}");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
    }
    // Without an Origin (a backend, a test runner) the answer carries no CORS header either.
    let r = t.send(t.admin("GET", "requests")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn cors_allows_loopback_origins_only() {
    let t = start().await;
    let preflight = |origin: &str| {
        t.http
            .request(reqwest::Method::OPTIONS, t.url("/connections"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "authorization,content-type",
            )
    };
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "http://localhost",
        "http://127.0.0.2:1234",
    ] {
        let r = t.send(preflight(origin)).await;
        assert_eq!(r.status, 204, "{origin}");
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some(origin)
        );
        assert!(r
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST"));
        assert_eq!(
            r.header("access-control-allow-headers").as_deref(),
            Some("authorization,content-type")
        );
        assert!(r.header("vary").unwrap().to_lowercase().contains("origin"));

        let r = t
            .send(t.req("GET", "/integrations").header("Origin", origin))
            .await;
        assert_eq!(r.status, 200, "{origin}: {}", r.text);
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some(origin)
        );
        assert!(r.header("access-control-expose-headers").is_some());
    }
    for origin in [
        EVIL,
        "http://evil.example:8080",
        "null",
        "http://localhost.evil.example",
        "http://127.0.0.1.nip.io:3003",
        "http://user@localhost:80",
        "file://",
        "not an origin",
    ] {
        let r = t.send(preflight(origin)).await;
        assert_eq!(r.status, 403, "preflight from {origin}");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
        let r = t
            .send(t.req("GET", "/integrations").header("Origin", origin))
            .await;
        err(&r, 403, "forbidden_origin");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
    }
    // No Origin (not a browser): no CORS headers, the answer as usual.
    let r = t.get("/integrations").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn simple_cross_origin_writes_are_refused() {
    let t = start().await;
    t.json(
        "POST",
        "/integrations",
        json!({"unique_key": "temp", "provider": "github"}),
    )
    .await;
    let uuid = t.server.environment_uuid();
    // What a page can send without a preflight: text/plain, form-encoded, no credentials.
    let simple = [
        ("/_admin/reset", "text/plain", "{}"),
        (
            "/_admin/faults",
            "text/plain",
            r#"{"path":"/","kind":"status","status":500}"#,
        ),
        (
            "/_admin/webhook-url",
            "text/plain",
            r#"{"url":"http://127.0.0.1:9/x"}"#,
        ),
        (
            "/connect-ui/complete",
            "application/x-www-form-urlencoded",
            "session_token=x&integration=github",
        ),
        (&format!("/webhook/{uuid}/unauth"), "text/plain", "{}"),
    ];
    for (path, ct, body) in simple {
        for origin in [EVIL, "null"] {
            let r = t
                .send(
                    t.http
                        .post(t.url(path))
                        .header("Origin", origin)
                        .header("Content-Type", ct)
                        .body(body),
                )
                .await;
            err(&r, 403, "forbidden_origin");
            assert_eq!(r.header("access-control-allow-origin"), None);
        }
    }
    // Nothing changed: the integration is there, no fault fires, no webhook URL was set.
    assert_eq!(t.get("/integrations/temp").await.status, 200);
    assert_eq!(t.get("/providers").await.status, 200);
    let info = t.send(t.admin("GET", "info")).await.json();
    assert_eq!(info["webhook_urls"], json!([]));
    // The foreign requests were refused before anything, recording included.
    assert!(t
        .server
        .requests()
        .iter()
        .all(|r| r.header("origin").is_none()));
}

#[tokio::test]
async fn allow_origin_adds_origins() {
    let t = start_with(
        ServerConfig::default()
            .seed(Seed::demo())
            .allow_origin("https://app.example.com/"),
    )
    .await;
    let r = t
        .send(
            t.req("GET", "/integrations")
                .header("Origin", "https://app.example.com"),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("https://app.example.com")
    );
    let r = t
        .send(
            t.req("GET", "/integrations")
                .header("Origin", "https://other.example.com"),
        )
        .await;
    err(&r, 403, "forbidden_origin");
    // The admin API stays closed to every origin.
    let r = t
        .send(
            t.admin("GET", "info")
                .header("Origin", "https://app.example.com"),
        )
        .await;
    err(&r, 403, "forbidden_origin");

    let e = nango_local_server::LocalServer::start(
        ServerConfig::default().allow_origin("app.example.com"),
    )
    .await
    .err()
    .expect("an origin without a scheme is refused");
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(e.to_string().contains("app.example.com"), "{e}");
}

#[tokio::test]
async fn a_foreign_host_is_refused() {
    let t = start().await;
    let port = t.server.addr().port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        "10.0.0.1".to_string(),
        format!("[::ffff:a00:1]:{port}"),
    ] {
        let r = t
            .send(t.req("GET", "/integrations").header("Host", &host))
            .await;
        err(&r, 421, "invalid_host");
        assert_eq!(r.header("access-control-allow-origin"), None, "{host}");
        let r = t.send(t.admin("GET", "info").header("Host", &host)).await;
        err(&r, 421, "invalid_host");
        assert!(!r.text.contains(&t.key));
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        let r = t
            .send(t.req("GET", "/integrations").header("Host", &host))
            .await;
        assert_eq!(r.status, 200, "{host}: {}", r.text);
    }
    // HTTP/1.0 without a Host header: refused as well.
    let mut s = tokio::net::TcpStream::connect(t.server.addr())
        .await
        .unwrap();
    s.write_all(b"GET /health HTTP/1.0\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.0 421"), "{answer}");
}

#[tokio::test]
async fn allow_host_accepts_a_named_host() {
    let t = start_with(ServerConfig::default().allow_host("nango-dev")).await;
    let port = t.server.addr().port();
    for host in [format!("nango-dev:{port}"), "NANGO-DEV".to_string()] {
        let r = t
            .send(t.req("GET", "/integrations").header("Host", &host))
            .await;
        assert_eq!(r.status, 200, "{host}: {}", r.text);
    }
    let r = t
        .send(
            t.req("GET", "/integrations")
                .header("Host", format!("nango-dev.evil.example:{port}")),
        )
        .await;
    err(&r, 421, "invalid_host");
    // The page the server serves on that name may post to itself (same origin).
    let r = t
        .send(
            t.http
                .post(t.url("/connect-ui/complete"))
                .header("Host", format!("nango-dev:{port}"))
                .header("Origin", format!("http://nango-dev:{port}"))
                .form(&[("session_token", "x"), ("integration", "github")]),
        )
        .await;
    assert_ne!(r.status, 403, "{}", r.text);
}

#[test]
fn the_binary_takes_the_security_options() {
    let (mut child, line) = common::spawn_binary(&[
        "--port",
        "0",
        "--allow-origin",
        "https://app.example.com",
        "--allow-host=nango-dev",
        "--max-body-bytes",
        "1000",
    ]);
    let base = line.split_whitespace().nth(2).unwrap().to_string();
    let key = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("api_key="))
        .unwrap()
        .to_string();
    let port = base.rsplit(':').next().unwrap().to_string();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let statuses = rt.block_on(async {
        let http = reqwest::Client::new();
        let get = |origin: &str, host: String| {
            http.get(format!("{base}/integrations"))
                .bearer_auth(&key)
                .header("Origin", origin)
                .header("Host", host)
                .send()
        };
        let allowed = get("https://app.example.com", format!("nango-dev:{port}"))
            .await
            .unwrap();
        let origin = allowed
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_string());
        let refused = get(EVIL, format!("127.0.0.1:{port}")).await.unwrap();
        let too_big = http
            .post(format!("{base}/integrations"))
            .bearer_auth(&key)
            .header("Content-Type", "application/json")
            .body(vec![b' '; 2000])
            .send()
            .await
            .unwrap();
        (
            allowed.status().as_u16(),
            origin,
            refused.status().as_u16(),
            too_big.status().as_u16(),
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        statuses,
        (200, Some("https://app.example.com".to_string()), 403, 413)
    );
}

#[test]
fn the_readme_says_what_is_protected_and_what_is_not() {
    let readme = include_str!("../README.md");
    let security = readme
        .split("\n## Security\n")
        .nth(1)
        .expect("a Security section in the crate's README");
    let security = security.split("\n## ").next().unwrap_or(security);
    let security = security.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "not a production server",
        "What it does **not** protect against",
        "DNS rebinding",
        "forbidden_origin",
        "payload_too_large",
        "tests/fuzz.rs",
    ] {
        assert!(security.contains(needle), "Security section: no {needle:?}");
    }
    // Every option of the binary is documented.
    let out = Command::new(env!("CARGO_BIN_EXE_nango-local-server"))
        .arg("--help")
        .output()
        .unwrap();
    let usage = String::from_utf8(out.stdout).unwrap();
    let flags: Vec<&str> = usage
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--"))
        .collect();
    assert!(flags.len() >= 11, "{usage}");
    for flag in flags {
        assert!(readme.contains(flag), "README: {flag} is not documented");
    }
}
