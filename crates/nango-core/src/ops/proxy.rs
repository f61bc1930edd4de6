//! `/proxy/*`: a request to the provider's API, authenticated by Nango with the
//! connection's credentials.

use bytes::Bytes;
use http::Method;
use serde::Serialize;

use crate::config::Config;
use crate::encode;
use crate::endpoint::Endpoint;
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::models::proxy::ProxyResponse;
use crate::ops::records::id_header;
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// The body of a proxied request.
#[derive(Debug, Clone, PartialEq)]
enum ProxyBody {
    None,
    /// Serialized JSON, or why serializing failed.
    Json(Result<Bytes, String>),
    Raw(Bytes),
}

/// A request through the Nango proxy: `method` on the provider's `endpoint`, for
/// one connection. The provider config key and connection id fall back to the
/// client's defaults ([`Config::provider_config_key`],
/// [`Config::connection_id`]).
///
/// Headers: each of [`Proxy::header`] goes as `Nango-Proxy-<name>` (the only
/// ones Nango forwards), `Content-Type` also unprefixed; `Base-Url-Override` and
/// `Nango-Activity-Log-Id` are always sent (empty when unset), as by the official
/// SDK; `Retries`, `Decompress`, `Retry-On` and `Forward-Headers-On-Redirect`
/// when set. The request is retried by the client's policy when its method is
/// idempotent (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`); see
/// [`Proxy::idempotent`].
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::proxy::Proxy};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = Proxy::get("/user/repos")
///     .provider_config_key("github")
///     .connection_id("user-1")
///     .param("per_page", "5")
///     .header("Accept", "application/vnd.github+json")
///     .request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/proxy/user/repos?per_page=5");
/// assert_eq!(req.headers()["nango-proxy-accept"], "application/vnd.github+json");
/// assert_eq!(req.headers()["base-url-override"], "");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Proxy {
    method: Method,
    endpoint: String,
    provider_config_key: Option<String>,
    connection_id: Option<String>,
    headers: Vec<(String, String)>,
    params: Vec<(String, String)>,
    query_string: Option<String>,
    body: ProxyBody,
    base_url_override: Option<String>,
    retries: Option<u32>,
    decompress: Option<bool>,
    retry_on: Vec<u16>,
    forward_headers_on_redirect: Option<bool>,
    idempotent: Option<bool>,
}

impl Proxy {
    /// `method` on `endpoint`, a path of the provider's API (with or without a
    /// leading `/`, optionally with a query string). Any method works, e.g.
    /// `PROPFIND` or `REPORT` through [`Method::from_bytes`].
    ///
    /// ```
    /// let propfind = http::Method::from_bytes(b"PROPFIND").unwrap();
    /// let op = nango_core::ops::proxy::Proxy::new(propfind, "/remote.php/dav/files/me");
    /// ```
    pub fn new(method: Method, endpoint: impl Into<String>) -> Self {
        Self {
            method,
            endpoint: endpoint.into(),
            provider_config_key: None,
            connection_id: None,
            headers: Vec::new(),
            params: Vec::new(),
            query_string: None,
            body: ProxyBody::None,
            base_url_override: None,
            retries: None,
            decompress: None,
            retry_on: Vec::new(),
            forward_headers_on_redirect: None,
            idempotent: None,
        }
    }

    /// A `GET`.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user");
    /// ```
    pub fn get(endpoint: impl Into<String>) -> Self {
        Self::new(Method::GET, endpoint)
    }

    /// A `POST`.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::post("/repos/o/r/issues").json(&serde_json::json!({"title": "Bug"}));
    /// ```
    pub fn post(endpoint: impl Into<String>) -> Self {
        Self::new(Method::POST, endpoint)
    }

    /// A `PUT`.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::put("/user/starred/o/r");
    /// ```
    pub fn put(endpoint: impl Into<String>) -> Self {
        Self::new(Method::PUT, endpoint)
    }

