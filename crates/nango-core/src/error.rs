//! The one public error type, and the pieces it carries.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use crate::encode;
use crate::json::read::{self, member};
use crate::json::JsonText;
use crate::macros::string_enum;
use crate::secret::Redactor;
use crate::transport::{TransportError, TransportErrorKind};

/// `d` in whole milliseconds (written as an integer: no float formatting).
fn whole_millis(d: &Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling Nango.
///
/// The variants tell apart input refused before anything was sent, failures below
/// HTTP, timeouts, errors answered by the API, and answers that could not be decoded.
/// No variant ever contains the API key or another secret.
///
/// ```
/// use nango_core::Error;
/// fn describe(e: &Error) -> &'static str {
///     match e {
///         Error::InvalidInput(_) => "fix the call",
///         Error::Api(api) if api.status == 429 => "slow down",
///         Error::Api(_) => "the API said no",
///         Error::Timeout(_) | Error::Transport(_) => "try again later",
///         _ => "unexpected",
///     }
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The arguments were refused before any request was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// No complete HTTP response: connection refused, reset, aborted...
    #[error(transparent)]
    Transport(TransportError),
    /// No response within the configured timeout (or the overall retry deadline).
    #[error("request timed out after {} ms", whole_millis(.0))]
    Timeout(Duration),
    /// The API answered with a non-success status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A success status whose body is not what the operation returns.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A long wait (for a connection, for an async action) ran out of attempts or time.
    #[error("gave up waiting: {0}")]
    WaitTimeout(String),
    /// The operation was cancelled by the caller.
    #[error("cancelled")]
    Cancelled,
    /// The answer's body passed the configured limit
    /// ([`ConfigBuilder::max_response_bytes`](crate::config::ConfigBuilder::max_response_bytes),
    /// or the proxy's); it was not read further.
    #[error("the answer is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A listing led back to a page it had already given (a cursor seen before,
    /// or the same page again): the stream stops instead of paging forever.
    #[error("pagination loop: {0}")]
    PaginationLoop(&'static str),
}

impl Error {
    /// The HTTP status of an API error, if this is one (see
    /// [`ApiError::status`] for a number that is not a valid status).
    ///
    /// ```
    /// use nango_core::{error::ApiError, Error};
    /// assert_eq!(Error::Cancelled.status(), None);
    /// let e = Error::Api(Box::new(ApiError::from_answer(404, None, bytes::Bytes::new())));
    /// assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
    /// ```
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            _ => None,
        }
    }

    /// The API error, if this is one.
    ///
    /// ```
    /// # use nango_core::Error;
    /// assert!(Error::Cancelled.as_api().is_none());
    /// ```
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    pub(crate) fn from_transport(
        err: TransportError,
        timeout: Option<Duration>,
        limit: Option<u64>,
    ) -> Self {
        match (err.kind(), timeout, limit) {
            (TransportErrorKind::Timeout, Some(t), _) => Error::Timeout(t),
            (TransportErrorKind::Aborted, _, _) => Error::Cancelled,
            (TransportErrorKind::TooLarge, _, Some(limit)) => Error::ResponseTooLarge { limit },
            _ => Error::Transport(err),
        }
    }

    /// This error with the client's secrets removed from every text the server
    /// sent (see [`Config::redactor`](crate::config::Config::redactor)); the bodies
    /// as received stay available through [`ApiError::unredacted_body`] and
    /// [`DecodeError::unredacted_body`].
    ///
    /// ```
    /// use nango_core::{config::Config, error::ApiError, Error};
    /// let cfg = Config::builder().api_key("a3f1c2d4-0000-4000-8000-000000000000").build()?;
    /// let body = br#"{"error":{"code":"invalid_secret_key","message":"Bearer a3f1c2d4-0000-4000-8000-000000000000"}}"#;
    /// let e = Error::Api(Box::new(ApiError::from_parts(401, &http::HeaderMap::new(), bytes::Bytes::from_static(body))));
    /// let e = e.redacted(cfg.redactor());
    /// assert_eq!(e.to_string(), "Nango API error 401 invalid_secret_key: Bearer [redacted]");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn redacted(self, config: &Redactor) -> Self {
        match self {
            Error::Api(mut api) => {
                api.redact(config);
                Error::Api(api)
            }
            Error::Decode(mut d) => {
                d.redact(config);
                Error::Decode(d)
            }
            Error::Transport(t) => Error::Transport(t.redacted(config)),
            Error::WaitTimeout(what) => Error::WaitTimeout(config.redact(&what).into_owned()),
            other => other,
        }
    }
}

