//! Per-call options and listing streams, over loopback against the local server: a
//! call's own `.timeout(..)` and `.retry_policy(..)` replace the client's (the
//! server's request record counts what was sent), and `.into_stream()` on a listing
//! call walks every page, as an `Unpin` stream read with `nango::StreamExt`.
//!
//! No assertion bounds a duration from above: on a loaded machine only counts,
//! error kinds and lower bounds are deterministic.

mod common;

use common::{client_with, count};

use std::time::{Duration, Instant};

use futures_util::stream::FusedStream;
use nango::models::connections::UpsertConnection;
use nango::ops::connections::ListConnections;
use nango::ops::records::ListRecords;
use nango::retry::RetryPolicy;
use nango::{Error, StreamExt};
use nango_local_server::{Fault, LocalServer};
use serde_json::{json, Value};

/// Retries that a test does not have to wait for.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(4)
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
}

/// Connections `c1`..=`cn` of the integration `airtable`.
async fn connections(server: &LocalServer, n: usize) {
    let nango = common::client(server);
    common::integration(&nango, "airtable").await;
    for i in 1..=n {
        nango
            .import_connection(
                UpsertConnection::new("airtable", json!({"type": "API_KEY", "apiKey": "k"}))
                    .connection_id(format!("c{i}")),
            )
            .await
            .unwrap();
    }
}

/// Compiles only for a stream that can be read with `next()` as it is (no
/// pinning), moved to another task, and put in a `select!`.
fn unpin_send<S: FusedStream + Unpin + Send>(stream: S) -> S {
    stream
}

#[tokio::test]
async fn a_per_call_timeout_replaces_the_clients() {
    let server = common::server().await;
    // The client would wait 60 s; the call gives up after 1 s. Retries are off so
    // that the timeout is the call's result.
    let nango = client_with(&server, RetryPolicy::disabled(), Duration::from_secs(60));
    server.inject_fault(Fault::delay("/connections", 10_000).method("GET").times(1));
    let started = Instant::now();
    let err = nango
        .list_connections()
        .timeout(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout(t) if t == Duration::from_secs(1)),
        "the call's timeout, not the client's: {err:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(count(&server, "GET", "/connections"), 1);

    // `None` lifts the client's bound for one call: an answer later than the
    // client's timeout still arrives.
    let impatient = client_with(&server, RetryPolicy::disabled(), Duration::from_millis(200));
    server.inject_fault(Fault::delay("/connections", 1_000).method("GET").times(1));
    impatient
        .list_connections()
        .timeout(None)
        .await
        .expect("no timeout for this call");
    // ...and the client's own bound is untouched by it.
    server.inject_fault(Fault::delay("/connections", 10_000).method("GET").times(1));
    let err = impatient.list_connections().await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout(t) if t == Duration::from_millis(200)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_per_call_retry_policy_replaces_the_clients() {
    let server = common::server().await;
    let nango = client_with(&server, fast_retries(), Duration::from_secs(30));

    // The client would retry a 503 on a GET; this call is sent once.
    server.inject_fault(
        Fault::status("/connections", 503, "")
            .method("GET")
            .times(3),
    );
    let err = nango
        .list_connections()
        .retry_policy(RetryPolicy::disabled())
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(http::StatusCode::SERVICE_UNAVAILABLE),
        "{err:?}"
    );
    assert_eq!(count(&server, "GET", "/connections"), 1, "sent once");

    // The client's own policy is unchanged: the two 503s left are retried.
    server.clear_requests();
    nango.list_connections().await.expect("retried through");
    assert_eq!(count(&server, "GET", "/connections"), 3);

    // The other way round: a client without retries, a call with them.
    server.clear_requests();
    let once = client_with(&server, RetryPolicy::disabled(), Duration::from_secs(30));
    server.inject_fault(
        Fault::status("/connections", 503, "")
            .method("GET")
            .times(2),
    );
    once.list_connections()
        .retry_policy(fast_retries())
        .await
        .expect("the call's retries ride out two 503s");
    assert_eq!(count(&server, "GET", "/connections"), 3);

    // The options are on every operation's call, such as a connection read.
    server.clear_requests();
    server.inject_fault(
        Fault::status("/connections/c1", 503, "")
            .method("GET")
            .times(1),
    );
    let err = nango
        .get_connection("airtable", "c1")
        .retry_policy(RetryPolicy::disabled())
        .timeout(Duration::from_secs(5))
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        Some(http::StatusCode::SERVICE_UNAVAILABLE),
        "{err:?}"
    );
    assert_eq!(count(&server, "GET", "/connections/c1"), 1);
}