    /// A `PATCH`.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::patch("/repos/o/r/issues/1").json(&serde_json::json!({"state": "closed"}));
    /// ```
    pub fn patch(endpoint: impl Into<String>) -> Self {
        Self::new(Method::PATCH, endpoint)
    }

    /// A `DELETE` (it may carry a body too).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::delete("/user/starred/o/r");
    /// ```
    pub fn delete(endpoint: impl Into<String>) -> Self {
        Self::new(Method::DELETE, endpoint)
    }

    /// The integration (falls back to the client's default).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").provider_config_key("github");
    /// ```
    pub fn provider_config_key(mut self, key: impl Into<String>) -> Self {
        self.provider_config_key = Some(key.into());
        self
    }

    /// The connection (falls back to the client's default).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").connection_id("user-1");
    /// ```
    pub fn connection_id(mut self, id: impl Into<String>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// A header for the provider, sent as `Nango-Proxy-<name>` (and, for
    /// `Content-Type`, also as is). Values with CR, LF or other control
    /// characters are refused when the request is built.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").header("X-GitHub-Api-Version", "2022-11-28");
    /// ```
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Several headers for the provider (see [`Proxy::header`]).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").headers([("Accept", "text/plain"), ("X-Trace", "1")]);
    /// ```
    pub fn headers<K: Into<String>, V: Into<String>>(
        mut self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.headers
            .extend(headers.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Sets a query parameter: it replaces an earlier one of the same name (in
    /// the endpoint's query too), as `URLSearchParams.set` in the official SDK.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/issues").param("state", "open").param("per_page", "100");
    /// ```
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let (key, value) = (key.into(), value.into());
        match self.params.iter_mut().find(|(k, _)| *k == key) {
            Some(existing) => existing.1 = value,
            None => self.params.push((key, value)),
        }
        self
    }

    /// Sets several query parameters (see [`Proxy::param`]).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/issues").params([("state", "open"), ("sort", "updated")]);
    /// ```
    pub fn params<K: Into<String>, V: Into<String>>(
        self,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        params
            .into_iter()
            .fold(self, |proxy, (k, v)| proxy.param(k, v))
    }

    /// A caller-written query string (`a=1&b=2`, a leading `?` is ignored), kept
    /// as written but for characters that would break the URL. Refused when the
    /// endpoint has a query string already.
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/search").query_string("q=rust&sort=stars");
    /// ```
    pub fn query_string(mut self, query: impl Into<String>) -> Self {
        self.query_string = Some(query.into());
        self
    }

    /// A JSON body (`Content-Type: application/json` unless a `Content-Type`
    /// header is given), serialized here, once; a [`JsonText`] is sent as
    /// written. A value that cannot be serialized is refused when the request
    /// is built.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::proxy::Proxy};
    /// #[derive(serde::Serialize)]
    /// struct Issue { title: String }
    /// let op = Proxy::post("/repos/o/r/issues").json(&Issue { title: "Bug".into() });
    /// let raw = JsonText::parse(r#"{"amount": 1.50}"#)?;
    /// let req = Proxy::post("/charges").provider_config_key("stripe").connection_id("u-1")
    ///     .json(&raw).request(&Config::builder().api_key("k").build()?)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"amount": 1.50}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    ///
    /// [`JsonText`]: crate::json::JsonText
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = ProxyBody::Json(
            serde_json::to_vec(body)
                .map(Bytes::from)
                .map_err(|e| e.to_string()),
        );
        self
    }

    /// A JSON body already written as text, sent byte for byte
    /// (`Content-Type: application/json` unless a `Content-Type` header is
    /// given); the same as [`Proxy::json`] with a [`JsonText`], without `serde`.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, json::JsonText, ops::proxy::Proxy};
    /// let text = JsonText::parse(r#"{"amount": 1.50}"#)?;
    /// let req = Proxy::post("/charges").provider_config_key("stripe").connection_id("u-1")
    ///     .json_text(text).request(&Config::builder().api_key("k").build()?)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"amount": 1.50}"#);
    /// assert_eq!(req.headers()["content-type"], "application/json");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    ///
    /// [`JsonText`]: crate::json::JsonText
    pub fn json_text(mut self, body: crate::json::JsonText) -> Self {
        self.body = ProxyBody::Json(Ok(Bytes::from(body.into_string())));
        self
    }

    /// A raw body, sent as is; set its `Content-Type` with [`Proxy::header`].
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::put("/upload")
    ///     .header("Content-Type", "application/octet-stream")
    ///     .body(vec![0u8, 1, 2]);
    /// ```
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = ProxyBody::Raw(body.into());
        self
    }

    /// Another base URL for the provider's API (`Base-Url-Override`).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").base_url_override("https://ghe.example.com/api/v3");
    /// ```
    pub fn base_url_override(mut self, url: impl Into<String>) -> Self {
        self.base_url_override = Some(url.into());
        self
    }

    /// How many times Nango retries the upstream call (`Retries`, the server's
    /// default is 0).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").retries(3);
    /// ```
    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = Some(retries);
        self
    }

