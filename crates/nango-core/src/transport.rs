//! The pluggable HTTP layer: one small trait that a native or a WebAssembly backend
//! implements, and everything the core needs from a runtime (sleeping, a monotonic
//! clock, a little randomness for jitter) without depending on one.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use bytes::Bytes;

/// An HTTP request as the core builds it: method, absolute URI, headers and a body.
pub type HttpRequest = http::Request<Bytes>;

/// An HTTP response as a transport hands it back: status, headers and the whole body.
pub type HttpResponse = http::Response<Bytes>;

/// `Send` on native targets; nothing on `wasm32`, where JavaScript futures are not `Send`.
///
/// Bounds written with this trait give `Send` futures natively (usable in
/// `tokio::spawn` and axum handlers) and need no unsafe wrapper on wasm.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` on native targets; nothing on `wasm32`, where JavaScript futures are not `Send`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}

/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed future that is `Send` on native targets and local on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future that is `Send` on native targets and local on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + 'a>>;

/// A boxed, fused stream that is `Send` on native targets and local on `wasm32`.
///
/// The SDK's paging streams ([`Client::records_stream`](crate::Client::records_stream),
/// `.into_stream()` on a listing call) have this type: being boxed, they are
/// `Unpin`, so `next().await` works on them as they are, without pinning them
/// first; being fused, they can go in a `select!`. Their methods come from
/// [`StreamExt`](crate::StreamExt) (futures' own, re-exported).
///
/// ```
/// use nango_core::transport::BoxStream;
/// use nango_core::StreamExt;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mut numbers: BoxStream<'static, u32> = Box::pin(futures_util::stream::iter([1, 2]).fuse());
/// assert_eq!(numbers.next().await, Some(1)); // no pinning needed
/// # }
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub type BoxStream<'a, T> =
    std::pin::Pin<Box<dyn futures_core::stream::FusedStream<Item = T> + Send + 'a>>;
/// A boxed, fused stream that is `Send` on native targets and local on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub type BoxStream<'a, T> =
    std::pin::Pin<Box<dyn futures_core::stream::FusedStream<Item = T> + 'a>>;

/// What a client needs from its environment: send one HTTP request, sleep, tell
/// the time, and draw a random number.
///
/// The core never performs I/O itself. The `nango` crate implements this over
/// reqwest and tokio; `nango-wasm` over the global `fetch` and `setTimeout`. A test
/// or an unusual runtime can implement it too:
///
/// ```
/// use std::time::Duration;
/// use nango_core::transport::{HttpRequest, HttpResponse, Transport, TransportError};
///
/// /// Answers every request with `{"data":[]}` (handy for a dry run).
/// struct Canned;
///
/// impl Transport for Canned {
///     async fn send(&self, _req: HttpRequest, _timeout: Option<Duration>) -> Result<HttpResponse, TransportError> {
///         Ok(http::Response::new(bytes::Bytes::from_static(br#"{"data":[]}"#)))
///     }
///     async fn sleep(&self, _d: Duration) {}
///     fn now(&self) -> Duration { Duration::ZERO }
///     fn random(&self) -> f64 { 0.5 }
/// }
/// ```
pub trait Transport: MaybeSend + MaybeSync {
    /// Sends one request and reads the whole response body. `timeout` bounds the
    /// whole exchange; when it runs out the transport answers
    /// [`TransportErrorKind::Timeout`].
    fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> + MaybeSend;

    /// Waits for `duration` (between retries, while polling).
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + MaybeSend;

    /// Time elapsed since an arbitrary fixed origin, from a monotonic clock.
    fn now(&self) -> Duration;

    /// A number drawn uniformly from `[0, 1)`, for retry jitter.
    fn random(&self) -> f64;

    /// The product token at the start of the `User-Agent` header.
    fn user_agent(&self) -> String {
        format!("nango-rust/{}", env!("CARGO_PKG_VERSION"))
    }
}

/// What kind of transport failure happened; decides whether a retry is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made: nothing reached the server.
    Connect,
    /// The exchange took longer than the timeout.
    Timeout,
    /// The connection broke while sending or while reading the response.
    Interrupted,
    /// The request was aborted by the caller (an `AbortSignal`, a cancelled token).
    Aborted,
    /// The answer's body passed the request's [`ResponseLimit`]; the transport
    /// stopped reading it.
    TooLarge,
    /// Anything else the backend reports.
    Other,
}

