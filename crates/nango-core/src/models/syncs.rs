//! Syncs: which to trigger, start, pause or inspect, and what their status says.

use std::collections::BTreeMap;

#[cfg(feature = "time")]
use super::timestamp::{self, TimestampError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::macros::string_enum;

/// A sync named by the calls that act on syncs: its name, or its name and a
/// variant.
///
/// ```
/// use nango_core::models::syncs::SyncRef;
/// let plain: SyncRef = "issues".into();
/// assert_eq!(serde_json::to_string(&plain).unwrap(), r#""issues""#);
/// let variant = SyncRef::variant("issues", "eu");
/// assert_eq!(serde_json::to_string(&variant).unwrap(), r#"{"name":"issues","variant":"eu"}"#);
/// assert_eq!(variant.full_name(), "issues::eu");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SyncRef {
    /// A sync by name (its base variant).
    Name(String),
    /// A variant of a sync.
    Variant {
        /// The sync's name.
        name: String,
        /// The variant's name.
        variant: String,
    },
}

impl SyncRef {
    /// A variant of sync `name`.
    ///
    /// ```
    /// let s = nango_core::models::syncs::SyncRef::variant("issues", "eu");
    /// assert_eq!(s.name(), "issues");
    /// ```
    pub fn variant(name: impl Into<String>, variant: impl Into<String>) -> Self {
        SyncRef::Variant {
            name: name.into(),
            variant: variant.into(),
        }
    }

    /// The sync's name.
    ///
    /// ```
    /// assert_eq!(nango_core::models::syncs::SyncRef::from("issues").name(), "issues");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            SyncRef::Name(name) | SyncRef::Variant { name, .. } => name,
        }
    }

    /// The variant's name, if this names one.
    ///
    /// ```
    /// assert_eq!(nango_core::models::syncs::SyncRef::from("issues").variant_name(), None);
    /// ```
    pub fn variant_name(&self) -> Option<&str> {
        match self {
            SyncRef::Name(_) => None,
            SyncRef::Variant { variant, .. } => Some(variant),
        }
    }

    /// The name as `/sync/status` takes it: `name`, or `name::variant`.
    ///
    /// ```
    /// assert_eq!(nango_core::models::syncs::SyncRef::variant("a", "b").full_name(), "a::b");
    /// ```
    pub fn full_name(&self) -> String {
        match self {
            SyncRef::Name(name) => name.clone(),
            SyncRef::Variant { name, variant } if variant.is_empty() => name.clone(),
            SyncRef::Variant { name, variant } => format!("{name}::{variant}"),
        }
    }
}

impl From<&str> for SyncRef {
    fn from(name: &str) -> Self {
        SyncRef::Name(name.to_owned())
    }
}

impl From<String> for SyncRef {
    fn from(name: String) -> Self {
        SyncRef::Name(name)
    }
}

impl From<&String> for SyncRef {
    fn from(name: &String) -> Self {
        SyncRef::Name(name.clone())
    }
}

impl<N: Into<String>, V: Into<String>> From<(N, V)> for SyncRef {
    fn from((name, variant): (N, V)) -> Self {
        SyncRef::variant(name, variant)
    }
}

/// Which syncs `syncStatus` reports on: all of them (`*`) or a list.
///
/// ```
/// use nango_core::models::syncs::{SyncRef, SyncSelection};
/// assert_eq!(SyncSelection::from("*"), SyncSelection::All);
/// let some = SyncSelection::from(["issues", "prs"]);
/// assert_eq!(some.query_value(), "issues,prs");
/// let with_variant = SyncSelection::from(vec![SyncRef::variant("issues", "eu")]);
/// assert_eq!(with_variant.query_value(), "issues::eu");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncSelection {
    /// Every sync of the integration (`*`).
    All,
    /// These syncs.
    Some(Vec<SyncRef>),
}

