//! Request and decode tests of the sync operations: trigger, start, pause,
//! status, frequency, and variants.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::error::InvalidReason;
use nango_core::models::syncs::{
    SyncMode, SyncRef, SyncRunKind, SyncSelection, SyncState, TriggerMode, TriggerOptions,
};
use nango_core::ops::syncs::*;
use nango_core::Error;
use serde_json::json;

mod common;
use common::*;

// ---------------------------------------------------------------------------
// triggerSync
// ---------------------------------------------------------------------------

#[test]
fn trigger_sync_request_with_opts() {
    let req = TriggerSync::new(
        "github",
        [SyncRef::from("issues"), SyncRef::variant("prs", "eu")],
    )
    .connection_id("user-1")
    .reset(true)
    .empty_cache(true)
    .request(&cfg())
    .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/sync/trigger");
    assert_eq!(req.headers().len(), 1);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(
        body_json(&req),
        json!({
            "syncs": ["issues", {"name": "prs", "variant": "eu"}],
            "provider_config_key": "github",
            "connection_id": "user-1",
            "opts": {"reset": true, "emptyCache": true}
        })
    );
    assert!(!req.is_idempotent(), "a trigger starts a run each time");
}

#[test]
fn trigger_sync_request_minimal_and_legacy_modes() {
    // no syncs, no connection, no options: as the official SDK, the undefined keys are left out
    let req = TriggerSync::new("github", Vec::<SyncRef>::new())
        .request(&cfg())
        .unwrap();
    assert_eq!(
        body_json(&req),
        json!({"syncs": [], "provider_config_key": "github"})
    );

    // the legacy fourth argument: boolean and string forms
    for (mode, wire) in [
        (TriggerMode::from(true), "full_refresh"),
        (TriggerMode::from(false), "incremental"),
        (
            TriggerMode::from("full_refresh_and_clear_cache"),
            "full_refresh_and_clear_cache",
        ),
        (TriggerMode::from(SyncMode::Incremental), "incremental"),
        (TriggerMode::from("brand_new_mode"), "brand_new_mode"),
    ] {
        let req = TriggerSync::new("github", ["issues"])
            .connection_id("u")
            .mode(mode)
            .request(&cfg())
            .unwrap();
        assert_eq!(
            body_json(&req),
            json!({"syncs": ["issues"], "provider_config_key": "github", "connection_id": "u", "sync_mode": wire})
        );
    }

    // options as a value; a later legacy mode replaces them, and `reset` replaces a legacy mode
    let opts = TriggerOptions::default().reset(false);
    let req = TriggerSync::new("github", ["issues"])
        .mode(opts)
        .request(&cfg())
        .unwrap();
    assert_eq!(body_json(&req)["opts"], json!({"reset": false}));
    let req = TriggerSync::new("github", ["issues"])
        .reset(true)
        .mode(true)
        .request(&cfg())
        .unwrap();
    assert_eq!(body_json(&req).get("opts"), None);
    assert_eq!(body_json(&req)["sync_mode"], "full_refresh");
    let req = TriggerSync::new("github", ["issues"])
        .mode(true)
        .reset(true)
        .request(&cfg())
        .unwrap();
    assert_eq!(body_json(&req).get("sync_mode"), None);
    assert_eq!(body_json(&req)["opts"], json!({"reset": true}));
}

#[test]
fn trigger_sync_refuses_bad_input() {
    for (op, reason) in [
        (TriggerSync::new("", ["issues"]), InvalidReason::Empty),
        (TriggerSync::new("gh", [""]), InvalidReason::Empty),
        (
            TriggerSync::new("gh", [SyncRef::variant("issues", "")]),
            InvalidReason::Empty,
        ),
        (
            TriggerSync::new("gh", ["issues"]).connection_id(""),
            InvalidReason::Empty,
        ),
    ] {
        assert_eq!(invalid_reason(op.request(&cfg()).unwrap_err()), reason);
    }
}

