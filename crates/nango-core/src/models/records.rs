//! Records synced into Nango's cache, read with `listRecords` and pruned with
//! `pruneRecords`.

#[cfg(feature = "time")]
use super::timestamp::{self, TimestampError};
use serde::{Deserialize, Serialize};

use crate::macros::string_enum;

string_enum! {
    /// The last change Nango saw on a record (`_nango_metadata.last_action`).
    ///
    /// ```
    /// use nango_core::models::records::RecordAction;
    /// assert_eq!(RecordAction::from("DELETED"), RecordAction::Deleted);
    /// assert_eq!(RecordAction::from("ARCHIVED"), RecordAction::Other("ARCHIVED".into()));
    /// ```
    RecordAction in "nango_core::models::records", example = "ADDED" {
        /// The record appeared.
        Added = "ADDED",
        /// The record changed.
        Updated = "UPDATED",
        /// The record was deleted at the provider.
        Deleted = "DELETED",
    }
}

impl RecordAction {
    /// Whether this is `kind`, whatever the case the server used (the official
    /// types allow `added` as well as `ADDED`).
    ///
    /// ```
    /// use nango_core::models::records::RecordAction;
    /// assert!(RecordAction::from("deleted").is(&RecordAction::Deleted));
    /// assert!(!RecordAction::Added.is(&RecordAction::Deleted));
    /// ```
    pub fn is(&self, kind: &RecordAction) -> bool {
        self.as_str().eq_ignore_ascii_case(kind.as_str())
    }
}

/// A filter on the last action of the records listed (`filter`).
///
/// ```
/// use nango_core::models::records::RecordFilter;
/// assert_eq!(RecordFilter::Deleted.as_str(), "deleted");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RecordFilter {
    /// Records whose last action is `ADDED`.
    Added,
    /// Records whose last action is `UPDATED`.
    Updated,
    /// Records whose last action is `DELETED`.
    Deleted,
}

impl RecordFilter {
    /// The value as it appears in the query.
    ///
    /// ```
    /// assert_eq!(nango_core::models::records::RecordFilter::Added.as_str(), "added");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RecordFilter::Added => "added",
            RecordFilter::Updated => "updated",
            RecordFilter::Deleted => "deleted",
        }
    }
}

impl std::fmt::Display for RecordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What Nango knows about a cached record (`_nango_metadata`). Timestamps are
/// ISO 8601 strings, as sent.
///
/// ```
/// let m: nango_core::models::records::RecordMetadata = serde_json::from_str(r#"{
///   "first_seen_at":"2026-09-18T15:20:35.941305+00:00","last_modified_at":"2026-09-18T15:20:35.941305+00:00",
///   "last_action":"ADDED","deleted_at":null,"pruned_at":null,"cursor":"MjAy..."}"#).unwrap();
/// assert!(!m.is_deleted());
/// assert_eq!(m.cursor, "MjAy...");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordMetadata {
    /// When Nango first saw the record.
    #[serde(default)]
    pub first_seen_at: String,
    /// When Nango last saw it change.
    #[serde(default)]
    pub last_modified_at: String,
    /// The last change seen.
    #[serde(default)]
    pub last_action: Option<RecordAction>,
    /// When Nango saw it deleted, if it was.
    #[serde(default)]
    pub deleted_at: Option<String>,
    /// When its payload was pruned (emptied), if it was.
    #[serde(default)]
    pub pruned_at: Option<String>,
    /// The record's position: list from here with `cursor`, prune up to here with
    /// `until_cursor`.
    #[serde(default)]
    pub cursor: String,
}