/// A failure below HTTP: no response, or no complete one.
///
/// It carries a [kind](TransportErrorKind) (which decides whether a retry is
/// safe), a short message written by the transport, and the backend's own error
/// as [`source`](std::error::Error::source) when there is one (the native
/// client's `reqwest::Error`; none in the WebAssembly package, whose failures
/// come from JavaScript). `Display` shows the kind and the message, not the
/// cause: walk `source()` (or print the chain, e.g. `anyhow`'s `{:#}`) to see it.
/// No text of it holds a header or a secret.
///
/// ```
/// use nango_core::transport::{TransportError, TransportErrorKind};
/// let e = TransportError::new(TransportErrorKind::Connect, "connection refused");
/// assert_eq!(e.to_string(), "connection failed: connection refused");
/// assert!(std::error::Error::source(&e).is_none());
/// ```
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    // `Send + Sync` so that `Error` stays usable across tasks; nothing on wasm
    // sets it, so the bound costs nothing there.
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl TransportError {
    /// A transport error of `kind` with a human-readable `message` (never include
    /// headers or secrets in it).
    ///
    /// ```
    /// # use nango_core::transport::{TransportError, TransportErrorKind};
    /// let e = TransportError::new(TransportErrorKind::Timeout, "after 5s");
    /// assert_eq!(e.kind(), TransportErrorKind::Timeout);
    /// ```
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// This error with `source`, the backend's error that caused it, as its
    /// [`source`](std::error::Error::source). The client's secrets are removed
    /// from the message only (a source is opaque): give a source whose text holds
    /// no header, no secret and no URL (`reqwest::Error::without_url`).
    ///
    /// ```
    /// use std::error::Error as _;
    /// use nango_core::transport::{TransportError, TransportErrorKind};
    /// let io = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    /// let e = TransportError::new(TransportErrorKind::Connect, "could not connect").with_source(io);
    /// let cause = e.source().and_then(|s| s.downcast_ref::<std::io::Error>()).unwrap();
    /// assert_eq!(cause.kind(), std::io::ErrorKind::ConnectionRefused);
    /// ```
    pub fn with_source<E>(mut self, source: E) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        self.source = Some(Box::new(source));
        self
    }

    /// The kind of failure.
    ///
    /// ```
    /// # use nango_core::transport::{TransportError, TransportErrorKind};
    /// assert_eq!(TransportError::new(TransportErrorKind::Other, "x").kind(), TransportErrorKind::Other);
    /// ```
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The transport's description of the failure (the cause, if any, is
    /// [`source`](std::error::Error::source)).
    ///
    /// ```
    /// # use nango_core::transport::{TransportError, TransportErrorKind};
    /// assert_eq!(TransportError::new(TransportErrorKind::Other, "x").message(), "x");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Interrupted => "connection interrupted",
            TransportErrorKind::Aborted => "aborted",
            TransportErrorKind::TooLarge => "answer too large",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl TransportError {
    /// This error with the client's secrets removed from its message (a backend
    /// may quote what the server sent); the source is kept as it is.
    pub(crate) fn redacted(self, config: &crate::secret::Redactor) -> Self {
        match config.redact(&self.message) {
            std::borrow::Cow::Owned(message) => Self { message, ..self },
            std::borrow::Cow::Borrowed(_) => self,
        }
    }
}

/// The most bytes of body a transport may read for a request, set by the client
/// as an extension of the [`HttpRequest`] (from
/// [`Config::max_response_bytes`](crate::config::Config::max_response_bytes)
/// and its proxy counterpart). A transport counts the bytes as they arrive
/// (after any decompression) and answers [`TransportErrorKind::TooLarge`] past it.
///
/// ```
/// use nango_core::{config::Config, request::ApiRequest, transport::ResponseLimit};
/// let cfg = Config::builder().api_key("k").max_response_bytes(Some(1000)).build()?;
/// let http = ApiRequest::get("/providers", &[])?.to_http(&cfg, "ua")?;
/// assert_eq!(http.extensions().get::<ResponseLimit>(), Some(&ResponseLimit(1000)));
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseLimit(pub u64);
