//! Request and decode tests of listRecords and pruneRecords, and the paging logic
//! of the records and connections streams, driven by an in-memory transport that
//! serves canned pages (real-HTTP end-to-end tests live elsewhere).

use std::cell::Cell;
use std::collections::VecDeque;
use std::pin::pin;
use std::sync::Mutex;
use std::time::Duration;

use futures_util::StreamExt;
use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::records::{Record, RecordAction, RecordFilter, RecordPage};
use nango_core::ops::connections::ListConnections;
use nango_core::ops::records::{ListRecords, PruneRecords};
use nango_core::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use nango_core::{Client, Error};
use serde::Deserialize;
use serde_json::{json, Value};

mod common;
use common::*;

/// The decoded `key=value` pairs of a query string.
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .unwrap()
            .into_owned()
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// listRecords
// ---------------------------------------------------------------------------

#[test]
fn list_records_request_with_every_option() {
    let req = ListRecords::new("github", "user-1", "Issue")
        .variant("eu")
        .modified_after("2026-05-31T11:46:13.390Z")
        .limit(500)
        .filter([
            RecordFilter::Added,
            RecordFilter::Deleted,
            RecordFilter::Added,
        ])
        .cursor("MjAy==")
        .ids(["1", "a/b"])
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/records/?model=Issue&variant=eu&modified_after=2026-05-31T11%3A46%3A13.390Z&limit=500\
         &filter=added%2Cdeleted&cursor=MjAy%3D%3D&ids=1&ids=a%2Fb"
    );
    assert_eq!(req.headers()["connection-id"], "user-1");
    assert_eq!(req.headers()["provider-config-key"], "github");
    assert_eq!(req.headers().len(), 2);
    assert!(req.body().is_none());
    assert!(req.is_idempotent());
}

#[test]
fn list_records_minimal_request_keeps_the_trailing_slash() {
    let req = ListRecords::new("github", "user-1", "Issue")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/records/?model=Issue");
    // empty optional strings are left out, as the official SDK does (`if (variant)`)
    let req = ListRecords::new("github", "user-1", "Issue")
        .variant("")
        .cursor("")
        .modified_after("")
        .filter([])
        .request(&cfg())
        .unwrap();
    assert_eq!(req.path_and_query(), "/records/?model=Issue");
}

#[test]
#[allow(deprecated)]
fn delta_is_sent_as_modified_after() {
    let req = ListRecords::new("gh", "c", "M")
        .delta("2026-01-01T00:00:00Z")
        .request(&cfg())
        .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/records/?model=M&modified_after=2026-01-01T00%3A00%3A00Z"
    );
}

#[test]
fn list_records_refuses_bad_input() {
    let base = || ListRecords::new("gh", "c", "M");
    for (op, reason) in [
        (base().limit(0), InvalidReason::InvalidValue),
        (base().limit(10_001), InvalidReason::InvalidValue),
        (
            base().ids((0..101).map(|i| i.to_string())),
            InvalidReason::InvalidValue,
        ),
        (base().cursor("x".repeat(1001)), InvalidReason::InvalidValue),
        (ListRecords::new("gh", "c", ""), InvalidReason::Empty),
        (ListRecords::new("", "c", "M"), InvalidReason::Empty),
        (ListRecords::new("gh", "", "M"), InvalidReason::Empty),
        (
            ListRecords::new("gh", "a\r\nX-Evil: 1", "M"),
            InvalidReason::ControlCharacter,
        ),
        (
            ListRecords::new("gh\n", "c", "M"),
            InvalidReason::ControlCharacter,
        ),
    ] {
        assert_eq!(invalid_reason(op.request(&cfg()).unwrap_err()), reason);
    }
    assert!(base().limit(10_000).request(&cfg()).is_ok());
    assert!(base()
        .ids((0..100).map(|i| i.to_string()))
        .request(&cfg())
        .is_ok());
}

