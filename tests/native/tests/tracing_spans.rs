//! The `nango.request` span of each call, as a `tracing` subscriber receives it:
//! the operation, the method, the path template, the attempts and the status, and
//! never an id, a proxy caller's path or a key, in the span or in the events
//! inside it.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nango::retry::RetryPolicy;
use nango::Nango;
use nango_local_server::Fault;

/// One span as the subscriber saw it: its name and every field recorded.
#[derive(Debug, Clone)]
struct Span {
    name: &'static str,
    target: &'static str,
    fields: BTreeMap<String, String>,
}

/// Keeps every span and every event of the SDK (`nango_core`, `nango`), with
/// their fields as text; the local server's own logs are left out.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<Span>>>,
    events: Arc<Mutex<Vec<BTreeMap<String, String>>>>,
}

impl Capture {
    /// The `nango.request` spans, in the order they were opened.
    fn requests(&self) -> Vec<BTreeMap<String, String>> {
        let spans = self.spans.lock().unwrap();
        spans
            .iter()
            .filter(|s| s.name == "nango.request")
            .map(|s| s.fields.clone())
            .collect()
    }

    /// The fields of the SDK's spans, as one text.
    fn span_text(&self) -> String {
        let spans = self.spans.lock().unwrap();
        let sdk: Vec<_> = spans.iter().filter(|s| is_sdk(s.target)).collect();
        format!("{sdk:?}")
    }

    /// The fields of the SDK's spans and events, as one text.
    fn text(&self) -> String {
        format!("{}\n{:?}", self.span_text(), self.events.lock().unwrap())
    }
}

fn is_sdk(target: &str) -> bool {
    target.starts_with("nango_core") || target == "nango" || target.starts_with("nango::")
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = BTreeMap::new();
        span.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push(Span {
            name: span.metadata().name(),
            target: span.metadata().target(),
            fields,
        });
        tracing::span::Id::from_u64(spans.len() as u64)
    }
    fn record(&self, id: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let span = &mut spans[id.into_u64() as usize - 1];
        values.record(&mut Fields(&mut span.fields));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if is_sdk(event.metadata().target()) {
            let mut fields = BTreeMap::new();
            event.record(&mut Fields(&mut fields));
            self.events.lock().unwrap().push(fields);
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Writes each field as a log line would show it (an error with its causes).
struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        self.0.insert(field.name().into(), value.to_string());
    }
    fn record_error(
        &mut self,
        field: &tracing::field::Field,
        value: &(dyn std::error::Error + 'static),
    ) {
        let mut text = value.to_string();
        let mut source = value.source();
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        self.0.insert(field.name().into(), text);
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}"));
    }
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// No key in anything the SDK logged, and no id in its spans. (The events keep
/// the error of a call, whose message is the server's own text: a server may
/// name the id it did not find.)
fn assert_clean(capture: &Capture, keys: &[&str], ids: &[&str]) {
    let text = capture.text();
    for key in keys {
        assert!(!text.contains(key), "{key} was logged: {text}");
    }
    let spans = capture.span_text();
    for id in ids {
        assert!(!spans.contains(id), "{id} is in a span: {spans}");
    }
}

#[tokio::test]
async fn a_retried_call_shows_operation_method_template_attempts_and_status() {
    let server = common::server().await;
    let nango = Nango::builder()
        .api_key(server.api_key())
        .host(server.base_url())
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(4)
                .backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    common::integration(&nango, "crm-prod-eu").await;
    nango
        .import_connection(
            nango::models::connections::UpsertConnection::new(
                "crm-prod-eu",
                serde_json::json!({"type": "API_KEY", "apiKey": "planted-provider-key-0123456789"}),
            )
            .connection_id("acct-93f1e2"),
        )
        .await
        .unwrap();
    server.inject_fault(
        Fault::status("/connections/acct-93f1e2", 503, "{}")
            .method("GET")
            .times(2),
    );

    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let conn = nango
        .get_connection("crm-prod-eu", "acct-93f1e2")
        .await
        .unwrap();
    assert_eq!(conn.connection_id, "acct-93f1e2");
    let missing = nango
        .get_connection("crm-prod-eu", "acct-absent-55")
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(http::StatusCode::NOT_FOUND));
    drop(_guard);

    assert_eq!(
        capture.requests(),
        [
            fields(&[
                ("operation", "get_connection"),
                ("method", "GET"),
                ("path", "/connections/{}"),
                ("attempts", "3"),
                ("status", "200"),
            ]),
            fields(&[
                ("operation", "get_connection"),
                ("method", "GET"),
                ("path", "/connections/{}"),
                ("attempts", "1"),
                ("status", "404"),
            ]),
        ]
    );
    let events = capture.events.lock().unwrap().clone();
    let retries = events
        .iter()
        .filter(|e| e.get("message").map(String::as_str) == Some("retrying"))
        .count();
    assert_eq!(retries, 2, "{events:?}");
    assert_clean(
        &capture,
        &[&server.api_key(), "planted-provider-key"],
        &["acct-93f1e2", "acct-absent-55", "crm-prod-eu"],
    );
}

