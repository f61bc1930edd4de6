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

impl<T: Transport> Client<T> {
    /// `proxy`: sends `request` through the Nango proxy; answers the upstream's
    /// status, headers and body (a non-success status is an
    /// [`Error::Api`](crate::Error::Api) carrying them).
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::ops::proxy::Proxy;
    /// let report = http::Method::from_bytes(b"REPORT").unwrap();
    /// let resp = nango
    ///     .proxy(Proxy::new(report, "/calendars/me").provider_config_key("caldav").connection_id("user-1"))
    ///     .header("Depth", "1")
    ///     .await?;
    /// println!("{} {}", resp.status, resp.text());
    /// # Ok(()) }
    /// ```
    pub fn proxy(&self, request: Proxy) -> Call<'_, T, Proxy> {
        self.call(request)
    }

    /// `get`: a proxied `GET` on `endpoint`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// #[derive(serde::Deserialize)]
    /// struct User { login: String }
    /// let user: User = nango.get("/user").provider_config_key("github").connection_id("user-1").await?.json()?;
    /// # Ok(()) }
    /// ```
    pub fn get(&self, endpoint: &str) -> Call<'_, T, Proxy> {
        self.call(Proxy::get(endpoint))
    }

    /// `post`: a proxied `POST` on `endpoint`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let resp = nango
    ///     .post("/repos/o/r/issues")
    ///     .provider_config_key("github")
    ///     .connection_id("user-1")
    ///     .json(&serde_json::json!({"title": "Bug"}))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn post(&self, endpoint: &str) -> Call<'_, T, Proxy> {
        self.call(Proxy::post(endpoint))
    }

    /// `put`: a proxied `PUT` on `endpoint`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.put("/user/starred/o/r").provider_config_key("github").connection_id("user-1").await?;
    /// # Ok(()) }
    /// ```
    pub fn put(&self, endpoint: &str) -> Call<'_, T, Proxy> {
        self.call(Proxy::put(endpoint))
    }

    /// `patch`: a proxied `PATCH` on `endpoint`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.patch("/repos/o/r/issues/1").json(&serde_json::json!({"state": "closed"})).await?;
    /// # Ok(()) }
    /// ```
    pub fn patch(&self, endpoint: &str) -> Call<'_, T, Proxy> {
        self.call(Proxy::patch(endpoint))
    }

    /// `delete`: a proxied `DELETE` on `endpoint`.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// nango.delete("/user/starred/o/r").await?;
    /// # Ok(()) }
    /// ```
    pub fn delete(&self, endpoint: &str) -> Call<'_, T, Proxy> {
        self.call(Proxy::delete(endpoint))
    }
}
