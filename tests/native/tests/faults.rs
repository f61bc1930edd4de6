//! The fault suite: the native client against the local server's fault injection.
//! Under 429 storms, 503 bursts, dropped connections, slow, truncated and malformed
//! answers, it never panics, every failure is a typed error, a non-idempotent
//! request is never sent twice (the server's request record proves it), retries stop
//! at their bounds, and streaming a million records keeps memory flat.

mod common;

use common::{client_with, count};

use std::time::{Duration, Instant};

use nango::error::ErrorCode;
use nango::models::connect::CreateConnectSession;
use nango::models::connections::UpsertConnection;
use nango::retry::RetryPolicy;
use nango::transport::TransportErrorKind;
use nango::{Error, Nango};
use nango_local_server::{Fault, LocalServer};
use serde_json::{json, Value};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(4)
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
        .max_retry_after(Duration::from_secs(2))
}

async fn with_connection(server: &LocalServer) -> Nango {
    let nango = common::client(server);
    common::integration(&nango, "airtable").await;
    nango
        .import_connection(
            UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "k"}))
                .connection_id("c1"),
        )
        .await
        .unwrap();
    nango
}

#[tokio::test]
async fn rate_limit_storm_is_ridden_out_for_reads_and_writes() {
    let server = common::server().await;
    let nango = client_with(&server, fast_retries(), Duration::from_secs(5));
    let rate = r#"{"error":{"code":"too_many_request","method":"GET","path":"/connections"}}"#;
    server.inject_fault(
        Fault::status("/connections", 429, rate)
            .method("GET")
            .times(3),
    );
    nango.list_connections().await.unwrap();
    assert_eq!(count(&server, "GET", "/connections"), 4);

    // a 429 means the server did not act: even a POST is retried
    server.inject_fault(Fault::status("/connect/sessions", 429, rate).times(2));
    nango
        .create_connect_session(CreateConnectSession::default().tag("end_user_id", "u-1"))
        .await
        .unwrap();
    assert_eq!(count(&server, "POST", "/connect/sessions"), 3);

    // a storm longer than the attempts allow ends in the typed 429
    server.inject_fault(
        Fault::status("/connections", 429, rate)
            .method("GET")
            .times(10),
    );
    server.clear_requests();
    let err = nango.list_connections().await.unwrap_err();
    assert_eq!(
        err.as_api().unwrap().error_code(),
        Some(ErrorCode::TooManyRequest)
    );
    assert_eq!(
        count(&server, "GET", "/connections"),
        4,
        "stops at max_attempts"
    );
}

#[tokio::test]
async fn the_real_rate_limiter_sends_retry_after_and_it_is_honoured_or_reported() {
    let server = common::server().await;
    server.set_rate_limit(3);
    let nango = client_with(&server, fast_retries(), Duration::from_secs(5));
    for _ in 0..3 {
        nango.list_connections().await.unwrap();
    }
    let err = nango.list_connections().await.unwrap_err();
    let api = err.as_api().expect("a 429");
    assert_eq!(api.status, 429);
    assert_eq!(api.error_code(), Some(ErrorCode::TooManyRequest));
    let wait = api.retry_after.expect("Retry-After");
    assert!(
        wait > Duration::from_secs(2),
        "longer than max_retry_after: not waited for ({wait:?})"
    );
    assert!(api.headers.contains_key("x-ratelimit-limit"));
    assert_eq!(
        count(&server, "GET", "/connections"),
        4,
        "sent once, then reported"
    );
}

#[tokio::test]
async fn server_error_bursts_retry_reads_but_never_resend_writes() {
    let server = common::server().await;
    with_connection(&server).await;
    let nango = client_with(&server, fast_retries(), Duration::from_secs(5));
    server.inject_fault(
        Fault::status("/connections/c1", 503, "")
            .method("GET")
            .times(2),
    );
    nango.get_connection("airtable", "c1").await.unwrap();
    assert_eq!(count(&server, "GET", "/connections/c1"), 3);

    server.clear_requests();
    server.inject_fault(Fault::status("/action/trigger", 503, "").times(5));
    let err = nango
        .trigger_action::<_, Value>("airtable", "c1", "echo", json!({"x": 1}))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        count(&server, "POST", "/action/trigger"),
        1,
        "an action trigger is never sent twice"
    );

    server.clear_requests();
    server.clear_faults();
    server
        .inject_fault(Fault::status("/connect/sessions", 502, "<html>bad gateway</html>").times(1));
    let err = nango
        .create_connect_session(CreateConnectSession::default().tag("end_user_id", "u-1"))
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(
        (api.status, api.body_text().as_str()),
        (http::StatusCode::BAD_GATEWAY, "<html>bad gateway</html>")
    );
    assert_eq!(count(&server, "POST", "/connect/sessions"), 1);
}

