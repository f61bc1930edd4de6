//! Request and decode tests of the action operations, and the waiter for
//! asynchronous results, driven by a scripted in-memory transport with a fake
//! clock (real-HTTP end-to-end tests live elsewhere).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::actions::{ActionRef, ActionWaitOptions, AsyncActionHandle};
use nango_core::ops::actions::{GetActionResult, TriggerAction, TriggerActionAsync};
use nango_core::transport::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use nango_core::{Client, Error};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

mod common;
use common::*;

#[derive(Debug, Serialize)]
struct NewIssue {
    title: String,
    labels: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Created {
    id: u64,
    url: String,
}

// ---------------------------------------------------------------------------
// triggerAction
// ---------------------------------------------------------------------------

#[test]
fn trigger_action_request() {
    let req = TriggerAction::new("github", "user-1", "create-issue")
        .input(NewIssue {
            title: "Bug".into(),
            labels: vec!["p1".into()],
        })
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/action/trigger");
    assert_eq!(req.headers()["connection-id"], "user-1");
    assert_eq!(req.headers()["provider-config-key"], "github");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert!(req.headers().get("x-async").is_none());
    assert_eq!(
        body_json(&req),
        json!({"action_name": "create-issue", "input": {"title": "Bug", "labels": ["p1"]}})
    );
    assert!(
        !req.is_idempotent(),
        "an action trigger is never idempotent"
    );
}

#[test]
fn trigger_action_without_input_leaves_it_out() {
    for op in [
        TriggerAction::new("gh", "u", "list-repos"),
        TriggerAction::new("gh", "u", "list-repos").input(()),
        TriggerAction::new("gh", "u", "list-repos").input(None::<u8>),
    ] {
        let req = op.request(&cfg()).unwrap();
        assert_eq!(body_json(&req), json!({"action_name": "list-repos"}));
    }
    // scalars and arrays are sent as given
    let req = TriggerAction::new("gh", "u", "a")
        .input([1, 2])
        .request(&cfg())
        .unwrap();
    assert_eq!(body_json(&req)["input"], json!([1, 2]));
}

#[test]
fn trigger_action_refuses_bad_input() {
    // a map with non-string keys cannot be JSON
    let mut bad = HashMap::new();
    bad.insert((1u8, 2u8), 3u8);
    let err = TriggerAction::new("gh", "u", "a")
        .input(bad)
        .request(&cfg())
        .unwrap_err();
    assert_eq!(invalid_reason(err), InvalidReason::InvalidValue);
    for (op, reason) in [
        (TriggerAction::new("gh", "u", ""), InvalidReason::Empty),
        (TriggerAction::new("", "u", "a"), InvalidReason::Empty),
        (TriggerAction::new("gh", "", "a"), InvalidReason::Empty),
        (
            TriggerAction::new("gh", "u\r\nX-Evil: 1", "a"),
            InvalidReason::ControlCharacter,
        ),
        (
            TriggerAction::new("gh\n", "u", "a"),
            InvalidReason::ControlCharacter,
        ),
        (
            TriggerAction::new("gh", "ünï", "a"),
            InvalidReason::InvalidValue,
        ),
    ] {
        assert_eq!(invalid_reason(op.request(&cfg()).unwrap_err()), reason);
    }
    // visible ASCII ids go as they are
    let req = TriggerAction::new("g h", "a/b?c#d%e&f g", "a")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["connection-id"], "a/b?c#d%e&f g");
    assert_eq!(req.headers()["provider-config-key"], "g h");
}

