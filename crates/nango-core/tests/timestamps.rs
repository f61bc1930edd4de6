//! The `time` feature: the models' timestamps read as RFC 3339, the text kept.
#![cfg(feature = "time")]

use nango_core::models::connect::ConnectSession;
use nango_core::models::connections::{Connection, ConnectionList};
use nango_core::models::records::RecordMetadata;
use nango_core::models::syncs::SyncStatus;
use nango_core::time::{Month, OffsetDateTime, UtcOffset};

fn utc(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(
        text,
        &nango_core::time::format_description::well_known::Rfc3339,
    )
    .unwrap()
}

#[test]
fn connection_timestamps_as_the_server_writes_them() {
    // The shapes Nango sends: milliseconds and `Z` on connections.
    let c: Connection = serde_json::from_str(
        r#"{"id":1,"connection_id":"u1","provider_config_key":"gh","provider":"github",
            "created_at":"2026-03-04T05:06:07.089Z","updated_at":"2026-03-05T00:00:00.000Z",
            "last_fetched_at":null,
            "credentials":{"type":"OAUTH2","access_token":"t","expires_at":"2026-03-05T01:00:00.000Z"}}"#,
    )
    .unwrap();
    let created = c.created_at_time().unwrap().unwrap();
    assert_eq!(
        (created.year(), created.month(), created.day()),
        (2026, Month::March, 4)
    );
    assert_eq!(created.millisecond(), 89);
    assert_eq!(created.offset(), UtcOffset::UTC);
    assert_eq!(
        c.updated_at_time().unwrap(),
        Some(utc("2026-03-05T00:00:00Z"))
    );
    assert_eq!(c.last_fetched_at_time().unwrap(), None);
    assert_eq!(
        c.credentials.expires_at_time().unwrap(),
        Some(utc("2026-03-05T01:00:00Z"))
    );

    let list: ConnectionList = serde_json::from_str(
        r#"{"connections":[{"connection_id":"u1","provider_config_key":"gh","created":"2026-03-04T05:06:07.089Z"},
                           {"connection_id":"u2","provider_config_key":"gh"}]}"#,
    )
    .unwrap();
    assert_eq!(list.connections[0].created_time().unwrap(), Some(created));
    assert_eq!(list.connections[1].created_time().unwrap(), None);
}

#[test]
fn record_metadata_with_microseconds_and_an_offset() {
    // Records carry Postgres' microseconds and a `+00:00` offset.
    let m: RecordMetadata = serde_json::from_str(
        r#"{"first_seen_at":"2026-09-18T15:20:35.941305+00:00",
            "last_modified_at":"2026-09-18T17:20:36.5+02:00",
            "last_action":"DELETED","deleted_at":"2026-09-19T00:00:00+00:00","pruned_at":null,
            "cursor":"MjAy"}"#,
    )
    .unwrap();
    let first = m.first_seen_at_time().unwrap();
    assert_eq!(first.microsecond(), 941_305);
    let modified = m.last_modified_at_time().unwrap();
    assert_eq!(modified.offset().whole_hours(), 2);
    // The same instant as 15:20:36.5 UTC, whatever the offset it was written in.
    assert_eq!(modified, utc("2026-09-18T15:20:36.5Z"));
    assert!(modified > first);
    assert_eq!(
        m.deleted_at_time().unwrap(),
        Some(utc("2026-09-19T00:00:00Z"))
    );
    assert_eq!(m.pruned_at_time().unwrap(), None);
}

#[test]
fn sync_status_and_connect_session() {
    let s: SyncStatus = serde_json::from_str(
        r#"{"id":"s1","name":"issues","status":"SUCCESS","type":"INCREMENTAL",
            "finishedAt":"2026-01-01T00:05:00.000Z","nextScheduledSyncAt":"2026-01-01T01:05:00.000Z",
            "frequency":"every hour","latestResult":{},"recordCount":{"Issue":10}}"#,
    )
    .unwrap();
    let finished = s.finished_at_time().unwrap().unwrap();
    let next = s.next_scheduled_sync_at_time().unwrap().unwrap();
    assert_eq!((next - finished).whole_hours(), 1);

    let session: ConnectSession = serde_json::from_str(
        r#"{"token":"nango_connect_session_x","expires_at":"2026-01-01T00:30:00.000Z"}"#,
    )
    .unwrap();
    assert_eq!(
        session.expires_at_time().unwrap(),
        utc("2026-01-01T00:30:00Z")
    );
}

#[test]
fn a_text_that_is_not_rfc_3339_is_an_error_naming_the_field_and_stays_as_sent() {
    // Still decodes: the accessors read the text, the model never depends on it.
    let c: Connection = serde_json::from_str(
        r#"{"connection_id":"u1","provider_config_key":"gh","created_at":"2026-03-04 05:06:07+00",
            "updated_at":"","credentials":{"expires_at":"1767225600"}}"#,
    )
    .unwrap();
    let err = c.created_at_time().unwrap_err();
    assert_eq!(err.field(), "created_at");
    assert_eq!(err.to_string(), "`created_at` is not an RFC 3339 timestamp");
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(c.created_at.as_deref(), Some("2026-03-04 05:06:07+00"));
    assert_eq!(c.updated_at_time().unwrap_err().field(), "updated_at");
    assert_eq!(
        c.credentials.expires_at_time().unwrap_err().field(),
        "expires_at"
    );

    // A required field the server left out decodes as "" and reads as an error.
    let m: RecordMetadata = serde_json::from_str(r#"{"cursor":"c"}"#).unwrap();
    assert_eq!(m.first_seen_at_time().unwrap_err().field(), "first_seen_at");
    assert_eq!(
        m.last_modified_at_time().unwrap_err().field(),
        "last_modified_at"
    );

    let s: SyncStatus = serde_json::from_str(
        r#"{"name":"issues","status":"RUNNING","finishedAt":"yesterday","nextScheduledSyncAt":"soon"}"#,
    )
    .unwrap();
    assert_eq!(s.finished_at_time().unwrap_err().field(), "finishedAt");
    assert_eq!(
        s.next_scheduled_sync_at_time().unwrap_err().field(),
        "nextScheduledSyncAt"
    );
    assert_eq!(s.finished_at.as_deref(), Some("yesterday"));
}