/// `text` redacted in place.
fn redact_in(config: &Redactor, text: &mut String) {
    if let Cow::Owned(clean) = config.redact(text) {
        *text = clean;
    }
}

/// Which rule an argument broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidReason {
    /// A required value is empty.
    Empty,
    /// A value that goes into a header holds CR, LF or another control character.
    ControlCharacter,
    /// A path segment is `.` or `..`, which URL normalisation would swallow.
    DotSegment,
    /// Not a usable `http` or `https` URL.
    InvalidUrl,
    /// Two options that exclude each other were both given (e.g. `api_key` and `secret_key`).
    Conflict,
    /// A required value is missing.
    Missing,
    /// A value that cannot be encoded as JSON, or out of its allowed range.
    InvalidValue,
}

/// An argument refused before anything was sent.
///
/// The message names the argument and the rule, never its value (it may be a secret).
///
/// ```
/// use nango_core::error::{InvalidInput, InvalidReason};
/// let e = InvalidInput::new("connection_id", InvalidReason::Empty);
/// assert_eq!(e.to_string(), "invalid input: `connection_id` must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: `{field}` {}", self.describe())]
#[non_exhaustive]
pub struct InvalidInput {
    /// The argument, named as in the API (e.g. `connection_id`).
    pub field: String,
    /// The rule it broke.
    pub reason: InvalidReason,
    /// More detail, when there is any to give (never the value itself).
    pub detail: Option<String>,
}

impl InvalidInput {
    /// An error for `field` breaking `reason`.
    ///
    /// ```
    /// # use nango_core::error::{InvalidInput, InvalidReason};
    /// let e = InvalidInput::new("host", InvalidReason::InvalidUrl);
    /// assert_eq!(e.reason, InvalidReason::InvalidUrl);
    /// ```
    pub fn new(field: impl Into<String>, reason: InvalidReason) -> Self {
        Self {
            field: field.into(),
            reason,
            detail: None,
        }
    }

    /// Adds a detail to the message.
    ///
    /// ```
    /// # use nango_core::error::{InvalidInput, InvalidReason};
    /// let e = InvalidInput::new("limit", InvalidReason::InvalidValue).with_detail("at most 10000");
    /// assert!(e.to_string().ends_with("at most 10000"));
    /// ```
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    fn describe(&self) -> String {
        let base = match self.reason {
            InvalidReason::Empty => "must not be empty",
            InvalidReason::ControlCharacter => {
                "must not contain CR, LF or other control characters"
            }
            InvalidReason::DotSegment => "must not be `.` or `..`",
            InvalidReason::InvalidUrl => "is not a valid http(s) URL",
            InvalidReason::Conflict => "conflicts with another option",
            InvalidReason::Missing => "is required",
            InvalidReason::InvalidValue => "has an invalid value",
        };
        match &self.detail {
            Some(d) => format!("{base}: {d}"),
            None => base.to_owned(),
        }
    }
}

