//! Timestamps read as [`time::OffsetDateTime`] (the `time` feature).
//!
//! The models keep every timestamp as the text the server sent, in a `String`
//! field: nothing is lost, whatever its format, and nothing fails to decode
//! because of a date. With the `time` feature, each such field also has an
//! accessor named after it with `_time` appended (`created_at_time()`,
//! `expires_at_time()`…) that reads the text as RFC 3339, the format Nango
//! writes. An optional field gives `Ok(None)` when it is absent; a text that is
//! not RFC 3339 gives a [`TimestampError`] naming the field.
//!
//! | model | accessors |
//! |---|---|
//! | [`Connection`](super::connections::Connection) | `created_at_time`, `updated_at_time`, `last_fetched_at_time` |
//! | [`ConnectionSummary`](super::connections::ConnectionSummary) | `created_time` |
//! | [`Credentials`](super::connections::Credentials) | `expires_at_time` |
//! | [`RecordMetadata`](super::records::RecordMetadata) | `first_seen_at_time`, `last_modified_at_time`, `deleted_at_time`, `pruned_at_time` |
//! | [`SyncStatus`](super::syncs::SyncStatus) | `finished_at_time`, `next_scheduled_sync_at_time` |
//! | [`ConnectSession`](super::connect::ConnectSession) | `expires_at_time` |
//!
//! ```
//! use nango_core::models::connections::Connection;
//! let c: Connection = serde_json::from_str(r#"{"connection_id":"u1","provider_config_key":"gh",
//!     "created_at":"2026-01-02T03:04:05.678Z","updated_at":"yesterday"}"#).unwrap();
//! let created = c.created_at_time()?.expect("the field is there");
//! assert_eq!((created.year(), created.millisecond()), (2026, 678));
//! assert_eq!(c.last_fetched_at_time()?, None); // absent
//! let err = c.updated_at_time().unwrap_err(); // not RFC 3339: the text stays in the field
//! assert_eq!((err.field(), c.updated_at.as_deref()), ("updated_at", Some("yesterday")));
//! # Ok::<(), nango_core::models::timestamp::TimestampError>(())
//! ```

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A timestamp whose text is not RFC 3339 (the text itself stays in the
/// model's field).
///
/// ```
/// let s: nango_core::models::connect::ConnectSession = serde_json::from_str(
///     r#"{"token":"t","expires_at":"2026-01-01 00:30"}"#).unwrap();
/// let err = s.expires_at_time().unwrap_err();
/// assert_eq!(err.field(), "expires_at");
/// assert_eq!(err.to_string(), "`expires_at` is not an RFC 3339 timestamp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("`{field}` is not an RFC 3339 timestamp")]
pub struct TimestampError {
    field: &'static str,
    /// What the parser found wrong (kept as the error's `source()`).
    #[source]
    source: time::error::Parse,
}

impl TimestampError {
    /// The field, named as on the wire (`created_at`, `finishedAt`…).
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata = serde_json::from_str(r#"{"first_seen_at":""}"#).unwrap();
    /// assert_eq!(m.first_seen_at_time().unwrap_err().field(), "first_seen_at");
    /// ```
    pub fn field(&self) -> &'static str {
        self.field
    }
}

/// `text`, the value of `field`, read as RFC 3339.
pub(crate) fn parse(field: &'static str, text: &str) -> Result<OffsetDateTime, TimestampError> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|source| TimestampError { field, source })
}

/// [`parse`] for an optional field: absent is `Ok(None)`.
pub(crate) fn parse_opt(
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<OffsetDateTime>, TimestampError> {
    text.map(|text| parse(field, text)).transpose()
}
