//! Strict request validation with zod-like issues (query strings, JSON bodies, headers).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

use crate::error::{p, ApiError, Issue};

/// Name of a JSON value's type, as zod reports it.
pub fn type_name(v: Option<&Value>) -> &'static str {
    match v {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

/// `invalid_type` issue.
pub fn type_issue(expected: &str, got: Option<&Value>, path: Vec<Value>) -> Issue {
    Issue::new(
        "invalid_type",
        format!(
            "Invalid input: expected {expected}, received {}",
            type_name(got)
        ),
        path,
    )
}

/// `unrecognized_keys` issue.
pub fn unrecognized(keys: &[String], path: Vec<Value>) -> Issue {
    let list: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
    let msg = if keys.len() == 1 {
        format!("Unrecognized key: {}", list.join(", "))
    } else {
        format!("Unrecognized keys: {}", list.join(", "))
    };
    Issue::new("unrecognized_keys", msg, path)
}

/// A parsed query string (pairs in order, percent-decoded).
#[derive(Debug, Default, Clone)]
pub struct Query {
    /// Decoded pairs.
    pub pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|r| {
                form_urlencoded::parse(r.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Query { pairs }
    }

    /// First value of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// All values of a key (also `key[]`).
    pub fn all(&self, key: &str) -> Vec<&str> {
        let alt = format!("{key}[]");
        self.pairs
            .iter()
            .filter(|(k, _)| k == key || *k == alt)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Rejects keys not in `allowed` (deep-object keys `name[x]` are allowed when `name[` is listed).
    pub fn only(&self, allowed: &[&str]) -> Result<(), ApiError> {
        let mut unknown: Vec<String> = Vec::new();
        for (k, _) in &self.pairs {
            let base = k.split('[').next().unwrap_or(k);
            let ok = allowed.iter().any(|a| {
                if let Some(prefix) = a.strip_suffix('[') {
                    k.starts_with(&format!("{prefix}[")) && k.ends_with(']')
                } else {
                    *a == k || (k.ends_with("[]") && *a == base)
                }
            });
            if !ok && !unknown.contains(k) {
                unknown.push(k.clone());
            }
        }
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_query(&[unrecognized(&unknown, vec![])]))
        }
    }

    /// A boolean (`true`/`false`) value.
    pub fn bool(&self, key: &str, issues: &mut Vec<Issue>) -> Option<bool> {
        let v = self.get(key)?;
        match v {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                issues.push(Issue::new(
                    "invalid_value",
                    "Invalid input: expected \"true\" or \"false\"",
                    vec![p(key)],
                ));
                None
            }
        }
    }

    /// An integer value within bounds.
    pub fn int(&self, key: &str, min: i64, max: i64, issues: &mut Vec<Issue>) -> Option<i64> {
        let v = self.get(key)?;
        int_in(v, key, min, max, issues)
    }

    /// A required string value.
    pub fn required(&self, key: &str, issues: &mut Vec<Issue>) -> Option<String> {
        match self.get(key) {
            Some(v) if !v.is_empty() => Some(v.to_string()),
            Some(_) => {
                issues.push(Issue::new(
                    "too_small",
                    "Too small: expected string to have >=1 characters",
                    vec![p(key)],
                ));
                None
            }
            None => {
                issues.push(type_issue("string", None, vec![p(key)]));
                None
            }
        }
    }
}

/// Parses an integer string and checks bounds, recording issues under `key`.
pub fn int_in(v: &str, key: &str, min: i64, max: i64, issues: &mut Vec<Issue>) -> Option<i64> {
    match v.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n.fract() == 0.0 => {
            let n = n as i64;
            if n < min {
                issues.push(Issue::new(
                    "too_small",
                    format!("Too small: expected number to be >={min}"),
                    vec![p(key)],
                ));
                None
            } else if n > max {
                issues.push(Issue::new(
                    "too_big",
                    format!("Too big: expected number to be <={max}"),
                    vec![p(key)],
                ));
                None
            } else {
                Some(n)
            }
        }
        Ok(n) if n.is_finite() => {
            issues.push(Issue::new(
                "invalid_type",
                "Invalid input: expected int, received number",
                vec![p(key)],
            ));
            None
        }
        _ => {
            issues.push(Issue::new(
                "invalid_type",
                "Invalid input: expected number, received NaN",
                vec![p(key)],
            ));
            None
        }
    }
}

