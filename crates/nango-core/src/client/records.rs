//! Records (list, prune, stream) and the connections stream.

use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::{Call, Client, Overrides};
use crate::error::Error;
use crate::models::connections::ConnectionSummary;
use crate::models::records::{Record, RecordFilter};
use crate::ops::connections::ListConnections;
use crate::ops::records::{CursorTrail, ListRecords, PruneRecords};
use crate::transport::{BoxStream, MaybeSend, Transport};

/// The page size of [`Client::connections_stream`] when the listing sets none.
const DEFAULT_CONNECTIONS_PAGE_SIZE: u32 = 1000;

impl<'a, T, R> Call<'a, T, ListRecords<R>> {
    /// See [`ListRecords::variant`].
    pub fn variant(self, variant: impl Into<String>) -> Self {
        self.map(|e| e.variant(variant))
    }

    /// See [`ListRecords::modified_after`].
    pub fn modified_after(self, timestamp: impl Into<String>) -> Self {
        self.map(|e| e.modified_after(timestamp))
    }

    /// See [`ListRecords::delta`].
    #[deprecated(note = "use `modified_after`")]
    pub fn delta(self, timestamp: impl Into<String>) -> Self {
        self.map(|e| e.modified_after(timestamp))
    }

    /// See [`ListRecords::limit`].
    pub fn limit(self, limit: u32) -> Self {
        self.map(|e| e.limit(limit))
    }

    /// See [`ListRecords::filter`].
    pub fn filter(self, actions: impl IntoIterator<Item = RecordFilter>) -> Self {
        self.map(|e| e.filter(actions))
    }

    /// See [`ListRecords::cursor`].
    pub fn cursor(self, cursor: impl Into<String>) -> Self {
        self.map(|e| e.cursor(cursor))
    }

    /// See [`ListRecords::ids`].
    pub fn ids<S: Into<String>>(self, ids: impl IntoIterator<Item = S>) -> Self {
        self.map(|e| e.ids(ids))
    }
}

impl<'a, T, R> Call<'a, T, ListRecords<R>>
where
    T: Transport + 'a,
    R: DeserializeOwned + MaybeSend + 'a,
{
    /// Every record of this listing instead of one page: the stream of
    /// [`Client::records_stream`], with the options chained so far (the `limit`
    /// is the page size) and this call's [`timeout`](Call::timeout) and
    /// [`retry_policy`](Call::retry_policy) for each page. It is `Unpin`: call
    /// `next()` ([`StreamExt`]) on it as it is.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::StreamExt;
    /// let mut records = nango
    ///     .list_records::<serde_json::Value>("github", "user-1", "Issue")
    ///     .limit(100)
    ///     .into_stream();
    /// while let Some(record) = records.next().await {
    ///     println!("{}", record?.data["id"]);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn into_stream(self) -> BoxStream<'a, Result<Record<R>, Error>> {
        self.client
            .records_stream_with(self.endpoint, self.overrides)
    }
}

impl<'a, T: Transport + 'a> Call<'a, T, ListConnections> {
    /// Every connection of this listing instead of one page: the stream of
    /// [`Client::connections_stream`], with the filters chained so far (the
    /// `limit` is the page size) and this call's [`timeout`](Call::timeout) and
    /// [`retry_policy`](Call::retry_policy) for each page. It is `Unpin`: call
    /// `next()` ([`StreamExt`]) on it as it is.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::StreamExt;
    /// let mut connections = nango.list_connections().limit(100).into_stream();
    /// while let Some(c) = connections.next().await {
    ///     println!("{}", c?.connection_id);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn into_stream(self) -> BoxStream<'a, Result<ConnectionSummary, Error>> {
        self.client
            .connections_stream_with(self.endpoint, self.overrides)
    }
}

/// What a paging stream does once its current page is drained.
enum Next {
    /// Ask for the next page.
    Fetch,
    /// Yield this error, then end.
    Fail(Error),
    /// End.
    Done,
}

struct RecordsState<T, R> {
    client: Client<T>,
    overrides: Overrides,
    list: ListRecords<R>,
    trail: CursorTrail,
    page: std::vec::IntoIter<Record<R>>,
    next: Next,
}

struct ConnectionsState<T> {
    client: Client<T>,
    overrides: Overrides,
    list: ListConnections,
    limit: u32,
    page_number: u32,
    /// The ids of the last full page: a server that answers the same page for
    /// every page number would be paged forever.
    last_ids: Vec<(String, String)>,
    page: std::vec::IntoIter<ConnectionSummary>,
    next: Next,
}

