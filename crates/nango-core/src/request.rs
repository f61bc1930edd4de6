//! [`ApiRequest`]: a Nango request before the host, key and client headers are added.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::{HeaderName, AUTHORIZATION};
use http::{HeaderMap, HeaderValue, Method};
use serde::Serialize;

use crate::config::Config;
use crate::encode;
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::JsonText;
use crate::secret::SecretString;
use crate::transport::{HttpRequest, ResponseLimit};

/// One Nango API request, transport-independent and free of secrets: method, path
/// (every id percent-encoded), query, operation headers and body. The client adds
/// the host, `Authorization`, `User-Agent` and the `Nango-Is-*` flags when it sends it.
///
/// ```
/// use nango_core::request::ApiRequest;
/// let req = ApiRequest::get("/connections/{}", &[("connection_id", "a/b c")])?
///     .query("provider_config_key", "github");
/// assert_eq!(req.path(), "/connections/a%2Fb%20c");
/// assert_eq!(req.query_pairs(), &[("provider_config_key".into(), "github".to_string())]);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ApiRequest {
    // Boxed: a request is built by a chain of by-value calls, and moving one
    // pointer is much less code than moving the parts (it matters in wasm).
    parts: Box<Parts>,
}

/// The parts of an [`ApiRequest`].
#[derive(Debug, Clone)]
struct Parts {
    method: Method,
    path: String,
    /// What `path` was built from: the template, or for a proxy call the prefix
    /// (the caller's path is never kept here: this is what logs may show).
    template: &'static str,
    query: Vec<(Cow<'static, str>, String)>,
    raw_query: Option<String>,
    /// Checked names (lowercase) and values, in the order they are sent.
    headers: Vec<(Cow<'static, str>, String)>,
    body: Option<Bytes>,
    idempotent: bool,
    bearer: Option<SecretString>,
    /// A proxy call: its answer is the provider's (a redirect is returned, not
    /// followed nor refused), within the proxy's answer limit.
    proxied: bool,
}

/// The `User-Agent` sent: `base`, then `; suffix` when there is a non-empty suffix
/// (the configuration's `user_agent_suffix`, or the official SDK's `userAgent`).
///
/// ```
/// use nango_core::request::full_user_agent;
/// assert_eq!(full_user_agent("nango-rs/0.1", Some("my-app/2")), "nango-rs/0.1; my-app/2");
/// assert_eq!(full_user_agent("nango-rs/0.1", Some("")), "nango-rs/0.1");
/// ```
pub fn full_user_agent(base: &str, suffix: Option<&str>) -> String {
    match suffix.filter(|s| !s.is_empty()) {
        Some(suffix) => [base, "; ", suffix].concat(),
        None => base.to_owned(),
    }
}

/// The header a JSON body comes with.
const JSON_CONTENT_TYPE: (&str, &str) = ("content-type", "application/json");

impl ApiRequest {
    /// A request for `template`, where each `{}` is replaced by the next id of
    /// `segments` (`(field name, value)`), checked (non-empty, not a dot segment)
    /// and percent-encoded. A template holds no `{` but those of its `{}`.
    ///
    /// The template is `'static` because it is the shape of the request, kept
    /// as it is for logs ([`ApiRequest::template`]): the ids go in `segments`.
    ///
    /// ```
    /// use nango_core::request::ApiRequest;
    /// let req = ApiRequest::new(http::Method::DELETE, "/integrations/{}", &[("unique_key", "")]);
    /// assert!(req.is_err());
    /// ```
    pub fn new(
        method: Method,
        template: &'static str,
        segments: &[(&str, &str)],
    ) -> Result<Self, Error> {
        let mut path = String::with_capacity(template.len() + 16);
        // Split on `{` (templates hold no other), each later part starting `}`.
        let mut parts = template.split('{');
        path.push_str(parts.next().unwrap_or_default());
        let mut values = segments.iter();
        for part in parts {
            let part = part.strip_prefix('}').unwrap_or(part);
            let (field, value) = values.next().ok_or_else(|| {
                InvalidInput::new("path", InvalidReason::Missing)
                    .with_detail("template has more placeholders than ids")
            })?;
            path.push_str(&encode::path_segment(field, value)?);
            path.push_str(part);
        }
        Ok(Self::with_path(method, path, template))
    }

    /// A request for an already encoded `path` built from `template`; idempotent
    /// by its method.
    fn with_path(method: Method, path: String, template: &'static str) -> Self {
        let idempotent = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        Self {
            parts: Box::new(Parts {
                method,
                path,
                template,
                query: Vec::new(),
                raw_query: None,
                headers: Vec::new(),
                body: None,
                idempotent,
                bearer: None,
                proxied: false,
            }),
        }
    }

    /// A `GET` request; see [`ApiRequest::new`].
    ///
    /// ```
    /// let req = nango_core::request::ApiRequest::get("/providers", &[])?;
    /// assert_eq!(req.method(), http::Method::GET);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn get(template: &'static str, segments: &[(&str, &str)]) -> Result<Self, Error> {
        Self::new(Method::GET, template, segments)
    }

    /// A `POST` request; see [`ApiRequest::new`].
    ///
    /// ```
    /// let req = nango_core::request::ApiRequest::post("/integrations", &[])?;
    /// assert!(!req.is_idempotent());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn post(template: &'static str, segments: &[(&str, &str)]) -> Result<Self, Error> {
        Self::new(Method::POST, template, segments)
    }

