//! One test per documented error status/body shape (auth, validation, routing, rate limit).

mod common;

use common::{err, start, start_with};
use nango_local_server::ServerConfig;
use serde_json::json;

#[tokio::test]
async fn missing_auth_header_is_401() {
    let t = start().await;
    let r = t.send(t.http.get(t.url("/integrations"))).await;
    let e = err(&r, 401, "missing_auth_header");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("missing the Authorization header"));
}

#[tokio::test]
async fn malformed_auth_header_is_401() {
    let t = start().await;
    let r = t
        .send(
            t.http
                .get(t.url("/integrations"))
                .header("Authorization", "Token abc"),
        )
        .await;
    err(&r, 401, "malformed_auth_header");
    let r = t
        .send(
            t.http
                .get(t.url("/integrations"))
                .header("Authorization", "Bearer "),
        )
        .await;
    err(&r, 401, "malformed_auth_header");
}

#[tokio::test]
async fn non_uuid_key_is_invalid_secret_key_format() {
    let t = start().await;
    let r = t
        .send(t.http.get(t.url("/integrations")).bearer_auth("not-a-uuid"))
        .await;
    err(&r, 401, "invalid_secret_key_format");
}

#[tokio::test]
async fn unknown_key_is_unknown_account() {
    let t = start().await;
    let r = t
        .send(
            t.http
                .get(t.url("/integrations"))
                .bearer_auth("6b1c6f2e-0f3a-4d7e-9c1b-2a3b4c5d6e7f"),
        )
        .await;
    err(&r, 401, "unknown_account");
}

