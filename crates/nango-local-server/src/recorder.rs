//! Records every request the server receives (except `/_admin/` calls and CORS preflights).

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
    /// Body bytes.
    pub body: Vec<u8>,
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
            "time": iso_ms(ms),
        })
    }
}

/// The request log (bounded; the oldest entries are dropped first).
pub struct Recorder {
    list: Mutex<VecDeque<RecordedRequest>>,
    max: usize,
}

impl Recorder {
    /// A recorder keeping at most `max` requests.
    pub fn new(max: usize) -> Self {
        Recorder {
            list: Mutex::new(VecDeque::new()),
            max: max.max(1),
        }
    }

    /// Appends a request.
    pub fn push(&self, r: RecordedRequest) {
        let mut l = lock(&self.list);
        if l.len() >= self.max {
            l.pop_front();
        }
        l.push_back(r);
    }

    /// All requests, oldest first.
    pub fn all(&self) -> Vec<RecordedRequest> {
        lock(&self.list).iter().cloned().collect()
    }

    /// Forgets all requests.
    pub fn clear(&self) {
        lock(&self.list).clear();
    }
}
