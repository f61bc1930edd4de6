//! `/records`: the records cached by syncs, listed by cursor and pruned.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use serde_json::Value;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::models::records::{RecordFilter, RecordPage};
use crate::request::ApiRequest;

/// The most records one page may hold (`limit`).
///
/// ```
/// use nango_core::ops::records::{ListRecords, MAX_RECORDS_LIMIT};
/// # let cfg = nango_core::config::Config::builder().api_key("k").build().unwrap();
/// # use nango_core::endpoint::Endpoint;
/// assert!(ListRecords::new("gh", "u", "M").limit(MAX_RECORDS_LIMIT + 1).request(&cfg).is_err());
/// ```
pub const MAX_RECORDS_LIMIT: u32 = 10_000;
/// The most ids one listing may filter on (`ids`).
///
/// ```
/// assert_eq!(nango_core::ops::records::MAX_RECORD_IDS, 100);
/// ```
pub const MAX_RECORD_IDS: usize = 100;
/// The longest cursor the server accepts.
///
/// ```
/// assert_eq!(nango_core::ops::records::MAX_CURSOR_LEN, 1000);
/// ```
pub const MAX_CURSOR_LEN: usize = 1_000;

/// Sets a required id header (`Connection-Id`, `Provider-Config-Key`): non-empty,
/// no control characters, and ASCII only. Nango's server reads header bytes as
/// Latin-1, so UTF-8 bytes would arrive garbled and name another connection:
/// such ids are refused rather than sent wrong.
pub(crate) fn id_header(
    req: ApiRequest,
    name: &str,
    field: &str,
    value: &str,
) -> Result<ApiRequest, Error> {
    if !value.is_ascii() {
        return Err(InvalidInput::new(field, InvalidReason::InvalidValue)
            .with_detail("a header can only carry ASCII; this operation sends it as a header")
            .into());
    }
    req.required_header(name, field, value)
}

fn invalid(field: &str, detail: &str) -> Error {
    InvalidInput::new(field, InvalidReason::InvalidValue)
        .with_detail(detail)
        .into()
}

/// `GET /records/`: one page of the records of a model, each decoded as `R`
/// (your struct, or [`Value`] by default) plus its `_nango_metadata`.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::records::ListRecords};
/// use nango_core::models::records::RecordFilter;
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = ListRecords::new("github", "user-1", "Issue")
///     .limit(500)
///     .filter([RecordFilter::Added, RecordFilter::Updated])
///     .request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/records/?model=Issue&limit=500&filter=added%2Cupdated");
/// assert_eq!(req.headers()["connection-id"], "user-1");
/// # Ok::<(), nango_core::Error>(())
/// ```
pub struct ListRecords<R = Value> {
    provider_config_key: String,
    connection_id: String,
    model: String,
    variant: Option<String>,
    modified_after: Option<String>,
    limit: Option<u32>,
    filter: Vec<RecordFilter>,
    cursor: Option<String>,
    ids: Vec<String>,
    _record: PhantomData<fn() -> R>,
}

impl<R> std::fmt::Debug for ListRecords<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListRecords")
            .field("provider_config_key", &self.provider_config_key)
            .field("connection_id", &self.connection_id)
            .field("model", &self.model)
            .field("variant", &self.variant)
            .field("modified_after", &self.modified_after)
            .field("limit", &self.limit)
            .field("filter", &self.filter)
            .field("cursor", &self.cursor)
            .field("ids", &self.ids)
            .finish()
    }
}

impl<R> Clone for ListRecords<R> {
    fn clone(&self) -> Self {
        Self {
            provider_config_key: self.provider_config_key.clone(),
            connection_id: self.connection_id.clone(),
            model: self.model.clone(),
            variant: self.variant.clone(),
            modified_after: self.modified_after.clone(),
            limit: self.limit,
            filter: self.filter.clone(),
            cursor: self.cursor.clone(),
            ids: self.ids.clone(),
            _record: PhantomData,
        }
    }
}