#[tokio::test]
async fn configured_api_key_is_used_and_non_uuid_config_rejected() {
    let key = "7ade7940-683a-438e-899a-6122ad9694fe";
    let t = start_with(ServerConfig::default().api_key(key)).await;
    assert_eq!(t.server.api_key(), key);
    assert_eq!(t.get("/integrations").await.status, 200);
    assert!(
        nango_local_server::LocalServer::start(ServerConfig::default().api_key("nope"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn unknown_route_is_html_404() {
    let t = start().await;
    let r = t.get("/no/such/route").await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text.contains("Cannot GET /no/such/route"));
    // A known path with an unsupported method is also Express' 404.
    let r = t.send(t.req("PUT", "/integrations")).await;
    assert_eq!(r.status, 404);
    assert!(r.text.contains("Cannot PUT /integrations"));
}

#[tokio::test]
async fn unknown_query_param_is_invalid_query_params() {
    let t = start().await;
    let r = t.get("/integrations?foo=1").await;
    let e = err(&r, 400, "invalid_query_params");
    assert!(e.get("message").is_none());
    assert_eq!(e["errors"][0]["code"], "unrecognized_keys");
    assert_eq!(e["errors"][0]["path"], json!([]));
    assert!(e["errors"][0]["message"].as_str().unwrap().contains("foo"));
}

#[tokio::test]
async fn bad_body_is_invalid_body_with_errors() {
    let t = start().await;
    let r = t
        .json(
            "POST",
            "/integrations",
            json!({"provider": 3, "extra": true}),
        )
        .await;
    let e = err(&r, 400, "invalid_body");
    let errors = e["errors"].as_array().unwrap();
    assert!(errors
        .iter()
        .any(|x| x["path"] == json!(["unique_key"]) && x["code"] == "invalid_type"));
    assert!(errors.iter().any(|x| x["path"] == json!(["provider"])));
    assert!(errors.iter().any(|x| x["code"] == "unrecognized_keys"));
    for x in errors {
        assert!(x["message"].is_string());
    }
}

#[tokio::test]
async fn malformed_json_is_invalid_json() {
    let t = start().await;
    let r = t
        .send(
            t.req("POST", "/integrations")
                .header("content-type", "application/json")
                .body("{not json"),
        )
        .await;
    err(&r, 400, "invalid_json");
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let t = start().await;
    let r = t
        .send(
            t.req("POST", "/integrations")
                .header("content-type", "text/plain")
                .body("unique_key=x"),
        )
        .await;
    err(&r, 415, "invalid_content_type");
}

#[tokio::test]
async fn rate_limit_headers_and_429() {
    let t = start_with(ServerConfig::default().rate_limit(3)).await;
    for i in 0..3 {
        let r = t.get("/integrations").await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-ratelimit-limit").unwrap(), "3");
        assert_eq!(
            r.header("x-ratelimit-remaining").unwrap(),
            (2 - i).to_string()
        );
        let reset: i64 = r.header("x-ratelimit-reset").unwrap().parse().unwrap();
        assert!(reset > 1_700_000_000);
    }
    let r = t.get("/connections?limit=5").await;
    assert_eq!(r.status, 429);
    let retry: i64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((0..=60).contains(&retry));
    assert_eq!(r.header("x-ratelimit-remaining").unwrap(), "0");
    assert_eq!(
        r.json(),
        json!({"error": {"code": "too_many_request", "method": "GET", "path": "/connections"}})
    );
    t.server.set_rate_limit(100);
    assert_eq!(t.get("/integrations").await.status, 200);
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let t = start().await;
    let r = t
        .send(
            t.http
                .request(reqwest::Method::OPTIONS, t.url("/connections"))
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                ),
        )
        .await;
    assert_eq!(r.status, 204);
    // A loopback origin (the SDK's browser tests) is echoed; others: see tests/security.rs.
    assert_eq!(
        r.header("access-control-allow-origin").unwrap(),
        "http://localhost:8080"
    );
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(
        r.header("access-control-allow-headers").unwrap(),
        "authorization,content-type"
    );
    let r = t
        .send(
            t.req("GET", "/integrations")
                .header("Origin", "http://localhost:8080"),
        )
        .await;
    assert_eq!(
        r.header("access-control-allow-origin").unwrap(),
        "http://localhost:8080"
    );
    assert!(r.header("access-control-expose-headers").is_some());
    let r = t.send(t.http.get(t.url("/integrations"))).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn garbage_input_never_breaks_the_server() {
    let t = start().await;
    let routes = [
        ("POST", "/integrations"),
        ("POST", "/integrations/quickstart"),
        ("PATCH", "/integrations/github"),
        ("POST", "/connections"),
        ("POST", "/connection"),
        ("PATCH", "/connections/gh-1?provider_config_key=github"),
        ("POST", "/connections/metadata"),
        ("PATCH", "/connections/metadata"),
        ("POST", "/connect/sessions"),
        ("POST", "/connect/sessions/reconnect"),
        ("POST", "/action/trigger"),
        ("PATCH", "/records/prune"),
        ("POST", "/sync/trigger"),
        ("POST", "/sync/start"),
        ("POST", "/sync/pause"),
        ("PUT", "/sync/update-connection-frequency"),
        ("POST", "/sync/items/variant/v1"),
        ("DELETE", "/sync/items/variant/v1"),
        ("POST", "/environments"),
        ("POST", "/environment/api-keys"),
        ("DELETE", "/environment/api-keys"),
        ("POST", "/functions/compile"),
        ("POST", "/functions/dryruns"),
        ("POST", "/functions/deployments"),
    ];
    let bodies = [
        json!(null),
        json!([]),
        json!("str"),
        json!(1e308),
        json!({"provider_config_key": [], "connection_id": {}, "syncs": "x", "metadata": 1, "credentials": {"type": 7}}),
        json!({"provider_config_key": "github", "connection_id": "gh-1", "syncs": [null, 1, {"name": 2}], "frequency": "every 99999999999999999 years",
            "model": "Item", "until_cursor": "////", "limit": -1, "action_name": "echo", "environment_id": 1e20, "key_id": -5,
            "unique_key": "\u{0}\u{ffff}", "provider": "github", "tags": {"a": {"b": 1}}, "end_user": {"id": 3}, "opts": {"reset": "yes"}}),
    ];
    for (m, p) in routes {
        for b in &bodies {
            let r = t
                .send(
                    t.req(m, p)
                        .header("Connection-Id", "gh-1")
                        .header("Provider-Config-Key", "github")
                        .json(b),
                )
                .await;
            assert!(r.status < 500, "{m} {p} {b}: {} {}", r.status, r.text);
        }
    }
    for q in [
        "/connections?limit=99999999999999999999999&page=-1",
        "/records?model=Item&limit=1e400&cursor=%FF%FE",
        "/records?model=Item&modified_after=9999-99-99T99:99:99Z",
        "/sync/status?provider_config_key=github&syncs=::,,::",
        "/integrations/github/functions?page=1e30&limit=NaN",
        "/connections/%00?provider_config_key=%FF",
        "/action/00000000-0000-4000-8000-000000000000",
    ] {
        let r = t
            .send(
                t.req("GET", q)
                    .header("Connection-Id", "gh-1")
                    .header("Provider-Config-Key", "github"),
            )
            .await;
        assert!(r.status < 500, "{q}: {} {}", r.status, r.text);
    }
    assert_eq!(t.get("/integrations").await.status, 200);
}