impl SyncSelection {
    /// The value of the `syncs` query parameter: `*`, or the comma list of
    /// [`SyncRef::full_name`]s.
    ///
    /// ```
    /// assert_eq!(nango_core::models::syncs::SyncSelection::All.query_value(), "*");
    /// ```
    pub fn query_value(&self) -> String {
        match self {
            SyncSelection::All => "*".to_owned(),
            SyncSelection::Some(syncs) => {
                crate::encode::join(syncs.iter().map(SyncRef::full_name), ',')
            }
        }
    }
}

impl From<&str> for SyncSelection {
    /// `"*"` is [`SyncSelection::All`]; any other string is one sync name.
    fn from(value: &str) -> Self {
        if value == "*" {
            SyncSelection::All
        } else {
            SyncSelection::Some(vec![value.into()])
        }
    }
}

impl From<SyncRef> for SyncSelection {
    fn from(sync: SyncRef) -> Self {
        SyncSelection::Some(vec![sync])
    }
}

impl<S: Into<SyncRef>> From<Vec<S>> for SyncSelection {
    fn from(syncs: Vec<S>) -> Self {
        SyncSelection::Some(crate::models::common::into_vec(syncs))
    }
}

impl<S: Into<SyncRef>, const N: usize> From<[S; N]> for SyncSelection {
    fn from(syncs: [S; N]) -> Self {
        SyncSelection::Some(crate::models::common::into_vec(syncs))
    }
}

string_enum! {
    /// The legacy `sync_mode` of `triggerSync`.
    ///
    /// ```
    /// use nango_core::models::syncs::SyncMode;
    /// assert_eq!(SyncMode::FullRefresh.as_str(), "full_refresh");
    /// ```
    SyncMode in "nango_core::models::syncs", example = "incremental" {
        /// Continue from the last checkpoint.
        Incremental = "incremental",
        /// Start over, keeping the cached records.
        FullRefresh = "full_refresh",
        /// Start over and empty the cache.
        FullRefreshAndClearCache = "full_refresh_and_clear_cache",
    }
}

/// The `opts` of `triggerSync`.
///
/// ```
/// use nango_core::models::syncs::TriggerOptions;
/// let o = TriggerOptions::default().reset(true).empty_cache(true);
/// assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"reset":true,"emptyCache":true}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TriggerOptions {
    /// Clear the checkpoint and last sync date first: the sync starts fresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset: Option<bool>,
    /// Delete the sync's cached records first (only with `reset`).
    #[serde(
        rename = "emptyCache",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub empty_cache: Option<bool>,
}

// Chained setters: the struct is `#[non_exhaustive]` (`opts` may gain options),
// so other crates cannot build it with a struct literal.
impl TriggerOptions {
    /// Sets [`TriggerOptions::reset`].
    ///
    /// ```
    /// let o = nango_core::models::syncs::TriggerOptions::default().reset(true);
    /// assert_eq!(o.reset, Some(true));
    /// ```
    pub fn reset(mut self, yes: bool) -> Self {
        self.reset = Some(yes);
        self
    }

    /// Sets [`TriggerOptions::empty_cache`].
    ///
    /// ```
    /// let o = nango_core::models::syncs::TriggerOptions::default().reset(true).empty_cache(true);
    /// assert_eq!(o.empty_cache, Some(true));
    /// ```
    pub fn empty_cache(mut self, yes: bool) -> Self {
        self.empty_cache = Some(yes);
        self
    }
}

/// How `triggerSync` runs the syncs: the `opts` object, or the legacy
/// `sync_mode` (the official SDK's fourth argument as a string, or as a
/// boolean: `true` is `full_refresh`, `false` is `incremental`).
///
/// ```
/// use nango_core::models::syncs::{SyncMode, TriggerMode, TriggerOptions};
/// assert_eq!(TriggerMode::from(true), TriggerMode::SyncMode(SyncMode::FullRefresh));
/// assert_eq!(TriggerMode::from(false), TriggerMode::SyncMode(SyncMode::Incremental));
/// let reset = TriggerMode::from(TriggerOptions::default().reset(true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriggerMode {
    /// Sent as `opts`.
    Options(TriggerOptions),
    /// Sent as the legacy `sync_mode`.
    SyncMode(SyncMode),
}

