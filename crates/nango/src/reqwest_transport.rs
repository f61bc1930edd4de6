//! [`ReqwestTransport`]: the core's [`Transport`] over reqwest and tokio.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use nango_core::transport::{
    HttpRequest, HttpResponse, ResponseLimit, Transport, TransportError, TransportErrorKind,
};

/// Sends requests with a shared reqwest connection pool and sleeps with tokio.
/// Cheap to clone.
///
/// Three ways to make one: [`ReqwestTransport::default`] (what
/// `Nango::builder().build()` uses), [`ReqwestTransport::try_with_pool`] (other
/// pool settings), and [`ReqwestTransport::from_client`] (your own
/// `reqwest::Client`: proxies, a custom CA, other TLS settings). HTTPS uses the
/// TLS backend chosen by this crate's features: `rustls-tls-webpki-roots`
/// (the default: rustls with Mozilla's roots built in), `rustls-tls-native-roots`
/// (rustls with the system's roots) or `native-tls` (the platform's TLS, OpenSSL
/// on Linux). Without any, only plain `http://` hosts can be reached.
///
/// ```
/// let transport = nango::ReqwestTransport::default();
/// let nango = nango::Nango::builder()
///     .api_key("a3f1c2d4-0000-4000-8000-000000000000")
///     .transport(transport)
///     .build()?;
/// # Ok::<(), nango::Error>(())
/// ```
#[derive(Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    origin: tokio::time::Instant,
    seed: std::sync::Arc<AtomicU64>,
}

impl std::fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReqwestTransport").finish_non_exhaustive()
    }
}

impl Default for ReqwestTransport {
    /// The transport of [`PoolOptions::default()`].
    ///
    /// # Panics
    ///
    /// When reqwest cannot build its client, in the cases where
    /// `reqwest::Client::new()` panics too: the TLS backend cannot start (with
    /// `rustls-tls-native-roots`, a system store with no valid certificate; with
    /// `native-tls`, an unusable OpenSSL). With the default features (rustls and
    /// built-in roots) building does not fail. `Default` stays because
    /// `Nango::builder().build()` needs it; to get the error instead, build the
    /// transport with [`ReqwestTransport::try_with_pool`] and pass it to
    /// `.transport(…)`. It never falls back to other settings: a client without
    /// `redirect::Policy::none()` could follow a redirect with the key.
    ///
    /// ```
    /// let transport = nango::ReqwestTransport::default();
    /// ```
    fn default() -> Self {
        Self::try_with_pool(PoolOptions::default())
            .unwrap_or_else(|e| panic!("ReqwestTransport::default: {e:?}"))
    }
}

/// Connection-pool settings of a [`ReqwestTransport`].
///
/// ```
/// let t = nango::ReqwestTransport::try_with_pool(nango::PoolOptions::default().max_idle_per_host(64))?;
/// # Ok::<(), nango::TransportBuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PoolOptions {
    /// Idle connections kept per host.
    pub max_idle_per_host: usize,
    /// How long an idle connection is kept.
    pub idle_timeout: Duration,
    /// Timeout for establishing a connection.
    pub connect_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_idle_per_host: 32,
            idle_timeout: Duration::from_secs(90),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

// Chained setters: the struct is `#[non_exhaustive]` (a later version may add a
// pool setting), so other crates cannot build it with a struct literal.
impl PoolOptions {
    /// Sets [`PoolOptions::max_idle_per_host`].
    ///
    /// ```
    /// let o = nango::PoolOptions::default().max_idle_per_host(64);
    /// assert_eq!(o.max_idle_per_host, 64);
    /// ```
    pub fn max_idle_per_host(mut self, max: usize) -> Self {
        self.max_idle_per_host = max;
        self
    }

    /// Sets [`PoolOptions::idle_timeout`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let o = nango::PoolOptions::default().idle_timeout(Duration::from_secs(30));
    /// assert_eq!(o.idle_timeout, Duration::from_secs(30));
    /// ```
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Sets [`PoolOptions::connect_timeout`].
    ///
    /// ```
    /// use std::time::Duration;
    /// let o = nango::PoolOptions::default().connect_timeout(Duration::from_secs(3));
    /// assert_eq!(o.connect_timeout, Duration::from_secs(3));
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
}