    /// A request whose path was written by the caller (the proxy): `/` kept, unsafe
    /// characters encoded, and anything after the first `?` kept as the query string.
    /// A dot segment in any spelling (`..`, `%2e%2e`, `.%2E`, `%252e`...) is refused:
    /// the URL that `url` or `fetch` makes of the request stays under `prefix`.
    ///
    /// ```
    /// use nango_core::request::ApiRequest;
    /// let req = ApiRequest::raw(http::Method::GET, "/proxy", "/user/repos?per_page=5")?;
    /// assert_eq!(req.path(), "/proxy/user/repos");
    /// assert_eq!(req.raw_query(), Some("per_page=5"));
    /// assert!(ApiRequest::raw(http::Method::GET, "/proxy", "/../connections/victim").is_err());
    /// assert!(ApiRequest::raw(http::Method::GET, "/proxy", "/a/%2E%2e/b").is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn raw(method: Method, prefix: &'static str, endpoint: &str) -> Result<Self, Error> {
        let (path, query) = match endpoint.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (endpoint, None),
        };
        let mut full = String::from(prefix);
        if !path.starts_with('/') {
            full.push('/');
        }
        full.push_str(&encode::proxy_path("endpoint", path)?);
        let mut req = Self::with_path(method, full, prefix);
        req.parts.raw_query = query.map(encode::raw_query);
        req.parts.proxied = true;
        Ok(req)
    }

    /// Adds a query parameter.
    ///
    /// ```
    /// let req = nango_core::request::ApiRequest::get("/x", &[])?.query("a", "1").query("a", "2");
    /// assert_eq!(req.query_pairs().len(), 2);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn query(mut self, key: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.parts.query.push((key.into(), value.into()));
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    ///
    /// ```
    /// let req = nango_core::request::ApiRequest::get("/x", &[])?.query_opt("a", None::<String>);
    /// assert!(req.query_pairs().is_empty());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn query_opt(
        self,
        key: impl Into<Cow<'static, str>>,
        value: Option<impl Into<String>>,
    ) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Appends a caller-written query string (`a=1&b=2`), kept as written but for
    /// characters that would break the URL.
    ///
    /// ```
    /// let req = nango_core::request::ApiRequest::get("/x", &[])?.raw_query_string("a=1 2");
    /// assert_eq!(req.raw_query(), Some("a=1%202"));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn raw_query_string(mut self, query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let encoded = encode::raw_query(query);
        self.parts.raw_query = Some(match self.parts.raw_query.take() {
            Some(existing) if !existing.is_empty() => format!("{existing}&{encoded}"),
            _ => encoded,
        });
        self
    }

    /// Sets a header from a caller-supplied value, refusing CR/LF and other controls.
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::get("/x", &[])?.header("Connection-Id", "connection_id", "a\r\nb");
    /// assert!(r.is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn header(mut self, name: &str, field: &str, value: &str) -> Result<Self, Error> {
        if !encode::is_header_name(name) {
            return Err(InvalidInput::new(field, InvalidReason::ControlCharacter)
                .with_detail("invalid header name")
                .into());
        }
        encode::header_value(field, value)?;
        self.parts
            .headers
            .push((Cow::Owned(name.to_ascii_lowercase()), value.to_owned()));
        Ok(self)
    }

    /// Sets `Content-Type: application/json`, replacing any other.
    fn json_content_type(&mut self) {
        let headers = &mut self.parts.headers;
        headers.retain(|(name, _)| name != JSON_CONTENT_TYPE.0);
        headers.push((
            Cow::Borrowed(JSON_CONTENT_TYPE.0),
            JSON_CONTENT_TYPE.1.to_owned(),
        ));
    }

    /// Sets a header whose value is required: refused when empty, too.
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::get("/x", &[])?.required_header("Connection-Id", "connection_id", "");
    /// assert!(r.is_err());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn required_header(self, name: &str, field: &str, value: &str) -> Result<Self, Error> {
        encode::required(field, value)?;
        self.header(name, field, value)
    }

    /// Sets a JSON body (and `Content-Type: application/json`).
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::post("/x", &[])?.json(&serde_json::json!({"a": 1}))?;
    /// assert_eq!(r.body().unwrap().as_ref(), br#"{"a":1}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            InvalidInput::new("body", InvalidReason::InvalidValue).with_detail(e.to_string())
        })?;
        self.json_content_type();
        self.parts.body = Some(Bytes::from(bytes));
        Ok(self)
    }

    /// Sets a body already written as JSON text, byte for byte (and
    /// `Content-Type: application/json`).
    ///
    /// ```
    /// use nango_core::{json::JsonText, request::ApiRequest};
    /// let body = JsonText::parse(r#"{"b": 1.50, "a": 1}"#)?;
    /// let r = ApiRequest::post("/x", &[])?.json_text(&body);
    /// assert_eq!(r.body().unwrap().as_ref(), br#"{"b": 1.50, "a": 1}"#);
    /// assert_eq!(r.headers()["content-type"], "application/json");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn json_text(mut self, body: &JsonText) -> Self {
        self.json_content_type();
        self.parts.body = Some(Bytes::copy_from_slice(body.as_str().as_bytes()));
        self
    }

    /// Sets a raw body; the caller sets `Content-Type` with [`ApiRequest::header`].
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::post("/x", &[])?.bytes(vec![0u8, 1, 2]);
    /// assert_eq!(r.body().unwrap().len(), 3);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn bytes(mut self, body: impl Into<Bytes>) -> Self {
        self.parts.body = Some(body.into());
        self
    }

    /// Marks the request as safe (or not) to send twice; decides whether 5xx and
    /// connection failures are retried. Defaults from the method.
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::post("/connections/metadata", &[])?.idempotent(true);
    /// assert!(r.is_idempotent());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.parts.idempotent = idempotent;
        self
    }

    /// Authenticates this request with `token` instead of the API key (the connect
    /// session endpoints take the session token).
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::get("/connect/session", &[])?.bearer("tok".into());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn bearer(mut self, token: SecretString) -> Self {
        self.parts.bearer = Some(token);
        self
    }

    /// The method.
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap();
    /// assert_eq!(r.method(), http::Method::GET);
    /// ```
    pub fn method(&self) -> Method {
        self.parts.method.clone()
    }

    /// The encoded path.
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x/{}", &[("id", "é")]).unwrap();
    /// assert_eq!(r.path(), "/x/%C3%A9");
    /// ```
    pub fn path(&self) -> &str {
        &self.parts.path
    }

    /// The shape of the path, without any id: the template it was built from
    /// (`/connections/{}`), or `<prefix>/{endpoint}` for a proxy call. Safe to
    /// log: no id, no caller-written path, no secret.
    ///
    /// ```
    /// use nango_core::request::ApiRequest;
    /// let req = ApiRequest::get("/connections/{}", &[("connection_id", "user-1")])?;
    /// assert_eq!(req.template(), "/connections/{}");
    /// let proxied = ApiRequest::raw(http::Method::GET, "/proxy", "/user/repos?per_page=5")?;
    /// assert_eq!(proxied.template(), "/proxy/{endpoint}");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn template(&self) -> Cow<'static, str> {
        if self.parts.proxied {
            // Built on demand (only when a span or a log asks), so that a request
            // stays one boxed allocation.
            Cow::Owned(format!("{}/{{endpoint}}", self.parts.template))
        } else {
            Cow::Borrowed(self.parts.template)
        }
    }

    /// The query parameters, not yet encoded.
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap().query("k", "v w");
    /// assert_eq!(r.query_pairs()[0].1, "v w");
    /// ```
    pub fn query_pairs(&self) -> &[(Cow<'static, str>, String)] {
        &self.parts.query
    }

    /// The caller-written query string, if any (already made URL-safe).
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap();
    /// assert_eq!(r.raw_query(), None);
    /// ```
    pub fn raw_query(&self) -> Option<&str> {
        self.parts.raw_query.as_deref()
    }

    /// The operation's own headers, as an [`http::HeaderMap`] (built on each
    /// call: see [`ApiRequest::header_pairs`] for the list itself).
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap();
    /// assert!(r.headers().is_empty());
    /// let r = r.header("X-Async", "x_async", "true")?;
    /// assert_eq!(r.headers()["x-async"], "true");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn headers(&self) -> HeaderMap {
        let mut map = HeaderMap::with_capacity(self.parts.headers.len());
        for (name, value) in &self.parts.headers {
            // Both were checked when set, so neither conversion fails.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                map.append(name, value);
            }
        }
        map
    }

    /// The operation's own headers: lowercase names and values, in the order
    /// they are sent.
    ///
    /// ```
    /// let r = nango_core::request::ApiRequest::get("/x", &[])?.header("X-Async", "x_async", "true")?;
    /// assert_eq!(r.header_pairs(), &[("x-async".into(), "true".to_owned())]);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn header_pairs(&self) -> &[(Cow<'static, str>, String)] {
        &self.parts.headers
    }

    /// The body, if any.
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap();
    /// assert!(r.body().is_none());
    /// ```
    pub fn body(&self) -> Option<&Bytes> {
        self.parts.body.as_ref()
    }

    /// Whether sending it twice is harmless.
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap();
    /// assert!(r.is_idempotent());
    /// ```
    pub fn is_idempotent(&self) -> bool {
        self.parts.idempotent
    }

    /// Whether this is a proxy call: its answer is the provider's, so a redirect
    /// is returned to the caller (never followed with the key), and the proxy's
    /// answer limit applies.
    ///
    /// ```
    /// # use nango_core::request::ApiRequest;
    /// assert!(ApiRequest::raw(http::Method::GET, "/proxy", "/user")?.is_proxied());
    /// assert!(!ApiRequest::get("/providers", &[])?.is_proxied());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn is_proxied(&self) -> bool {
        self.parts.proxied
    }

    /// Whether an answer of `status` is this request's result: a success, or for
    /// a proxy call a redirect too (the provider's answer, returned as it is and
    /// never followed with the key). Anything else is refused: a redirect from
    /// the Nango API itself is an error.
    ///
    /// ```
    /// # use nango_core::request::ApiRequest;
    /// assert!(ApiRequest::raw(http::Method::GET, "/proxy", "/file")?.is_answer(302));
    /// assert!(!ApiRequest::get("/providers", &[])?.is_answer(302));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn is_answer(&self, status: u16) -> bool {
        (200..300).contains(&status) || (self.parts.proxied && (300..400).contains(&status))
    }

    /// The most bytes of answer body `config` allows for this request.
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// let cfg = Config::builder().api_key("k").max_proxy_response_bytes(None).build()?;
    /// assert_eq!(ApiRequest::raw(http::Method::GET, "/proxy", "/file")?.response_limit(&cfg), None);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn response_limit(&self, config: &Config) -> Option<u64> {
        if self.parts.proxied {
            config.max_proxy_response_bytes()
        } else {
            config.max_response_bytes()
        }
    }

    /// The path and query as they go on the wire (`/path?k=v`).
    ///
    /// ```
    /// # let r = nango_core::request::ApiRequest::get("/x", &[]).unwrap().query("a b", "c&d");
    /// assert_eq!(r.path_and_query(), "/x?a%20b=c%26d");
    /// ```
    pub fn path_and_query(&self) -> String {
        let mut out = self.parts.path.clone();
        let mut sep = '?';
        for (k, v) in &self.parts.query {
            out.push(sep);
            out.push_str(&encode::query_component(k));
            out.push('=');
            out.push_str(&encode::query_component(v));
            sep = '&';
        }
        if let Some(raw) = &self.parts.raw_query {
            if !raw.is_empty() {
                out.push(sep);
                out.push_str(raw);
            }
        }
        out
    }

    /// The complete request for `config`, as any HTTP client sends it: the URL,
    /// then `Authorization`, `User-Agent`, the `Nango-Is-*` flags and the
    /// operation's headers, and the body. Nothing here parses a URI or a header
    /// name (the WebAssembly package sends this as it is with `fetch`).
    ///
    /// ```
    /// use nango_core::{config::Config, request::ApiRequest};
    /// let cfg = Config::builder().api_key("a3f1c2d4-0000-4000-8000-000000000000").host("http://127.0.0.1:3003/").build()?;
    /// let wire = ApiRequest::get("/providers", &[])?.query("search", "git hub").to_wire(&cfg, "nango-rust/0.1")?;
    /// assert_eq!(wire.url(), "http://127.0.0.1:3003/providers?search=git%20hub");
    /// assert_eq!(wire.method(), "GET");
    /// assert_eq!(wire.headers()[0].0, "authorization");
    /// assert!(!format!("{wire:?}").contains("a3f1c2d4"));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn to_wire(&self, config: &Config, user_agent: &str) -> Result<WireRequest, Error> {
        let mut url = String::from(config.host());
        url.push_str(&self.path_and_query());
        let (field, key) = match &self.parts.bearer {
            Some(token) => ("token", token),
            None => ("api_key", config.api_key()),
        };
        encode::required_header_value(field, key.expose_secret())?;
        let mut auth = String::from("Bearer ");
        auth.push_str(key.expose_secret());
        encode::header_value(field, &auth)?;
        let ua = full_user_agent(user_agent, config.user_agent_suffix());
        encode::header_value("user_agent", &ua)?;
        let flag = |b: bool| if b { "true" } else { "false" }.to_owned();
        let mut headers: Vec<(Cow<'static, str>, String)> =
            Vec::with_capacity(5 + self.parts.headers.len());
        headers.push((Cow::Borrowed("authorization"), auth));
        headers.push((Cow::Borrowed("user-agent"), ua));
        headers.push((Cow::Borrowed("nango-is-sync"), flag(config.is_sync())));
        headers.push((Cow::Borrowed("nango-is-script"), flag(config.is_script())));
        headers.push((Cow::Borrowed("nango-is-dry-run"), flag(config.dry_run())));
        for header in &self.parts.headers {
            headers.push(header.clone());
        }
        Ok(WireRequest {
            url,
            method: self.parts.method.clone(),
            headers,
            body: self.parts.body.clone(),
            response_limit: self.response_limit(config),
        })
    }

    /// The complete HTTP request for `config` ([`ApiRequest::to_wire`] as an
    /// [`http::Request`]); `Authorization` is marked sensitive.
    ///
    /// ```
    /// use nango_core::{config::Config, request::ApiRequest};
    /// let cfg = Config::builder().api_key("a3f1c2d4-0000-4000-8000-000000000000").host("http://127.0.0.1:3003/").build()?;
    /// let http = ApiRequest::get("/providers", &[])?.to_http(&cfg, "nango-rust/0.1")?;
    /// assert_eq!(http.uri(), "http://127.0.0.1:3003/providers");
    /// assert!(http.headers()["authorization"].is_sensitive());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn to_http(&self, config: &Config, user_agent: &str) -> Result<HttpRequest, Error> {
        self.to_wire(config, user_agent)?.into_http()
    }
}