string_enum! {
    /// The error codes the Nango API is known to answer with. New codes appear
    /// without notice: they decode as [`ErrorCode::Other`].
    ErrorCode in "nango_core::error", example = "not_found" {
        /// 400: a query parameter is missing, unknown or invalid.
        InvalidQueryParams = "invalid_query_params",
        /// 400: the JSON body failed validation.
        InvalidBody = "invalid_body",
        /// 400: a path parameter is invalid.
        InvalidUriParams = "invalid_uri_params",
        /// 400: a header is invalid.
        InvalidHeaders = "invalid_headers",
        /// 400: the body is not JSON.
        InvalidJson = "invalid_json",
        /// 400: the connection does not exist (or no longer).
        UnknownConnection = "unknown_connection",
        /// 400: the connection exists but cannot be used.
        InvalidConnection = "invalid_connection",
        /// 400: a plan resource limit was reached.
        ResourceCapped = "resource_capped",
        /// 400: `Base-Url-Override` is disabled for this environment.
        BaseUrlOverrideDisabled = "base_url_override_disabled",
        /// 400: that `Base-Url-Override` is not allowed.
        BaseUrlOverrideNotAllowed = "base_url_override_not_allowed",
        /// 400: an action threw.
        ActionScriptFailure = "action_script_failure",
        /// 401: no `Authorization` header.
        MissingAuthHeader = "missing_auth_header",
        /// 401: the `Authorization` header is not `Bearer <key>`.
        MalformedAuthHeader = "malformed_auth_header",
        /// 401: no account has this key.
        UnknownAccount = "unknown_account",
        /// 401: the key is not valid.
        InvalidSecretKey = "invalid_secret_key",
        /// 401: the key is not a UUID.
        InvalidSecretKeyFormat = "invalid_secret_key_format",
        /// 401: the connect session token is unknown or expired.
        UnknownConnectSessionToken = "unknown_connect_session_token",
        /// 401: not authorised.
        Unauthorized = "unauthorized",
        /// 402: a plan limit was reached.
        PlanLimit = "plan_limit",
        /// 403: forbidden.
        Forbidden = "forbidden",
        /// 403: the key lacks a permission.
        InvalidPermissions = "invalid_permissions",
        /// 403: the feature is disabled.
        FeatureDisabled = "feature_disabled",
        /// 404: not found.
        NotFound = "not_found",
        /// 404: no integration with this key.
        UnknownProviderConfig = "unknown_provider_config",
        /// 404: no provider with this name.
        UnknownProviderTemplate = "unknown_provider_template",
        /// 404: no integration with this key.
        IntegrationNotFound = "integration_not_found",
        /// 404: no action with this name.
        UnknownAction = "unknown_action",
        /// 408: the action ran out of time.
        ActionTimeout = "action_timeout",
        /// 409: conflict.
        Conflict = "conflict",
        /// 409: an integration with this key exists.
        DuplicateProviderConfig = "duplicate_provider_config",
        /// 415: the content type is not JSON.
        InvalidContentType = "invalid_content_type",
        /// 424: the provider refused the stored credentials.
        InvalidCredentials = "invalid_credentials",
        /// 424: token refresh is backing off.
        ConnectionRefreshBackoff = "connection_refresh_backoff",
        /// 424: token refresh attempts are exhausted.
        ConnectionRefreshExhausted = "connection_refresh_exhausted",
        /// 424: a function's HTTP call failed.
        ScriptHttpError = "script_http_error",
        /// 424: a function hit the provider's rate limit.
        ScriptApiRateLimitError = "script_api_rate_limit_error",
        /// 429: the account's rate limit was reached.
        TooManyRequest = "too_many_request",
        /// 500: server error.
        ServerError = "server_error",
        /// 500: server error, contact support.
        GenericErrorSupport = "generic_error_support",
    }
}

/// One validation issue of a 400 answer (`errors[]`).
///
/// ```
/// let v: nango_core::error::ValidationIssue = serde_json::from_str(
///     r#"{"code":"invalid_string","message":"Unique key already exists","path":["uniqueKey"]}"#).unwrap();
/// assert_eq!(v.path, vec![nango_core::error::PathStep::Key("uniqueKey".into())]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValidationIssue {
    /// The issue's code (e.g. `invalid_string`).
    #[serde(default)]
    pub code: Option<String>,
    /// What is wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// Where: a list of keys and indices.
    #[serde(default)]
    pub path: Vec<PathStep>,
}

/// A step of a [`ValidationIssue`]'s path: an object key or an array index.
///
/// ```
/// use nango_core::error::PathStep;
/// let path: Vec<PathStep> = serde_json::from_str(r#"["syncs", 0, "name"]"#).unwrap();
/// assert_eq!(path[1], PathStep::Index(0));
/// assert_eq!(path[2].to_string(), "name");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum PathStep {
    /// An array index.
    Index(u64),
    /// An object key.
    Key(String),
}

impl fmt::Display for PathStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathStep::Index(i) => write!(f, "{i}"),
            PathStep::Key(key) => f.write_str(key),
        }
    }
}

