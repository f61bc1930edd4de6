//! The client's executor: retries, waits and error mapping, driven by a scripted
//! in-memory transport (the decisions are pure; here we check they are applied).
//! Real-HTTP behaviour is tested end to end in `tests/native`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;
use nango_core::error::ErrorCode;
use nango_core::retry::RetryPolicy;
use nango_core::transport::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use nango_core::{Client, Error};

type Reply = Result<(u16, Vec<(&'static str, &'static str)>, &'static str), TransportErrorKind>;

#[derive(Default)]
struct Scripted {
    replies: Mutex<VecDeque<Reply>>,
    sent: Mutex<Vec<HttpRequest>>,
    timeouts: Mutex<Vec<Option<Duration>>>,
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
}

impl Transport for Scripted {
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        self.sent.lock().unwrap().push(request);
        self.timeouts.lock().unwrap().push(timeout);
        let reply = self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("a scripted reply");
        match reply {
            Ok((status, headers, body)) => {
                let mut r = http::Response::new(Bytes::from_static(body.as_bytes()));
                *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
                for (k, v) in headers {
                    r.headers_mut().insert(k, v.parse().unwrap());
                }
                Ok(r)
            }
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

fn client(t: Scripted, policy: RetryPolicy) -> Client<Scripted> {
    Client::<Scripted>::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .host("http://127.0.0.1:9")
        .retry_policy(policy)
        .build_with(t)
        .unwrap()
}

const LIST: &str = r#"{"connections":[]}"#;
const RATE: &str = r#"{"error":{"code":"too_many_request","method":"GET","path":"/connections"}}"#;

#[tokio::test]
async fn rate_limits_are_waited_out_for_any_method() {
    let t = Scripted::new(vec![
        Ok((429, vec![("retry-after", "2")], RATE)),
        Ok((429, vec![("retry-after", "0")], RATE)),
        Ok((200, vec![], LIST)),
    ]);
    let c = client(t, RetryPolicy::default());
    let list = c.list_connections().await.unwrap();
    assert!(list.connections.is_empty());
    assert_eq!(c.transport().sent.lock().unwrap().len(), 3);
    assert_eq!(
        *c.transport().slept.lock().unwrap(),
        vec![Duration::from_secs(2), Duration::ZERO]
    );

    // a POST that is rate limited was not acted on: it is retried too
    let t = Scripted::new(vec![
        Ok((429, vec![("retry-after", "1")], RATE)),
        Ok((201, vec![], r#"{"data":{"token":"t","expires_at":"x"}}"#)),
    ]);
    let c = client(t, RetryPolicy::default());
    c.create_connect_session(Default::default()).await.unwrap();
    assert_eq!(c.transport().sent.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_returned_with_its_value() {
    let t = Scripted::new(vec![Ok((429, vec![("retry-after", "600")], RATE))]);
    let c = client(
        t,
        RetryPolicy::default().max_retry_after(Duration::from_secs(30)),
    );
    let err = c.list_connections().await.unwrap_err();
    let api = err.as_api().expect("api error");
    assert_eq!(api.status, 429);
    assert_eq!(api.retry_after, Some(Duration::from_secs(600)));
    assert_eq!(api.error_code(), Some(ErrorCode::TooManyRequest));
    assert_eq!(c.transport().sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_only_when_idempotent() {
    let t = Scripted::new(vec![
        Ok((503, vec![], "")),
        Ok((502, vec![], "")),
        Ok((200, vec![], LIST)),
    ]);
    let c = client(t, RetryPolicy::default());
    c.list_connections().await.unwrap();
    assert_eq!(c.transport().sent.lock().unwrap().len(), 3);
    let slept = c.transport().slept.lock().unwrap().clone();
    assert_eq!(slept.len(), 2);
    assert!(slept[1] > slept[0], "exponential backoff: {slept:?}");

    let t = Scripted::new(vec![Ok((503, vec![], ""))]);
    let c = client(t, RetryPolicy::default());
    let err = c
        .create_connect_session(Default::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        c.transport().sent.lock().unwrap().len(),
        1,
        "a POST is never sent twice on 5xx"
    );

    let t = Scripted::new(vec![
        Ok((503, vec![], "")),
        Ok((201, vec![], r#"{"data":{"token":"t","expires_at":"x"}}"#)),
    ]);
    let c = client(t, RetryPolicy::default().retry_non_idempotent(true));
    c.create_connect_session(Default::default()).await.unwrap();
    assert_eq!(
        c.transport().sent.lock().unwrap().len(),
        2,
        "unless the caller opts in"
    );
}

#[tokio::test]
async fn attempts_are_bounded() {
    let t = Scripted::new(vec![
        Ok((500, vec![], "")),
        Ok((500, vec![], "")),
        Ok((500, vec![], "")),
    ]);
    let c = client(t, RetryPolicy::default().max_attempts(3));
    let err = c.list_connections().await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(c.transport().sent.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn disabled_policy_sends_once() {
    let t = Scripted::new(vec![Ok((429, vec![("retry-after", "0")], RATE))]);
    let c = client(t, RetryPolicy::disabled());
    assert_eq!(
        c.list_connections().await.unwrap_err().status(),
        Some(http::StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(c.transport().sent.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn transport_failures_map_to_typed_errors() {
    let t = Scripted::new(vec![
        Err(TransportErrorKind::Connect),
        Ok((200, vec![], LIST)),
    ]);
    let c = client(t, RetryPolicy::default());
    c.list_connections().await.unwrap();

    let t = Scripted::new(vec![Err(TransportErrorKind::Timeout)]);
    let c = client(t, RetryPolicy::disabled());
    assert!(matches!(
        c.list_connections().await.unwrap_err(),
        Error::Timeout(_)
    ));

    let t = Scripted::new(vec![Err(TransportErrorKind::Interrupted)]);
    let c = client(t, RetryPolicy::default());
    let err = c
        .create_connect_session(Default::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref e) if e.kind() == TransportErrorKind::Interrupted),
        "{err:?}"
    );
    assert_eq!(c.transport().sent.lock().unwrap().len(), 1);

    let t = Scripted::new(vec![Err(TransportErrorKind::Aborted)]);
    let c = client(t, RetryPolicy::default());
    assert!(matches!(
        c.list_connections().await.unwrap_err(),
        Error::Cancelled
    ));
}

#[tokio::test]
async fn the_deadline_bounds_timeouts_and_waits() {
    let t = Scripted::new(vec![
        Ok((503, vec![], "")),
        Ok((503, vec![], "")),
        Ok((503, vec![], "")),
    ]);
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .backoff(Duration::from_secs(4), Duration::from_secs(4))
        .deadline(Some(Duration::from_secs(5)));
    let c = client(t, policy);
    assert_eq!(
        c.list_connections().await.unwrap_err().status(),
        Some(http::StatusCode::SERVICE_UNAVAILABLE)
    );
    // first wait (2..4 s) fits in 5 s, the second does not
    assert_eq!(c.transport().sent.lock().unwrap().len(), 2);
    let timeouts = c.transport().timeouts.lock().unwrap().clone();
    assert_eq!(
        timeouts[0],
        Some(Duration::from_secs(5)),
        "per-request timeout shortened to the deadline"
    );
    assert!(timeouts[1].unwrap() < Duration::from_secs(5));
}

#[tokio::test]
async fn bad_input_sends_nothing() {
    let t = Scripted::new(vec![]);
    let c = client(t, RetryPolicy::default());
    for err in [
        c.get_connection("", "u").await.unwrap_err(),
        c.get_connection("gh", "").await.unwrap_err(),
        c.delete_connection("gh", "..").await.unwrap_err(),
        c.get_connect_session("a\nb").await.unwrap_err(),
        c.set_metadata("gh", "c", serde_json::json!("not an object"))
            .await
            .unwrap_err(),
        c.list_connections()
            .tag("k", "v")
            .limit(0)
            .await
            .unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert!(c.transport().sent.lock().unwrap().is_empty());
}

#[test]
fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let c = client(Scripted::new(vec![]), RetryPolicy::default());
    let f = c
        .get_connection("gh", "u")
        .force_refresh(true)
        .into_future_boxed();
    assert_send(&f);
    let f = c.delete_connection("gh", "u");
    assert_send(&f);
    let f = c.wait_for_connection("gh", "u");
    assert_send(&f);
}

trait IntoFutureBoxed: std::future::IntoFuture + Sized {
    fn into_future_boxed(self) -> Self::IntoFuture {
        self.into_future()
    }
}
impl<F: std::future::IntoFuture> IntoFutureBoxed for F {}

#[tokio::test]
async fn a_calls_own_timeout_and_retry_policy_replace_the_clients() {
    let t = Scripted::new(vec![
        Ok((200, vec![], r#"{"connections":[]}"#)),
        Ok((200, vec![], r#"{"connections":[]}"#)),
        Ok((503, vec![], "")),
        Ok((200, vec![], r#"{"connections":[]}"#)),
    ]);
    // No deadline: the timeouts the transport sees are exactly the ones set.
    let c = client(t, RetryPolicy::default().max_attempts(3).deadline(None));
    // The exact timeout each exchange was given: the call's, none, then the client's.
    c.list_connections()
        .timeout(Duration::from_millis(1500))
        .await
        .unwrap();
    c.list_connections().timeout(None).await.unwrap();
    // A 503 that the client's policy would retry is the call's answer.
    let err = c
        .list_connections()
        .retry_policy(RetryPolicy::disabled().deadline(None))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    c.list_connections().await.unwrap();
    let timeouts = c.transport().timeouts.lock().unwrap().clone();
    let clients = Some(Duration::from_secs(60));
    assert_eq!(c.config().timeout(), clients);
    assert_eq!(
        timeouts,
        [Some(Duration::from_millis(1500)), None, clients, clients],
        "each attempt bounded by the call's timeout, or else the client's"
    );
    assert_eq!(
        c.transport().sent.lock().unwrap().len(),
        4,
        "the 503 was not retried"
    );
}

#[tokio::test]
async fn token_options_are_named_on_the_call() {
    const CONN: &str = r#"{"connection_id":"u","provider_config_key":"gh",
        "credentials":{"type":"OAUTH2","access_token":"t","raw":{"access_token":"t"}}}"#;
    let t = Scripted::new(vec![
        Ok((200, vec![], CONN)),
        Ok((200, vec![], CONN)),
        Ok((200, vec![], CONN)),
    ]);
    let c = client(t, RetryPolicy::disabled());
    c.get_token("gh", "u").await.unwrap();
    c.get_token("gh", "u")
        .force_refresh(true)
        .refresh_github_app_jwt_token(true)
        .await
        .unwrap();
    let raw: serde_json::Value = c
        .get_raw_token_response("gh", "u")
        .force_refresh(true)
        .await
        .unwrap();
    assert_eq!(raw["access_token"], "t");
    let queries: Vec<String> = c
        .transport()
        .sent
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.uri().query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "provider_config_key=gh&force_refresh=false&refresh_token=false&refresh_github_app_jwt_token=false",
            "provider_config_key=gh&force_refresh=true&refresh_token=false&refresh_github_app_jwt_token=true",
            "provider_config_key=gh&force_refresh=true&refresh_token=false&refresh_github_app_jwt_token=false",
        ]
    );
}