    /// Whether Nango decompresses the upstream's answer (`Decompress`).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/export").decompress(true);
    /// ```
    pub fn decompress(mut self, yes: bool) -> Self {
        self.decompress = Some(yes);
        self
    }

    /// Statuses Nango also retries on (`Retry-On`, a comma list).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/user").retries(2).retry_on([409, 423]);
    /// ```
    pub fn retry_on(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
        self.retry_on.clear();
        for status in statuses {
            self.retry_on.push(status);
        }
        self
    }

    /// Whether Nango forwards the headers when following a redirect
    /// (`Forward-Headers-On-Redirect`).
    ///
    /// ```
    /// let op = nango_core::ops::proxy::Proxy::get("/download").forward_headers_on_redirect(true);
    /// ```
    pub fn forward_headers_on_redirect(mut self, yes: bool) -> Self {
        self.forward_headers_on_redirect = Some(yes);
        self
    }

    /// Overrides whether the client may send the request again after a `5xx` or
    /// a lost connection (by default: when the method is idempotent).
    ///
    /// ```
    /// // a POST that the provider deduplicates (e.g. with an idempotency key)
    /// let op = nango_core::ops::proxy::Proxy::post("/charges").header("Idempotency-Key", "k-1").idempotent(true);
    /// ```
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = Some(yes);
        self
    }
}

/// The id to use: the call's, else the client's default; refused when neither.
fn resolve<'a>(
    field: &str,
    explicit: Option<&'a str>,
    default: Option<&'a str>,
) -> Result<&'a str, Error> {
    match (
        explicit.filter(|v| !v.is_empty()),
        default.filter(|v| !v.is_empty()),
    ) {
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) if explicit.is_some() => {
            Err(InvalidInput::new(field, InvalidReason::Empty).into())
        }
        (None, None) => Err(InvalidInput::new(field, InvalidReason::Missing)
            .with_detail("set it on the call or as the client's default")
            .into()),
    }
}

/// The bytes of the key of one `k=v` pair of a query string, decoded as a form
/// would (`+` is a space).
fn query_key(pair: &str) -> Vec<u8> {
    let key = pair.split('=').next().unwrap_or_default().replace('+', " ");
    encode::percent_decode(&key)
}

impl Endpoint for Proxy {
    const NAME: &'static str = "proxy";
    type Output = ProxyResponse;

