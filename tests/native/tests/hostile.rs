//! The native client against a hostile server (`tests/hostile`): the proxy never
//! leaves `/proxy/`, no secret reaches a text the client produces, every answer is
//! bounded, pagination loops end, redirects are never followed. The package's side
//! is `tests/wasm/hostile.mjs`.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use nango::error::InvalidReason;
use nango::ops::connections::ListConnections;
use nango::ops::records::ListRecords;
use nango::retry::RetryPolicy;
use nango::{Error, Nango};
use nango_hostile_server::CREDENTIAL;

/// A key long enough to be redacted (any key is accepted by the hostile server).
const KEY: &str = "a3f1c2d4-1111-4222-8333-444455556666";
const SIGNING_KEY: &str = "whsec-hostile-signing-key-0123456789";

/// A proxied `GET` of `endpoint` for the hostile server's connection.
fn proxied<'a>(
    nango: &'a Nango,
    endpoint: &str,
) -> nango::Call<'a, nango::ReqwestTransport, nango::ops::proxy::Proxy> {
    nango
        .get(endpoint)
        .provider_config_key("p")
        .connection_id("c")
}

async fn setup() -> (nango_hostile_server::Running, Nango) {
    let hostile = nango_hostile_server::spawn().await.unwrap();
    let nango = client(&hostile.url);
    (hostile, nango)
}

fn client(host: &str) -> Nango {
    Nango::builder()
        .api_key(KEY)
        .webhook_signing_key(SIGNING_KEY)
        .host(host)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn proxy_endpoints_never_climb_out_of_proxy() {
    let (hostile, nango) = setup().await;
    let host = hostile.url.clone();
    let climbing = [
        "/../../connections/victim",
        "../connections/victim",
        "/a/../../connections/victim",
        "/%2e%2e/connections/victim",
        "/%2E%2E/connections/victim",
        "/.%2e/connections/victim",
        "/%2e./connections/victim",
        "/%2e/../connections",
        "/./x",
        "/x/.",
        "/x/..",
        "/x/..?q=1",
        "/%252e%252e/connections/victim",
        "/%25252E%25252e/connections/victim",
        "/a/%2e%2E/%2E%2e/connections/victim",
    ];
    for endpoint in climbing {
        let err = nango
            .get(endpoint)
            .provider_config_key("github")
            .connection_id("u1")
            .await
            .expect_err(endpoint);
        match err {
            Error::InvalidInput(e) => {
                assert_eq!(e.field, "endpoint", "{endpoint}");
                assert_eq!(e.reason, InvalidReason::DotSegment, "{endpoint}");
            }
            other => panic!("{endpoint}: {other:?}"),
        }
    }
    assert_eq!(hostile.received(), Vec::<String>::new(), "nothing was sent");

    // What looks like a dot but is not one stays under /proxy/, and a host
    // prefix is kept.
    let prefixed = client(&format!("{host}/nango"));
    for (endpoint, path) in [
        ("/...", "/nango/proxy/..."),
        ("/a..b/.x", "/nango/proxy/a..b/.x"),
        ("/a\\..\\b", "/nango/proxy/a%5C..%5Cb"),
        ("/%2e%2e%2f", "/nango/proxy/%2e%2e%2f"),
        ("/.\t.", "/nango/proxy/.%09."),
    ] {
        let res = prefixed
            .get(endpoint)
            .provider_config_key("github")
            .connection_id("u1")
            .await
            .unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert_eq!(res.status, 200, "{endpoint}");
        let sent = hostile.received();
        assert_eq!(sent.last().unwrap(), &format!("GET {path}"), "{endpoint}");
    }

    // Ids in paths: `.`/`..` refused, encoded dots sent as literal text.
    for id in [".", ".."] {
        let err = nango.get_connection("github", id).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput(ref e) if e.reason == InvalidReason::DotSegment),
            "{id}: {err}"
        );
    }
    for (id, path) in [
        ("%2e%2e", "/connections/%252e%252e"),
        ("%2E.", "/connections/%252E."),
        ("..%2f..", "/connections/..%252f.."),
    ] {
        let _ = nango.get_connection("github", id).await;
        let sent = hostile.received();
        assert!(
            sent.last().unwrap().starts_with(&format!("GET {path}?")),
            "{id}: {sent:?}"
        );
    }
}

/// The text of every field of `tracing` events, as a log would print them.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<String>>);

impl tracing::Subscriber for Log {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut Visitor(self.0.clone()));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Visitor(self.0.clone()));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Visitor(self.0.clone()));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

struct Visitor(Arc<Mutex<String>>);

impl tracing::field::Visit for Visitor {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = writeln!(self.0.lock().unwrap(), "{}={value:?}", field.name());
    }
}

/// A rendered form (`Display`, `Debug`, a message, the log): neither the
/// client's secrets nor the credential the server planted.
fn assert_clean(what: &str, text: &str) {
    for secret in [KEY, SIGNING_KEY, CREDENTIAL] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
}

/// What the server sent, kept on the error for a caller who reads it: the
/// client's own secrets redacted.
fn assert_redacted(what: &str, text: &str) {
    for secret in [KEY, SIGNING_KEY] {
        assert!(!text.contains(secret), "{what} keeps a secret: {text}");
    }
}

