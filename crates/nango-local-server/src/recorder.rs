//! Records every request the server receives (except `/_admin/` calls, CORS preflights and
//! refused requests).
//!
//! The log is bounded: by count (oldest first), by the bytes of one body kept
//! ([`RECORDED_BODY_MAX`], the rest counted in `body_size` only) and by the bytes of all
//! kept bodies together ([`RECORDED_BYTES_MAX`]), so that large uploads are not held
//! after their requests end.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

use crate::state::lock;
use crate::time::iso_ms;

/// A request as received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// Method (`GET`).
    pub method: String,
    /// Path, percent-encoded as sent (`/connections/abc`).
    pub path: String,
    /// Raw query string, without `?`.
    pub query: Option<String>,
    /// Headers in order (names lowercase).
    pub headers: Vec<(String, String)>,
    /// Body bytes: the whole body, or its first [`RECORDED_BODY_MAX`] bytes.
    pub body: Vec<u8>,
    /// Size of the whole body as received, in bytes.
    pub body_size: usize,
    /// Reception time.
    pub time: SystemTime,
}

impl RecordedRequest {
    /// First value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Body as (lossy) UTF-8.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Body parsed as JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// JSON form used by `GET /_admin/requests`.
    pub fn to_json(&self) -> Value {
        let ms = self
            .time
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let headers: serde_json::Map<String, Value> = {
            let mut m = serde_json::Map::new();
            for (k, v) in &self.headers {
                match m.get_mut(k) {
                    Some(Value::String(prev)) => {
                        prev.push_str(", ");
                        prev.push_str(v);
                    }
                    _ => {
                        m.insert(k.clone(), Value::String(v.clone()));
                    }
                }
            }
            m
        };
        json!({
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": headers,
            "header_list": self.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "body": self.body_text(),
            "body_base64": STANDARD.encode(&self.body),
            "body_size": self.body_size,
            "body_truncated": self.body.len() < self.body_size,
            "time": iso_ms(ms),
        })
    }
}

/// Most bytes of one request body the log keeps (1 MiB).
pub const RECORDED_BODY_MAX: usize = 1024 * 1024;

/// Most bytes of bodies the whole log keeps (32 MiB); the oldest requests go first.
pub const RECORDED_BYTES_MAX: usize = 32 * 1024 * 1024;

#[derive(Default)]
struct Log {
    list: VecDeque<RecordedRequest>,
    /// Sum of the kept bodies' lengths.
    bytes: usize,
}

/// The request log (bounded; the oldest entries are dropped first).
pub struct Recorder {
    log: Mutex<Log>,
    max: usize,
}

impl Recorder {
    /// A recorder keeping at most `max` requests.
    pub fn new(max: usize) -> Self {
        Recorder {
            log: Mutex::new(Log::default()),
            max: max.max(1),
        }
    }

    /// Appends a request, its body cut to [`RECORDED_BODY_MAX`] bytes.
    pub fn push(&self, mut r: RecordedRequest) {
        if r.body.len() > RECORDED_BODY_MAX {
            r.body.truncate(RECORDED_BODY_MAX);
            r.body.shrink_to_fit();
        }
        let mut log = lock(&self.log);
        while log.list.len() >= self.max
            || (!log.list.is_empty() && log.bytes + r.body.len() > RECORDED_BYTES_MAX)
        {
            if let Some(old) = log.list.pop_front() {
                log.bytes -= old.body.len();
            }
        }
        log.bytes += r.body.len();
        log.list.push_back(r);
    }

    /// All requests, oldest first.
    pub fn all(&self) -> Vec<RecordedRequest> {
        lock(&self.log).list.iter().cloned().collect()
    }

    /// Forgets all requests.
    pub fn clear(&self) {
        let mut log = lock(&self.log);
        log.list.clear();
        log.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(body: usize) -> RecordedRequest {
        RecordedRequest {
            method: "POST".into(),
            path: "/x".into(),
            query: None,
            headers: Vec::new(),
            body: vec![b'a'; body],
            body_size: body,
            time: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn bodies_are_bounded_one_by_one_and_together() {
        let r = Recorder::new(1000);
        r.push(req(RECORDED_BODY_MAX + 10));
        let all = r.all();
        assert_eq!(all[0].body.len(), RECORDED_BODY_MAX);
        assert_eq!(all[0].body_size, RECORDED_BODY_MAX + 10);
        assert_eq!(all[0].to_json()["body_truncated"], true);
        for _ in 0..40 {
            r.push(req(RECORDED_BODY_MAX));
        }
        let all = r.all();
        assert_eq!(all.len(), RECORDED_BYTES_MAX / RECORDED_BODY_MAX);
        assert!(all.iter().map(|r| r.body.len()).sum::<usize>() <= RECORDED_BYTES_MAX);
        r.clear();
        r.push(req(3));
        assert_eq!(r.all().len(), 1);
    }
}