impl<R> PartialEq for ListRecords<R> {
    fn eq(&self, other: &Self) -> bool {
        self.provider_config_key == other.provider_config_key
            && self.connection_id == other.connection_id
            && self.model == other.model
            && self.variant == other.variant
            && self.modified_after == other.modified_after
            && self.limit == other.limit
            && self.filter == other.filter
            && self.cursor == other.cursor
            && self.ids == other.ids
    }
}

impl ListRecords<Value> {
    /// The records of `model` for a connection, decoded as [`Value`]; choose your
    /// own record type with [`ListRecords::typed`].
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("github", "user-1", "Issue");
    /// ```
    pub fn new(
        provider_config_key: impl Into<String>,
        connection_id: impl Into<String>,
        model: impl Into<String>,
    ) -> Self {
        Self {
            provider_config_key: provider_config_key.into(),
            connection_id: connection_id.into(),
            model: model.into(),
            variant: None,
            modified_after: None,
            limit: None,
            filter: Vec::new(),
            cursor: None,
            ids: Vec::new(),
            _record: PhantomData,
        }
    }
}

impl<R> ListRecords<R> {
    /// The same listing, with records decoded as `R2`.
    ///
    /// ```
    /// use nango_core::ops::records::ListRecords;
    /// #[derive(serde::Deserialize)]
    /// struct Issue { id: String }
    /// let op: ListRecords<Issue> = ListRecords::new("github", "u", "Issue").typed::<Issue>();
    /// ```
    pub fn typed<R2>(self) -> ListRecords<R2> {
        ListRecords {
            provider_config_key: self.provider_config_key,
            connection_id: self.connection_id,
            model: self.model,
            variant: self.variant,
            modified_after: self.modified_after,
            limit: self.limit,
            filter: self.filter,
            cursor: self.cursor,
            ids: self.ids,
            _record: PhantomData,
        }
    }

    /// The variant of the model.
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").variant("eu");
    /// ```
    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        self.variant = Some(variant.into());
        self
    }

    /// Only records modified after this ISO 8601 timestamp (`modified_after`).
    /// Less precise than a cursor: records may share a timestamp.
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").modified_after("2026-05-31T11:46:13.390Z");
    /// ```
    pub fn modified_after(mut self, timestamp: impl Into<String>) -> Self {
        self.modified_after = Some(timestamp.into());
        self
    }

    /// The official SDK's deprecated `delta`: sent as `modified_after`.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").delta("2026-05-31T11:46:13.390Z");
    /// ```
    #[deprecated(note = "use `modified_after`")]
    pub fn delta(self, timestamp: impl Into<String>) -> Self {
        self.modified_after(timestamp)
    }

    /// Page size, 1..=10000 (the server's default is 100). A page may hold fewer
    /// records when they are large: follow `next_cursor` until it is `None`.
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").limit(1000);
    /// ```
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only records whose last action is one of `actions` (sent as a comma list).
    ///
    /// ```
    /// use nango_core::models::records::RecordFilter;
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").filter([RecordFilter::Deleted]);
    /// ```
    pub fn filter(mut self, actions: impl IntoIterator<Item = RecordFilter>) -> Self {
        self.filter.clear();
        for action in actions {
            if !self.filter.contains(&action) {
                self.filter.push(action);
            }
        }
        self
    }

    /// Start after this cursor (a `next_cursor`, or a record's
    /// `_nango_metadata.cursor`).
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").cursor("MjAy...");
    /// ```
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// Only the records with these ids (at most 100; sent as repeated `ids`).
    ///
    /// ```
    /// let op = nango_core::ops::records::ListRecords::new("gh", "u", "Issue").ids(["1", "2"]);
    /// ```
    pub fn ids<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.ids = crate::models::common::into_vec(ids);
        self
    }

    /// The cursor set, if any.
    pub(crate) fn current_cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }
}