#[test]
fn awkward_ids_round_trip() {
    for id in [
        "a/b",
        "a?b",
        "a#b",
        "100%",
        "a&b=c",
        "with space",
        "ünïcødé-日本",
        "+plus",
    ] {
        let req = ListRecords::new("gh", "c", id)
            .ids([id])
            .cursor(id)
            .request(&cfg())
            .unwrap();
        let pq = req.path_and_query();
        let (path, query) = pq.split_once('?').unwrap();
        assert_eq!(path, "/records/");
        assert!(!query.contains([' ', '#', '/', '?']), "{query}");
        let pairs = query_pairs(query);
        assert_eq!(pairs[0], ("model".into(), id.into()));
        assert!(pairs.contains(&("ids".into(), id.into())));
        assert!(pairs.contains(&("cursor".into(), id.into())));
    }
    // header ids are sent as is when they are visible ASCII...
    let req = ListRecords::new("g h", "a/b?c#d%e&f g", "M")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.headers()["connection-id"], "a/b?c#d%e&f g");
    assert_eq!(req.headers()["provider-config-key"], "g h");
    // ...and refused otherwise: the server reads header bytes as Latin-1, so UTF-8
    // would name another connection
    for (pck, cid) in [("gh", "ünï"), ("日本", "c")] {
        assert_eq!(
            invalid_reason(ListRecords::new(pck, cid, "M").request(&cfg()).unwrap_err()),
            InvalidReason::InvalidValue
        );
        assert_eq!(
            invalid_reason(
                PruneRecords::new(pck, cid, "M", "x")
                    .request(&cfg())
                    .unwrap_err()
            ),
            InvalidReason::InvalidValue
        );
    }
}

const RECORDS_PAGE: &str = r#"{
  "records": [
    {"id": "1", "title": "Bug", "labels": ["p1"], "comments": 3, "author": {"login": "octocat"},
     "_nango_metadata": {"first_seen_at": "2026-09-18T15:20:35.941305+00:00",
        "last_modified_at": "2026-09-18T15:20:35.941305+00:00", "last_action": "ADDED",
        "deleted_at": null, "pruned_at": null, "cursor": "MjAyNi0wOS0xOHwx", "shard": 7}},
    {"id": "2", "title": "Gone", "labels": [], "comments": 0, "author": null,
     "_nango_metadata": {"first_seen_at": "2026-09-18T15:20:35.941305+00:00",
        "last_modified_at": "2026-09-19T10:00:00.000000+00:00", "last_action": "DELETED",
        "deleted_at": "2026-09-19T10:00:00.000000+00:00", "pruned_at": "2026-09-20T00:00:00.000000+00:00",
        "cursor": "MjAyNi0wOS0xOXwy"}},
    {"id": 3, "title": "Moved",
     "_nango_metadata": {"last_action": "ARCHIVED", "cursor": "MjAyNi0wOS0yMHwz"}}
  ],
  "next_cursor": "MjAyNi0wOS0yMHwz",
  "unknown_top_level": true
}"#;

#[test]
fn list_records_decode_as_value() {
    let page = ListRecords::new("gh", "c", "Issue")
        .decode(response(200, RECORDS_PAGE))
        .unwrap();
    assert_eq!(page.next_cursor.as_deref(), Some("MjAyNi0wOS0yMHwz"));
    assert_eq!(page.records.len(), 3);
    let first = &page.records[0];
    // the flattened data holds every field but the metadata
    assert_eq!(
        first.data,
        json!({"id": "1", "title": "Bug", "labels": ["p1"], "comments": 3, "author": {"login": "octocat"}})
    );
    assert_eq!(first.metadata.last_action, Some(RecordAction::Added));
    assert_eq!(first.metadata.cursor, "MjAyNi0wOS0xOHwx");
    assert!(!first.metadata.is_deleted());
    let second = &page.records[1];
    assert!(second.metadata.is_deleted());
    assert_eq!(
        second.metadata.pruned_at.as_deref(),
        Some("2026-09-20T00:00:00.000000+00:00")
    );
    let third = &page.records[2];
    assert_eq!(
        third.metadata.last_action,
        Some(RecordAction::Other("ARCHIVED".into()))
    );
    assert_eq!(third.metadata.first_seen_at, "");
    assert_eq!(third.data["id"], 3);
}