#[tokio::test]
async fn retries_stop_at_their_bounds() {
    let server = common::server().await;
    let nango = client_with(
        &server,
        fast_retries().max_attempts(3),
        Duration::from_secs(5),
    );
    server.inject_fault(Fault::status("/connections", 500, "").method("GET"));
    let err = nango.list_connections().await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(count(&server, "GET", "/connections"), 3);

    server.clear_requests();
    // Without the deadline, 100 attempts 100 ms apart take 10 s or more; with it, about
    // 1 s. The bound between them leaves seconds either way for a loaded machine, and
    // the first answer has 900 ms to come back for a second attempt to fit in.
    let deadline = RetryPolicy::default()
        .max_attempts(100)
        .backoff(Duration::from_millis(100), Duration::from_millis(100))
        .deadline(Some(Duration::from_secs(1)));
    let nango = client_with(&server, deadline, Duration::from_secs(5));
    let started = Instant::now();
    nango.list_connections().await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the overall deadline holds"
    );
    let sent = count(&server, "GET", "/connections");
    assert!(
        (2..100).contains(&sent),
        "stopped by the deadline, not the attempts: {sent}"
    );

    server.clear_requests();
    let nango = client_with(&server, RetryPolicy::disabled(), Duration::from_secs(5));
    nango.list_connections().await.unwrap_err();
    assert_eq!(count(&server, "GET", "/connections"), 1);
}

#[tokio::test]
async fn dropped_connections() {
    let server = common::server().await;
    let nango = client_with(&server, fast_retries(), Duration::from_secs(5));
    server.inject_fault(
        Fault::drop_connection("/connections")
            .method("GET")
            .times(2),
    );
    nango.list_connections().await.unwrap();

    server.inject_fault(Fault::drop_connection("/connect/sessions").times(3));
    server.clear_requests();
    let err = nango
        .create_connect_session(CreateConnectSession::default().tag("end_user_id", "u-1"))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport(_)), "{err:?}");
    assert_eq!(
        count(&server, "POST", "/connect/sessions"),
        1,
        "a POST whose answer was lost is not resent"
    );
}

#[tokio::test]
async fn slow_answers_time_out() {
    let server = common::server().await;
    // The answer comes 10 s late and the client gives up at 1 s: the bound between them
    // leaves seconds either way for a loaded machine, and the retry after the timeout
    // has a whole second to be answered.
    server.inject_fault(Fault::delay("/connections", 10_000).method("GET").times(1));
    let nango = client_with(&server, RetryPolicy::disabled(), Duration::from_secs(1));
    let started = Instant::now();
    let err = nango.list_connections().await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout(t) if t == Duration::from_secs(1)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    server.inject_fault(Fault::delay("/connections", 10_000).method("GET").times(1));
    let nango = client_with(&server, fast_retries(), Duration::from_secs(1));
    nango
        .list_connections()
        .await
        .expect("the retry after the timeout succeeds");
}

#[tokio::test]
async fn truncated_and_malformed_bodies_are_typed_errors() {
    let server = common::server().await;
    server.inject_fault(Fault::truncated_body("/connections").method("GET").times(1));
    let nango = client_with(&server, RetryPolicy::disabled(), Duration::from_secs(5));
    let err = nango.list_connections().await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Interrupted),
        "{err:?}"
    );
    // idempotent: with retries on, the truncated answer is fetched again
    server.inject_fault(Fault::truncated_body("/connections").method("GET").times(1));
    client_with(&server, fast_retries(), Duration::from_secs(5))
        .list_connections()
        .await
        .unwrap();

    server.inject_fault(Fault::malformed_body("/connections").method("GET").times(1));
    let err = nango.list_connections().await.unwrap_err();
    match err {
        Error::Decode(d) => {
            assert_eq!(d.status, 200);
            assert!(!d.body.is_empty(), "the raw body is kept");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn ten_megabyte_action_outputs() {
    let server = common::server().await;
    let nango = with_connection(&server).await;
    let out: Value = nango
        .trigger_action("airtable", "c1", "big", json!({"bytes": 10_000_000}))
        .await
        .unwrap();
    let len = out["data"].as_str().unwrap().len();
    assert!(len > 9_900_000, "{len}");
    let err = nango
        .trigger_action::<_, Value>("airtable", "c1", "big", json!({"bytes": 10_500_000}))
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(http::StatusCode::BAD_REQUEST),
        "over 10 MB is refused by the server: {err}"
    );
    assert_eq!(server.action_count("airtable", "big"), 2);
}
