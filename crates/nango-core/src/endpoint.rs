//! [`Endpoint`]: one Nango operation as a pure pair of functions, request and decode.

use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::error::{DecodeError, Error};
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// One API operation: how to build its request and how to read its answer.
///
/// Every Nango operation of this crate is an `Endpoint` in [`crate::ops`]; the
/// clients run them with [`crate::Client::send`]. Nothing here does I/O, so
/// requests can be checked without a server:
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::connections::GetConnection};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetConnection::new("github", "user 1").force_refresh(true).request(&cfg)?;
/// assert_eq!(req.path(), "/connections/user%201");
/// # Ok::<(), nango_core::Error>(())
/// ```
pub trait Endpoint {
    /// The operation's name: the endpoint type's name in snake_case
    /// (`GetConnection` is `"get_connection"`). The client's `nango.request`
    /// tracing span shows it as `operation`; it holds no id and no secret.
    ///
    /// ```
    /// use nango_core::{endpoint::Endpoint, ops::connections::GetConnection};
    /// assert_eq!(GetConnection::NAME, "get_connection");
    /// ```
    const NAME: &'static str;

    /// What the operation returns.
    type Output;

    /// Builds the request; refuses bad input before anything is sent.
    fn request(&self, config: &Config) -> Result<ApiRequest, Error>;

    /// Reads a success (2xx) answer.
    fn decode(&self, response: HttpResponse) -> Result<Self::Output, Error>;
}

/// Decodes a JSON body into `T`, keeping the raw body when it does not fit.
///
/// ```
/// let resp = http::Response::new(bytes::Bytes::from_static(br#"{"a":1}"#));
/// let v: serde_json::Value = nango_core::endpoint::decode_json(&resp)?;
/// assert_eq!(v["a"], 1);
/// # Ok::<(), nango_core::Error>(())
/// ```
pub fn decode_json<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    from_json_bytes(response.status(), response.body())
}

/// Decodes `body`, a `status` answer, into `T`; the error says where and what
/// was expected, never the value found ([`DecodeError::from_json`]).
pub(crate) fn from_json_bytes<T: DeserializeOwned>(
    status: http::StatusCode,
    body: &bytes::Bytes,
) -> Result<T, Error> {
    let decode_error =
        |message: String| Error::Decode(Box::new(DecodeError::new(status, message, body.clone())));
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        decode_error(crate::error::json_error_message(
            e.path().to_string(),
            e.inner(),
        ))
    })?;
    // Trailing characters after the value.
    de.end()
        .map_err(|e| decode_error(crate::error::json_error_message(".".into(), &e)))?;
    Ok(value)
}

/// Decodes a JSON body into `T`, reading an empty body as JSON `null` (so that
/// `Option<T>`, `()` and `Value` accept it).
///
/// ```
/// let resp = http::Response::new(bytes::Bytes::new());
/// let v: Option<serde_json::Value> = nango_core::endpoint::decode_json_or_null(&resp)?;
/// assert!(v.is_none());
/// # Ok::<(), nango_core::Error>(())
/// ```
pub fn decode_json_or_null<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        from_json_bytes(response.status(), &bytes::Bytes::from_static(b"null"))
    } else {
        decode_json(response)
    }
}

/// Declares how an endpoint's success body is read:
/// `json` (decode `Output`), `json_or_null` (empty body allowed), `empty` (ignore).
macro_rules! decode_as {
    (json) => {
        fn decode(
            &self,
            response: $crate::transport::HttpResponse,
        ) -> Result<Self::Output, $crate::Error> {
            $crate::endpoint::decode_json(&response)
        }
    };
    (json_or_null) => {
        fn decode(
            &self,
            response: $crate::transport::HttpResponse,
        ) -> Result<Self::Output, $crate::Error> {
            $crate::endpoint::decode_json_or_null(&response)
        }
    };
    (empty) => {
        fn decode(&self, _response: $crate::transport::HttpResponse) -> Result<(), $crate::Error> {
            Ok(())
        }
    };
    (data) => {
        fn decode(
            &self,
            response: $crate::transport::HttpResponse,
        ) -> Result<Self::Output, $crate::Error> {
            $crate::endpoint::decode_json::<$crate::models::common::Data<Self::Output>>(&response)
                .map(|d| d.data)
        }
    };
}
pub(crate) use decode_as;
