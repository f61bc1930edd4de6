//! Test harness features (faults, recorder, admin API), environment/functions/scripts
//! endpoints, and the binary.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{err, start};
use nango_local_server::{Fault, FaultKind};
use serde_json::{json, Value};

#[tokio::test]
async fn recorder_keeps_every_request() {
    let t = start().await;
    t.server.clear_requests();
    t.send(
        t.req("POST", "/connections/metadata?x=1")
            .header("X-Extra", "yes")
            .json(&json!({"a": 1})),
    )
    .await;
    let reqs = t.server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/connections/metadata");
    assert_eq!(r.query.as_deref(), Some("x=1"));
    assert_eq!(r.header("x-extra"), Some("yes"));
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {}", t.key).as_str())
    );
    assert_eq!(r.body_json(), Some(json!({"a": 1})));
    // Admin calls are not recorded; the admin API exposes the log.
    let v = t.send(t.admin("GET", "requests")).await.json();
    assert_eq!(v["requests"].as_array().unwrap().len(), 1);
    assert_eq!(v["requests"][0]["body"], "{\"a\":1}");
    t.send(t.admin("DELETE", "requests")).await;
    assert!(t.server.requests().is_empty());
}

#[tokio::test]
async fn faults_status_delay_count_and_glob() {
    let t = start().await;
    t.server.inject_fault(
        Fault::status(
            "/integrations",
            503,
            "{\"error\":{\"code\":\"server_error\"}}",
        )
        .method("GET")
        .times(2),
    );
    err(&t.get("/integrations").await, 503, "server_error");
    err(&t.get("/integrations/github").await, 503, "server_error");
    assert_eq!(t.get("/integrations").await.status, 200);
    assert_eq!(t.json("POST", "/integrations", json!({})).await.status, 400);

    t.server
        .inject_fault(Fault::delay("/providers/*", 200).times(1));
    let start = Instant::now();
    assert_eq!(t.get("/providers/github").await.status, 200);
    // A lower bound only: the delay can make a request slower, never faster.
    assert!(start.elapsed() >= Duration::from_millis(200));
    // The fault fired its one time and is gone, so the next request is not delayed (read
    // from the fault list, not from a clock, which a loaded machine slows down).
    let faults = t.send(t.admin("GET", "faults")).await.json();
    assert_eq!(faults["faults"], json!([]));
    assert_eq!(t.get("/providers/github").await.status, 200);

    t.server.inject_fault(Fault::new(
        "/connections",
        FaultKind::Status(500, String::new()),
    ));
    assert_eq!(t.get("/connections").await.status, 500);
    assert_eq!(t.get("/connections").await.status, 500);
    t.server.clear_faults();
    assert_eq!(t.get("/connections").await.status, 200);
}

#[tokio::test]
async fn faults_drop_truncate_malformed() {
    let t = start().await;
    t.server
        .inject_fault(Fault::drop_connection("/integrations").times(1));
    let e = t.req("GET", "/integrations").send().await;
    assert!(e.is_err(), "dropped connection must fail: {e:?}");
    assert_eq!(t.get("/integrations").await.status, 200);

    t.server
        .inject_fault(Fault::truncated_body("/integrations").times(1));
    let r = t.req("GET", "/integrations").send().await;
    let failed = match r {
        Err(_) => true,
        Ok(resp) => resp.bytes().await.is_err(),
    };
    assert!(failed, "a truncated body must fail to read");

    t.server
        .inject_fault(Fault::malformed_body("/integrations").times(1));
    let r = t.req("GET", "/integrations").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.json::<Value>().await.is_err());
}

