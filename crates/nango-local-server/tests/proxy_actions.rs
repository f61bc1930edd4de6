//! Proxy (header filtering, credential injection, retries, binary pass-through, failures)
//! and actions (built-ins, registered handlers, async).

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
use common::{err, gated_action, start, Sink};
use serde_json::json;

async fn upstream() -> (String, Arc<AtomicU32>) {
    let hits = Arc::new(AtomicU32::new(0));
    let h2 = hits.clone();
    let app = Router::new()
        .route(
            "/binary",
            get(|| async {
                let bytes: Vec<u8> = (0..=255u8).collect();
                (
                    [
                        ("content-type", "application/octet-stream"),
                        ("x-upstream", "yes"),
                    ],
                    bytes,
                )
            }),
        )
        .route(
            "/flaky",
            any(move || {
                let h = h2.clone();
                async move {
                    if h.fetch_add(1, Ordering::SeqCst) < 2 {
                        (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response()
                    } else {
                        (StatusCode::OK, "fine").into_response()
                    }
                }
            }),
        )
        .route(
            "/teapot",
            any(|| async {
                (
                    StatusCode::IM_A_TEAPOT,
                    [("x-kind", "tea")],
                    "{\"tea\":true}",
                )
            }),
        )
        .fallback(any(
            |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| async move {
                let hs: serde_json::Map<String, serde_json::Value> = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v.to_str().unwrap_or(""))))
                    .collect();
                axum::Json(json!({
                    "method": method.as_str(),
                    "path": uri.path(),
                    "query": uri.query(),
                    "headers": hs,
                    "body": String::from_utf8_lossy(&body),
                }))
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, hits)
}

#[tokio::test]
async fn proxy_forwards_only_prefixed_headers_and_injects_credentials() {
    let t = start().await;
    let (up, _) = upstream().await;
    let r = t
        .send(
            t.req("POST", "/proxy/v1/items?x=1&y=two")
                .header("Connection-Id", "at-1")
                .header("Provider-Config-Key", "airtable")
                .header("Base-Url-Override", &up)
                .header("Nango-Proxy-X-Custom", "hello")
                .header("X-Not-Forwarded", "nope")
                .header("Content-Type", "application/json")
                .body("{\"a\":1}"),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["method"], "POST");
    assert_eq!(v["path"], "/v1/items");
    assert_eq!(v["query"], "x=1&y=two");
    assert_eq!(v["body"], "{\"a\":1}");
    let h = v["headers"].as_object().unwrap();
    assert_eq!(h["authorization"], "Bearer pat-secret");
    assert_eq!(h["x-custom"], "hello");
    assert_eq!(h["content-type"], "application/json");
    assert!(!h.contains_key("x-not-forwarded"));
    assert!(!h.contains_key("connection-id"));
    assert!(!h.contains_key("provider-config-key"));

    let r = t
        .send(
            t.req("GET", "/proxy/basic")
                .header("Connection-Id", "mg-1")
                .header("Provider-Config-Key", "mailgun")
                .header("Base-Url-Override", &up),
        )
        .await;
    assert_eq!(r.json()["headers"]["authorization"], "Basic YXBpOnB3");
}

#[tokio::test]
async fn proxy_passes_binary_and_errors_through() {
    let t = start().await;
    let (up, _) = upstream().await;
    let r = t
        .req("GET", "/proxy/binary")
        .header("Connection-Id", "gh-1")
        .header("Provider-Config-Key", "github")
        .header("Base-Url-Override", &up)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-upstream"], "yes");
    assert_eq!(r.headers()["content-type"], "application/octet-stream");
    let b = r.bytes().await.unwrap();
    assert_eq!(b.to_vec(), (0..=255u8).collect::<Vec<u8>>());

    let r = t
        .send(
            t.req("DELETE", "/proxy/teapot")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Base-Url-Override", &up),
        )
        .await;
    assert_eq!(r.status, 418);
    assert_eq!(r.header("x-kind").unwrap(), "tea");
    assert_eq!(r.text, "{\"tea\":true}");
}

#[tokio::test]
async fn proxy_retries_and_retry_on() {
    let t = start().await;
    let (up, hits) = upstream().await;
    let r = t
        .send(
            t.req("GET", "/proxy/flaky")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Base-Url-Override", &up)
                .header("Retries", "3"),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text, "fine");
    assert_eq!(hits.load(Ordering::SeqCst), 3);

    // Without retries the upstream 503 comes back as is.
    hits.store(0, Ordering::SeqCst);
    let r = t
        .send(
            t.req("GET", "/proxy/flaky")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Base-Url-Override", &up),
        )
        .await;
    assert_eq!(r.status, 503);
    assert_eq!(r.text, "busy");

    let r = t
        .send(
            t.req("GET", "/proxy/teapot")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Base-Url-Override", &up)
                .header("Retries", "1")
                .header("Retry-On", "418,409"),
        )
        .await;
    assert_eq!(r.status, 418);
    let teapots = t.server.requests().len();
    assert!(teapots >= 3);

    let r = t
        .send(
            t.req("GET", "/proxy/x")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Retry-On", "abc"),
        )
        .await;
    err(&r, 400, "invalid_headers");
}

