//! Request and decode tests of the proxy: path, headers, params, body, method and
//! idempotency, defaults from the configuration, and the pass-through answer.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::proxy::ProxyResponse;
use nango_core::ops::proxy::Proxy;
use nango_core::request::ApiRequest;
use nango_core::retry::RetryPolicy;
use nango_core::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use nango_core::{Client, Error};
use serde::Serialize;
use serde_json::{json, Value};

mod common;
use common::*;

fn cfg_with_defaults() -> Config {
    Config::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .connection_id("default-conn")
        .provider_config_key("default-key")
        .activity_log_id("log-1")
        .build()
        .unwrap()
}

fn gh(p: Proxy) -> Proxy {
    p.provider_config_key("github").connection_id("user-1")
}

/// The operation's headers as a sorted map (every value of a repeated name).
fn headers(req: &ApiRequest) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in req.header_pairs() {
        out.entry(k.to_string()).or_default().push(v.clone());
    }
    out
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in pairs {
        out.entry((*k).to_owned())
            .or_default()
            .push((*v).to_owned());
    }
    out
}

#[test]
fn proxy_get_request_headers_exactly() {
    let req = gh(Proxy::get("/user/repos"))
        .header("Accept", "application/vnd.github+json")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/proxy/user/repos");
    assert_eq!(
        headers(&req),
        map(&[
            ("connection-id", "user-1"),
            ("provider-config-key", "github"),
            ("base-url-override", ""),
            ("nango-activity-log-id", ""),
            ("nango-proxy-accept", "application/vnd.github+json"),
        ])
    );
    assert!(req.body().is_none());
    assert!(req.is_idempotent());
}

#[test]
fn proxy_every_option() {
    let req = gh(Proxy::post("repos/o/r/issues"))
        .base_url_override("https://ghe.example.com/api/v3")
        .retries(3)
        .decompress(false)
        .retry_on([429, 503])
        .forward_headers_on_redirect(true)
        .headers([("X-Trace", "t-1"), ("Accept", "text/plain")])
        .json(&json!({"title": "Bug"}))
        .request(&cfg_with_defaults())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/proxy/repos/o/r/issues");
    assert_eq!(
        headers(&req),
        map(&[
            ("connection-id", "user-1"),
            ("provider-config-key", "github"),
            ("base-url-override", "https://ghe.example.com/api/v3"),
            ("nango-activity-log-id", "log-1"),
            ("nango-proxy-x-trace", "t-1"),
            ("nango-proxy-accept", "text/plain"),
            ("retries", "3"),
            ("decompress", "false"),
            ("retry-on", "429,503"),
            ("forward-headers-on-redirect", "true"),
            ("content-type", "application/json"),
        ])
    );
    let body: Value = serde_json::from_slice(req.body().unwrap()).unwrap();
    assert_eq!(body, json!({"title": "Bug"}));
    assert!(!req.is_idempotent());

    // an empty Retry-On list is not sent (the server refuses an empty value)
    let req = gh(Proxy::get("/x")).retry_on([]).request(&cfg()).unwrap();
    assert!(req.headers().get("retry-on").is_none());
    let req = gh(Proxy::get("/x"))
        .retries(0)
        .decompress(true)
        .forward_headers_on_redirect(false)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["retries"], "0");
    assert_eq!(req.headers()["decompress"], "true");
    assert_eq!(req.headers()["forward-headers-on-redirect"], "false");
}

#[test]
fn proxy_endpoint_paths() {
    for (endpoint, expected) in [
        ("/user", "/proxy/user"),
        ("user", "/proxy/user"),
        ("", "/proxy/"),
        ("/", "/proxy/"),
        (
            "/repos/o/r/contents/a b.txt",
            "/proxy/repos/o/r/contents/a%20b.txt",
        ),
        (
            "/files/ünï/日本",
            "/proxy/files/%C3%BCn%C3%AF/%E6%97%A5%E6%9C%AC",
        ),
        ("/items/a%2Fb", "/proxy/items/a%2Fb"),
        ("/tags/c#", "/proxy/tags/c%23"),
        (
            "/search?q=a b&sort=stars",
            "/proxy/search?q=a%20b&sort=stars",
        ),
        ("/x?", "/proxy/x"),
    ] {
        let req = gh(Proxy::get(endpoint)).request(&cfg()).unwrap();
        assert_eq!(req.path_and_query(), expected, "{endpoint:?}");
    }
}