/// A non-success answer from the API, with everything it said.
///
/// Every error body shape the Nango server is known to produce decodes here: the
/// usual `{"error":{"code","message","errors"}}`, the older
/// `{"error":{"message","code","payload"}}`, bare `{"message","code"}` from the
/// proxy, `{"error":"..."}`, and empty or non-JSON bodies (HTML 404 pages). The raw
/// body is kept as received.
///
/// ```
/// use nango_core::error::{ApiError, ErrorCode};
/// let e = ApiError::from_parts(404, &http::HeaderMap::new(),
///     bytes::Bytes::from_static(br#"{"error":{"code":"not_found","message":"Failed to find connection"}}"#));
/// assert_eq!(e.error_code(), Some(ErrorCode::NotFound));
/// assert_eq!(e.message.as_deref(), Some("Failed to find connection"));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status. A number that is not a valid HTTP status (outside
    /// `100..=999`; a browser reports an opaque redirect as `0`) is
    /// [`StatusCode::BAD_GATEWAY`] here, "an invalid answer from upstream",
    /// and the number stays in [`ApiError::raw_status`].
    pub status: StatusCode,
    /// The number the runtime reported, when it is not a valid status (kept
    /// apart so that `status` stays the one source of every valid one).
    invalid_status: Option<u16>,
    /// The error code string, when the body had one.
    pub code: Option<String>,
    /// The message, when the body had one.
    pub message: Option<String>,
    /// Validation issues (`errors[]`), empty when none.
    pub errors: Vec<ValidationIssue>,
    /// `error.payload` (older handlers) or other structured detail, when
    /// present, as the JSON text the server sent.
    pub payload: Option<JsonText>,
    /// The `Retry-After` header, when present (429 answers).
    pub retry_after: Option<Duration>,
    /// The response headers (the client's secrets redacted).
    pub headers: HeaderMap,
    /// The body (the client's secrets redacted; see
    /// [`ApiError::unredacted_body`]).
    pub body: Bytes,
    /// The body as received, when redacting changed it.
    unredacted: Option<Bytes>,
}

/// A code or message as text: strings as they are, integers and booleans
/// written out. Anything else (`null`, floats, arrays, objects) is left in the
/// raw body: reading it needs no JSON writer nor float parser, which keeps the
/// wasm package small.
fn scalar_text(raw: &str) -> Option<String> {
    match raw.as_bytes().first()? {
        b'"' => read::string(raw),
        b't' | b'f' => Some(raw.to_owned()),
        // An integer, written out as `to_string` would (`-0` is `0`).
        _ => match raw.parse::<i64>() {
            Ok(i) => {
                let sign = if i < 0 { "-" } else { "" };
                Some(sign.to_owned() + &encode::decimal(i.unsigned_abs()))
            }
            Err(_) => raw.parse::<u64>().ok().map(encode::decimal),
        },
    }
}

/// A step of a validation issue's path: a key, or an index (anything else is
/// left out; it stays in the raw body).
fn path_step(raw: &str) -> Option<PathStep> {
    if raw.starts_with('"') {
        return read::string(raw).map(PathStep::Key);
    }
    raw.parse::<u64>().map(PathStep::Index).ok()
}

/// The validation issues of `errors` (`[{code, message, path}]`), read field by
/// field; entries that are not objects are skipped. (Loops rather than iterator
/// chains: each chain is its own generic code in the wasm package.)
fn issues_of(errors: &str) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    for item in read::items(errors).unwrap_or_default() {
        let Ok(issue) = read::members(item) else {
            continue;
        };
        let mut path = Vec::new();
        for step in member(&issue, "path")
            .and_then(|p| read::items(p).ok())
            .unwrap_or_default()
        {
            path.extend(path_step(step));
        }
        issues.push(ValidationIssue {
            code: member(&issue, "code").and_then(scalar_text),
            message: member(&issue, "message").and_then(scalar_text),
            path,
        });
    }
    issues
}

impl ApiError {
    /// Decodes an error answer. Never fails: whatever is not understood stays in
    /// [`ApiError::body`].
    ///
    /// ```
    /// # use nango_core::error::ApiError;
    /// let e = ApiError::from_parts(500, &http::HeaderMap::new(), bytes::Bytes::new());
    /// assert_eq!(e.code, None);
    /// ```
    pub fn from_parts(status: u16, headers: &HeaderMap, body: Bytes) -> Self {
        let retry_after = headers
            .get(http::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok());
        let mut err = Self::from_answer(status, retry_after, body);
        err.headers = headers.clone();
        err
    }