#[test]
fn trigger_action_decode() {
    let out = TriggerAction::new("gh", "u", "a")
        .decode(response(
            200,
            r#"{"id":7,"url":"https://github.com/o/r/issues/7","extra":{"x":1}}"#,
        ))
        .unwrap();
    assert_eq!(out["id"], 7);
    assert_eq!(out["extra"]["x"], 1);

    let typed: Created = TriggerAction::new("gh", "u", "a")
        .typed::<Created>()
        .decode(response(
            200,
            r#"{"id":7,"url":"https://github.com/o/r/issues/7","extra":true}"#,
        ))
        .unwrap();
    assert_eq!(
        typed,
        Created {
            id: 7,
            url: "https://github.com/o/r/issues/7".into()
        }
    );

    // an empty answer is `null`
    let out = TriggerAction::new("gh", "u", "a")
        .decode(response(200, ""))
        .unwrap();
    assert_eq!(out, Value::Null);
    let out = TriggerAction::new("gh", "u", "a")
        .typed::<Option<Created>>()
        .decode(response(200, ""))
        .unwrap();
    assert_eq!(out, None);
    TriggerAction::new("gh", "u", "a")
        .typed::<()>()
        .decode(response(200, ""))
        .unwrap();
    // outputs need not be objects
    let out: Vec<String> = TriggerAction::new("gh", "u", "a")
        .typed::<Vec<String>>()
        .decode(response(200, r#"["a","b"]"#))
        .unwrap();
    assert_eq!(out, ["a", "b"]);
    assert!(matches!(
        TriggerAction::new("gh", "u", "a")
            .typed::<Created>()
            .decode(response(200, r#"{"id":"x"}"#)),
        Err(Error::Decode(_))
    ));
}

// ---------------------------------------------------------------------------
// triggerActionAsync
// ---------------------------------------------------------------------------

#[test]
fn trigger_action_async_request() {
    let req = TriggerActionAsync::new("github", "user-1", "export")
        .input(json!({"since": "2026-01-01"}))
        .max_retries(5)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/action/trigger");
    assert_eq!(req.headers()["x-async"], "true");
    assert_eq!(req.headers()["x-max-retries"], "5");
    assert_eq!(req.headers()["connection-id"], "user-1");
    assert_eq!(req.headers()["provider-config-key"], "github");
    assert_eq!(
        body_json(&req),
        json!({"action_name": "export", "input": {"since": "2026-01-01"}})
    );
    assert!(!req.is_idempotent());

    let req = TriggerActionAsync::new("github", "user-1", "export")
        .request(&cfg())
        .unwrap();
    assert!(req.headers().get("x-max-retries").is_none());
    assert_eq!(body_json(&req), json!({"action_name": "export"}));

    let req = TriggerActionAsync::new("github", "user-1", "export")
        .max_retries(0)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["x-max-retries"], "0");

    assert_eq!(
        invalid_reason(
            TriggerActionAsync::new("github", "user-1", "export")
                .max_retries(6)
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::InvalidValue
    );
    assert_eq!(
        invalid_reason(
            TriggerActionAsync::new("github", "a\nb", "export")
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::ControlCharacter
    );
}

#[test]
fn trigger_action_async_decode() {
    let h = TriggerActionAsync::new("gh", "u", "export")
        .decode(response(
            202,
            r#"{"id":"35f461d4-e681-4957-ab14-c0ae1609431d","statusUrl":"/action/35f461d4-e681-4957-ab14-c0ae1609431d","queued":true}"#,
        ))
        .unwrap();
    assert_eq!(h.id, "35f461d4-e681-4957-ab14-c0ae1609431d");
    assert_eq!(h.status_url, "/action/35f461d4-e681-4957-ab14-c0ae1609431d");
    assert_eq!(
        ActionRef::from(&h),
        ActionRef::StatusUrl("/action/35f461d4-e681-4957-ab14-c0ae1609431d".into())
    );
    let only_id: AsyncActionHandle = serde_json::from_str(r#"{"id":"x"}"#).unwrap();
    assert_eq!(ActionRef::from(only_id), ActionRef::Id("x".into()));
}

// ---------------------------------------------------------------------------
// getAsyncActionResult
// ---------------------------------------------------------------------------

#[test]
fn get_action_result_request() {
    let req = GetActionResult::new(ActionRef::id("35f461d4-e681"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/action/35f461d4-e681");
    assert!(req.body().is_none());
    assert!(req.headers().is_empty());
    assert!(
        !req.is_idempotent(),
        "a 500 is the run's final failure: not retried"
    );

    let req = GetActionResult::new(ActionRef::status_url("/action/35f461d4-e681"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/action/35f461d4-e681");

    // escapes in a statusUrl are read, then written back
    let req = GetActionResult::new(ActionRef::status_url("/action/a%20b%2Fc"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/action/a%20b%2Fc");
}

#[test]
fn get_action_result_ids_round_trip() {
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
    ] {
        let req = GetActionResult::new(ActionRef::id(id))
            .request(&cfg())
            .unwrap();
        let seg = req.path().strip_prefix("/action/").unwrap();
        assert!(!seg.contains(['/', '?', '#', ' ', '&']), "{seg}");
        assert_eq!(
            percent_encoding::percent_decode_str(seg)
                .decode_utf8()
                .unwrap(),
            id
        );
        assert!(!req.path_and_query().contains('?'));
    }
}

#[test]
fn get_action_result_refuses_foreign_status_urls() {
    for url in [
        "https://evil.example/action/1",
        "http://localhost:3003/action/1",
        "//evil.example/action/1",
        "/actions/1",
        "action/1",
        "/action/",
        "/action/a/b",
        "/action/../connections",
        "/action/1?x=1",
        "/action/1#x",
        "/action/a\\b",
        "/connections/x",
        "",
    ] {
        let err = GetActionResult::new(ActionRef::status_url(url))
            .request(&cfg())
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput(_)),
            "{url:?} must be refused"
        );
    }
    // dot segments, even escaped, would be normalised away by a URL parser
    for url in ["/action/..", "/action/.", "/action/%2e%2e", "/action/%2E"] {
        assert_eq!(
            invalid_reason(
                GetActionResult::new(ActionRef::status_url(url))
                    .request(&cfg())
                    .unwrap_err()
            ),
            InvalidReason::DotSegment,
            "{url}"
        );
    }
    assert_eq!(
        invalid_reason(
            GetActionResult::new(ActionRef::id(""))
                .request(&cfg())
                .unwrap_err()
        ),
        InvalidReason::Empty
    );
}

#[test]
fn get_action_result_decode() {
    let out = GetActionResult::new(ActionRef::id("x"))
        .decode(response(200, r#"{"url":"https://files/x.csv","rows":10}"#))
        .unwrap();
    assert_eq!(out["rows"], 10);
    let out = GetActionResult::new(ActionRef::id("x"))
        .decode(response(200, ""))
        .unwrap();
    assert_eq!(out, Value::Null);
    #[derive(Deserialize)]
    struct Export {
        url: String,
    }
    let e: Export = GetActionResult::new(ActionRef::id("x"))
        .typed::<Export>()
        .decode(response(200, r#"{"url":"u","extra":1}"#))
        .unwrap();
    assert_eq!(e.url, "u");
}

// ---------------------------------------------------------------------------
// The waiter, over a scripted transport with a fake clock
// ---------------------------------------------------------------------------

type Reply = Result<(u16, &'static str), TransportErrorKind>;

#[derive(Default)]
struct Scripted {
    replies: Mutex<VecDeque<Reply>>,
    sent: Mutex<Vec<(Method, String, http::HeaderMap)>>,
    slept: Mutex<Vec<Duration>>,
    clock: Mutex<Duration>,
}

impl Scripted {
    fn new(replies: Vec<Reply>) -> Self {
        Self {
            replies: Mutex::new(replies.into()),
            ..Self::default()
        }
    }

    fn paths(&self) -> Vec<String> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .map(|(m, p, _)| format!("{m} {p}"))
            .collect()
    }

    fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    async fn send(
        &self,
        request: HttpRequest,
        _timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push((
            request.method().clone(),
            request.uri().path().to_owned(),
            request.headers().clone(),
        ));
        // every exchange takes 10 ms of fake time
        *self.clock.lock().unwrap() += Duration::from_millis(10);
        match self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted reply")
        {
            Ok((status, body)) => Ok(response(status, body)),
            Err(kind) => Err(TransportError::new(kind, "scripted failure")),
        }
    }

    async fn sleep(&self, d: Duration) {
        self.slept.lock().unwrap().push(d);
        *self.clock.lock().unwrap() += d;
    }

    fn now(&self) -> Duration {
        *self.clock.lock().unwrap()
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn client(t: Scripted) -> Client<Scripted> {
    Client::<Scripted>::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .host("http://127.0.0.1:9")
        .build_with(t)
        .unwrap()
}

const RUNNING: &str = r#"{"error":{"code":"not_found","message":"Action not completed yet"}}"#;
const FAILED: &str = r#"{"error":{"message":"Request failed with status code 422","code":"action_script_failure","payload":{"field":"title"}}}"#;

fn fast() -> ActionWaitOptions {
    ActionWaitOptions::default()
        .initial_delay(Duration::from_millis(500))
        .max_delay(Duration::from_secs(2))
        .timeout(Duration::from_secs(5))
}

#[tokio::test]
async fn waiter_polls_through_404s_until_the_output() {
    let c = client(Scripted::new(vec![
        Ok((404, RUNNING)),
        Ok((404, RUNNING)),
        Ok((200, r#"{"id":7,"url":"https://github.com/o/r/issues/7"}"#)),
    ]));
    let out: Created = c
        .wait_for_action_result(ActionRef::status_url("/action/35f4"), &fast())
        .await
        .unwrap();
    assert_eq!(out.id, 7);
    assert_eq!(
        c.transport().paths(),
        ["GET /action/35f4", "GET /action/35f4", "GET /action/35f4"]
    );
    assert_eq!(
        c.transport().slept(),
        [Duration::from_millis(500), Duration::from_secs(1)]
    );
}

#[tokio::test]
async fn waiter_gives_up_at_the_deadline_with_capped_backoff() {
    let c = client(Scripted::new(vec![Ok((404, RUNNING)); 50]));
    let err = c
        .wait_for_action_result::<Value>(ActionRef::id("35f4"), &fast())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::WaitTimeout(_)), "{err:?}");
    let slept = c.transport().slept();
    // 0.5, 1, 2 (the cap), then only what is left of the 5 s (each exchange
    // takes 10 ms of fake time)
    assert_eq!(
        slept,
        [
            Duration::from_millis(500),
            Duration::from_secs(1),
            Duration::from_secs(2),
            Duration::from_millis(1460),
        ]
    );
    assert!(slept.iter().all(|d| *d <= Duration::from_secs(2)));
    let total: Duration = slept.iter().sum();
    assert!(total <= Duration::from_secs(5), "{total:?}");
    assert!(c.transport().now() >= Duration::from_secs(5));
    assert!(c.transport().now() < Duration::from_secs(6));
    assert_eq!(c.transport().paths().len(), slept.len() + 1);

    // with a longer timeout, every wait past the cap is the cap
    let c = client(Scripted::new(vec![Ok((404, RUNNING)); 50]));
    let options = fast().timeout(Duration::from_secs(10));
    let err = c
        .wait_for_action_result::<Value>(ActionRef::id("35f4"), &options)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::WaitTimeout(_)));
    assert_eq!(
        c.transport().slept(),
        [
            Duration::from_millis(500),
            Duration::from_secs(1),
            Duration::from_secs(2),
            Duration::from_secs(2),
            Duration::from_secs(2),
            Duration::from_secs(2),
            Duration::from_millis(430),
        ]
    );
}

#[tokio::test]
async fn waiter_returns_a_failed_run_at_once() {
    let c = client(Scripted::new(vec![Ok((404, RUNNING)), Ok((500, FAILED))]));
    let err = c
        .wait_for_action_result::<Value>(ActionRef::id("35f4"), &fast())
        .await
        .unwrap_err();
    let api = err.as_api().expect("the API error");
    assert_eq!(api.status, 500);
    assert_eq!(api.code.as_deref(), Some("action_script_failure"));
    let payload = api.payload.as_ref().expect("the payload").as_str();
    assert_eq!(
        serde_json::from_str::<Value>(payload).unwrap(),
        json!({"field": "title"})
    );
    assert_eq!(c.transport().paths().len(), 2, "a 500 is not retried");

    // another client error ends the wait too
    let c = client(Scripted::new(vec![Ok((
        401,
        r#"{"error":{"code":"unknown_account"}}"#,
    ))]));
    let err = c
        .wait_for_action_result::<Value>(ActionRef::id("35f4"), &fast())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
}

#[tokio::test]
async fn waiter_rides_out_transient_failures() {
    let c = client(Scripted::new(vec![
        Ok((503, "")),
        Err(TransportErrorKind::Connect),
        Ok((404, RUNNING)),
        Ok((200, "")),
    ]));
    let out: Option<Created> = c
        .wait_for_action_result(ActionRef::id("35f4"), &fast())
        .await
        .unwrap();
    assert_eq!(out, None, "an empty output is null");
    assert_eq!(c.transport().paths().len(), 4);
}

#[tokio::test]
async fn waiter_refuses_a_foreign_status_url_before_sending() {
    let c = client(Scripted::new(vec![]));
    let err = c
        .wait_for_action_result::<Value>(
            ActionRef::status_url("https://evil.example/action/1"),
            &fast(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)));
    assert!(c.transport().paths().is_empty());
}

#[tokio::test]
async fn trigger_then_wait() {
    let c = client(Scripted::new(vec![
        Ok((202, r#"{"id":"35f4","statusUrl":"/action/35f4"}"#)),
        Ok((404, RUNNING)),
        Ok((200, r#"{"id":1,"url":"u"}"#)),
    ]));
    let out: Created = c
        .trigger_action_and_wait(
            "github",
            "user-1",
            "create-issue",
            json!({"title": "Bug"}),
            &fast(),
        )
        .await
        .unwrap();
    assert_eq!(out.id, 1);
    assert_eq!(
        c.transport().paths(),
        [
            "POST /action/trigger",
            "GET /action/35f4",
            "GET /action/35f4"
        ]
    );
    let sent = c.transport().sent.lock().unwrap();
    assert_eq!(sent[0].2["x-async"], "true");
    assert_eq!(sent[0].2["connection-id"], "user-1");
}

#[tokio::test]
async fn client_trigger_methods() {
    let c = client(Scripted::new(vec![
        Ok((200, r#"{"id":7,"url":"u"}"#)),
        Ok((200, "")),
        Ok((202, r#"{"id":"a1","statusUrl":"/action/a1"}"#)),
        Ok((200, r#"{"done":true}"#)),
        // a failing trigger is not sent twice
        Ok((503, "")),
    ]));
    let out: Created = c
        .trigger_action("gh", "u", "create-issue", json!({"title": "x"}))
        .await
        .unwrap();
    assert_eq!(out.id, 7);
    let nothing: Value = c.trigger_action("gh", "u", "noop", ()).await.unwrap();
    assert_eq!(nothing, Value::Null);
    let handle = c
        .trigger_action_async("gh", "u", "export", ())
        .max_retries(2)
        .await
        .unwrap();
    assert_eq!(handle.status_url, "/action/a1");
    let result: Value = c.get_async_action_result(&handle).await.unwrap();
    assert_eq!(result["done"], true);
    let err = c
        .trigger_action::<_, Value>("gh", "u", "create-issue", ())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    let sent = c.transport().sent.lock().unwrap();
    assert_eq!(sent.len(), 5);
    assert_eq!(sent[2].2["x-max-retries"], "2");
}

#[test]
fn action_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let c = client(Scripted::default());
    assert_send(&c.trigger_action::<_, Value>("gh", "u", "a", json!({})));
    assert_send(&std::future::IntoFuture::into_future(
        c.trigger_action_async("gh", "u", "a", ()).max_retries(1),
    ));
    assert_send(&c.get_async_action_result::<Value>(ActionRef::id("x")));
    assert_send(&c.wait_for_action_result::<Value>(ActionRef::id("x"), &fast()));
    assert_send(&c.trigger_action_and_wait::<_, Value>("gh", "u", "a", (), &fast()));
}