#[test]
fn proxy_ids_fall_back_to_the_configuration() {
    let req = Proxy::get("/user").request(&cfg_with_defaults()).unwrap();
    assert_eq!(req.headers()["connection-id"], "default-conn");
    assert_eq!(req.headers()["provider-config-key"], "default-key");
    assert_eq!(req.headers()["nango-activity-log-id"], "log-1");

    let req = gh(Proxy::get("/user"))
        .request(&cfg_with_defaults())
        .unwrap();
    assert_eq!(req.headers()["connection-id"], "user-1");
    assert_eq!(req.headers()["provider-config-key"], "github");

    // an empty id falls back too, as in the official SDK (`if (!config.connectionId)`)
    let req = Proxy::get("/user")
        .connection_id("")
        .request(&cfg_with_defaults())
        .unwrap();
    assert_eq!(req.headers()["connection-id"], "default-conn");

    // neither: refused
    assert_eq!(
        invalid_reason(
            Proxy::get("/user")
                .connection_id("c")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Missing
    );
    assert_eq!(
        invalid_reason(
            Proxy::get("/user")
                .provider_config_key("gh")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Missing
    );
    assert_eq!(
        invalid_reason(
            Proxy::get("/user")
                .provider_config_key("gh")
                .connection_id("")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );
}

#[test]
fn proxy_refuses_cr_lf_in_every_header() {
    let bad = "a\r\nX-Evil: 1";
    let attempts: Vec<Result<ApiRequest, Error>> = vec![
        Proxy::get("/x")
            .provider_config_key("gh")
            .connection_id(bad)
            .request(&cfg()),
        Proxy::get("/x")
            .provider_config_key(bad)
            .connection_id("c")
            .request(&cfg()),
        gh(Proxy::get("/x")).header("Accept", bad).request(&cfg()),
        gh(Proxy::get("/x"))
            .header("Content-Type", bad)
            .request(&cfg()),
        gh(Proxy::get("/x")).base_url_override(bad).request(&cfg()),
        gh(Proxy::get("/x"))
            .header("X\r\nEvil", "v")
            .request(&cfg()),
        gh(Proxy::get("/x")).header("a b", "v").request(&cfg()),
        gh(Proxy::get("/x"))
            .header("x", "tab\tok\n")
            .request(&cfg()),
    ];
    for (i, r) in attempts.into_iter().enumerate() {
        assert_eq!(
            invalid_reason(r.unwrap_err()),
            InvalidReason::ControlCharacter,
            "attempt {i}"
        );
    }
    let cfg_bad_log = Config::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .activity_log_id("log\n1")
        .build();
    if let Ok(c) = cfg_bad_log {
        assert!(gh(Proxy::get("/x")).request(&c).is_err());
    }
    assert_eq!(
        invalid_reason(
            gh(Proxy::get("/x"))
                .header("", "v")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );
    assert_eq!(
        invalid_reason(
            Proxy::get("/x")
                .provider_config_key("gh")
                .connection_id("ünï")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::InvalidValue
    );
    // a tab and visible ASCII are fine
    assert!(gh(Proxy::get("/x"))
        .header("x", "tab\tok")
        .request(&cfg())
        .is_ok());
    let req = Proxy::get("/x")
        .provider_config_key("g h")
        .connection_id("a/b?c#d%e&f g")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["connection-id"], "a/b?c#d%e&f g");
}

#[test]
fn proxy_params_as_pairs() {
    let req = gh(Proxy::get("/issues"))
        .param("state", "open")
        .param("q", "a b&c=d/é")
        .param("state", "closed")
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/proxy/issues?state=closed&q=a%20b%26c%3Dd%2F%C3%A9"
    );

    // a param replaces the same key of the endpoint's query; the rest is kept as written
    let req = gh(Proxy::get("/issues?state=open&per_page=5&x=%2F"))
        .param("state", "all")
        .params([("page", "2")])
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/proxy/issues?per_page=5&x=%2F&state=all&page=2"
    );
    // keys are compared decoded, as URLSearchParams does
    let req = gh(Proxy::get("/s?a%20b=1&a+b=2&c=3"))
        .param("a b", "9")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/proxy/s?c=3&a%20b=9");
}

#[test]
fn proxy_params_as_a_string() {
    for q in ["per_page=5&q=a b", "?per_page=5&q=a b"] {
        let req = gh(Proxy::get("/search"))
            .query_string(q)
            .request(&cfg())
            .unwrap();
        assert_eq!(req.path_and_query(), "/proxy/search?per_page=5&q=a%20b");
    }
    let err = gh(Proxy::get("/search?x=1"))
        .query_string("per_page=5")
        .request(&cfg())
        .unwrap_err();
    assert_eq!(invalid_reason(err), InvalidReason::Conflict);
    // with pairs on top
    let req = gh(Proxy::get("/search"))
        .query_string("q=rust&page=1")
        .param("page", "2")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/proxy/search?q=rust&page=2");
}

#[test]
fn proxy_methods_and_idempotency() {
    let method = |m: &str| Method::from_bytes(m.as_bytes()).unwrap();
    for (m, wire, idempotent) in [
        ("GET", "GET", true),
        ("HEAD", "HEAD", true),
        ("OPTIONS", "OPTIONS", true),
        ("PUT", "PUT", true),
        ("DELETE", "DELETE", true),
        ("POST", "POST", false),
        ("PATCH", "PATCH", false),
        ("PROPFIND", "PROPFIND", false),
        ("REPORT", "REPORT", false),
        ("propfind", "PROPFIND", false),
    ] {
        let req = gh(Proxy::new(method(m), "/dav")).request(&cfg()).unwrap();
        assert_eq!(req.method().as_str(), wire);
        assert_eq!(req.is_idempotent(), idempotent, "{m}");
    }
    assert_eq!(
        gh(Proxy::put("/x")).request(&cfg()).unwrap().method(),
        Method::PUT
    );
    assert_eq!(
        gh(Proxy::patch("/x")).request(&cfg()).unwrap().method(),
        Method::PATCH
    );
    assert_eq!(
        gh(Proxy::delete("/x")).request(&cfg()).unwrap().method(),
        Method::DELETE
    );
    assert!(gh(Proxy::post("/charges"))
        .idempotent(true)
        .request(&cfg())
        .unwrap()
        .is_idempotent());
    assert!(!gh(Proxy::get("/counter/increment"))
        .idempotent(false)
        .request(&cfg())
        .unwrap()
        .is_idempotent());
}

#[test]
fn proxy_bodies() {
    #[derive(Serialize)]
    struct Ordered {
        zeta: u8,
        alpha: u8,
    }
    // JSON keeps the struct's field order
    let req = gh(Proxy::post("/x"))
        .json(&Ordered { zeta: 1, alpha: 2 })
        .request(&cfg())
        .unwrap();
    assert_eq!(req.body().unwrap().as_ref(), br#"{"zeta":1,"alpha":2}"#);
    assert_eq!(req.headers()["content-type"], "application/json");

    // a Content-Type header (any case) wins, once, and is also sent prefixed
    let req = gh(Proxy::patch("/x"))
        .header("content-type", "application/merge-patch+json")
        .json(&json!({"a": null}))
        .request(&cfg())
        .unwrap();
    let h = headers(&req);
    assert_eq!(h["content-type"], ["application/merge-patch+json"]);
    assert_eq!(
        h["nango-proxy-content-type"],
        ["application/merge-patch+json"]
    );
    assert_eq!(req.body().unwrap().as_ref(), br#"{"a":null}"#);

    // raw bytes: no Content-Type unless given
    let req = gh(Proxy::put("/upload"))
        .body(vec![0u8, 159, 255])
        .request(&cfg())
        .unwrap();
    assert_eq!(req.body().unwrap().as_ref(), &[0, 159, 255]);
    assert!(req.headers().get("content-type").is_none());
    let req = gh(Proxy::put("/upload"))
        .header("Content-Type", "image/png")
        .body(Bytes::from_static(b"\x89PNG"))
        .request(&cfg())
        .unwrap();
    assert_eq!(headers(&req)["content-type"], ["image/png"]);

    // a Content-Type without a body is still passed
    let req = gh(Proxy::get("/x"))
        .header("Content-Type", "application/xml")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["content-type"], "application/xml");

    // DELETE may carry a body
    let req = gh(Proxy::delete("/items"))
        .json(&json!({"ids": [1, 2]}))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.body().unwrap().as_ref(), br#"{"ids":[1,2]}"#);

    // a body that cannot be JSON is refused
    let mut bad = std::collections::HashMap::new();
    bad.insert(vec![1u8], 1u8);
    assert_eq!(
        invalid_reason(
            gh(Proxy::post("/x"))
                .json(&bad)
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::InvalidValue
    );
}

fn upstream(status: u16, headers: &[(&'static str, &str)], body: &'static [u8]) -> HttpResponse {
    let mut r = http::Response::new(Bytes::from_static(body));
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (k, v) in headers {
        r.headers_mut().append(*k, v.parse().unwrap());
    }
    r
}

#[test]
fn proxy_decode_passes_the_answer_through() {
    let resp = gh(Proxy::get("/user"))
        .decode(upstream(
            200,
            &[
                ("content-type", "application/json; charset=utf-8"),
                ("x-ratelimit-remaining", "4999"),
                ("set-cookie", "a=1"),
                ("set-cookie", "b=2"),
            ],
            br#"{"login":"octocat","id":1,"plan":{"name":"pro"}}"#,
        ))
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("X-RateLimit-Remaining"), Some("4999"));
    assert_eq!(resp.headers.get_all("set-cookie").iter().count(), 2);
    let v: Value = resp.json().unwrap();
    assert_eq!(v["plan"]["name"], "pro");
    #[derive(serde::Deserialize)]
    struct User {
        login: String,
    }
    assert_eq!(resp.json::<User>().unwrap().login, "octocat");
    assert!(resp.text().starts_with("{\"login\""));

    // binary and empty bodies
    let resp = gh(Proxy::get("/avatar"))
        .decode(upstream(
            200,
            &[("content-type", "image/png")],
            b"\x89PNG\r\n\x1a\n\x00\xff",
        ))
        .unwrap();
    assert_eq!(resp.bytes().as_ref(), b"\x89PNG\r\n\x1a\n\x00\xff");
    assert!(matches!(resp.json::<Value>(), Err(Error::Decode(d)) if d.body.len() == 10));
    let resp = gh(Proxy::delete("/x"))
        .decode(upstream(204, &[], b""))
        .unwrap();
    assert_eq!(resp.status, 204);
    assert!(resp.body.is_empty());
    assert_eq!(resp.text(), "");
}

// ---------------------------------------------------------------------------
// Through the client
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Scripted {
    replies: Mutex<VecDeque<HttpResponse>>,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Transport for Scripted {
    async fn send(
        &self,
        request: HttpRequest,
        _timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push(request);
        Ok(self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted reply"))
    }
    async fn sleep(&self, _d: Duration) {}
    fn now(&self) -> Duration {
        Duration::ZERO
    }
    fn random(&self) -> f64 {
        0.5
    }
}

fn client(replies: Vec<HttpResponse>) -> Client<Scripted> {
    Client::<Scripted>::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .host("http://127.0.0.1:9")
        .connection_id("default-conn")
        .provider_config_key("default-key")
        .retry_policy(RetryPolicy::default())
        .build_with(Scripted {
            replies: Mutex::new(replies.into()),
            sent: Mutex::default(),
        })
        .unwrap()
}

#[tokio::test]
async fn client_shortcuts_and_errors() {
    let c = client(vec![
        upstream(200, &[], br#"{"login":"octocat"}"#),
        upstream(201, &[], br#"{"id":1}"#),
        upstream(
            404,
            &[("x-github-request-id", "AB:CD")],
            br#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#,
        ),
        upstream(503, &[], b""),
        upstream(200, &[], b"ok"),
        upstream(500, &[], b"upstream broke"),
    ]);
    let user = c.get("/user").await.unwrap();
    assert_eq!(user.json::<Value>().unwrap()["login"], "octocat");
    let created = c
        .post("/repos/o/r/issues")
        .connection_id("user-1")
        .json(&json!({"title": "Bug"}))
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    // an upstream error is an API error carrying the upstream's answer as is
    let err = c.get("/repos/o/missing").await.unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.status, 404);
    assert_eq!(api.headers["x-github-request-id"], "AB:CD");
    assert!(api.body_text().contains("documentation_url"));
    // an idempotent method is retried after a 5xx...
    let ok = c.put("/user/starred/o/r").await.unwrap();
    assert_eq!(ok.text(), "ok");
    // ...a POST is not
    let err = c.post("/charges").await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));

    let sent = c.transport().sent.lock().unwrap();
    let lines: Vec<String> = sent
        .iter()
        .map(|r| format!("{} {}", r.method(), r.uri()))
        .collect();
    assert_eq!(
        lines,
        [
            "GET http://127.0.0.1:9/proxy/user",
            "POST http://127.0.0.1:9/proxy/repos/o/r/issues",
            "GET http://127.0.0.1:9/proxy/repos/o/missing",
            "PUT http://127.0.0.1:9/proxy/user/starred/o/r",
            "PUT http://127.0.0.1:9/proxy/user/starred/o/r",
            "POST http://127.0.0.1:9/proxy/charges",
        ]
    );
    assert_eq!(sent[0].headers()["connection-id"], "default-conn");
    assert_eq!(sent[1].headers()["connection-id"], "user-1");
    assert_eq!(sent[1].headers()["provider-config-key"], "default-key");
    assert_eq!(sent[1].headers()["content-type"], "application/json");
    assert!(sent[1].headers()["authorization"]
        .to_str()
        .unwrap()
        .starts_with("Bearer "));
}

#[tokio::test]
async fn client_proxy_with_any_method() {
    let c = client(vec![upstream(
        207,
        &[("content-type", "application/xml")],
        b"<multistatus/>",
    )]);
    let propfind = Method::from_bytes(b"PROPFIND").unwrap();
    let resp = c
        .proxy(Proxy::new(propfind, "/dav/files/me"))
        .header("Depth", "1")
        .retries(2)
        .await
        .unwrap();
    assert_eq!(resp.status, 207);
    assert_eq!(resp.text(), "<multistatus/>");
    let sent = c.transport().sent.lock().unwrap();
    assert_eq!(sent[0].method().as_str(), "PROPFIND");
    assert_eq!(sent[0].headers()["nango-proxy-depth"], "1");
    assert_eq!(sent[0].headers()["retries"], "2");
}

#[test]
fn proxy_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let c = client(vec![]);
    assert_send(&std::future::IntoFuture::into_future(
        c.get("/x").header("a", "b").json(&json!({})),
    ));
    assert_send(&std::future::IntoFuture::into_future(
        c.proxy(Proxy::delete("/x")),
    ));
}

#[test]
fn proxy_response_from_parts() {
    let r = ProxyResponse::from(upstream(202, &[("location", "/x")], b"{}"));
    assert_eq!(r.status, 202);
    assert_eq!(r.header("location"), Some("/x"));
    assert_eq!(r.json::<Value>().unwrap(), json!({}));
}