#[tokio::test]
async fn records_into_stream_walks_every_page() {
    let server = common::server().await;
    connections(&server, 1).await;
    let records: Vec<Value> = (0..25)
        .map(|i| json!({"id": format!("r{i:02}"), "n": i}))
        .collect();
    server.seed_records("airtable", "c1", "Item", None, records);
    let nango = common::client(&server);
    server.clear_requests();

    #[derive(serde::Deserialize)]
    struct Item {
        id: String,
        n: u32,
    }
    // Read with `next()` as it is: the stream is `Unpin`.
    let mut stream = nango
        .list_records::<Item>("airtable", "c1", "Item")
        .limit(10)
        .into_stream();
    let mut items = Vec::new();
    while let Some(record) = stream.next().await {
        items.push(record.unwrap().data);
    }
    assert_eq!(items.len(), 25);
    assert!(items
        .iter()
        .enumerate()
        .all(|(i, it)| it.n as usize == i && it.id == format!("r{i:02}")));
    let pages: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/records"))
        .map(|r| r.query.unwrap_or_default())
        .collect();
    assert_eq!(pages.len(), 3, "pages of 10, 10 and 5: {pages:?}");
    assert!(pages.iter().all(|q| q.contains("limit=10")), "{pages:?}");
    assert!(stream.is_terminated());
    assert!(stream.next().await.is_none());

    // The call's options apply to each page: without retries, a failed page is
    // the stream's last item, sent once.
    server.clear_requests();
    server.inject_fault(Fault::status("/records", 503, "").method("GET").times(2));
    let items: Vec<_> = nango
        .list_records::<Value>("airtable", "c1", "Item")
        .limit(10)
        .retry_policy(RetryPolicy::disabled())
        .into_stream()
        .collect()
        .await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        items[0].as_ref().unwrap_err().status(),
        Some(http::StatusCode::SERVICE_UNAVAILABLE)
    );
    let sent = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/records"))
        .count();
    assert_eq!(sent, 1);
}

#[tokio::test]
async fn connections_into_stream_walks_every_page() {
    let server = common::server().await;
    connections(&server, 5).await;
    let nango = client_with(&server, fast_retries(), Duration::from_secs(30));
    server.clear_requests();

    let mut stream = nango
        .list_connections()
        .integration_ids(vec!["airtable".to_string()])
        .limit(2)
        .into_stream();
    let mut ids = Vec::new();
    while let Some(c) = stream.next().await {
        ids.push(c.unwrap().connection_id);
    }
    ids.sort();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5"]);
    assert_eq!(
        count(&server, "GET", "/connections"),
        3,
        "pages of 2, 2 and 1"
    );

    // With the client's retries, a 503 on the second page is ridden out.
    server.clear_requests();
    server.inject_fault(
        Fault::status("/connections", 503, "")
            .method("GET")
            .times(1),
    );
    let all: Vec<_> = nango
        .list_connections()
        .limit(2)
        .into_stream()
        .collect()
        .await;
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    assert_eq!(count(&server, "GET", "/connections"), 4);
}

#[tokio::test]
async fn the_streams_are_unpin_and_send() {
    let server = common::server().await;
    let nango = common::client(&server);
    // A compile-time check: each of these only builds if the stream is `Unpin`
    // (and `Send`, and fused).
    let records = unpin_send(
        nango
            .list_records::<Value>("airtable", "c1", "Item")
            .into_stream(),
    );
    let connections = unpin_send(nango.list_connections().into_stream());
    let by_records = unpin_send(nango.records_stream::<Value>(ListRecords::new("a", "c", "M")));
    let by_connections = unpin_send(nango.connections_stream(ListConnections::new()));
    // The calls' streams borrow the client; `records_stream` and
    // `connections_stream` own a clone of it: they outlive it, and can be moved to
    // another task.
    drop((records, connections));
    drop(nango);
    let handle = tokio::spawn(async move {
        let mut by_connections = by_connections;
        by_connections.next().await.map(|c| c.is_ok())
    });
    assert_eq!(handle.await.unwrap(), None, "no connections yet");
    drop(by_records);
}
