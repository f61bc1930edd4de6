//! The proxy: requests to the provider's API with the connection's credentials.

use bytes::Bytes;
use serde::Serialize;

use super::{call_options, Call, Client};
use crate::ops::proxy::Proxy;
use crate::transport::Transport;

call_options!(Proxy {
    /// See [`Proxy::provider_config_key`].
    provider_config_key(key: impl Into<String>);
    /// See [`Proxy::connection_id`].
    connection_id(id: impl Into<String>);
    /// See [`Proxy::header`].
    header(name: impl Into<String>, value: impl Into<String>);
    /// See [`Proxy::param`].
    param(key: impl Into<String>, value: impl Into<String>);
    /// See [`Proxy::query_string`].
    query_string(query: impl Into<String>);
    /// See [`Proxy::body`].
    body(body: impl Into<Bytes>);
    /// See [`Proxy::base_url_override`].
    base_url_override(url: impl Into<String>);
    /// See [`Proxy::retries`].
    retries(retries: u32);
    /// See [`Proxy::decompress`].
    decompress(yes: bool);
    /// See [`Proxy::retry_on`].
    retry_on(statuses: impl IntoIterator<Item = u16>);
    /// See [`Proxy::forward_headers_on_redirect`].
    forward_headers_on_redirect(yes: bool);
    /// See [`Proxy::idempotent`].
    idempotent(yes: bool);
});

impl<'a, T> Call<'a, T, Proxy> {
    /// See [`Proxy::headers`].
    pub fn headers<K: Into<String>, V: Into<String>>(
        self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.map(|e| e.headers(headers))
    }

    /// See [`Proxy::params`].
    pub fn params<K: Into<String>, V: Into<String>>(
        self,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.map(|e| e.params(params))
    }

    /// See [`Proxy::json`].
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Self {
        self.map(|e| e.json(body))
    }
}

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("proxy.gen.rs");
