//! [`ReqwestTransport`]: the core's [`Transport`] over reqwest (rustls) and tokio.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use nango_core::transport::{
    HttpRequest, HttpResponse, ResponseLimit, Transport, TransportError, TransportErrorKind,
};

/// Sends requests with a shared reqwest connection pool (HTTPS through rustls) and
/// sleeps with tokio. Cheap to clone.
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
    fn default() -> Self {
        Self::with_pool(PoolOptions::default())
    }
}

/// Connection-pool settings of a [`ReqwestTransport`].
///
/// ```
/// let t = nango::ReqwestTransport::with_pool(nango::PoolOptions { max_idle_per_host: 64, ..Default::default() });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl ReqwestTransport {
    /// A transport with these pool settings.
    ///
    /// ```
    /// let t = nango::ReqwestTransport::with_pool(Default::default());
    /// ```
    pub fn with_pool(options: PoolOptions) -> Self {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(options.max_idle_per_host)
            .pool_idle_timeout(options.idle_timeout)
            .connect_timeout(options.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
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

/// A description of a reqwest error with its causes (never with headers).
fn describe(err: &reqwest::Error) -> String {
    let mut msg = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
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
        let chunk = response.chunk().await.map_err(|e| {
            let kind = match classify(&e) {
                TransportErrorKind::Timeout => TransportErrorKind::Timeout,
                _ => TransportErrorKind::Interrupted,
            };
            TransportError::new(kind, describe(&e))
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
        let mut req = reqwest::Request::try_from(request)
            .map_err(|e| TransportError::new(TransportErrorKind::Other, describe(&e)))?;
        *req.timeout_mut() = timeout;
        let mut response = self
            .client
            .execute(req)
            .await
            .map_err(|e| TransportError::new(classify(&e), describe(&e)))?;
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