impl From<TriggerOptions> for TriggerMode {
    fn from(opts: TriggerOptions) -> Self {
        TriggerMode::Options(opts)
    }
}

impl From<SyncMode> for TriggerMode {
    fn from(mode: SyncMode) -> Self {
        TriggerMode::SyncMode(mode)
    }
}

impl From<bool> for TriggerMode {
    /// The official SDK's legacy boolean: `true` is a full refresh.
    fn from(full_refresh: bool) -> Self {
        TriggerMode::SyncMode(if full_refresh {
            SyncMode::FullRefresh
        } else {
            SyncMode::Incremental
        })
    }
}

impl From<&str> for TriggerMode {
    /// The official SDK's legacy string: a `sync_mode`.
    fn from(mode: &str) -> Self {
        TriggerMode::SyncMode(mode.into())
    }
}

string_enum! {
    /// The state of a sync (`status`, `jobStatus`, `latestExecutionStatus`).
    ///
    /// ```
    /// use nango_core::models::syncs::SyncState;
    /// assert_eq!(SyncState::from("PAUSED"), SyncState::Paused);
    /// ```
    SyncState in "nango_core::models::syncs", example = "RUNNING" {
        /// Running now.
        Running = "RUNNING",
        /// Its schedule is paused.
        Paused = "PAUSED",
        /// Stopped.
        Stopped = "STOPPED",
        /// The last run succeeded.
        Success = "SUCCESS",
        /// The last run failed.
        Error = "ERROR",
    }
}

string_enum! {
    /// The deprecated kind of the last run (`type`).
    ///
    /// ```
    /// use nango_core::models::syncs::SyncRunKind;
    /// assert_eq!(SyncRunKind::from("INCREMENTAL"), SyncRunKind::Incremental);
    /// ```
    SyncRunKind in "nango_core::models::syncs", example = "INCREMENTAL" {
        /// An incremental run.
        Incremental = "INCREMENTAL",
        /// The first run.
        Initial = "INITIAL",
        /// A full run.
        Full = "FULL",
        /// A webhook-triggered run.
        Webhook = "WEBHOOK",
    }
}

/// Records added, updated and deleted by one run, for one model.
///
/// ```
/// let r: nango_core::models::syncs::SyncResult = serde_json::from_str(r#"{"added":3,"updated":1}"#).unwrap();
/// assert_eq!((r.added, r.updated, r.deleted), (3, 1, 0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncResult {
    /// Records added.
    #[serde(default)]
    pub added: u64,
    /// Records updated.
    #[serde(default)]
    pub updated: u64,
    /// Records deleted.
    #[serde(default)]
    pub deleted: u64,
}

/// The status of one sync of one connection (`GET /sync/status`). Timestamps are
/// ISO 8601 strings, as sent.
///
/// ```
/// use nango_core::models::syncs::{SyncState, SyncStatus};
/// let s: SyncStatus = serde_json::from_str(r#"{"id":"s1","name":"issues","status":"SUCCESS","type":"INCREMENTAL",
///   "finishedAt":"2026-01-01T00:00:00.000Z","nextScheduledSyncAt":null,"frequency":"every hour",
///   "latestResult":{"Issue":{"added":1,"updated":0,"deleted":0}},"recordCount":{"Issue":10},"checkpoint":null}"#).unwrap();
/// assert_eq!(s.status, SyncState::Success);
/// assert_eq!(s.record_count["Issue"], 10);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncStatus {
    /// The sync's id.
    #[serde(default)]
    pub id: Option<String>,
    /// The connection, when the status covers several.
    #[serde(default)]
    pub connection_id: Option<String>,
    /// The sync's name.
    #[serde(default)]
    pub name: String,
    /// The variant, when not the base one.
    #[serde(default)]
    pub variant: Option<String>,
    /// The sync's state.
    pub status: SyncState,
    /// The kind of the last run (deprecated).
    #[serde(rename = "type", default)]
    pub kind: Option<SyncRunKind>,
    /// When the last run finished.
    #[serde(rename = "finishedAt", default)]
    pub finished_at: Option<String>,
    /// When the next run is scheduled.
    #[serde(rename = "nextScheduledSyncAt", default)]
    pub next_scheduled_sync_at: Option<String>,
    /// How often it runs (e.g. `every hour`).
    #[serde(default)]
    pub frequency: Option<String>,
    /// The last run's result, by model.
    #[serde(rename = "latestResult", default)]
    pub latest_result: Option<BTreeMap<String, SyncResult>>,
    /// Cached records, by model.
    #[serde(rename = "recordCount", default)]
    pub record_count: BTreeMap<String, u64>,
    /// The last checkpoint saved (flat keys: strings, numbers, booleans).
    #[serde(default)]
    pub checkpoint: Option<Map<String, Value>>,
    /// The state of the current job, when sent.
    #[serde(rename = "jobStatus", default, skip_serializing_if = "Option::is_none")]
    pub job_status: Option<SyncState>,
    /// The state of the last execution, when sent.
    #[serde(
        rename = "latestExecutionStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub latest_execution_status: Option<SyncState>,
}