#[test]
fn trigger_start_pause_decode() {
    for body in [
        r#"{"success":true}"#,
        r#"{"success":true,"extra":1}"#,
        "",
        " \n",
    ] {
        let s = TriggerSync::new("gh", ["issues"])
            .decode(response(200, body))
            .unwrap();
        assert!(s.success, "{body:?}");
        let s = StartSync::new("gh", ["issues"])
            .decode(response(200, body))
            .unwrap();
        assert!(s.success);
        let s = PauseSync::new("gh", ["issues"])
            .decode(response(200, body))
            .unwrap();
        assert!(s.success);
    }
    let s = TriggerSync::new("gh", ["issues"])
        .decode(response(200, r#"{"success":false}"#))
        .unwrap();
    assert!(!s.success);
    assert!(matches!(
        StartSync::new("gh", ["issues"]).decode(response(200, "<html>")),
        Err(Error::Decode(_))
    ));
}

// ---------------------------------------------------------------------------
// startSync, pauseSync
// ---------------------------------------------------------------------------

#[test]
fn start_and_pause_requests() {
    let req = StartSync::new("github", [SyncRef::variant("issues", "eu"), "prs".into()])
        .connection_id("user-1")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/sync/start");
    assert_eq!(
        body_json(&req),
        json!({"syncs": [{"name": "issues", "variant": "eu"}, "prs"], "provider_config_key": "github", "connection_id": "user-1"})
    );
    assert!(
        req.is_idempotent(),
        "starting a started schedule changes nothing"
    );
    assert_eq!(req.headers().len(), 1);
    assert_eq!(req.headers()["content-type"], "application/json");

    let req = PauseSync::new("github", ["issues"])
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/sync/pause");
    assert_eq!(
        body_json(&req),
        json!({"syncs": ["issues"], "provider_config_key": "github"})
    );
    assert!(req.is_idempotent());

    for op in [
        StartSync::new("", ["issues"]).request(&cfg()),
        StartSync::new("gh", ["issues"])
            .connection_id("")
            .request(&cfg()),
        PauseSync::new("gh", [""]).request(&cfg()),
    ] {
        assert_eq!(invalid_reason(op.unwrap_err()), InvalidReason::Empty);
    }
}

// ---------------------------------------------------------------------------
// syncStatus
// ---------------------------------------------------------------------------

#[test]
fn sync_status_request() {
    let req = GetSyncStatus::new("github", "*").request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(
        req.path_and_query(),
        "/sync/status?syncs=*&provider_config_key=github"
    );
    assert!(req.body().is_none());
    assert!(req.headers().is_empty());

    let req = GetSyncStatus::new(
        "github",
        vec![SyncRef::from("issues"), SyncRef::variant("prs", "eu")],
    )
    .connection_id("user 1/ü")
    .request(&cfg())
    .unwrap();
    assert_eq!(
        req.path_and_query(),
        "/sync/status?syncs=issues%2Cprs%3A%3Aeu&provider_config_key=github&connection_id=user%201%2F%C3%BC"
    );
    assert_eq!(req.query_pairs()[0].1, "issues,prs::eu");
    assert_eq!(req.query_pairs()[2].1, "user 1/ü");

    assert_eq!(
        GetSyncStatus::new("github", SyncSelection::All),
        GetSyncStatus::new("github", "*")
    );
    let one = GetSyncStatus::new("github", "issues")
        .request(&cfg())
        .unwrap();
    assert_eq!(one.query_pairs()[0].1, "issues");
}

#[test]
fn sync_status_refuses_bad_input() {
    for (op, reason) in [
        (GetSyncStatus::new("", "*"), InvalidReason::Empty),
        (
            GetSyncStatus::new("gh", Vec::<SyncRef>::new()),
            InvalidReason::Empty,
        ),
        (GetSyncStatus::new("gh", ["a", ""]), InvalidReason::Empty),
        (
            GetSyncStatus::new("gh", ["a,b"]),
            InvalidReason::InvalidValue,
        ),
        (
            GetSyncStatus::new("gh", "*").connection_id(""),
            InvalidReason::Empty,
        ),
    ] {
        assert_eq!(invalid_reason(op.request(&cfg()).unwrap_err()), reason);
    }
}

#[test]
fn sync_status_decode() {
    let body = r#"{"syncs":[
      {"id":"9a1b","connection_id":"user-1","name":"issues","variant":"base","status":"SUCCESS","type":"INCREMENTAL",
       "finishedAt":"2026-11-20T10:00:00.000Z","nextScheduledSyncAt":"2026-11-20T11:00:00.000Z","frequency":"every hour",
       "latestResult":{"GithubIssue":{"added":3,"updated":1,"deleted":0}},"recordCount":{"GithubIssue":42},
       "checkpoint":{"lastPage":5,"cursor":"abc","done":false},"jobStatus":"SUCCESS","latestExecutionStatus":"SUCCESS",
       "someNewField":{"x":1}},
      {"id":"9a1c","name":"prs","status":"QUEUED","type":"FULL","finishedAt":null,"nextScheduledSyncAt":null,
       "frequency":null,"recordCount":{},"checkpoint":null},
      {"name":"old","status":"PAUSED","type":"INITIAL","latestResult":{"M":{"added":1,"updated":2}},"recordCount":{"M":3}}
    ]}"#;
    let list = GetSyncStatus::new("gh", "*")
        .decode(response(200, body))
        .unwrap();
    assert_eq!(list.syncs.len(), 3);
    let s = &list.syncs[0];
    assert_eq!(s.id.as_deref(), Some("9a1b"));
    assert_eq!(s.connection_id.as_deref(), Some("user-1"));
    assert_eq!(s.name, "issues");
    assert_eq!(s.variant.as_deref(), Some("base"));
    assert_eq!(s.status, SyncState::Success);
    assert_eq!(s.kind, Some(SyncRunKind::Incremental));
    assert_eq!(s.finished_at.as_deref(), Some("2026-11-20T10:00:00.000Z"));
    assert_eq!(
        s.next_scheduled_sync_at.as_deref(),
        Some("2026-11-20T11:00:00.000Z")
    );
    assert_eq!(s.frequency.as_deref(), Some("every hour"));
    let latest = s.latest_result.as_ref().unwrap();
    assert_eq!(latest["GithubIssue"].added, 3);
    assert_eq!(latest["GithubIssue"].updated, 1);
    assert_eq!(s.record_count["GithubIssue"], 42);
    let checkpoint = s.checkpoint.as_ref().unwrap();
    assert_eq!(checkpoint["lastPage"], 5);
    assert_eq!(checkpoint["done"], false);
    assert_eq!(s.job_status, Some(SyncState::Success));

    let s = &list.syncs[1];
    assert_eq!(s.status, SyncState::Other("QUEUED".into()));
    assert_eq!(s.kind, Some(SyncRunKind::Full));
    assert_eq!(s.finished_at, None);
    assert_eq!(s.frequency, None);
    assert_eq!(s.checkpoint, None);
    assert_eq!(s.connection_id, None);

    let s = &list.syncs[2];
    assert_eq!(s.status, SyncState::Paused);
    assert_eq!(s.latest_result.as_ref().unwrap()["M"].deleted, 0);
    assert_eq!(s.id, None);

    let empty = GetSyncStatus::new("gh", "*")
        .decode(response(200, r#"{"syncs":[]}"#))
        .unwrap();
    assert!(empty.syncs.is_empty());
}

// ---------------------------------------------------------------------------
// updateSyncConnectionFrequency
// ---------------------------------------------------------------------------

#[test]
fn update_frequency_request() {
    let req = UpdateSyncFrequency::new("github", "issues", "user-1", Some("every 2h"))
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::PUT);
    assert_eq!(req.path_and_query(), "/sync/update-connection-frequency");
    assert_eq!(req.headers().len(), 1);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(
        body_json(&req),
        json!({"sync_name": "issues", "provider_config_key": "github", "connection_id": "user-1", "frequency": "every 2h"})
    );
    assert!(req.is_idempotent());

    let req = UpdateSyncFrequency::new(
        "github",
        SyncRef::variant("issues", "eu"),
        "user-1",
        None::<String>,
    )
    .request(&cfg())
    .unwrap();
    assert_eq!(
        body_json(&req),
        json!({"sync_name": "issues", "sync_variant": "eu", "provider_config_key": "github", "connection_id": "user-1", "frequency": null})
    );

    for op in [
        UpdateSyncFrequency::new("", "issues", "u", None::<String>),
        UpdateSyncFrequency::new("gh", "", "u", None::<String>),
        UpdateSyncFrequency::new("gh", "issues", "", None::<String>),
        UpdateSyncFrequency::new("gh", SyncRef::variant("issues", ""), "u", None::<String>),
    ] {
        assert_eq!(
            invalid_reason(op.request(&cfg()).unwrap_err()),
            InvalidReason::Empty
        );
    }
}

#[test]
fn update_frequency_decode() {
    let f = UpdateSyncFrequency::new("gh", "issues", "u", None::<String>)
        .decode(response(200, r#"{"frequency":"every 1h","unknown":true}"#))
        .unwrap();
    assert_eq!(f.frequency.as_deref(), Some("every 1h"));
    let f = UpdateSyncFrequency::new("gh", "issues", "u", None::<String>)
        .decode(response(200, r#"{"frequency":null}"#))
        .unwrap();
    assert_eq!(f.frequency, None);
}

// ---------------------------------------------------------------------------
// createSyncVariant, deleteSyncVariant
// ---------------------------------------------------------------------------

#[test]
fn sync_variant_requests() {
    let req = CreateSyncVariant::new("github", "user-1", "issues", "eu")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.path_and_query(), "/sync/issues/variant/eu");
    assert_eq!(req.headers().len(), 1);
    assert_eq!(
        body_json(&req),
        json!({"provider_config_key": "github", "connection_id": "user-1"})
    );
    assert!(!req.is_idempotent());

    let req = DeleteSyncVariant::new("github", "user-1", "issues", "eu")
        .request(&cfg())
        .unwrap();
    assert_eq!(req.method(), Method::DELETE);
    assert_eq!(req.path_and_query(), "/sync/issues/variant/eu");
    assert_eq!(req.headers().len(), 1);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(
        body_json(&req),
        json!({"provider_config_key": "github", "connection_id": "user-1"})
    );
    assert!(
        !req.is_idempotent(),
        "a second delete fails and would mask the first success"
    );
}

#[test]
fn sync_variant_names_round_trip_in_the_path() {
    for (name, variant) in [
        ("a/b", "c?d"),
        ("a#b", "100%"),
        ("a&b=c", "with space"),
        ("ünïcødé", "日本"),
    ] {
        for req in [
            CreateSyncVariant::new("gh", "u", name, variant).request(&cfg()),
            DeleteSyncVariant::new("gh", "u", name, variant).request(&cfg()),
        ] {
            let req = req.unwrap();
            let rest = req.path().strip_prefix("/sync/").unwrap();
            let (n, v) = rest.split_once("/variant/").unwrap();
            assert!(!n.contains(['/', '?', '#', ' ', '&']));
            assert!(!v.contains(['/', '?', '#', ' ', '&']));
            assert_eq!(decode_segment(n), name);
            assert_eq!(decode_segment(v), variant);
            assert!(!req.path_and_query().contains('?'));
        }
    }
}

#[test]
fn sync_variant_refuses_bad_input() {
    for (req, reason) in [
        (
            CreateSyncVariant::new("", "u", "n", "v").request(&cfg()),
            InvalidReason::Empty,
        ),
        (
            CreateSyncVariant::new("g", "", "n", "v").request(&cfg()),
            InvalidReason::Empty,
        ),
        (
            CreateSyncVariant::new("g", "u", "", "v").request(&cfg()),
            InvalidReason::Empty,
        ),
        (
            CreateSyncVariant::new("g", "u", "n", "").request(&cfg()),
            InvalidReason::Empty,
        ),
        (
            CreateSyncVariant::new("g", "u", "..", "v").request(&cfg()),
            InvalidReason::DotSegment,
        ),
        (
            DeleteSyncVariant::new("g", "u", "n", ".").request(&cfg()),
            InvalidReason::DotSegment,
        ),
        (
            DeleteSyncVariant::new("g", "", "n", "v").request(&cfg()),
            InvalidReason::Empty,
        ),
    ] {
        assert_eq!(invalid_reason(req.unwrap_err()), reason);
    }
}

#[test]
fn sync_variant_decode() {
    let v = CreateSyncVariant::new("gh", "u", "issues", "eu")
        .decode(response(
            200,
            r#"{"id":"7c1e","name":"issues","variant":"eu","created_at":"2026-01-01"}"#,
        ))
        .unwrap();
    assert_eq!(
        (v.id.as_str(), v.name.as_str(), v.variant.as_str()),
        ("7c1e", "issues", "eu")
    );
    let s = DeleteSyncVariant::new("gh", "u", "issues", "eu")
        .decode(response(200, r#"{"success":true}"#))
        .unwrap();
    assert!(s.success);
}

#[test]
fn sync_refs_convert_and_serialize() {
    let from_tuple: SyncRef = ("issues", "eu").into();
    assert_eq!(from_tuple, SyncRef::variant("issues", "eu"));
    assert_eq!(SyncRef::from(String::from("x")).full_name(), "x");
    assert_eq!(
        serde_json::from_str::<SyncRef>(r#"{"name":"a","variant":"b"}"#).unwrap(),
        SyncRef::variant("a", "b")
    );
    assert_eq!(
        serde_json::from_str::<SyncRef>(r#""a""#).unwrap(),
        SyncRef::from("a")
    );
}

#[test]
fn sync_call_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    #[derive(Default)]
    struct Dummy;
    impl nango_core::transport::Transport for Dummy {
        async fn send(
            &self,
            _r: nango_core::transport::HttpRequest,
            _t: Option<std::time::Duration>,
        ) -> Result<nango_core::transport::HttpResponse, nango_core::transport::TransportError>
        {
            Ok(response(200, "{}"))
        }
        async fn sleep(&self, _d: std::time::Duration) {}
        fn now(&self) -> std::time::Duration {
            std::time::Duration::ZERO
        }
        fn random(&self) -> f64 {
            0.5
        }
    }
    let c = nango_core::Client::<Dummy>::builder()
        .api_key("k")
        .build()
        .unwrap();
    let trigger = c
        .trigger_sync("gh", ["issues"])
        .connection_id("u")
        .reset(true);
    assert_send(&std::future::IntoFuture::into_future(trigger));
    let status = c.sync_status("gh", "*").connection_id("u");
    assert_send(&std::future::IntoFuture::into_future(status));
    assert_send(&c.update_sync_connection_frequency("gh", "issues", "u", None));
    assert_send(&c.create_sync_variant("gh", "u", "issues", "eu"));
    assert_send(&c.delete_sync_variant("gh", "u", "issues", "eu"));
}