#[tokio::test]
async fn no_secret_in_any_text_the_client_produces() {
    let (_host, nango) = setup().await;
    let log = Log::default();
    let _guard = tracing::subscriber::set_default(log.clone());
    for mode in [
        "echo-message",
        "echo-errors",
        "echo-payload",
        "echo-header",
        "non-json",
        "non-json-200",
        "wrong-type",
    ] {
        let err = nango.get_connection("github", mode).await.unwrap_err();
        assert_clean(mode, &err.to_string());
        assert_clean(mode, &format!("{err:?}"));
        assert_clean(mode, &format!("{err:#?}"));
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            assert_clean(mode, &s.to_string());
            source = s.source();
        }
        match &err {
            Error::Api(api) => {
                assert_redacted(mode, &api.body_text());
                assert_redacted(mode, &format!("{:?}", api.headers));
                assert_clean(mode, api.message.as_deref().unwrap_or_default());
                assert_clean(mode, &format!("{:?}", api.errors));
                assert_redacted(mode, &format!("{:?}", api.payload));
                // The server's text is there, redacted, and the raw body on request.
                let raw = String::from_utf8_lossy(api.unredacted_body());
                assert!(raw.contains(KEY) || mode == "echo-header", "{mode}: {raw}");
            }
            Error::Decode(d) => {
                assert_clean(mode, &d.message);
                assert_redacted(mode, &String::from_utf8_lossy(&d.body));
                assert!(
                    String::from_utf8_lossy(d.unredacted_body()).contains(KEY),
                    "{mode}"
                );
                if mode == "wrong-type" {
                    assert!(
                        d.message.contains("`credentials`"),
                        "says where: {}",
                        d.message
                    );
                    assert!(d.message.contains("line 1"), "says where: {}", d.message);
                }
            }
            other => panic!("{mode}: {other:?}"),
        }
        if mode == "echo-message" {
            assert_eq!(
                err.to_string(),
                "Nango API error 401 invalid_secret_key: The secret key is invalid: Bearer [redacted]"
            );
        }
    }
    let logged = log.0.lock().unwrap().clone();
    assert!(
        logged.contains("giving up"),
        "the log was captured: {logged}"
    );
    for secret in [KEY, SIGNING_KEY] {
        assert!(!logged.contains(secret), "the log shows a secret: {logged}");
    }
}

#[tokio::test]
async fn answers_are_bounded() {
    let (hostile, nango) = setup().await;
    let host = hostile.url.clone();
    // An endless body without Content-Length: refused at the default limit.
    let err = nango.list_providers().await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit } if limit == nango::config::DEFAULT_MAX_RESPONSE_BYTES),
        "{err:?}"
    );
    // The proxy has its own limit; small limits on both.
    let small = Nango::builder()
        .api_key(KEY)
        .host(&host)
        .max_response_bytes(Some(1000))
        .max_proxy_response_bytes(Some(5000))
        .build()
        .unwrap();
    assert!(
        small
            .get_provider("big-1000")
            .await
            .is_err_and(|e| !matches!(e, Error::ResponseTooLarge { .. })),
        "1000 bytes is within the limit (not a provider, though)"
    );
    assert!(matches!(
        small.get_provider("big-1001").await,
        Err(Error::ResponseTooLarge { limit: 1000 })
    ));
    assert_eq!(proxied(&small, "/big-5000").await.unwrap().body.len(), 5000);
    assert!(matches!(
        proxied(&small, "/big-5001").await,
        Err(Error::ResponseTooLarge { limit: 5000 })
    ));
    // The native client does not ask for compression: a gzip body is read as the
    // bytes it is (a bomb stays small).
    let unlimited = Nango::builder()
        .api_key(KEY)
        .host(&host)
        .max_proxy_response_bytes(None)
        .build()
        .unwrap();
    let res = proxied(&unlimited, "/bomb-10000000").await.unwrap();
    assert!(res.body.len() < 100_000, "{}", res.body.len());
}

#[tokio::test]
async fn pagination_loops_end() {
    let (hostile, nango) = setup().await;
    let records = nango.records_stream::<serde_json::Value>(ListRecords::new("p", "c", "Cycle"));
    let items: Vec<_> = records.collect().await;
    assert!(
        matches!(items.last(), Some(Err(Error::PaginationLoop(_)))),
        "{items:?}"
    );
    assert_eq!(
        items.len(),
        4,
        "three pages of one record (A, B, A), then the error: {items:?}"
    );
    let sent = hostile.received();
    assert_eq!(sent.len(), 3, "{sent:?}");

    let connections = nango.connections_stream(ListConnections::new().limit(2));
    let items: Vec<_> = connections.collect().await;
    assert!(
        matches!(items.last(), Some(Err(Error::PaginationLoop(_)))),
        "{items:?}"
    );
    assert_eq!(items.len(), 5, "two pages of two, then the error");
}

#[tokio::test]
async fn redirects_are_never_followed() {
    let (hostile, nango) = setup().await;
    let err = nango
        .get_connection("github", "redirect")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::FOUND), "{err:?}");
    let res = proxied(&nango, "/redirect").await.unwrap();
    assert_eq!(res.status, 302);
    assert_eq!(res.headers["location"], "/landing");
    let sent = hostile.received();
    assert!(
        !sent.iter().any(|r| r.contains("/landing")),
        "followed: {sent:?}"
    );
}