/// reqwest could not build the HTTP client of a [`ReqwestTransport`] (its
/// [`source`](std::error::Error::source) is the `reqwest::Error`): usually the
/// TLS backend could not start. Converts into [`nango::Error`](crate::Error)
/// (a [`Transport`](crate::Error::Transport) error), so `?` works in a function
/// that returns one.
///
/// ```
/// fn client() -> Result<nango::Nango, nango::Error> {
///     let transport = nango::ReqwestTransport::try_with_pool(nango::PoolOptions::default())?;
///     nango::Nango::builder()
///         .api_key("a3f1c2d4-0000-4000-8000-000000000000")
///         .build_with(transport)
/// }
/// # client().unwrap();
/// ```
#[derive(Debug, thiserror::Error)]
#[error("the HTTP client could not be built")]
pub struct TransportBuildError(#[source] reqwest::Error);

impl From<TransportBuildError> for nango_core::Error {
    fn from(err: TransportBuildError) -> Self {
        nango_core::Error::Transport(
            TransportError::new(TransportErrorKind::Other, err.to_string()).with_source(err.0),
        )
    }
}

impl ReqwestTransport {
    /// A transport with these pool settings, HTTPS through the TLS backend of
    /// this crate's features, and redirects never followed. Fails when reqwest
    /// cannot build the client (the TLS backend cannot start).
    ///
    /// ```
    /// let t = nango::ReqwestTransport::try_with_pool(Default::default())?;
    /// # Ok::<(), nango::TransportBuildError>(())
    /// ```
    pub fn try_with_pool(options: PoolOptions) -> Result<Self, TransportBuildError> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(options.max_idle_per_host)
            .pool_idle_timeout(options.idle_timeout)
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()
            .map_err(TransportBuildError)?;
        Ok(Self::from_client(client))
    }

    /// A transport over your own `reqwest::Client` (proxies, a custom CA or
    /// client certificate, other timeouts or TLS settings). The client's
    /// settings apply to every request: its proxy, TLS, DNS and pool, its
    /// default headers (where the SDK does not set the header itself), its
    /// timeout when the Nango client has none.
    ///
    /// **Build it with `.redirect(reqwest::redirect::Policy::none())`.** The SDK
    /// never follows a redirect (the API key would go along): an API answer
    /// `3xx` is an error, a proxied one is returned as it is. A built client's
    /// redirect policy can be neither read nor changed, so this cannot be
    /// enforced here; a client that follows redirects is caught afterwards: an
    /// answer that comes from another URL than the one asked is refused with a
    /// [`TransportErrorKind::Other`] error, but by then the request, key
    /// included, has gone to the redirect's target (reqwest drops
    /// `Authorization` only when the host changes).
    ///
    /// ```
    /// use nango::reqwest;
    /// let client = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .connect_timeout(std::time::Duration::from_secs(3))
    ///     .build()
    ///     .unwrap();
    /// let nango = nango::Nango::builder()
    ///     .api_key("a3f1c2d4-0000-4000-8000-000000000000")
    ///     .transport(nango::ReqwestTransport::from_client(client))
    ///     .build()?;
    /// # Ok::<(), nango::Error>(())
    /// ```
    pub fn from_client(client: reqwest::Client) -> Self {
        let seed = RandomState::new().build_hasher().finish() | 1;
        Self {
            client,
            origin: tokio::time::Instant::now(),
            seed: std::sync::Arc::new(AtomicU64::new(seed)),
        }
    }
}

fn classify(err: &reqwest::Error) -> TransportErrorKind {
    if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_body() || err.is_decode() || err.is_request() {
        TransportErrorKind::Interrupted
    } else {
        TransportErrorKind::Other
    }
}

/// A transport error of `kind` saying `what` failed, caused by `err`. The URL is
/// taken off the cause: it holds ids, and a proxy call's caller-written path and
/// query, and a source cannot be redacted. reqwest's texts hold no header.
fn failure(kind: TransportErrorKind, what: &str, err: reqwest::Error) -> TransportError {
    TransportError::new(kind, what).with_source(err.without_url())
}