#[tokio::test]
async fn a_proxy_call_shows_the_proxy_template_not_the_callers_path() {
    let hostile = nango_hostile_server::spawn().await.unwrap();
    let host = hostile.url.clone();
    let key = "a3f1c2d4-1111-4222-8333-444455556666";
    let nango = Nango::builder()
        .api_key(key)
        .host(&host)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let res = nango
        .post("/repos/private-repo-4411/issues?access_token=tok-88a1")
        .provider_config_key("gh-enterprise")
        .connection_id("tenant-6120")
        .json(&serde_json::json!({"title": "t"}))
        .await
        .unwrap();
    assert_eq!(res.status, 200);
    drop(_guard);

    assert_eq!(
        capture.requests(),
        [fields(&[
            ("operation", "proxy"),
            ("method", "POST"),
            ("path", "/proxy/{endpoint}"),
            ("attempts", "1"),
            ("status", "200"),
        ])]
    );
    let ids = [
        "private-repo-4411",
        "tok-88a1",
        "gh-enterprise",
        "tenant-6120",
    ];
    assert_clean(&capture, &[key], &ids);
    // Nothing else was logged for a success: the ids are nowhere.
    let text = capture.text();
    assert!(ids.iter().all(|id| !text.contains(id)), "{text}");
}

#[tokio::test]
async fn a_failed_call_and_a_hand_built_request_are_traced_too() {
    // A port that was just free: nothing listens there any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let key = "a3f1c2d4-1111-4222-8333-444455556666";
    let nango = Nango::builder()
        .api_key(key)
        .host(format!("http://127.0.0.1:{port}"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    nango.delete_integration("billing-eu-2").await.unwrap_err();
    let req =
        nango::request::ApiRequest::get("/integrations/{}", &[("unique_key", "billing-eu-2")])
            .unwrap();
    nango.execute(&req).await.unwrap_err();
    drop(_guard);

    // No answer: no status. A hand-built request has no operation name.
    assert_eq!(
        capture.requests(),
        [
            fields(&[
                ("operation", "delete_integration"),
                ("method", "DELETE"),
                ("path", "/integrations/{}"),
                ("attempts", "1"),
            ]),
            fields(&[
                ("method", "GET"),
                ("path", "/integrations/{}"),
                ("attempts", "1"),
            ]),
        ]
    );
    // The failure is logged with its causes, down to the refusal.
    let events = capture.events.lock().unwrap().clone();
    let gave_up: Vec<_> = events
        .iter()
        .filter(|e| e.get("message").map(String::as_str) == Some("giving up"))
        .collect();
    assert_eq!(gave_up.len(), 2, "{events:?}");
    assert!(
        gave_up[0]["error"].starts_with("connection failed: could not connect to the server: "),
        "{gave_up:?}"
    );
    assert!(gave_up[0]["error"].contains("refused"), "{gave_up:?}");
    // The transport's error holds no URL: the id is nowhere, events included.
    assert_clean(&capture, &[key, "billing-eu-2"], &["billing-eu-2"]);
}
