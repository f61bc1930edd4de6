//! The native transport over real loopback HTTP: a caller's own `reqwest::Client`
//! (`ReqwestTransport::from_client`) is the one that sends, a redirect is never
//! followed by the SDK with it (and a client that follows one is caught), and a
//! transport failure keeps reqwest's error as its `source()`, with no secret, id
//! or URL in any text of it.

mod common;

use std::error::Error as _;

use nango::reqwest;
use nango::retry::RetryPolicy;
use nango::transport::TransportErrorKind;
use nango::{Error, Nango, ReqwestTransport};

/// Long enough to be redacted; the hostile server accepts any key.
const KEY: &str = "a3f1c2d4-1111-4222-8333-444455556666";

fn client_over(host: &str, transport: ReqwestTransport) -> Nango {
    Nango::builder()
        .api_key(KEY)
        .host(host)
        .retry_policy(RetryPolicy::disabled())
        .transport(transport)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_callers_own_client_sends_the_requests() {
    let server = common::server().await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-company-gateway", "gw-7".parse().unwrap());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap();
    let nango = Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .transport(ReqwestTransport::from_client(client))
        .build()
        .unwrap();
    nango.list_providers().await.unwrap();
    let sent = server.requests();
    let last = sent.last().unwrap();
    assert_eq!(last.path, "/providers");
    assert_eq!(last.header("x-company-gateway"), Some("gw-7"), "{last:?}");
    // The SDK's own headers win over the client's defaults.
    assert!(last
        .header("user-agent")
        .unwrap()
        .starts_with("nango-rust/"));
}

#[tokio::test]
async fn try_with_pool_builds_a_working_transport() {
    let server = common::server().await;
    let options = nango::PoolOptions::default().max_idle_per_host(2);
    let transport = ReqwestTransport::try_with_pool(options).expect("the client builds");
    let nango = Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .transport(transport)
        .build()
        .unwrap();
    let providers = nango.list_providers().await.unwrap();
    assert!(!providers.is_empty());
}

#[tokio::test]
async fn a_client_that_does_not_follow_redirects_keeps_the_sdk_from_following_them() {
    let hostile = nango_hostile_server::spawn().await.unwrap();
    let host = hostile.url.clone();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let nango = client_over(&host, ReqwestTransport::from_client(client));

    // An API operation: the 302 is an error.
    let err = nango
        .get_connection("github", "redirect")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::FOUND), "{err:?}");
    // A proxied call: the 302 is the answer, returned as it is.
    let res = nango
        .get("/redirect")
        .provider_config_key("p")
        .connection_id("c")
        .await
        .unwrap();
    assert_eq!(res.status, 302);
    assert_eq!(res.headers["location"], "/landing");

    let sent = hostile.received();
    assert!(
        sent.iter()
            .any(|r| r.starts_with("GET /connections/redirect?")),
        "{sent:?}"
    );
    assert!(
        !sent.iter().any(|r| r.contains("/landing")),
        "followed: {sent:?}"
    );
}

#[tokio::test]
async fn a_client_that_follows_redirects_is_caught() {
    let hostile = nango_hostile_server::spawn().await.unwrap();
    let host = hostile.url.clone();
    // reqwest's default policy follows up to ten redirects.
    let client = reqwest::Client::new();
    let nango = client_over(&host, ReqwestTransport::from_client(client));
    for call in ["api", "proxy"] {
        let err = match call {
            "api" => nango
                .get_connection("github", "redirect")
                .await
                .map(|_| ())
                .unwrap_err(),
            _ => nango
                .get("/redirect")
                .provider_config_key("p")
                .connection_id("c")
                .await
                .map(|_| ())
                .unwrap_err(),
        };
        match &err {
            Error::Transport(t) => {
                assert_eq!(t.kind(), TransportErrorKind::Other, "{call}: {err:?}");
                assert!(t.message().contains("followed a redirect"), "{call}: {err}");
            }
            other => panic!("{call}: the redirected answer was taken: {other:?}"),
        }
    }
    // The client did follow (the guard is after the fact, hence the documented
    // requirement): the target was asked for.
    let sent = hostile.received();
    assert!(sent.iter().any(|r| r.contains("/landing")), "{sent:?}");
}

#[tokio::test]
async fn a_refused_connection_keeps_the_reqwest_error_as_its_source() {
    // A port that was just free: nothing listens there any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let host = format!("http://127.0.0.1:{port}");
    let nango = client_over(&host, ReqwestTransport::default());
    let err = nango
        .get_connection("github-prod", "conn-7f3a9c")
        .await
        .unwrap_err();

    let Error::Transport(transport) = &err else {
        panic!("not a transport error: {err:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect);
    assert_eq!(
        err.to_string(),
        "connection failed: could not connect to the server"
    );
    let cause = transport
        .source()
        .and_then(|s| s.downcast_ref::<reqwest::Error>())
        .expect("the source is the reqwest error");
    assert!(cause.is_connect(), "{cause:?}");
    assert!(cause.url().is_none(), "the URL is taken off: {cause:?}");
    // `Error::Transport` is transparent: its source is the same reqwest error.
    let top = err
        .source()
        .and_then(|s| s.downcast_ref::<reqwest::Error>());
    assert!(top.is_some_and(reqwest::Error::is_connect), "{err:?}");

    // The chain reaches the operating system's refusal...
    let mut chain = vec![err.to_string()];
    let mut source = err.source();
    let mut refused = false;
    while let Some(s) = source {
        chain.push(s.to_string());
        refused |= s
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        source = s.source();
    }
    assert!(refused, "{chain:?}");
    // ...and no text of it (chain, `Debug`) holds the key, an id or the URL.
    chain.push(format!("{err:?}"));
    chain.push(format!("{err:#?}"));
    for text in &chain {
        for secret in [
            KEY,
            "conn-7f3a9c",
            "github-prod",
            "/connections",
            host.as_str(),
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}