/// Reads the timestamps as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl RecordMetadata {
    /// `first_seen_at` as a date and time (an error when the server sent none).
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata =
    ///     serde_json::from_str(r#"{"first_seen_at":"2026-09-18T15:20:35.941305+00:00"}"#).unwrap();
    /// assert_eq!(m.first_seen_at_time()?.microsecond(), 941_305);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn first_seen_at_time(&self) -> Result<time::OffsetDateTime, TimestampError> {
        timestamp::parse("first_seen_at", &self.first_seen_at)
    }

    /// `last_modified_at` as a date and time (an error when the server sent none).
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata =
    ///     serde_json::from_str(r#"{"last_modified_at":"2026-09-18T15:20:35Z"}"#).unwrap();
    /// assert_eq!(m.last_modified_at_time()?.minute(), 20);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn last_modified_at_time(&self) -> Result<time::OffsetDateTime, TimestampError> {
        timestamp::parse("last_modified_at", &self.last_modified_at)
    }

    /// `deleted_at` as a date and time: `Ok(None)` when the record was not deleted.
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata =
    ///     serde_json::from_str(r#"{"deleted_at":null}"#).unwrap();
    /// assert_eq!(m.deleted_at_time()?, None);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn deleted_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("deleted_at", self.deleted_at.as_deref())
    }

    /// `pruned_at` as a date and time: `Ok(None)` when the record was not pruned.
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata =
    ///     serde_json::from_str(r#"{"pruned_at":"2026-01-01T00:00:00Z"}"#).unwrap();
    /// assert!(m.pruned_at_time()?.is_some());
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn pruned_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("pruned_at", self.pruned_at.as_deref())
    }
}

impl RecordMetadata {
    /// Whether the record was deleted at the provider.
    ///
    /// ```
    /// let m: nango_core::models::records::RecordMetadata =
    ///     serde_json::from_str(r#"{"last_action":"DELETED","deleted_at":"2026-01-01T00:00:00Z"}"#).unwrap();
    /// assert!(m.is_deleted());
    /// ```
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
            || self
                .last_action
                .as_ref()
                .is_some_and(|a| a.is(&RecordAction::Deleted))
    }
}

/// One cached record: your model `R` (its fields, flattened) plus
/// `_nango_metadata`.
///
/// `R` can be your own struct or [`serde_json::Value`] (which then holds every
/// field but `_nango_metadata`).
///
/// ```
/// use nango_core::models::records::Record;
/// #[derive(serde::Deserialize)]
/// struct Issue { id: String, title: String }
/// let r: Record<Issue> = serde_json::from_str(
///     r#"{"id":"1","title":"Bug","_nango_metadata":{"last_action":"ADDED","cursor":"c1"}}"#).unwrap();
/// assert_eq!(r.data.title, "Bug");
/// assert_eq!(r.metadata.cursor, "c1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record<R> {
    /// The record's own fields.
    #[serde(flatten)]
    pub data: R,
    /// Nango's metadata about it.
    #[serde(rename = "_nango_metadata", default)]
    pub metadata: RecordMetadata,
}

impl<R> Record<R> {
    /// The record's own fields, without the metadata.
    ///
    /// ```
    /// let r: nango_core::models::records::Record<serde_json::Value> =
    ///     serde_json::from_str(r#"{"id":1,"_nango_metadata":{}}"#).unwrap();
    /// assert_eq!(r.into_data(), serde_json::json!({"id": 1}));
    /// ```
    pub fn into_data(self) -> R {
        self.data
    }
}

/// One page of `listRecords`: the records and the cursor of the next page
/// (`None` on the last one).
///
/// ```
/// let p: nango_core::models::records::RecordPage<serde_json::Value> =
///     serde_json::from_str(r#"{"records":[],"next_cursor":null}"#).unwrap();
/// assert!(p.records.is_empty() && p.next_cursor.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordPage<R> {
    /// The records, in ascending modification order.
    #[serde(default = "Vec::new")]
    pub records: Vec<Record<R>>,
    /// Where the next page starts; `None` when this is the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The answer of `pruneRecords`.
///
/// ```
/// let p: nango_core::models::records::PruneResult = serde_json::from_str(r#"{"count":150,"has_more":true}"#).unwrap();
/// assert_eq!(p.count, 150);
/// assert!(p.has_more);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PruneResult {
    /// How many records were pruned by this call.
    #[serde(default)]
    pub count: u64,
    /// Whether more records up to the cursor may remain to prune.
    #[serde(default)]
    pub has_more: bool,
}