/// The cursors a records listing has followed, so that paging ends: a server
/// whose cursors cycle (A → B → A) would otherwise be followed forever. Used by
/// the native records stream and the package's `recordsIterator`.
///
/// ```
/// use nango_core::{ops::records::CursorTrail, Error};
/// let mut trail = CursorTrail::default();
/// assert_eq!(trail.follow(Some("A"))?, Some("A"));
/// assert_eq!(trail.follow(Some("B"))?, Some("B"));
/// assert!(matches!(trail.follow(Some("A")), Err(Error::PaginationLoop(_))));
/// assert_eq!(CursorTrail::default().follow(Some(""))?, None, "an empty cursor ends the listing");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CursorTrail {
    seen: std::collections::BTreeSet<String>,
}

impl CursorTrail {
    /// A trail that starts at `cursor` (the listing's first request used it).
    ///
    /// ```
    /// let mut trail = nango_core::ops::records::CursorTrail::starting_at(Some("A"));
    /// assert!(trail.follow(Some("A")).is_err());
    /// ```
    pub fn starting_at(cursor: Option<&str>) -> Self {
        let mut trail = Self::default();
        if let Some(c) = cursor.filter(|c| !c.is_empty()) {
            trail.seen.insert(c.to_owned());
        }
        trail
    }

    /// The cursor of the next page, given a page's `next_cursor`: `None` when the
    /// listing is over (no cursor, or an empty one), and
    /// [`Error::PaginationLoop`] when the server sent it before.
    ///
    /// ```
    /// let mut trail = nango_core::ops::records::CursorTrail::default();
    /// assert_eq!(trail.follow(None)?, None);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn follow<'c>(&mut self, next: Option<&'c str>) -> Result<Option<&'c str>, Error> {
        match next.filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) if self.seen.contains(c) => Err(Error::PaginationLoop(
                "the server sent a records cursor it had sent before",
            )),
            Some(c) => {
                self.seen.insert(c.to_owned());
                Ok(Some(c))
            }
        }
    }
}

impl<R: DeserializeOwned> Endpoint for ListRecords<R> {
    const NAME: &'static str = "list_records";
    type Output = RecordPage<R>;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("model", &self.model)?;
        encode::page_size("limit", self.limit, MAX_RECORDS_LIMIT)?;
        if self.ids.len() > MAX_RECORD_IDS {
            return Err(invalid("ids", "at most 100 ids"));
        }
        if let Some(cursor) = &self.cursor {
            if cursor.len() > MAX_CURSOR_LEN {
                return Err(invalid("cursor", "at most 1000 characters"));
            }
        }
        let req = ApiRequest::new(Self::METHOD, Self::PATH, &[])?;
        let req = id_header(req, "Connection-Id", "connection_id", &self.connection_id)?;
        let mut req = id_header(
            req,
            "Provider-Config-Key",
            "provider_config_key",
            &self.provider_config_key,
        )?
        .query("model", self.model.clone())
        .query_opt("variant", self.variant.clone().filter(|v| !v.is_empty()))
        .query_opt(
            "modified_after",
            self.modified_after.clone().filter(|v| !v.is_empty()),
        )
        .query_opt("limit", self.limit.map(encode::decimal));
        if !self.filter.is_empty() {
            req = req.query(
                "filter",
                encode::join(self.filter.iter().map(|f| f.as_str()), ','),
            );
        }
        req = req.query_opt("cursor", self.cursor.clone().filter(|c| !c.is_empty()));
        for id in &self.ids {
            req = req.query("ids", id.clone());
        }
        Ok(req)
    }

    decode_as!(json);
}

// The operations of this group declared by the table (`request = "table"`).
include!("records.gen.rs");

impl PruneRecords {
    /// The connection in headers (the rest is the body).
    fn connection_headers(&self, req: ApiRequest) -> Result<ApiRequest, Error> {
        let req = id_header(req, "Connection-Id", "connection_id", &self.connection_id)?;
        id_header(
            req,
            "Provider-Config-Key",
            "provider_config_key",
            &self.provider_config_key,
        )
    }
}