/// Validator over a JSON object body.
pub struct Check<'a> {
    obj: Option<&'a Map<String, Value>>,
    /// Collected issues.
    pub issues: Vec<Issue>,
    prefix: Vec<Value>,
}

impl<'a> Check<'a> {
    /// Starts validating `v`, which must be an object.
    pub fn new(v: &'a Value) -> Self {
        Self::at(v, vec![])
    }

    /// Validates a nested object at `prefix`.
    pub fn at(v: &'a Value, prefix: Vec<Value>) -> Self {
        let mut issues = Vec::new();
        let obj = match v {
            Value::Object(m) => Some(m),
            other => {
                issues.push(type_issue("object", Some(other), prefix.clone()));
                None
            }
        };
        Check {
            obj,
            issues,
            prefix,
        }
    }

    fn path(&self, key: &str) -> Vec<Value> {
        let mut p = self.prefix.clone();
        p.push(Value::String(key.to_string()));
        p
    }

    /// The raw value of a key (`null` counts as present).
    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.obj.and_then(|m| m.get(key))
    }

    /// A string field.
    pub fn str(&mut self, key: &str, required: bool) -> Option<&'a str> {
        match self.value(key) {
            Some(Value::String(s)) => Some(s.as_str()),
            None if !required => None,
            other => {
                if self.obj.is_some() {
                    let path = self.path(key);
                    self.issues.push(type_issue("string", other, path));
                }
                None
            }
        }
    }

    /// A non-empty string field.
    pub fn nonempty(&mut self, key: &str, required: bool) -> Option<&'a str> {
        let s = self.str(key, required)?;
        if s.is_empty() {
            let path = self.path(key);
            self.issues.push(Issue::new(
                "too_small",
                "Too small: expected string to have >=1 characters",
                path,
            ));
            return None;
        }
        Some(s)
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &str, required: bool) -> Option<bool> {
        match self.value(key) {
            Some(Value::Bool(b)) => Some(*b),
            None if !required => None,
            other => {
                if self.obj.is_some() {
                    let path = self.path(key);
                    self.issues.push(type_issue("boolean", other, path));
                }
                None
            }
        }
    }

    /// An integer field within bounds.
    pub fn int(&mut self, key: &str, required: bool, min: i64, max: i64) -> Option<i64> {
        match self.value(key) {
            Some(Value::Number(n)) => {
                let Some(i) = n.as_i64() else {
                    let path = self.path(key);
                    self.issues.push(Issue::new(
                        "invalid_type",
                        "Invalid input: expected int, received number",
                        path,
                    ));
                    return None;
                };
                if i < min {
                    let path = self.path(key);
                    self.issues.push(Issue::new(
                        "too_small",
                        format!("Too small: expected number to be >={min}"),
                        path,
                    ));
                    None
                } else if i > max {
                    let path = self.path(key);
                    self.issues.push(Issue::new(
                        "too_big",
                        format!("Too big: expected number to be <={max}"),
                        path,
                    ));
                    None
                } else {
                    Some(i)
                }
            }
            None if !required => None,
            other => {
                if self.obj.is_some() {
                    let path = self.path(key);
                    self.issues.push(type_issue("number", other, path));
                }
                None
            }
        }
    }

    /// An object field.
    pub fn object(&mut self, key: &str, required: bool) -> Option<&'a Map<String, Value>> {
        match self.value(key) {
            Some(Value::Object(m)) => Some(m),
            None if !required => None,
            other => {
                if self.obj.is_some() {
                    let path = self.path(key);
                    self.issues.push(type_issue("record", other, path));
                }
                None
            }
        }
    }

    /// An array-of-strings field.
    pub fn str_array(&mut self, key: &str, required: bool) -> Option<Vec<String>> {
        match self.value(key) {
            Some(Value::Array(a)) => {
                let mut out = Vec::new();
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::String(s) => out.push(s.clone()),
                        other => {
                            let mut path = self.path(key);
                            path.push(Value::from(i));
                            self.issues.push(type_issue("string", Some(other), path));
                        }
                    }
                }
                Some(out)
            }
            None if !required => None,
            other => {
                if self.obj.is_some() {
                    let path = self.path(key);
                    self.issues.push(type_issue("array", other, path));
                }
                None
            }
        }
    }

    /// A string-to-string record with at most `max_keys` keys and values of at most `max_len`.
    pub fn tags(
        &mut self,
        key: &str,
        max_keys: usize,
        max_len: usize,
    ) -> Option<Vec<(String, String)>> {
        let m = self.object(key, false)?;
        let mut out = Vec::new();
        if m.len() > max_keys {
            let path = self.path(key);
            self.issues.push(Issue::new(
                "custom",
                format!("Tags can have at most {max_keys} keys"),
                path,
            ));
        }
        for (k, v) in m {
            let mut path = self.path(key);
            path.push(Value::String(k.clone()));
            match v {
                Value::String(s) if s.chars().count() <= max_len => {
                    out.push((k.to_lowercase(), s.clone()))
                }
                Value::String(_) => self.issues.push(Issue::new(
                    "too_big",
                    format!("Too big: expected string to have <={max_len} characters"),
                    path,
                )),
                other => self.issues.push(type_issue("string", Some(other), path)),
            }
        }
        Some(out)
    }

    /// Adds a custom issue at `key`.
    pub fn custom(&mut self, key: Option<&str>, message: impl Into<String>) {
        let path = match key {
            Some(k) => self.path(k),
            None => self.prefix.clone(),
        };
        self.issues.push(Issue::new("custom", message, path));
    }

    /// Rejects keys not in `allowed`.
    pub fn strict(&mut self, allowed: &[&str]) {
        if let Some(m) = self.obj {
            let unknown: Vec<String> = m
                .keys()
                .filter(|k| !allowed.contains(&k.as_str()))
                .cloned()
                .collect();
            if !unknown.is_empty() {
                let issue = unrecognized(&unknown, self.prefix.clone());
                self.issues.push(issue);
            }
        }
    }

    /// Moves this check's issues into `other`.
    pub fn merge_into(self, other: &mut Vec<Issue>) {
        other.extend(self.issues);
    }

    /// `Ok` when there are no issues, else 400 `invalid_body`.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.issues.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_body(&self.issues))
        }
    }
}

