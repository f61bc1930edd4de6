//! What the proxy answers: the upstream's status, headers and body, as received.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::Error;

/// The upstream API's answer, passed through by the Nango proxy as is (binary
/// bodies included). Read the body as JSON, text or bytes.
///
/// A non-success status never gets here: it is an
/// [`Error::Api`] that keeps the same status, headers and raw
/// body.
///
/// ```
/// let mut resp = http::Response::new(bytes::Bytes::from_static(br#"{"login":"octocat"}"#));
/// resp.headers_mut().insert("content-type", "application/json".parse().unwrap());
/// let proxied = nango_core::models::proxy::ProxyResponse::from(resp);
/// assert_eq!(proxied.status, 200);
/// assert_eq!(proxied.json::<serde_json::Value>()?["login"], "octocat");
/// assert_eq!(proxied.header("Content-Type"), Some("application/json"));
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ProxyResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body, as received.
    pub body: Bytes,
}

impl ProxyResponse {
    /// The body decoded from JSON as `T`.
    ///
    /// ```
    /// let r = nango_core::models::proxy::ProxyResponse::from(http::Response::new(bytes::Bytes::from_static(b"[1,2]")));
    /// assert_eq!(r.json::<Vec<u8>>()?, vec![1, 2]);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        crate::endpoint::from_json_bytes(self.status, &self.body)
    }

    /// The body as text (invalid UTF-8 is replaced by `U+FFFD`).
    ///
    /// ```
    /// let r = nango_core::models::proxy::ProxyResponse::from(http::Response::new(bytes::Bytes::from_static(b"ok")));
    /// assert_eq!(r.text(), "ok");
    /// ```
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body's bytes (a cheap clone).
    ///
    /// ```
    /// let r = nango_core::models::proxy::ProxyResponse::from(http::Response::new(bytes::Bytes::from_static(&[0, 159])));
    /// assert_eq!(r.bytes().as_ref(), &[0, 159]);
    /// ```
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// A header's value, when present and text (any case for `name`).
    ///
    /// ```
    /// let r = nango_core::models::proxy::ProxyResponse::from(http::Response::new(bytes::Bytes::new()));
    /// assert_eq!(r.header("x-ratelimit-remaining"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl From<http::Response<Bytes>> for ProxyResponse {
    fn from(response: http::Response<Bytes>) -> Self {
        let (parts, body) = response.into_parts();
        Self {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    }
}