    fn request(&self, config: &Config) -> Result<ApiRequest, Error> {
        let provider_config_key = resolve(
            "provider_config_key",
            self.provider_config_key.as_deref(),
            config.provider_config_key(),
        )?;
        let connection_id = resolve(
            "connection_id",
            self.connection_id.as_deref(),
            config.connection_id(),
        )?;
        let method = Method::from_bytes(self.method.as_str().to_ascii_uppercase().as_bytes())
            .unwrap_or_else(|_| self.method.clone());

        // The endpoint's path, then one query string: the endpoint's (or the
        // caller-written one), without the keys that `param` replaces, then the params.
        let (path, endpoint_query) = match self.endpoint.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (self.endpoint.as_str(), None),
        };
        let written = match (endpoint_query, &self.query_string) {
            (Some(_), Some(_)) => {
                return Err(InvalidInput::new("params", InvalidReason::Conflict)
                    .with_detail("the endpoint has a query string already")
                    .into())
            }
            (Some(q), None) => Some(q),
            (None, Some(q)) => Some(q.strip_prefix('?').unwrap_or(q)),
            (None, None) => None,
        };
        let mut pairs: Vec<String> = Vec::new();
        for pair in written.into_iter().flat_map(|q| q.split('&')) {
            // A key is decoded only when there are params that could replace it.
            let replaced = !self.params.is_empty() && {
                let key = query_key(pair);
                self.params.iter().any(|(k, _)| k.as_bytes() == key)
            };
            if !pair.is_empty() && !replaced {
                pairs.push(pair.to_owned());
            }
        }
        for (k, v) in &self.params {
            let mut pair = encode::query_component(k);
            pair.push('=');
            pair.push_str(&encode::query_component(v));
            pairs.push(pair);
        }
        let mut req = ApiRequest::raw(method, "/proxy", path)?;
        if !pairs.is_empty() {
            req = req.raw_query_string(&encode::join(&pairs, '&'));
        }

        req = id_header(req, "Connection-Id", "connection_id", connection_id)?;
        req = id_header(
            req,
            "Provider-Config-Key",
            "provider_config_key",
            provider_config_key,
        )?
        .header(
            "Base-Url-Override",
            "base_url_override",
            self.base_url_override.as_deref().unwrap_or(""),
        )?
        .header(
            "Nango-Activity-Log-Id",
            "activity_log_id",
            config.activity_log_id().unwrap_or(""),
        )?;
        for (name, value) in &self.headers {
            encode::required("headers", name)?;
            req = req.header(
                &format!("Nango-Proxy-{name}"),
                &format!("headers.{name}"),
                value,
            )?;
        }
        let content_type = self
            .headers
            .iter()
            .rev()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| value.as_str());
        if let Some(retries) = self.retries {
            req = req.header("Retries", "retries", &encode::decimal(retries))?;
        }
        if let Some(decompress) = self.decompress {
            req = req.header(
                "Decompress",
                "decompress",
                if decompress { "true" } else { "false" },
            )?;
        }
        if !self.retry_on.is_empty() {
            let list = encode::join(self.retry_on.iter().map(|&s| encode::decimal(s)), ',');
            req = req.header("Retry-On", "retry_on", &list)?;
        }
        if let Some(forward) = self.forward_headers_on_redirect {
            req = req.header(
                "Forward-Headers-On-Redirect",
                "forward_headers_on_redirect",
                if forward { "true" } else { "false" },
            )?;
        }

        req = match (&self.body, content_type) {
            (ProxyBody::Json(Err(e)), _) => {
                return Err(InvalidInput::new("data", InvalidReason::InvalidValue)
                    .with_detail(e.clone())
                    .into())
            }
            (ProxyBody::Json(Ok(bytes)), None) => req.bytes(bytes.clone()).header(
                "Content-Type",
                "content_type",
                "application/json",
            )?,
            (ProxyBody::Json(Ok(bytes)) | ProxyBody::Raw(bytes), Some(ct)) => req
                .bytes(bytes.clone())
                .header("Content-Type", "headers.Content-Type", ct)?,
            (ProxyBody::Raw(bytes), None) => req.bytes(bytes.clone()),
            (ProxyBody::None, Some(ct)) => {
                req.header("Content-Type", "headers.Content-Type", ct)?
            }
            (ProxyBody::None, None) => req,
        };
        if let Some(idempotent) = self.idempotent {
            req = req.idempotent(idempotent);
        }
        Ok(req)
    }

    fn decode(&self, response: HttpResponse) -> Result<ProxyResponse, Error> {
        Ok(ProxyResponse::from(response))
    }
}

// The operations of this group declared by the table (`request = "table"`).
include!("proxy.gen.rs");