#[tokio::test]
async fn proxy_failures() {
    let t = start().await;
    // Unreachable upstream: bare {message, code, method}.
    let r = t
        .send(
            t.req("GET", "/proxy/x")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("Base-Url-Override", "http://127.0.0.1:1"),
        )
        .await;
    assert_eq!(r.status, 500);
    let v = r.json();
    assert_eq!(v["code"], "ECONNREFUSED");
    assert_eq!(v["method"], "GET");
    assert!(v["message"].is_string());
    assert!(v.get("error").is_none());

    err(
        &t.send(
            t.req("GET", "/proxy/x")
                .header("Provider-Config-Key", "github"),
        )
        .await,
        400,
        "invalid_headers",
    );
    let r = t
        .send(
            t.req("GET", "/proxy/x")
                .header("Connection-Id", "nope")
                .header("Provider-Config-Key", "github"),
        )
        .await;
    err(&r, 400, "unknown_connection");
    let r = t
        .send(
            t.req("GET", "/proxy/x")
                .header("Connection-Id", "un-1")
                .header("Provider-Config-Key", "unauth"),
        )
        .await;
    err(&r, 400, "missing_base_api_url");
}

#[tokio::test]
async fn actions_builtins() {
    let t = start().await;
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "echo", "input": {"a": [1, 2]}})),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"a": [1, 2]}));

    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "fail", "input": {"message": "boom"}})),
        )
        .await;
    let e = err(&r, 400, "action_script_failure");
    assert!(e["message"].as_str().unwrap().contains("boom"));
    assert_eq!(e["payload"]["message"], "boom");

    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "nope"})),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        json!({"error": {"code": "not_found", "message": "Action not found"}})
    );

    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "big", "input": {"bytes": 100000}})),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!((99_000..=101_000).contains(&r.text.len()));
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "big", "input": {"bytes": 11_000_000}})),
        )
        .await;
    err(&r, 400, "script_output_too_big");

    let start = std::time::Instant::now();
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "slow", "input": {"ms": 150}})),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(start.elapsed() >= Duration::from_millis(150));

    err(
        &t.conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "timeout"})),
        )
        .await,
        408,
        "action_timeout",
    );
    let e = err(
        &t.conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "http_error", "input": {"status": 502}})),
        )
        .await,
        424,
        "script_http_error",
    );
    assert_eq!(e["upstream"]["status"], 502);

    err(
        &t.conn_req(
            "POST",
            "/action/trigger",
            "github",
            "nope",
            Some(json!({"action_name": "echo"})),
        )
        .await,
        404,
        "unknown_connection",
    );
    err(
        &t.json("POST", "/action/trigger", json!({"action_name": "echo"}))
            .await,
        400,
        "invalid_headers",
    );
    err(
        &t.conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"input": 1})),
        )
        .await,
        400,
        "invalid_body",
    );
    assert_eq!(t.server.action_count("github", "echo"), 1);
    assert_eq!(t.server.action_count("github", "big"), 2);
}

#[tokio::test]
async fn registered_actions_and_async() {
    let t = start().await;
    let sink = Sink::start().await;
    t.server.set_webhook_url(Some(&sink.url));
    t.server.register_action("github", "double", |input| {
        let n = input["n"].as_i64().ok_or("n must be a number")?;
        Ok(json!({"n": n * 2}))
    });
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "double", "input": {"n": 21}})),
        )
        .await;
    assert_eq!(r.json(), json!({"n": 42}));
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "double", "input": {}})),
        )
        .await;
    assert_eq!(
        err(&r, 400, "action_script_failure")["payload"]["message"],
        "n must be a number"
    );

    // The action runs until the test opens its gate: it is still running when its result
    // is first asked for, however slow the machine.
    let gate = gated_action(&t.server, "github", "gated");
    let r = t
        .send(
            t.req("POST", "/action/trigger")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("X-Async", "true")
                .json(&json!({"action_name": "gated", "input": {"n": 7}})),
        )
        .await;
    assert_eq!(r.status, 202);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["statusUrl"], format!("/action/{id}"));
    err(&t.get(&format!("/action/{id}")).await, 404, "not_found");
    gate.send(()).unwrap();
    let hooks = sink.wait(1).await;
    let body: serde_json::Value = serde_json::from_slice(&hooks[0].1).unwrap();
    assert_eq!(body["type"], "async_action");
    assert_eq!(body["payload"]["id"], id.as_str());
    let r = t.get(&format!("/action/{id}")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"n": 7}));

    let r = t
        .send(
            t.req("POST", "/action/trigger")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("X-Async", "true")
                .header("X-Max-Retries", "2")
                .json(&json!({"action_name": "fail"})),
        )
        .await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    sink.wait(2).await;
    let r = t.get(&format!("/action/{id}")).await;
    err(&r, 500, "action_script_failure");
    assert_eq!(t.server.action_count("github", "fail"), 3);

    let r = t
        .send(
            t.req("POST", "/action/trigger")
                .header("Connection-Id", "gh-1")
                .header("Provider-Config-Key", "github")
                .header("X-Async", "true")
                .header("X-Max-Retries", "6")
                .json(&json!({"action_name": "echo"})),
        )
        .await;
    err(&r, 400, "invalid_headers");
    err(
        &t.get("/action/not-a-uuid").await,
        400,
        "invalid_uri_params",
    );
}