    /// [`ApiError::from_parts`] for a client that holds the headers itself: only
    /// the `Retry-After` value is given, and [`ApiError::headers`] stays empty.
    ///
    /// ```
    /// # use nango_core::error::ApiError;
    /// let e = ApiError::from_answer(429, Some("1.5"), bytes::Bytes::new());
    /// assert_eq!(e.retry_after, Some(std::time::Duration::from_millis(1500)));
    /// assert!(e.headers.is_empty());
    /// ```
    pub fn from_answer(status: u16, retry_after: Option<&str>, body: Bytes) -> Self {
        let mut err = ApiError {
            // The number comes from a runtime (`fetch` gives `0` for an opaque
            // redirect): it must not panic, and it stays in `raw_status`.
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
            invalid_status: StatusCode::from_u16(status).is_err().then_some(status),
            code: None,
            message: None,
            errors: Vec::new(),
            payload: None,
            retry_after: retry_after.and_then(parse_retry_after),
            headers: HeaderMap::new(),
            body,
            unredacted: None,
        };
        // Read as a plain JSON value, field by field (no typed deserialiser: any
        // JSON at all is accepted), by the crate's own reader (no serde_json
        // parser in the wasm package).
        let Ok(text) = std::str::from_utf8(&err.body) else {
            return err;
        };
        let Ok(envelope) = read::members(text) else {
            return err;
        };
        match member(&envelope, "error") {
            Some(inner) if inner.starts_with('{') => {
                let inner = read::members(inner).unwrap_or_default();
                err.code = member(&inner, "code").and_then(scalar_text);
                err.message = member(&inner, "message").and_then(scalar_text);
                err.errors = member(&inner, "errors").map(issues_of).unwrap_or_default();
                err.payload =
                    member(&inner, "payload").map(|raw| JsonText::written(raw.to_owned()));
            }
            Some(message) if message.starts_with('"') => err.message = read::string(message),
            _ => {
                err.code = member(&envelope, "code").and_then(scalar_text);
                err.message = member(&envelope, "message").and_then(scalar_text);
            }
        }
        err
    }

    /// The code as a known [`ErrorCode`], when there is a code.
    ///
    /// ```
    /// # use nango_core::error::{ApiError, ErrorCode};
    /// let e = ApiError::from_parts(400, &http::HeaderMap::new(), bytes::Bytes::from_static(br#"{"error":{"code":"brand_new"}}"#));
    /// assert_eq!(e.error_code(), Some(ErrorCode::Other("brand_new".into())));
    /// ```
    pub fn error_code(&self) -> Option<ErrorCode> {
        self.code.as_deref().map(ErrorCode::from)
    }

    /// The status as an [`http::StatusCode`]: the same as [`ApiError::status`].
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// # use nango_core::error::ApiError;
    /// let e = ApiError::from_parts(429, &http::HeaderMap::new(), bytes::Bytes::new());
    /// assert_eq!(e.status_code(), http::StatusCode::TOO_MANY_REQUESTS);
    /// ```
    #[deprecated(note = "`status` is an `http::StatusCode` now")]
    pub fn status_code(&self) -> StatusCode {
        self.status
    }

    /// The status number as the runtime reported it: `status.as_u16()` for
    /// every valid HTTP status, and the number itself for one that is not
    /// (`0` for a browser's opaque redirect), which [`ApiError::status`]
    /// shows as [`StatusCode::BAD_GATEWAY`].
    ///
    /// ```
    /// # use nango_core::error::ApiError;
    /// let e = ApiError::from_answer(0, None, bytes::Bytes::new());
    /// assert_eq!((e.status, e.raw_status()), (http::StatusCode::BAD_GATEWAY, 0));
    /// let e = ApiError::from_answer(404, None, bytes::Bytes::new());
    /// assert_eq!((e.status, e.raw_status()), (http::StatusCode::NOT_FOUND, 404));
    /// ```
    pub fn raw_status(&self) -> u16 {
        self.invalid_status.unwrap_or(self.status.as_u16())
    }