/// Reads the timestamps as RFC 3339 (the `time` feature; see
/// [`timestamp`]).
#[cfg(feature = "time")]
impl SyncStatus {
    /// `finishedAt` as a date and time: `Ok(None)` when absent.
    ///
    /// ```
    /// let s: nango_core::models::syncs::SyncStatus = serde_json::from_str(
    ///     r#"{"name":"issues","status":"SUCCESS","finishedAt":"2026-01-01T00:05:00.000Z"}"#).unwrap();
    /// assert_eq!(s.finished_at_time()?.unwrap().minute(), 5);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn finished_at_time(&self) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt("finishedAt", self.finished_at.as_deref())
    }

    /// `nextScheduledSyncAt` as a date and time: `Ok(None)` when absent (a
    /// paused sync has no next run).
    ///
    /// ```
    /// let s: nango_core::models::syncs::SyncStatus = serde_json::from_str(
    ///     r#"{"name":"issues","status":"PAUSED","nextScheduledSyncAt":null}"#).unwrap();
    /// assert_eq!(s.next_scheduled_sync_at_time()?, None);
    /// # Ok::<(), nango_core::models::timestamp::TimestampError>(())
    /// ```
    pub fn next_scheduled_sync_at_time(
        &self,
    ) -> Result<Option<time::OffsetDateTime>, TimestampError> {
        timestamp::parse_opt(
            "nextScheduledSyncAt",
            self.next_scheduled_sync_at.as_deref(),
        )
    }
}

/// The answer of `syncStatus`.
///
/// ```
/// let l: nango_core::models::syncs::SyncStatusList = serde_json::from_str(r#"{"syncs":[]}"#).unwrap();
/// assert!(l.syncs.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncStatusList {
    /// One status per sync (and connection).
    #[serde(default)]
    pub syncs: Vec<SyncStatus>,
}

/// The answer of `updateSyncConnectionFrequency`.
///
/// ```
/// let f: nango_core::models::syncs::SyncFrequency = serde_json::from_str(r#"{"frequency":"every 2h"}"#).unwrap();
/// assert_eq!(f.frequency.as_deref(), Some("every 2h"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncFrequency {
    /// The frequency now in effect.
    #[serde(default)]
    pub frequency: Option<String>,
}

/// A sync variant created by `createSyncVariant`.
///
/// ```
/// let v: nango_core::models::syncs::SyncVariant = serde_json::from_str(r#"{"id":"v1","name":"issues","variant":"eu"}"#).unwrap();
/// assert_eq!(v.variant, "eu");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SyncVariant {
    /// The variant's id.
    #[serde(default)]
    pub id: String,
    /// The sync's name.
    #[serde(default)]
    pub name: String,
    /// The variant's name.
    #[serde(default)]
    pub variant: String,
}