#[tokio::test]
async fn admin_api() {
    let t = start().await;
    let admin = |m: &str, p: &str| t.admin(m, p);
    let info = t.send(admin("GET", "info")).await.json();
    assert_eq!(info["api_key"], t.key.as_str());

    let r = t
        .send(admin("POST", "faults").json(&json!({"method": "GET", "path": "/providers", "kind": "status", "status": 502, "body": "bad", "times": 1})))
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(t.get("/providers").await.status, 502);
    assert_eq!(t.get("/providers").await.status, 200);
    t.send(admin("POST", "faults").json(&json!({"path": "/providers", "kind": "delay", "ms": 1})))
        .await;
    assert_eq!(
        t.send(admin("GET", "faults")).await.json()["faults"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(t.send(admin("DELETE", "faults")).await.status, 204);
    assert_eq!(
        t.send(admin("POST", "faults").json(&json!({"kind": "nope", "path": "/"})))
            .await
            .status,
        400
    );

    let r = t
        .send(admin("POST", "records").json(
            &json!({"provider_config_key": "github", "connection_id": "gh-1", "model": "Item",
            "records": [{"id": "a"}], "generate": 1000}),
        ))
        .await;
    assert_eq!(r.json()["total"], 1001);
    let v = t
        .conn_req(
            "GET",
            "/records?model=Item&limit=10000",
            "github",
            "gh-1",
            None,
        )
        .await
        .json();
    assert_eq!(v["records"].as_array().unwrap().len(), 1001);

    t.conn_req(
        "POST",
        "/action/trigger",
        "github",
        "gh-1",
        Some(json!({"action_name": "echo", "input": 1})),
    )
    .await;
    let v = t.send(admin("GET", "actions")).await.json();
    assert_eq!(
        v["executions"][0],
        json!({"integration": "github", "action": "echo", "count": 1})
    );

    let r = t
        .send(admin("POST", "webhook-url").json(&json!({"url": "http://127.0.0.1:9/x"})))
        .await;
    assert_eq!(r.json()["webhook_urls"], json!(["http://127.0.0.1:9/x"]));

    t.json(
        "POST",
        "/integrations",
        json!({"unique_key": "temp", "provider": "github"}),
    )
    .await;
    assert_eq!(t.send(admin("POST", "reset")).await.status, 204);
    err(&t.get("/integrations/temp").await, 404, "not_found");
    assert_eq!(t.get("/integrations/github").await.status, 200);
    let v = t
        .conn_req("GET", "/records?model=Item", "github", "gh-1", None)
        .await
        .json();
    assert_eq!(v["records"].as_array().unwrap().len(), 0);
    assert_eq!(t.server.requests().len(), 3);

    let r = t
        .send(admin("POST", "rate-limit").json(&json!({"per_minute": 1})))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(t.get("/providers").await.status, 200);
    assert_eq!(t.get("/providers").await.status, 429);
}

#[tokio::test]
async fn environment_endpoints() {
    let t = common::start_with(
        nango_local_server::ServerConfig::default().seed(nango_local_server::Seed::demo()),
    )
    .await;
    let r = t.get("/environment-variables").await;
    assert_eq!(
        r.json(),
        json!([{"name": "DEMO_VAR", "value": "demo-value"}])
    );

    let r = t
        .json("POST", "/environments", json!({"name": "staging"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let env_id = r.json()["data"]["id"].as_i64().unwrap();
    assert_eq!(r.json()["data"]["name"], "staging");
    err(
        &t.json("POST", "/environments", json!({"name": "staging"}))
            .await,
        409,
        "conflict",
    );
    err(
        &t.json("POST", "/environments", json!({"name": "Bad Name"}))
            .await,
        400,
        "invalid_body",
    );

    let r = t
        .json(
            "POST",
            "/environment/api-keys",
            json!({"environment_id": env_id, "display_name": "ci"}),
        )
        .await;
    let d = r.json()["data"].clone();
    assert_eq!(d["scopes"], json!(["environment:*"]));
    let secret = d["secret"].as_str().unwrap().to_string();
    // The new key works and sees the (empty) new environment.
    let r = t
        .send(t.http.get(t.url("/integrations")).bearer_auth(&secret))
        .await;
    assert_eq!(r.json(), json!({"data": []}));
    err(
        &t.json(
            "POST",
            "/environment/api-keys",
            json!({"environment_id": env_id, "display_name": "ci"}),
        )
        .await,
        409,
        "conflict",
    );
    let r = t
        .json(
            "DELETE",
            "/environment/api-keys",
            json!({"environment_id": env_id, "key_id": d["id"]}),
        )
        .await;
    assert_eq!(r.json(), json!({"success": true}));
    err(
        &t.send(t.http.get(t.url("/integrations")).bearer_auth(&secret))
            .await,
        401,
        "unknown_account",
    );

    let r = t
        .send(t.req("DELETE", &format!("/environments/{env_id}")))
        .await;
    assert_eq!(r.status, 204);
    err(
        &t.send(t.req("DELETE", &format!("/environments/{env_id}")))
            .await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn scripts_config_and_functions() {
    let t = start().await;
    let v = t.get("/scripts/config").await.json();
    let gh = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["providerConfigKey"] == "github")
        .unwrap()
        .clone();
    assert!(gh["actions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "echo"));
    assert!(gh["syncs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "items"));
    let v = t.get("/scripts/config?format=openai").await.json();
    assert!(v["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "echo"));
    err(
        &t.get("/scripts/config?format=xml").await,
        400,
        "invalid_query_params",
    );

    let v = t
        .get("/integrations/github/functions?type=action&limit=2")
        .await
        .json();
    assert_eq!(v["data"].as_array().unwrap().len(), 2);
    assert_eq!(v["pagination"]["limit"], 2);
    assert!(v["pagination"]["total"].as_u64().unwrap() >= 6);
    let v = t.get("/integrations/github/functions/items").await.json();
    assert_eq!(v["data"]["type"], "sync");
    assert_eq!(v["data"]["returns"], json!(["Item"]));
    let v = t
        .get("/integrations/github/functions/echo/code")
        .await
        .json();
    assert_eq!(v["type"], "action");
    assert!(v["code"].as_str().unwrap().contains("createAction"));
    err(
        &t.send(t.req("DELETE", "/integrations/github/functions/echo"))
            .await,
        400,
        "invalid_query_params",
    );
    let r = t
        .send(t.req("DELETE", "/integrations/github/functions/echo?type=action"))
        .await;
    assert_eq!(r.json(), json!({"data": {"success": true}}));
    err(
        &t.get("/integrations/github/functions/echo").await,
        404,
        "not_found",
    );
    err(
        &t.conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "echo"})),
        )
        .await,
        404,
        "not_found",
    );

    let r = t
        .json(
            "POST",
            "/functions/compile",
            json!({"code": "export default 1;"}),
        )
        .await;
    assert!(r.json()["bundled_js"]
        .as_str()
        .unwrap()
        .contains("export default 1;"));
    let r = t
        .json(
            "POST",
            "/functions/deployments",
            json!({"type": "function", "integration_id": "github", "function_name": "hello",
            "function_type": "action", "code": "export default 1;"}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let v = t.get(&format!("/functions/deployments/{id}")).await.json();
    assert_eq!(v["deployed_functions"][0]["name"], "hello");
    let r = t
        .conn_req(
            "POST",
            "/action/trigger",
            "github",
            "gh-1",
            Some(json!({"action_name": "hello", "input": {"x": 1}})),
        )
        .await;
    assert_eq!(r.json(), json!({"x": 1}));
    let r = t
        .json("POST", "/functions/dryruns", json!({"integration_id": "github", "function_type": "action", "code": "x", "connection_id": "gh-1"}))
        .await;
    assert_eq!(r.status, 202);
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        t.get(&format!("/functions/dryruns/{id}")).await.json()["status"],
        "success"
    );
}

/// Whether process `pid` has a handler for SIGTERM (signal 15: bit 14 of the `SigCgt` mask
/// in Linux's /proc/PID/status).
fn catches_sigterm(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << 14) != 0)
}

#[test]
fn binary_prints_its_address_and_exits_on_sigterm() {
    let (mut child, line) = common::spawn_binary(&[
        "--port",
        "0",
        "--seed",
        "demo",
        "--api-key",
        "7ade7940-683a-438e-899a-6122ad9694fe",
    ]);
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
    assert!(line
        .trim_end()
        .ends_with("api_key=7ade7940-683a-438e-899a-6122ad9694fe"));
    let base = line.split_whitespace().nth(2).unwrap().to_string();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{base}/connections"))
            .bearer_auth("7ade7940-683a-438e-899a-6122ad9694fe")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    // The binary announces its address before it installs its SIGTERM handler: a signal
    // sent in between kills it (status 15) instead of stopping it. Wait (bounded) until
    // the handler is there, as the kernel reports it.
    if std::path::Path::new("/proc/self/status").exists() {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !catches_sigterm(child.id()) {
            if Instant::now() >= deadline {
                let _ = child.kill();
                panic!("no SIGTERM handler within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            assert!(st.success(), "exit status {st:?}");
            break;
        }
        assert!(Instant::now() < deadline, "did not exit on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn background_server_for_sync_callers() {
    let server = nango_local_server::LocalServer::start_in_background(Default::default()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{}/integrations", server.base_url()))
            .bearer_auth(server.api_key())
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let base = server.base_url();
    let key = server.api_key();
    drop(server);
    // Dropping asks the server's own thread to stop; wait (bounded) until it has. Once its
    // listener is closed, the port may be taken by another test's server: an answer with
    // another API key is not this server either.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = rt.block_on(async {
            let r = reqwest::Client::new()
                .get(format!("{base}/_admin/info"))
                .bearer_auth(&key)
                .send()
                .await?;
            r.json::<Value>().await
        });
        match answer {
            Err(_) => break,
            Ok(info) if info["api_key"] != key.as_str() => break,
            Ok(_) => {}
        }
        assert!(Instant::now() < deadline, "server should be stopped");
        std::thread::sleep(Duration::from_millis(20));
    }
}