    /// The body as text (lossy UTF-8), the client's secrets redacted.
    ///
    /// ```
    /// # use nango_core::error::ApiError;
    /// let e = ApiError::from_parts(404, &http::HeaderMap::new(), bytes::Bytes::from_static(b"<html>"));
    /// assert_eq!(e.body_text(), "<html>");
    /// ```
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body exactly as the server sent it, secrets it echoed included: never
    /// log it or show it to a user.
    ///
    /// ```
    /// use nango_core::{config::Config, error::ApiError, Error};
    /// let cfg = Config::builder().api_key("a3f1c2d4-0000-4000-8000-000000000000").build()?;
    /// let e = ApiError::from_parts(401, &http::HeaderMap::new(), "a3f1c2d4-0000-4000-8000-000000000000".into());
    /// let Error::Api(e) = Error::Api(Box::new(e)).redacted(cfg.redactor()) else { unreachable!() };
    /// assert_eq!(e.body.as_ref(), b"[redacted]");
    /// assert_eq!(e.unredacted_body().as_ref(), b"a3f1c2d4-0000-4000-8000-000000000000");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    pub fn unredacted_body(&self) -> &Bytes {
        self.unredacted.as_ref().unwrap_or(&self.body)
    }

    /// Removes `config`'s secrets from every text of the answer.
    fn redact(&mut self, config: &Redactor) {
        for text in [&mut self.code, &mut self.message].into_iter().flatten() {
            redact_in(config, text);
        }
        for issue in &mut self.errors {
            for text in [&mut issue.code, &mut issue.message].into_iter().flatten() {
                redact_in(config, text);
            }
            for step in &mut issue.path {
                if let PathStep::Key(key) = step {
                    redact_in(config, key);
                }
            }
        }
        if let Some(payload) = &self.payload {
            if let Cow::Owned(clean) = config.redact(payload.as_str()) {
                self.payload = Some(JsonText::written(clean));
            }
        }
        for value in self.headers.values_mut() {
            if let Cow::Owned(clean) = config.redact_bytes(value.as_bytes()) {
                // Replacing a secret with `[redacted]` keeps a valid value.
                if let Ok(v) = http::HeaderValue::from_bytes(&clean) {
                    *value = v;
                }
            }
        }
        if let Cow::Owned(clean) = config.redact_bytes(&self.body) {
            let raw = std::mem::replace(&mut self.body, Bytes::from(clean));
            self.unredacted.get_or_insert(raw);
        }
    }
}

