//! [`Client`]: runs [`Endpoint`]s over a [`Transport`], with retries and timeouts,
//! and offers every Nango operation as a method.

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;

use crate::attempts::{Attempts, Step};
use crate::config::{Config, ConfigBuilder};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::request::ApiRequest;
use crate::retry::RetryPolicy;
use crate::secret::SecretString;
use crate::transport::{BoxFuture, HttpResponse, MaybeSend, MaybeSync, Transport};

mod actions;
mod connections;
mod environments;
mod functions;
mod integrations;
mod providers;
mod proxy;
mod records;
mod scripts;
mod syncs;
mod webhooks;

pub use connections::WaitOptions;

/// A Nango API client over the transport `T`.
///
/// The `nango` crate names `Client<ReqwestTransport>` as `nango::Nango`; the wasm
/// package wraps `Client<FetchTransport>`. Cloning is cheap (the configuration and
/// the transport are shared).
///
/// ```no_run
/// # async fn demo<T: nango_core::transport::Transport + Default>() -> Result<(), nango_core::Error> {
/// let nango = nango_core::Client::<T>::builder()
///     .api_key("a3f1c2d4-0000-4000-8000-000000000000")
///     .build()?;
/// let connections = nango.list_connections().limit(100).await?;
/// # Ok(()) }
/// ```
pub struct Client<T> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    transport: T,
    config: Config,
    user_agent: String,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T> std::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]: the [`ConfigBuilder`] options plus the transport.
///
/// ```
/// # fn demo<T: nango_core::transport::Transport + Default>() -> Result<(), nango_core::Error> {
/// let nango = nango_core::Client::<T>::builder()
///     .api_key("a3f1c2d4-0000-4000-8000-000000000000")
///     .host("http://localhost:3003")
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ClientBuilder<T> {
    config: ConfigBuilder,
    transport: Option<T>,
}

macro_rules! forward_config {
    ($( $(#[$m:meta])* $name:ident ( $($arg:ident : $ty:ty),* ); )*) => {$(
        $(#[$m])*
        pub fn $name(mut self, $($arg: $ty),*) -> Self {
            #[allow(deprecated)]
            { self.config = self.config.$name($($arg),*); }
            self
        }
    )*};
}

impl<T: Transport> ClientBuilder<T> {
    forward_config! {
        /// See [`ConfigBuilder::host`].
        host(host: impl Into<String>);
        /// See [`ConfigBuilder::api_key`].
        api_key(key: impl Into<SecretString>);
        /// See [`ConfigBuilder::secret_key`].
        #[deprecated(note = "use `api_key`, and `webhook_signing_key` for webhooks")]
        secret_key(key: impl Into<SecretString>);
        /// See [`ConfigBuilder::webhook_signing_key`].
        webhook_signing_key(key: impl Into<SecretString>);
        /// See [`ConfigBuilder::connection_id`].
        connection_id(id: impl Into<String>);
        /// See [`ConfigBuilder::provider_config_key`].
        provider_config_key(key: impl Into<String>);
        /// See [`ConfigBuilder::activity_log_id`].
        activity_log_id(id: impl Into<String>);
        /// See [`ConfigBuilder::is_sync`].
        is_sync(yes: bool);
        /// See [`ConfigBuilder::is_script`].
        is_script(yes: bool);
        /// See [`ConfigBuilder::dry_run`].
        dry_run(yes: bool);
        /// See [`ConfigBuilder::flags`].
        #[deprecated(note = "use the named setters `is_sync`, `is_script` and `dry_run`")]
        flags(is_sync: bool, is_script: bool, dry_run: bool);
        /// See [`ConfigBuilder::user_agent_suffix`].
        user_agent_suffix(suffix: impl Into<String>);
        /// See [`ConfigBuilder::timeout`].
        timeout(timeout: Option<Duration>);
        /// See [`ConfigBuilder::retry_policy`].
        retry_policy(policy: crate::retry::RetryPolicy);
        /// See [`ConfigBuilder::max_response_bytes`].
        max_response_bytes(limit: Option<u64>);
        /// See [`ConfigBuilder::max_proxy_response_bytes`].
        max_proxy_response_bytes(limit: Option<u64>);
    }

    /// A builder preset from the process environment: the API key from
    /// `NANGO_SECRET_KEY` (required) and the host from `NANGO_HOST` (optional:
    /// Nango Cloud when unset or empty). Other options can be chained before
    /// `build()`. Not on `wasm32`, which has no process environment.
    ///
    /// A missing or empty `NANGO_SECRET_KEY` is an [`Error::InvalidInput`] whose
    /// `field` is the variable's name (reason `Missing`); a value that is not
    /// UTF-8 is one too (reason `InvalidValue`). The values are never shown.
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport + Default>() -> Result<(), nango_core::Error> {
    /// let nango = nango_core::ClientBuilder::<T>::from_env()?
    ///     .timeout(Some(std::time::Duration::from_secs(10)))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_env() -> Result<Self, Error> {
        let key = env_var(ENV_SECRET_KEY)?.ok_or_else(|| {
            crate::error::InvalidInput::new(ENV_SECRET_KEY, crate::error::InvalidReason::Missing)
                .with_detail("set this environment variable to your environment's secret key")
        })?;
        let mut builder = Client::<T>::builder().api_key(key);
        if let Some(host) = env_var(ENV_HOST)? {
            builder = builder.host(host);
        }
        Ok(builder)
    }

    /// Uses `transport` instead of `T::default()`.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport>(t: T) {
    /// let b = nango_core::Client::<T>::builder().transport(t);
    /// # }
    /// ```
    pub fn transport(mut self, transport: T) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Checks the configuration and builds the client with the transport given,
    /// or `T::default()`.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport + Default>() {
    /// assert!(nango_core::Client::<T>::builder().build().is_err()); // no key
    /// # }
    /// ```
    pub fn build(self) -> Result<Client<T>, Error>
    where
        T: Default,
    {
        let transport = self.transport.unwrap_or_default();
        Ok(Client::new(self.config.build()?, transport))
    }

    /// Builds the client over `transport` (for transports without `Default`).
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport>(t: T) {
    /// let c = nango_core::Client::<T>::builder().api_key("k").build_with(t);
    /// # }
    /// ```
    pub fn build_with(self, transport: T) -> Result<Client<T>, Error> {
        Ok(Client::new(self.config.build()?, transport))
    }
}

/// The environment variable [`ClientBuilder::from_env`] reads the API key from
/// (the name the official SDKs and the Nango CLI use).
#[cfg(not(target_arch = "wasm32"))]
const ENV_SECRET_KEY: &str = "NANGO_SECRET_KEY";

/// The environment variable [`ClientBuilder::from_env`] reads the host from.
#[cfg(not(target_arch = "wasm32"))]
const ENV_HOST: &str = "NANGO_HOST";

/// The value of the environment variable `name`; unset and empty are both
/// `None` (an exported but empty variable is how shells often say "none").
#[cfg(not(target_arch = "wasm32"))]
fn env_var(name: &'static str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(value) if value.is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(crate::error::InvalidInput::new(
            name,
            crate::error::InvalidReason::InvalidValue,
        )
        .with_detail("not valid UTF-8")
        .into()),
    }
}

