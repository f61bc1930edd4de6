//! Fault injection: make matching requests slow, fail, or break at the transport level.

use std::sync::Mutex;

use serde_json::{json, Value};

use crate::state::lock;

/// What happens to a matching request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Wait this many milliseconds, then handle the request normally.
    Delay(u64),
    /// Answer with this status and body (a JSON body gets `content-type: application/json`).
    Status(u16, String),
    /// Close the connection without answering.
    DropConnection,
    /// Answer 200 with a `content-length` larger than the body, then close the connection.
    TruncatedBody,
    /// Answer 200 `application/json` with a body that is not valid JSON.
    MalformedBody,
}

/// A fault rule: method (any when `None`) and path (prefix, or glob with `*`/`?`), how many
/// times it fires (`None`: until cleared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Method to match (`GET`), any when `None`.
    pub method: Option<String>,
    /// Path prefix (`/connections`) or glob (`/proxy/*/items`).
    pub path: String,
    /// Effect.
    pub kind: FaultKind,
    /// Remaining times it fires; `None` for unlimited.
    pub times: Option<u32>,
}

impl Fault {
    /// A fault on any method for a path prefix or glob, firing until cleared.
    pub fn new(path: impl Into<String>, kind: FaultKind) -> Self {
        Fault {
            method: None,
            path: path.into(),
            kind,
            times: None,
        }
    }

    /// Restricts to one method.
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into().to_ascii_uppercase());
        self
    }

    /// Fires only `n` times.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// `Delay(ms)` shortcut.
    pub fn delay(path: impl Into<String>, ms: u64) -> Self {
        Self::new(path, FaultKind::Delay(ms))
    }

    /// `Status(code, body)` shortcut.
    pub fn status(path: impl Into<String>, code: u16, body: impl Into<String>) -> Self {
        Self::new(path, FaultKind::Status(code, body.into()))
    }

    /// `DropConnection` shortcut.
    pub fn drop_connection(path: impl Into<String>) -> Self {
        Self::new(path, FaultKind::DropConnection)
    }

    /// `TruncatedBody` shortcut.
    pub fn truncated_body(path: impl Into<String>) -> Self {
        Self::new(path, FaultKind::TruncatedBody)
    }

    /// `MalformedBody` shortcut.
    pub fn malformed_body(path: impl Into<String>) -> Self {
        Self::new(path, FaultKind::MalformedBody)
    }

    /// Whether this rule matches a request.
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        if self.path.contains('*') || self.path.contains('?') {
            glob(self.path.as_bytes(), path.as_bytes())
        } else {
            path.starts_with(&self.path)
        }
    }

    /// Parses the admin JSON form:
    /// `{"method"?, "path", "kind": "delay"|"status"|"drop"|"truncate"|"malformed", "ms"?, "status"?, "body"?, "times"?}`.
    pub fn from_json(v: &Value) -> Result<Fault, String> {
        let path = v
            .get("path")
            .and_then(Value::as_str)
            .ok_or("missing \"path\"")?
            .to_string();
        let kind_s = v
            .get("kind")
            .and_then(Value::as_str)
            .ok_or("missing \"kind\"")?;
        let kind = match kind_s {
            "delay" => FaultKind::Delay(
                v.get("ms")
                    .or_else(|| v.get("delay_ms"))
                    .and_then(Value::as_u64)
                    .ok_or("delay needs \"ms\"")?,
            ),
            "status" => {
                // A final answer: a 1xx would leave the client waiting for one.
                let code = v
                    .get("status")
                    .and_then(Value::as_u64)
                    .filter(|c| (200..=599).contains(c))
                    .ok_or("status needs \"status\" (200..599)")? as u16;
                let body = match v.get("body") {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => other.to_string(),
                };
                FaultKind::Status(code, body)
            }
            "drop" | "drop_connection" => FaultKind::DropConnection,
            "truncate" | "truncated_body" => FaultKind::TruncatedBody,
            "malformed" | "malformed_body" => FaultKind::MalformedBody,
            other => return Err(format!("unknown kind {other:?}")),
        };
        let times = match v.get("times").or_else(|| v.get("count")) {
            None | Some(Value::Null) => None,
            Some(t) => Some(
                t.as_u64()
                    .ok_or("\"times\" must be a number")?
                    .min(u32::MAX as u64) as u32,
            ),
        };
        let method = v
            .get("method")
            .and_then(Value::as_str)
            .map(|m| m.to_ascii_uppercase());
        Ok(Fault {
            method,
            path,
            kind,
            times,
        })
    }

    /// JSON form.
    pub fn to_json(&self) -> Value {
        let mut v = json!({"method": self.method, "path": self.path, "times": self.times});
        let (kind, extra) = match &self.kind {
            FaultKind::Delay(ms) => ("delay", json!({"ms": ms})),
            FaultKind::Status(c, b) => ("status", json!({"status": c, "body": b})),
            FaultKind::DropConnection => ("drop", json!({})),
            FaultKind::TruncatedBody => ("truncate", json!({})),
            FaultKind::MalformedBody => ("malformed", json!({})),
        };
        if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            m.insert("kind".into(), json!(kind));
            for (k, x) in e {
                m.insert(k.clone(), x.clone());
            }
        }
        v
    }
}

fn glob(pat: &[u8], s: &[u8]) -> bool {
    let (mut p, mut i) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while i < s.len() {
        if p < pat.len() && (pat[p] == b'?' || pat[p] == s[i]) {
            p += 1;
            i += 1;
        } else if p < pat.len() && pat[p] == b'*' {
            star = Some(p);
            mark = i;
            p += 1;
        } else if let Some(sp) = star {
            p = sp + 1;
            mark += 1;
            i = mark;
        } else {
            return false;
        }
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

/// The active fault rules.
#[derive(Default)]
pub struct Faults {
    list: Mutex<Vec<Fault>>,
}

impl Faults {
    /// Adds a rule.
    pub fn add(&self, f: Fault) {
        lock(&self.list).push(f);
    }

    /// Removes all rules.
    pub fn clear(&self) {
        lock(&self.list).clear();
    }

    /// Active rules.
    pub fn all(&self) -> Vec<Fault> {
        lock(&self.list).clone()
    }

    /// The effect for a request, consuming one use of the first matching rule.
    pub fn take(&self, method: &str, path: &str) -> Option<FaultKind> {
        let mut l = lock(&self.list);
        let idx = l.iter().position(|f| f.matches(method, path))?;
        let kind = l[idx].kind.clone();
        if let Some(t) = l[idx].times.as_mut() {
            *t = t.saturating_sub(1);
            if *t == 0 {
                l.remove(idx);
            }
        }
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let f = Fault::delay("/connections", 1).method("get");
        assert!(f.matches("GET", "/connections/abc"));
        assert!(!f.matches("POST", "/connections"));
        let g = Fault::delay("/proxy/*/items", 1);
        assert!(g.matches("GET", "/proxy/v1/x/items"));
        assert!(!g.matches("GET", "/proxy/v1/x/items/2"));
    }

    #[test]
    fn counting() {
        let fs = Faults::default();
        fs.add(Fault::status("/x", 503, "").times(2));
        assert!(fs.take("GET", "/x").is_some());
        assert!(fs.take("GET", "/x").is_some());
        assert!(fs.take("GET", "/x").is_none());
    }
}