/// Reads `Retry-After` as seconds (whole, the form Nango sends, `0` included, or
/// with a decimal fraction), at most a day. An HTTP date or anything else is
/// ignored. Parsed by hand: no float parser (and its tables) in the wasm package.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    const DAY: u64 = 86_400;
    let whole = whole.trim_start_matches('0');
    let secs = if whole.len() > 5 {
        DAY
    } else {
        whole.parse::<u64>().unwrap_or(0)
    };
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    Some(Duration::new(secs, nanos).min(Duration::from_secs(DAY)))
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.raw_status())
            .field("code", &self.code)
            .field("message", &self.message)
            .field("errors", &self.errors)
            .field("payload", &self.payload)
            .field("retry_after", &self.retry_after)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The number alone (`StatusCode`'s `Display` adds the reason phrase),
        // as the runtime reported it.
        write!(f, "Nango API error {}", self.raw_status())?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        for issue in &self.errors {
            f.write_str("; ")?;
            for (i, step) in issue.path.iter().enumerate() {
                if i > 0 {
                    f.write_str(".")?;
                }
                write!(f, "{step}")?;
            }
            write!(f, ": {}", issue.message.as_deref().unwrap_or("invalid"))?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A success answer whose body did not decode into the operation's result.
///
/// ```
/// let e = nango_core::error::DecodeError::new(http::StatusCode::OK, "expected an object", bytes::Bytes::from_static(b"[]"));
/// assert_eq!(e.body.as_ref(), b"[]");
/// ```
#[derive(Clone, thiserror::Error)]
#[error("could not decode the {} response: {message}", .status.as_u16())]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What did not decode: where (the field's path, line and column) and what
    /// was expected, never the value found (in a connection it may be a
    /// credential).
    pub message: String,
    /// The body (the client's secrets redacted; see
    /// [`DecodeError::unredacted_body`]).
    pub body: Bytes,
    /// The body as received, when redacting changed it.
    unredacted: Option<Bytes>,
}

impl DecodeError {
    /// A decode error for a `status` answer.
    ///
    /// ```
    /// let e = nango_core::error::DecodeError::new(http::StatusCode::OK, "eof", bytes::Bytes::new());
    /// assert_eq!(e.status, 200);
    /// ```
    pub fn new(status: StatusCode, message: impl Into<String>, body: Bytes) -> Self {
        Self {
            status,
            message: message.into(),
            body,
            unredacted: None,
        }
    }

    /// The body exactly as the server sent it, secrets it echoed included: never
    /// log it or show it to a user.
    ///
    /// ```
    /// let e = nango_core::error::DecodeError::new(http::StatusCode::OK, "eof", bytes::Bytes::from_static(b"{"));
    /// assert_eq!(e.unredacted_body().as_ref(), b"{");
    /// ```
    pub fn unredacted_body(&self) -> &Bytes {
        self.unredacted.as_ref().unwrap_or(&self.body)
    }

    fn redact(&mut self, config: &Redactor) {
        redact_in(config, &mut self.message);
        if let Cow::Owned(clean) = config.redact_bytes(&self.body) {
            let raw = std::mem::replace(&mut self.body, Bytes::from(clean));
            self.unredacted.get_or_insert(raw);
        }
    }
}

/// What a `serde_json` error says, without the value it quotes: `serde`'s
/// messages quote what they found (`invalid type: string "ghp_…", expected …`),
/// which in a connection is a credential. Kept: the kind of error, what was
/// expected, the field path (`.` for the root), line and column. Syntax errors
/// quote nothing and are kept whole.
pub(crate) fn json_error_message(path: String, err: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let full = err.to_string();
    // serde_json appends ` at line L column C`; it is written again below.
    let text = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let what = match err.classify() {
        Category::Data => {
            const KINDS: [&str; 5] = [
                "invalid type",
                "invalid value",
                "invalid length",
                "unknown variant",
                "unknown field",
            ];
            // `rfind`: the quoted value before it may itself hold ", expected ".
            let expected = text.rfind(", expected ").map(|at| &text[at + 2..]);
            if text.starts_with("missing field") || text.starts_with("duplicate field") {
                // The field is the model's name, not the server's value.
                text.to_owned()
            } else {
                let kind = KINDS
                    .iter()
                    .find(|k| text.starts_with(*k))
                    .copied()
                    .unwrap_or("invalid data");
                match expected {
                    Some(expected) => format!("{kind} at `{path}`: {expected}"),
                    None => format!("{kind} at `{path}`"),
                }
            }
        }
        _ => text.to_owned(),
    };
    match (what.contains(" at `"), err.line()) {
        (_, 0) => what,
        (true, line) => {
            let (head, tail) = what.split_once(": ").unwrap_or((what.as_str(), ""));
            let place = format!("{head} (line {line}, column {})", err.column());
            if tail.is_empty() {
                place
            } else {
                format!("{place}: {tail}")
            }
        }
        (false, line) if path != "." => {
            format!("{what} at `{path}` (line {line}, column {})", err.column())
        }
        (false, line) => format!("{what} (line {line}, column {})", err.column()),
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("message", &self.message)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod json_message_tests {
    use super::json_error_message;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Conn {
        credentials: Creds,
        #[serde(default)]
        kind: Option<Kind>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Creds {
        access_token: String,
    }
    #[derive(Debug, serde::Deserialize)]
    enum Kind {
        A,
    }

    fn message(body: &str) -> String {
        let mut de = serde_json::Deserializer::from_str(body);
        let err = serde_path_to_error::deserialize::<_, Conn>(&mut de).unwrap_err();
        json_error_message(err.path().to_string(), err.inner())
    }

    #[test]
    fn says_where_and_what_never_the_value() {
        let secret = "ghp_SECRETvalue, expected struct X";
        let cases = [
            (
                format!(r#"{{"credentials": "{secret}"}}"#),
                "invalid type at `credentials` (line 1, column 52): expected struct Creds",
            ),
            (
                format!(r#"{{"credentials": {{"access_token": ["{secret}"]}}}}"#),
                "invalid type at `credentials.access_token` (line 1, column 33): expected a string",
            ),
            (
                format!(r#"{{"credentials": {{"access_token": "x"}}, "kind": "{secret}"}}"#),
                "unknown variant at `kind` (line 1, column 83): expected `A`",
            ),
            (
                r#"{"credentials": {}}"#.to_owned(),
                "missing field `access_token` at `credentials` (line 1, column 18)",
            ),
        ];
        for (body, want) in cases {
            let got = message(&body);
            assert!(!got.contains("ghp_"), "{got}");
            assert_eq!(got, want, "{body}");
        }
    }

    #[test]
    fn syntax_errors_are_kept() {
        let got = message(r#"{"credentials": tru"#);
        assert_eq!(
            got,
            "EOF while parsing a value at `credentials` (line 1, column 19)"
        );
    }
}