impl<T: Transport> Client<T> {
    /// A client configured from the process environment: `NANGO_SECRET_KEY`
    /// (required) and `NANGO_HOST` (optional), over `T::default()`. See
    /// [`ClientBuilder::from_env`] for the rules and to set more options.
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport + Default>() -> Result<(), nango_core::Error> {
    /// // NANGO_SECRET_KEY=... NANGO_HOST=http://localhost:3003 cargo run
    /// let nango = nango_core::Client::<T>::from_env()?;
    /// # Ok(()) }
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_env() -> Result<Self, Error>
    where
        T: Default,
    {
        ClientBuilder::<T>::from_env()?.build()
    }

    /// A builder for a client over `T`.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport + Default>() -> Result<(), nango_core::Error> {
    /// let nango = nango_core::Client::<T>::builder().api_key("a3f1c2d4-0000-4000-8000-000000000000").build()?;
    /// # Ok(()) }
    /// ```
    pub fn builder() -> ClientBuilder<T> {
        ClientBuilder {
            config: Config::builder(),
            transport: None,
        }
    }

    /// A client from a checked configuration and a transport.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport>(t: T) -> Result<(), nango_core::Error> {
    /// let cfg = nango_core::config::Config::builder().api_key("k").build()?;
    /// let nango = nango_core::Client::new(cfg, t);
    /// # Ok(()) }
    /// ```
    pub fn new(config: Config, transport: T) -> Self {
        let user_agent = transport.user_agent();
        Self {
            inner: Arc::new(Inner {
                transport,
                config,
                user_agent,
            }),
        }
    }

    /// The configuration.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport>(c: nango_core::Client<T>) {
    /// println!("{}", c.config().host());
    /// # }
    /// ```
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The transport.
    ///
    /// ```
    /// # fn demo<T: nango_core::transport::Transport>(c: nango_core::Client<T>) {
    /// let _t: &T = c.transport();
    /// # }
    /// ```
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Runs any [`Endpoint`]: builds its request (bad input fails here, before
    /// anything is sent), sends it with the retry policy, decodes the answer.
    ///
    /// Each call runs in a `debug` tracing span named `nango.request` whose
    /// fields are `operation` ([`Endpoint::NAME`]), `method`, `path` (the path
    /// template, such as `/connections/{}` or `/proxy/{endpoint}`: never an id,
    /// the caller's proxy path or a secret), `attempts` and `status` (the last
    /// answer's, when there was one); retries and the final failure are `debug`
    /// events inside it.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::ops::connections::GetConnection;
    /// let conn = nango.send(&GetConnection::new("github", "user-1")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send<E: Endpoint + MaybeSync>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.send_with(endpoint, &Overrides::default()).await
    }

    /// [`Client::send`] under a call's own timeout and retry policy.
    pub(crate) async fn send_with<E: Endpoint + MaybeSync>(
        &self,
        endpoint: &E,
        overrides: &Overrides,
    ) -> Result<E::Output, Error> {
        let request = endpoint.request(self.config())?;
        let response = self.run_with(Some(E::NAME), &request, overrides).await?;
        endpoint
            .decode(response)
            .map_err(|e| e.redacted(self.config().redactor()))
    }

    /// Sends a prepared [`ApiRequest`] with retries, and returns the success
    /// response (any non-2xx answer becomes [`Error::Api`]).
    ///
    /// Like every request, it runs in a `nango.request` tracing span (see
    /// [`Client::send`]); a request built by hand has no operation name, so the
    /// span has no `operation` field.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let req = nango_core::request::ApiRequest::get("/providers", &[])?;
    /// let resp = nango.execute(&req).await?;
    /// assert!(resp.status().is_success());
    /// # Ok(()) }
    /// ```
    pub async fn execute(&self, request: &ApiRequest) -> Result<HttpResponse, Error> {
        self.run(None, request).await
    }

    /// Runs `request` (of the endpoint named `operation`) in its own span.
    ///
    /// The span shows what can be logged anywhere: the operation, the method,
    /// the path *template* (the encoded path holds ids, and a proxy call the
    /// caller's own path), then the number of attempts and the final status.
    pub(crate) async fn run(
        &self,
        operation: Option<&'static str>,
        request: &ApiRequest,
    ) -> Result<HttpResponse, Error> {
        self.run_with(operation, request, &Overrides::default())
            .await
    }

    /// [`Client::run`] under a call's own timeout and retry policy.
    pub(crate) async fn run_with(
        &self,
        operation: Option<&'static str>,
        request: &ApiRequest,
        overrides: &Overrides,
    ) -> Result<HttpResponse, Error> {
        let span = tracing::debug_span!(
            "nango.request",
            operation,
            method = %request.method(),
            path = %request.template(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        // The span is handed down rather than found as `Span::current()`: that
        // needs a subscriber that tracks the current span, and not all do.
        self.execute_inner(request, overrides, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute_inner(
        &self,
        request: &ApiRequest,
        overrides: &Overrides,
        span: &tracing::Span,
    ) -> Result<HttpResponse, Error> {
        let config = self.config();
        let transport = self.transport();
        let started = transport.now();
        let elapsed = || transport.now().saturating_sub(started);
        let mut attempts = overrides.apply(Attempts::new(config, request));
        loop {
            let http = request.to_http(config, &self.inner.user_agent)?;
            let timeout = attempts.start(elapsed());
            let step = match transport.send(http, timeout).await {
                Ok(response) if request.is_answer(response.status().as_u16()) => {
                    span.record("attempts", attempts.attempt());
                    span.record("status", response.status().as_u16());
                    return Ok(response);
                }
                Ok(response) => {
                    let (parts, body) = response.into_parts();
                    let status = parts.status.as_u16();
                    attempts.refused(status, &parts.headers, body, elapsed(), transport.random())
                }
                Err(e) => attempts.lost(e, timeout, elapsed(), transport.random()),
            };
            match step {
                Step::Retry { delay, error } => {
                    let attempt = attempts.attempt();
                    // As an error value: a subscriber can show its causes too.
                    tracing::debug!(
                        attempt,
                        ?delay,
                        error = &error as &(dyn std::error::Error + 'static),
                        "retrying"
                    );
                    transport.sleep(delay).await;
                }
                Step::Fail { error, reason } => {
                    span.record("attempts", attempts.attempt());
                    if let Some(api) = error.as_api() {
                        span.record("status", api.raw_status());
                    }
                    let attempt = attempts.attempt();
                    tracing::debug!(
                        attempt,
                        ?reason,
                        error = &error as &(dyn std::error::Error + 'static),
                        "giving up"
                    );
                    return Err(error);
                }
            }
        }
    }

    /// Wraps an endpoint into a [`Call`] that can be configured, then awaited.
    pub(crate) fn call<E>(&self, endpoint: E) -> Call<'_, T, E> {
        Call {
            client: self,
            endpoint,
            overrides: Overrides::default(),
        }
    }
}

/// A call's own timeout and retry policy, in place of the client's (unset: the
/// client's). Kept apart from the endpoint because they are not part of the
/// request: the same options apply to every operation, and to every page a
/// stream asks for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overrides {
    /// `Some(None)` is "no timeout for this call", `None` is "the client's".
    timeout: Option<Option<Duration>>,
    retry: Option<RetryPolicy>,
}

impl Overrides {
    fn apply(&self, mut attempts: Attempts) -> Attempts {
        if let Some(timeout) = self.timeout {
            attempts = attempts.timeout(timeout);
        }
        if let Some(policy) = &self.retry {
            attempts = attempts.retry_policy(policy.clone());
        }
        attempts
    }
}

/// A pending operation: set its optional arguments, then `.await` it (or call
/// [`Call::send`]).
///
/// Besides the operation's own options, every call takes
/// [`timeout`](Call::timeout) and [`retry_policy`](Call::retry_policy), which
/// replace the client's for this call; a listing call (`list_records`,
/// `list_connections`) also has `into_stream()`, every item page after page.
///
/// ```no_run
/// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
/// let conn = nango
///     .get_connection("github", "user-1")
///     .force_refresh(true)
///     .timeout(std::time::Duration::from_secs(10))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a Call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    client: &'a Client<T>,
    endpoint: E,
    overrides: Overrides,
}

impl<'a, T, E> Call<'a, T, E> {
    /// The endpoint as configured so far (to inspect or reuse it).
    ///
    /// ```no_run
    /// # fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) {
    /// let ep = nango.get_connection("github", "u").into_endpoint();
    /// # }
    /// ```
    pub fn into_endpoint(self) -> E {
        self.endpoint
    }

    /// Bounds each HTTP exchange of this call by `timeout` instead of the
    /// client's ([`ClientBuilder::timeout`]); `None` removes the bound for this
    /// call (the retry policy's deadline still holds). Like the client's, it
    /// applies to each attempt, and a retry after a timeout gets it again.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use std::time::Duration;
    /// let conn = nango
    ///     .get_connection("github", "user-1")
    ///     .timeout(Duration::from_secs(5))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.overrides.timeout = Some(timeout.into());
        self
    }

    /// Decides this call's retries with `policy` instead of the client's
    /// ([`ClientBuilder::retry_policy`]): [`RetryPolicy::disabled()`] sends it
    /// once, whatever the client would do.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// use nango_core::retry::RetryPolicy;
    /// let connections = nango
    ///     .list_connections()
    ///     .retry_policy(RetryPolicy::disabled())
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.overrides.retry = Some(policy);
        self
    }

    /// Changes the endpoint's options with a closure.
    pub(crate) fn map(mut self, f: impl FnOnce(E) -> E) -> Self {
        self.endpoint = f(self.endpoint);
        self
    }
}

impl<'a, T, E> Call<'a, T, E>
where
    T: Transport,
    E: Endpoint + MaybeSend + MaybeSync + 'a,
    E::Output: MaybeSend,
{
    /// Sends the request and decodes the answer.
    ///
    /// ```no_run
    /// # async fn demo<T: nango_core::transport::Transport>(nango: nango_core::Client<T>) -> Result<(), nango_core::Error> {
    /// let conn = nango.get_connection("github", "user-1").send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<E::Output, Error> {
        self.client.send_with(&self.endpoint, &self.overrides).await
    }
}

impl<'a, T, E> IntoFuture for Call<'a, T, E>
where
    T: Transport,
    E: Endpoint + MaybeSend + MaybeSync + 'a,
    E::Output: MaybeSend,
{
    type Output = Result<E::Output, Error>;
    type IntoFuture = BoxFuture<'a, Result<E::Output, Error>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Declares setters on `Call<'_, T, Endpoint>` that forward to the endpoint's own
/// builder methods, so options can be chained before `.await`.
///
/// An endpoint generic over its output is written with its parameters first:
/// `call_options!(<V> GetConnectionField<V> { ... })`.
macro_rules! call_options {
    (<$($g:ident),*> $endpoint:ty { $( $(#[$m:meta])* $name:ident ( $($arg:ident : $ty:ty),* ); )* }) => {
        impl<'a, T, $($g),*> $crate::client::Call<'a, T, $endpoint> {
            $(
                $(#[$m])*
                pub fn $name(self, $($arg: $ty),*) -> Self {
                    self.map(|e| e.$name($($arg),*))
                }
            )*
        }
    };
    // Listed after the generic arm: a type fragment that fails to parse (as
    // `<V> X<V>` would) is an error, not a fall-through to the next arm.
    ($endpoint:ty { $($body:tt)* }) => {
        $crate::client::call_options!(<> $endpoint { $($body)* });
    };
}
pub(crate) use call_options;