#[derive(Debug, Deserialize, PartialEq)]
struct Issue {
    id: Value,
    title: String,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    comments: Option<u64>,
    #[serde(default)]
    author: Option<Author>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Author {
    login: String,
}

#[test]
fn list_records_decode_as_a_user_struct() {
    let page: RecordPage<Issue> = ListRecords::new("gh", "c", "Issue")
        .typed::<Issue>()
        .decode(response(200, RECORDS_PAGE))
        .unwrap();
    assert_eq!(
        page.records[0].data,
        Issue {
            id: json!("1"),
            title: "Bug".into(),
            labels: vec!["p1".into()],
            comments: Some(3),
            author: Some(Author {
                login: "octocat".into()
            }),
        }
    );
    assert_eq!(page.records[1].data.author, None);
    assert_eq!(page.records[2].data.comments, None);
    assert_eq!(page.records[2].metadata.cursor, "MjAyNi0wOS0yMHwz");

    // a struct that refuses unknown fields still works: it never sees `_nango_metadata`
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        #[allow(dead_code)]
        id: String,
    }
    let r: Record<Strict> =
        serde_json::from_str(r#"{"id":"1","_nango_metadata":{"cursor":"c"}}"#).unwrap();
    assert_eq!(r.metadata.cursor, "c");

    // a record missing a field of the struct is a decode error that keeps the body
    let err = ListRecords::new("gh", "c", "Issue")
        .typed::<Issue>()
        .decode(response(
            200,
            r#"{"records":[{"id":1,"_nango_metadata":{}}],"next_cursor":null}"#,
        ))
        .unwrap_err();
    match err {
        Error::Decode(d) => assert!(d.body.starts_with(b"{\"records\"")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn records_serialize_back_with_their_metadata() {
    let page = ListRecords::new("gh", "c", "Issue")
        .decode(response(200, RECORDS_PAGE))
        .unwrap();
    let v = serde_json::to_value(&page.records[0]).unwrap();
    assert_eq!(v["title"], "Bug");
    assert_eq!(v["_nango_metadata"]["last_action"], "ADDED");
}

#[test]
fn last_page_decodes_with_a_null_cursor() {
    let page = ListRecords::new("gh", "c", "Issue")
        .decode(response(200, r#"{"records":[],"next_cursor":null}"#))
        .unwrap();
    assert!(page.records.is_empty());
    assert_eq!(page.next_cursor, None);
}

// ---------------------------------------------------------------------------
// pruneRecords
// ---------------------------------------------------------------------------

#[test]
fn prune_records_request() {
    let req = PruneRecords::new("github", "user-1", "Issue", "MjAy==")
        .variant("eu")
        .limit(500)
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::PATCH);
    assert_eq!(req.path_and_query(), "/records/prune");
    assert_eq!(req.headers()["connection-id"], "user-1");
    assert_eq!(req.headers()["provider-config-key"], "github");
    assert_eq!(req.headers()["content-type"], "application/json");
    let body: Value = serde_json::from_slice(req.body().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"model": "Issue", "until_cursor": "MjAy==", "limit": 500, "variant": "eu"})
    );
    assert!(req.is_idempotent());

    let req = PruneRecords::new("github", "user-1", "Issue", "c")
        .request(&cfg())
        .unwrap();
    let body: Value = serde_json::from_slice(req.body().unwrap()).unwrap();
    assert_eq!(body, json!({"model": "Issue", "until_cursor": "c"}));
}

#[test]
fn prune_records_refuses_bad_input() {
    for (op, reason) in [
        (
            PruneRecords::new("gh", "c", "M", "x").limit(0),
            InvalidReason::InvalidValue,
        ),
        (
            PruneRecords::new("gh", "c", "M", "x").limit(10_001),
            InvalidReason::InvalidValue,
        ),
        (PruneRecords::new("gh", "c", "", "x"), InvalidReason::Empty),
        (PruneRecords::new("gh", "c", "M", ""), InvalidReason::Empty),
        (PruneRecords::new("", "c", "M", "x"), InvalidReason::Empty),
        (PruneRecords::new("gh", "", "M", "x"), InvalidReason::Empty),
        (
            PruneRecords::new("gh", "c\n", "M", "x"),
            InvalidReason::ControlCharacter,
        ),
    ] {
        assert_eq!(invalid_reason(op.request(&cfg()).unwrap_err()), reason);
    }
}

#[test]
fn prune_records_decode() {
    let r = PruneRecords::new("gh", "c", "M", "x")
        .decode(response(
            200,
            r#"{"count":150,"has_more":true,"took_ms":12}"#,
        ))
        .unwrap();
    assert_eq!(r.count, 150);
    assert!(r.has_more);
}

// ---------------------------------------------------------------------------
// Streams, over an in-memory transport
// ---------------------------------------------------------------------------

/// Serves canned replies in order and remembers the path and query of each request.
#[derive(Default)]
struct Pages {
    replies: Mutex<VecDeque<(u16, String)>>,
    seen: Mutex<Vec<String>>,
}

impl Pages {
    fn new(replies: Vec<(u16, String)>) -> Self {
        Self {
            replies: Mutex::new(replies.into()),
            seen: Mutex::default(),
        }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for Pages {
    async fn send(
        &self,
        request: HttpRequest,
        _timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let uri = request.uri();
        self.seen.lock().unwrap().push(format!(
            "{}?{}",
            uri.path(),
            uri.query().unwrap_or_default()
        ));
        let (status, body) = self
            .replies
            .lock()
            .unwrap()
            .pop_front()
            .expect("no more canned replies: the stream asked for one page too many");
        Ok(response(status, &body))
    }

    async fn sleep(&self, _d: Duration) {}

    fn now(&self) -> Duration {
        Duration::ZERO
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn client(t: Pages) -> Client<Pages> {
    Client::<Pages>::builder()
        .api_key("a3f1c2d4-0000-4000-8000-000000000000")
        .host("http://127.0.0.1:9")
        .build_with(t)
        .unwrap()
}

/// A page of `ids` records, followed by `next`.
fn records_page(ids: std::ops::Range<u32>, next: Option<&str>) -> (u16, String) {
    let records: Vec<Value> = ids
        .map(|i| json!({"id": i, "_nango_metadata": {"last_action": "ADDED", "cursor": format!("r{i}")}}))
        .collect();
    (
        200,
        json!({"records": records, "next_cursor": next}).to_string(),
    )
}

fn assert_send<T: Send>(_: &T) {}

#[tokio::test]
async fn records_stream_follows_cursors_in_order() {
    let c = client(Pages::new(vec![
        records_page(0..3, Some("c1")),
        records_page(3..6, Some("c2")),
        records_page(6..8, None),
    ]));
    let stream = c.records_stream::<Value>(ListRecords::new("github", "user-1", "Issue").limit(3));
    let mut stream = pin!(stream);
    let mut ids = Vec::new();
    while let Some(record) = stream.next().await {
        let record = record.unwrap();
        assert_eq!(record.metadata.cursor, format!("r{}", record.data["id"]));
        ids.push(record.data["id"].as_u64().unwrap());
    }
    assert_eq!(ids, (0..8).collect::<Vec<_>>());
    let seen = c.transport().seen();
    assert_eq!(
        seen,
        vec![
            "/records/?model=Issue&limit=3",
            "/records/?model=Issue&limit=3&cursor=c1",
            "/records/?model=Issue&limit=3&cursor=c2",
        ]
    );
    // ended for good
    assert!(stream.next().await.is_none());
    assert_eq!(c.transport().seen().len(), 3);
}

#[tokio::test]
async fn records_stream_starts_from_the_given_cursor_and_keeps_the_options() {
    let c = client(Pages::new(vec![
        records_page(5..6, Some("c9")),
        records_page(6..6, None),
    ]));
    let list = ListRecords::new("github", "user-1", "Issue")
        .variant("eu")
        .filter([RecordFilter::Updated])
        .cursor("c5");
    let all: Vec<_> = c.records_stream::<Value>(list).collect().await;
    assert_eq!(all.len(), 1);
    assert_eq!(
        c.transport().seen(),
        vec![
            "/records/?model=Issue&variant=eu&filter=updated&cursor=c5",
            "/records/?model=Issue&variant=eu&filter=updated&cursor=c9",
        ]
    );
}

#[tokio::test]
async fn records_stream_of_an_empty_model_ends_at_once() {
    let c = client(Pages::new(vec![records_page(0..0, None)]));
    let all: Vec<_> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M"))
        .collect()
        .await;
    assert!(all.is_empty());
    assert_eq!(c.transport().seen().len(), 1);
}

#[tokio::test]
async fn records_stream_skips_empty_pages_that_have_a_cursor() {
    let c = client(Pages::new(vec![
        records_page(0..0, Some("c1")),
        records_page(0..2, None),
    ]));
    let all: Vec<_> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M"))
        .collect()
        .await;
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn records_stream_error_mid_stream_is_an_item_then_the_end() {
    let c = client(Pages::new(vec![
        records_page(0..2, Some("c1")),
        (
            400,
            r#"{"error":{"code":"invalid_query_params","errors":[{"code":"invalid_string","message":"bad cursor","path":["cursor"]}]}}"#.into(),
        ),
        records_page(10..12, None), // never asked for
    ]));
    let items: Vec<Result<Record<Value>, Error>> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M"))
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let err = items[2].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(c.transport().seen().len(), 2);

    // a bad listing fails on the first poll, before anything is sent
    let c = client(Pages::new(vec![]));
    let items: Vec<_> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M").limit(0))
        .collect()
        .await;
    assert!(matches!(items.as_slice(), [Err(Error::InvalidInput(_))]));
    assert!(c.transport().seen().is_empty());
}

#[tokio::test]
async fn records_stream_stops_when_the_cursor_does_not_advance() {
    let c = client(Pages::new(vec![
        records_page(0..1, Some("c1")),
        records_page(1..2, Some("c1")),
    ]));
    let items: Vec<_> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M"))
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two records, then the error");
    assert!(matches!(items[2], Err(Error::PaginationLoop(_))));
    assert_eq!(c.transport().seen().len(), 2);
}

#[tokio::test]
async fn records_stream_decode_error_is_an_item_then_the_end() {
    let c = client(Pages::new(vec![(200, "<html>proxy error</html>".into())]));
    let items: Vec<_> = c
        .records_stream::<Value>(ListRecords::new("gh", "c", "M"))
        .collect()
        .await;
    assert!(matches!(items.as_slice(), [Err(Error::Decode(_))]));
}

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static MAX_LIVE: Cell<usize> = const { Cell::new(0) };
}

/// Counts how many records are alive at once.
struct Guard;

impl Default for Guard {
    fn default() -> Self {
        LIVE.with(|l| {
            l.set(l.get() + 1);
            MAX_LIVE.with(|m| m.set(m.get().max(l.get())));
        });
        Guard
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
    }
}

#[derive(Deserialize)]
struct Tracked {
    id: u32,
    #[serde(skip)]
    _guard: Guard,
}

#[tokio::test]
async fn records_stream_holds_one_page_at_a_time() {
    let c = client(Pages::new(vec![
        records_page(0..4, Some("c1")),
        records_page(4..8, Some("c2")),
        records_page(8..12, Some("c3")),
        records_page(12..14, None),
    ]));
    let stream = c.records_stream::<Tracked>(ListRecords::new("gh", "c", "M").limit(4));
    let mut stream = pin!(stream);

    // lazy: nothing is asked before the first poll, one page per drained page
    assert!(c.transport().seen().is_empty());
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.data.id, 0);
    drop(first);
    assert_eq!(c.transport().seen().len(), 1);

    let mut count = 1;
    while let Some(record) = stream.next().await {
        let record = record.unwrap();
        assert_eq!(record.data.id, count);
        count += 1;
        assert!(c.transport().seen().len() as u32 <= record.data.id / 4 + 1);
    }
    assert_eq!(count, 14);
    assert_eq!(
        MAX_LIVE.with(Cell::get),
        4,
        "never more than one page of records alive"
    );
    assert_eq!(LIVE.with(Cell::get), 0);
}

fn connections_page(ids: std::ops::Range<u32>) -> (u16, String) {
    let connections: Vec<Value> = ids
        .map(|i| {
            json!({"id": i, "connection_id": format!("c{i}"), "provider": "github",
                        "provider_config_key": "github", "created": "2026-01-01T00:00:00Z",
                        "metadata": null, "tags": {}, "errors": [], "end_user": null})
        })
        .collect();
    (200, json!({ "connections": connections }).to_string())
}

#[tokio::test]
async fn connections_stream_pages_until_a_short_page() {
    let c = client(Pages::new(vec![
        connections_page(0..2),
        connections_page(2..4),
        connections_page(4..5),
    ]));
    let ids: Vec<String> = c
        .connections_stream(ListConnections::new().integration_ids(["github"]).limit(2))
        .map(|r| r.unwrap().connection_id)
        .collect()
        .await;
    assert_eq!(ids, ["c0", "c1", "c2", "c3", "c4"]);
    assert_eq!(
        c.transport().seen(),
        vec![
            "/connections?integrationId=github&limit=2&page=0",
            "/connections?integrationId=github&limit=2&page=1",
            "/connections?integrationId=github&limit=2&page=2",
        ]
    );
}

#[tokio::test]
async fn connections_stream_defaults_and_edges() {
    // default page size 1000; a full last page is followed by one empty page
    let c = client(Pages::new(vec![
        connections_page(0..1000),
        connections_page(0..0),
    ]));
    let n = c
        .connections_stream(ListConnections::new())
        .filter(|r| std::future::ready(r.is_ok()))
        .count()
        .await;
    assert_eq!(n, 1000);
    assert_eq!(
        c.transport().seen(),
        vec![
            "/connections?limit=1000&page=0",
            "/connections?limit=1000&page=1"
        ]
    );

    // a starting page is kept
    let c = client(Pages::new(vec![connections_page(0..1)]));
    let n = c
        .connections_stream(ListConnections::new().limit(5).page(3))
        .count()
        .await;
    assert_eq!(n, 1);
    assert_eq!(c.transport().seen(), vec!["/connections?limit=5&page=3"]);

    // an error mid-stream is an item, then the end
    let c = client(Pages::new(vec![
        connections_page(0..2),
        (401, r#"{"error":{"code":"unknown_account"}}"#.into()),
    ]));
    let items: Vec<_> = c
        .connections_stream(ListConnections::new().limit(2))
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[2].as_ref().unwrap_err().status(),
        Some(http::StatusCode::UNAUTHORIZED)
    );
}

#[test]
fn streams_are_send() {
    let c = client(Pages::default());
    let records = c.records_stream::<Value>(ListRecords::new("gh", "c", "M"));
    assert_send(&records);
    #[derive(Deserialize)]
    struct Mine {
        #[allow(dead_code)]
        id: String,
    }
    let typed = c.records_stream::<Mine>(ListRecords::new("gh", "c", "M"));
    assert_send(&typed);
    let connections = c.connections_stream(ListConnections::new());
    assert_send(&connections);
    // the `Call`s of the records operations too
    let call = c.list_records::<Value>("gh", "c", "M").limit(10);
    assert_send(&std::future::IntoFuture::into_future(call));
    let prune = c.prune_records("gh", "c", "M", "x").limit(10);
    assert_send(&std::future::IntoFuture::into_future(prune));
}

#[tokio::test]
async fn client_methods_send_the_same_requests() {
    let c = client(Pages::new(vec![
        records_page(0..1, None),
        (200, r#"{"count":1,"has_more":false}"#.into()),
    ]));
    let page = c
        .list_records::<Value>("gh", "c", "M")
        .limit(10)
        .filter([RecordFilter::Deleted])
        .await
        .unwrap();
    assert_eq!(page.records.len(), 1);
    let pruned = c.prune_records("gh", "c", "M", "r0").await.unwrap();
    assert_eq!(pruned.count, 1);
    assert_eq!(
        c.transport().seen(),
        vec![
            "/records/?model=M&limit=10&filter=deleted",
            "/records/prune?"
        ]
    );
}