/// A request as it goes on the wire: URL, method, headers and body, for a
/// client that takes strings (`fetch`). Built by [`ApiRequest::to_wire`].
///
/// `Debug` never shows the `Authorization` value.
///
/// ```
/// use nango_core::{config::Config, request::ApiRequest};
/// let cfg = Config::builder().api_key("k").host("http://127.0.0.1:3003").build()?;
/// let wire = ApiRequest::post("/connect/sessions", &[])?.to_wire(&cfg, "ua")?;
/// assert_eq!((wire.method(), wire.body()), ("POST", None));
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Clone)]
pub struct WireRequest {
    url: String,
    method: Method,
    headers: Vec<(Cow<'static, str>, String)>,
    body: Option<Bytes>,
    response_limit: Option<u64>,
}

impl WireRequest {
    /// The most bytes of answer body to read (`None`: no limit); see
    /// [`ResponseLimit`].
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// let cfg = Config::builder().api_key("k").max_response_bytes(Some(10)).build()?;
    /// assert_eq!(ApiRequest::get("/x", &[])?.to_wire(&cfg, "ua")?.response_limit(), Some(10));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn response_limit(&self) -> Option<u64> {
        self.response_limit
    }

    /// The absolute URL, path and query encoded.
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// # let cfg = Config::builder().api_key("k").host("http://h").build()?;
    /// let wire = ApiRequest::get("/x/{}", &[("id", "a b")])?.to_wire(&cfg, "ua")?;
    /// assert_eq!(wire.url(), "http://h/x/a%20b");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The method (`GET`, `POST`...).
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// # let cfg = Config::builder().api_key("k").build()?;
    /// assert_eq!(ApiRequest::get("/x", &[])?.to_wire(&cfg, "ua")?.method(), "GET");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn method(&self) -> &str {
        self.method.as_str()
    }

    /// The headers, lowercase names, in the order they are sent (the secret
    /// `Authorization` value included: send it, never log it).
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// # let cfg = Config::builder().api_key("k").build()?;
    /// let wire = ApiRequest::get("/x", &[])?.to_wire(&cfg, "ua")?;
    /// assert!(wire.headers().iter().any(|(n, v)| n == "user-agent" && v == "ua"));
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn headers(&self) -> &[(Cow<'static, str>, String)] {
        &self.headers
    }

    /// The body, if any.
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// # let cfg = Config::builder().api_key("k").build()?;
    /// assert!(ApiRequest::get("/x", &[])?.to_wire(&cfg, "ua")?.body().is_none());
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn body(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }

    /// The same request as an [`http::Request`] (`Authorization` marked sensitive).
    ///
    /// ```
    /// # use nango_core::{config::Config, request::ApiRequest};
    /// # let cfg = Config::builder().api_key("k").host("http://h").build()?;
    /// let http = ApiRequest::get("/x", &[])?.to_wire(&cfg, "ua")?.into_http()?;
    /// assert_eq!(http.uri(), "http://h/x");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn into_http(self) -> Result<HttpRequest, Error> {
        let invalid_url = |detail: String| -> Error {
            InvalidInput::new("url", InvalidReason::InvalidUrl)
                .with_detail(detail)
                .into()
        };
        let mut builder = http::Request::builder().method(self.method).uri(self.url);
        if let Some(headers) = builder.headers_mut() {
            for (name, value) in self.headers {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|e| invalid_url(e.to_string()))?;
                let mut value =
                    HeaderValue::from_str(&value).map_err(|e| invalid_url(e.to_string()))?;
                if name == AUTHORIZATION {
                    value.set_sensitive(true);
                }
                headers.append(name, value);
            }
        }
        if let Some(limit) = self.response_limit {
            builder = builder.extension(ResponseLimit(limit));
        }
        builder
            .body(self.body.unwrap_or_default())
            .map_err(|e| invalid_url(e.to_string()))
    }
}

impl std::fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name == "authorization" {
                    "[redacted]"
                } else {
                    value.as_str()
                };
                (name.as_ref(), shown)
            })
            .collect();
        f.debug_struct("WireRequest")
            .field("url", &self.url)
            .field("method", &self.method)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .field("response_limit", &self.response_limit)
            .finish()
    }
}