/// Reads the whole body, counting bytes as they arrive: past `limit` it stops
/// reading and answers [`TransportErrorKind::TooLarge`] (a declared
/// `Content-Length` over the limit is refused before reading anything), so a
/// refused answer never holds more than the limit.
async fn read_body(
    response: &mut reqwest::Response,
    limit: Option<u64>,
) -> Result<Bytes, TransportError> {
    let too_large = || TransportError::new(TransportErrorKind::TooLarge, "answer over the limit");
    let limit = limit.unwrap_or(u64::MAX);
    let declared = response.content_length();
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let capacity = declared.unwrap_or(0).min(limit).min(1 << 20);
    let mut body = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
    loop {
        let chunk = response.chunk().await.map_err(|e| match classify(&e) {
            TransportErrorKind::Timeout => failure(
                TransportErrorKind::Timeout,
                "the answer did not arrive within the timeout",
                e,
            ),
            _ => failure(
                TransportErrorKind::Interrupted,
                "the connection broke while reading the answer",
                e,
            ),
        })?;
        let Some(chunk) = chunk else {
            return Ok(body.freeze());
        };
        let len = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if len > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
}

impl Transport for ReqwestTransport {
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let limit = request.extensions().get::<ResponseLimit>().map(|l| l.0);
        let mut req = reqwest::Request::try_from(request).map_err(|e| {
            failure(
                TransportErrorKind::Other,
                "the request could not be prepared",
                e,
            )
        })?;
        *req.timeout_mut() = timeout;
        let asked = req.url().clone();
        let mut response = self.client.execute(req).await.map_err(|e| {
            let kind = classify(&e);
            let what = match kind {
                TransportErrorKind::Connect => "could not connect to the server",
                TransportErrorKind::Timeout => "no answer within the timeout",
                TransportErrorKind::Interrupted => "the connection broke during the exchange",
                _ => "the request could not be sent",
            };
            failure(kind, what, e)
        })?;
        if response.url() != &asked {
            // Only a client given to `from_client` can follow a redirect; its
            // answer is not the one asked for, whatever its status.
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "the HTTP client followed a redirect (build it with `redirect::Policy::none()`)",
            ));
        }
        let status = response.status();
        let version = response.version();
        let headers = std::mem::take(response.headers_mut());
        let body = read_body(&mut response, limit).await?;
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.version_mut() = version;
        *out.headers_mut() = headers;
        Ok(out)
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }

    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn random(&self) -> f64 {
        // xorshift64*, seeded per transport from the std hasher's random keys.
        let mut x = self.seed.load(Ordering::Relaxed);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed.store(x, Ordering::Relaxed);
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (r >> 11) as f64 / (1u64 << 53) as f64
    }

    fn user_agent(&self) -> String {
        format!(
            "nango-rust/{} ({}/{})",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        )
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_build_error_is_typed_and_keeps_reqwests_error() {
        // A user agent with a line break is one of the settings reqwest refuses
        // only when it builds the client.
        let err = reqwest::Client::builder()
            .user_agent("nango\nrust")
            .build()
            .map_err(TransportBuildError)
            .unwrap_err();
        assert_eq!(err.to_string(), "the HTTP client could not be built");
        let cause = err
            .source()
            .and_then(|s| s.downcast_ref::<reqwest::Error>());
        assert!(cause.is_some_and(reqwest::Error::is_builder), "{err:?}");

        // `?` turns it into the crate's error, the cause still there.
        let err = nango_core::Error::from(err);
        let nango_core::Error::Transport(transport) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(transport.kind(), TransportErrorKind::Other);
        assert_eq!(
            err.to_string(),
            "transport error: the HTTP client could not be built"
        );
        let cause = err
            .source()
            .and_then(|s| s.downcast_ref::<reqwest::Error>());
        assert!(cause.is_some_and(reqwest::Error::is_builder), "{err:?}");
    }

    #[test]
    fn the_default_pool_builds() {
        assert!(ReqwestTransport::try_with_pool(PoolOptions::default()).is_ok());
    }
}