impl<T: Transport> Client<T> {
    /// Every record of a listing, page after page: the stream sends `list`, yields
    /// its records, then follows `next_cursor` until it is `None`. Only one page is
    /// held at a time, and the next one is asked for only when the current one is
    /// drained. A failure is yielded as an `Err` item, and the stream ends (it is
    /// fused: polling it again gives `None`).
    ///
    /// Records are decoded as `R`, whatever the type parameter of `list`. The
    /// stream owns a clone of the client, so it does not borrow `self` (`'s` is
    /// as long as `T` and `R` live: `'static` for owned records). It is boxed,
    /// hence `Unpin` ([`BoxStream`]), and `Send` on native targets. The same
    /// stream, with per-call options, is `.into_stream()` on
    /// [`Client::list_records`].
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::StreamExt;
    /// use nango_core::ops::records::ListRecords;
    /// let mut records = nango.records_stream::<serde_json::Value>(ListRecords::new("github", "user-1", "Issue").limit(1000));
    /// while let Some(record) = records.next().await {
    ///     let record = record?;
    ///     println!("{} {}", record.data["id"], record.metadata.cursor);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn records_stream<'s, R>(
        &self,
        list: ListRecords<impl Sized>,
    ) -> BoxStream<'s, Result<Record<R>, Error>>
    where
        T: 's,
        R: DeserializeOwned + MaybeSend + 's,
    {
        self.records_stream_with(list.typed::<R>(), Overrides::default())
    }

    /// [`Client::records_stream`] with a call's own timeout and retry policy.
    pub(crate) fn records_stream_with<'s, R>(
        &self,
        list: ListRecords<R>,
        overrides: Overrides,
    ) -> BoxStream<'s, Result<Record<R>, Error>>
    where
        T: 's,
        R: DeserializeOwned + MaybeSend + 's,
    {
        let trail = CursorTrail::starting_at(list.current_cursor());
        let state = RecordsState {
            client: self.clone(),
            overrides,
            trail,
            list,
            page: Vec::new().into_iter(),
            next: Next::Fetch,
        };
        let stream = futures_util::stream::unfold(state, |mut st| async move {
            loop {
                if let Some(record) = st.page.next() {
                    return Some((Ok(record), st));
                }
                match std::mem::replace(&mut st.next, Next::Done) {
                    Next::Done => return None,
                    Next::Fail(e) => return Some((Err(e), st)),
                    Next::Fetch => {}
                }
                // Release the drained page before asking for the next one.
                st.page = Vec::new().into_iter();
                match st.client.send_with(&st.list, &st.overrides).await {
                    Err(e) => return Some((Err(e), st)),
                    Ok(page) => {
                        st.next = match st.trail.follow(page.next_cursor.as_deref()) {
                            Ok(None) => Next::Done,
                            Ok(Some(c)) => {
                                st.list = st.list.cursor(c);
                                Next::Fetch
                            }
                            Err(e) => Next::Fail(e),
                        };
                        st.page = page.records.into_iter();
                    }
                }
            }
        })
        .fuse();
        // Boxed so that callers need not pin it, and so that it has a type they
        // can name (in a struct field, a return type).
        Box::pin(stream)
    }

    /// Every connection of a listing, page after page: the stream sends `list`
    /// with `page` 0, 1, 2... (or from the page it sets) and stops after the first
    /// page shorter than the page size (`limit`, or 1000 when unset). Only one page
    /// is held at a time. A failure is yielded as an `Err` item, and the stream
    /// ends.
    ///
    /// Like [`Client::records_stream`], the stream owns a clone of the client and
    /// is boxed (`Unpin`); with per-call options, it is `.into_stream()` on
    /// [`Client::list_connections`].
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::StreamExt;
    /// use nango_core::ops::connections::ListConnections;
    /// let mut connections = nango.connections_stream(ListConnections::new().integration_ids(["github"]));
    /// while let Some(c) = connections.next().await {
    ///     println!("{}", c?.connection_id);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn connections_stream<'s>(
        &self,
        list: ListConnections,
    ) -> BoxStream<'s, Result<ConnectionSummary, Error>>
    where
        T: 's,
    {
        self.connections_stream_with(list, Overrides::default())
    }

    /// [`Client::connections_stream`] with a call's own timeout and retry policy.
    pub(crate) fn connections_stream_with<'s>(
        &self,
        list: ListConnections,
        overrides: Overrides,
    ) -> BoxStream<'s, Result<ConnectionSummary, Error>>
    where
        T: 's,
    {
        let limit = list.page_size().unwrap_or(DEFAULT_CONNECTIONS_PAGE_SIZE);
        let page_number = list.page_number().unwrap_or(0);
        let state = ConnectionsState {
            client: self.clone(),
            overrides,
            list: list.limit(limit),
            limit,
            page_number,
            last_ids: Vec::new(),
            page: Vec::new().into_iter(),
            next: Next::Fetch,
        };
        let stream = futures_util::stream::unfold(state, |mut st| async move {
            loop {
                if let Some(connection) = st.page.next() {
                    return Some((Ok(connection), st));
                }
                match std::mem::replace(&mut st.next, Next::Done) {
                    Next::Done => return None,
                    Next::Fail(e) => return Some((Err(e), st)),
                    Next::Fetch => {}
                }
                st.page = Vec::new().into_iter();
                st.list = st.list.page(st.page_number);
                match st.client.send_with(&st.list, &st.overrides).await {
                    Err(e) => return Some((Err(e), st)),
                    Ok(list) => {
                        let full = list.connections.len() >= st.limit as usize;
                        let ids: Vec<(String, String)> = list
                            .connections
                            .iter()
                            .map(|c| (c.provider_config_key.clone(), c.connection_id.clone()))
                            .collect();
                        st.next = match st.page_number.checked_add(1) {
                            _ if full && ids == st.last_ids => Next::Fail(Error::PaginationLoop(
                                "the server sent the same page of connections twice",
                            )),
                            Some(n) if full => {
                                st.page_number = n;
                                Next::Fetch
                            }
                            _ => Next::Done,
                        };
                        st.last_ids = ids;
                        st.page = list.connections.into_iter();
                    }
                }
            }
        })
        .fuse();
        // Boxed so that callers need not pin it, and so that it has a type they
        // can name (in a struct field, a return type).
        Box::pin(stream)
    }
}

// The methods of this group declared by the table.
include!("records.gen.rs");