/// Largest JSON body parsed by default (2 MiB; [`crate::ServerConfig::max_json_bytes`]).
/// Smaller than the limit of other bodies: a JSON document of many small values takes
/// tens of times its size once parsed.
pub const JSON_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The JSON body limit of the server, handed to [`JsonBody`] by the global layer.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON request body: checks the size (413 `payload_too_large`), the content type (415
/// `invalid_content_type`), parses it (400 `invalid_json`), and treats an empty body as
/// `{}`.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = req.headers().clone();
        let limit = req
            .extensions()
            .get::<JsonLimit>()
            .map_or(JSON_BODY_LIMIT, |l| l.0);
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::msg(400, "invalid_body", "Failed to read the request body"))?;
        if bytes.len() > limit {
            return Err(ApiError::msg(
                413,
                "payload_too_large",
                format!("JSON body larger than {limit} bytes"),
            ));
        }
        parse_json_body(&headers, &bytes).map(JsonBody)
    }
}

/// The logic of [`JsonBody`], usable on already-read bytes.
pub fn parse_json_body(headers: &HeaderMap, bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Value::Object(Map::new()));
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !(mime == "application/json"
        || (mime.starts_with("application/") && mime.ends_with("+json")))
    {
        return Err(ApiError::msg(
            415,
            "invalid_content_type",
            format!(
                "Unsupported content type: '{}'. Expected application/json",
                if mime.is_empty() { "none" } else { mime }
            ),
        ));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::msg(400, "invalid_json", format!("Invalid JSON body: {e}")))
}

/// A header as a string.
pub fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Requires the `Connection-Id` and `Provider-Config-Key` headers (400 `invalid_headers`).
pub fn connection_headers(headers: &HeaderMap) -> Result<(String, String), ApiError> {
    let mut issues = Vec::new();
    let pck = header_str(headers, "provider-config-key").map(str::to_string);
    let cid = header_str(headers, "connection-id").map(str::to_string);
    for (name, v) in [("provider-config-key", &pck), ("connection-id", &cid)] {
        match v {
            None => issues.push(type_issue("string", None, vec![p(name)])),
            Some(s) if s.is_empty() => issues.push(Issue::new(
                "too_small",
                "Too small: expected string to have >=1 characters",
                vec![p(name)],
            )),
            _ => {}
        }
    }
    match (pck, cid) {
        (Some(pck), Some(cid)) if issues.is_empty() => Ok((cid, pck)),
        _ => Err(ApiError::invalid_headers(&issues)),
    }
}
