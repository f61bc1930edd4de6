//! Webhooks sent by the server: canonical (sorted, compact) JSON bodies, HMAC signatures,
//! delivery with retries, and a log of deliveries.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::state::{lock, App};
use crate::time::iso_ms;

/// One webhook delivery (all its attempts).
#[derive(Debug, Clone)]
pub struct WebhookDelivery {
    /// Delivery id.
    pub id: String,
    /// Webhook `type` (`auth`, `sync`, `forward`, `async_action`, ...).
    pub kind: String,
    /// Target URL.
    pub url: String,
    /// Exact body bytes sent.
    pub body: String,
    /// Headers sent.
    pub headers: Vec<(String, String)>,
    /// Attempts made so far.
    pub attempts: u32,
    /// Status of the last attempt.
    pub status: Option<u16>,
    /// Error of the last attempt.
    pub error: Option<String>,
    /// Whether an attempt got a non-5xx answer.
    pub delivered: bool,
    /// Whether delivery is finished (delivered or given up).
    pub done: bool,
    /// When the webhook was produced.
    pub time: SystemTime,
}

impl WebhookDelivery {
    /// The body parsed as JSON.
    pub fn body_json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// A header by name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// JSON form used by `GET /_admin/webhooks`.
    pub fn to_json(&self) -> Value {
        let ms = self
            .time
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let headers: serde_json::Map<String, Value> = self
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        json!({
            "id": self.id,
            "type": self.kind,
            "url": self.url,
            "body": self.body,
            "headers": headers,
            "attempts": self.attempts,
            "status": self.status,
            "error": self.error,
            "delivered": self.delivered,
            "done": self.done,
            "time": iso_ms(ms),
        })
    }
}

/// The delivery log.
#[derive(Default)]
pub struct WebhookLog {
    list: Mutex<Vec<WebhookDelivery>>,
}

impl WebhookLog {
    /// All deliveries, oldest first.
    pub fn all(&self) -> Vec<WebhookDelivery> {
        lock(&self.list).clone()
    }

    /// Forgets all deliveries.
    pub fn clear(&self) {
        lock(&self.list).clear();
    }

    fn push(&self, d: WebhookDelivery) {
        lock(&self.list).push(d);
    }

    fn update(&self, id: &str, f: impl FnOnce(&mut WebhookDelivery)) {
        if let Some(d) = lock(&self.list).iter_mut().find(|d| d.id == id) {
            f(d);
        }
    }
}

/// Compact JSON with object keys sorted at every level (independent of serde_json features).
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(*k) {
                    write_canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `X-Nango-Hmac-Sha256`: hex HMAC-SHA256 of the body with the signing key.
pub fn hmac_signature(key: &str, body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Legacy `X-Nango-Signature`: hex SHA-256 of key followed by body.
pub fn legacy_signature(key: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(key.as_bytes());
    h.update(body);
    hex::encode(h.finalize())
}

/// Sends a webhook to the environment's URLs (or to the connection's override URL).
pub fn dispatch(app: &App, env_id: i64, body: &Value, url_override: Option<String>) {
    let (key, urls) = {
        let st = app.st();
        let Some(env) = st.env(env_id) else { return };
        let urls = match url_override.filter(|u| !u.is_empty()) {
            Some(u) => vec![u],
            None => env.webhook_urls.clone(),
        };
        (env.signing_key(), urls)
    };
    send_signed(app, &key, urls, body);
}

/// Sends a raw (already shaped) body signed with `key` to `urls`.
pub fn send_signed(app: &App, key: &str, urls: Vec<String>, body: &Value) {
    if urls.is_empty() {
        return;
    }
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let text = canonical_json(body);
    let kind = body
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("forward")
        .to_string();
    let headers = vec![
        ("content-type".to_string(), "application/json".to_string()),
        (
            "x-nango-signature".to_string(),
            legacy_signature(key, text.as_bytes()),
        ),
        (
            "x-nango-hmac-sha256".to_string(),
            hmac_signature(key, text.as_bytes()),
        ),
        (
            "user-agent".to_string(),
            "Nango (nango-local-server)".to_string(),
        ),
    ];
    for url in urls {
        let id = uuid::Uuid::new_v4().to_string();
        app.webhook_log.push(WebhookDelivery {
            id: id.clone(),
            kind: kind.clone(),
            url: url.clone(),
            body: text.clone(),
            headers: headers.clone(),
            attempts: 0,
            status: None,
            error: None,
            delivered: false,
            done: false,
            time: SystemTime::now(),
        });
        let app = app.clone();
        let text = text.clone();
        let headers = headers.clone();
        handle.spawn(async move {
            deliver(app, id, url, text, headers).await;
        });
    }
}

async fn deliver(app: App, id: String, url: String, body: String, headers: Vec<(String, String)>) {
    let mut backoff = Duration::from_millis(100);
    for attempt in 1..=3u32 {
        let mut req = app
            .http
            .post(&url)
            .timeout(Duration::from_secs(20))
            .body(body.clone());
        for (k, v) in &headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let result = req.send().await;
        let retry = match result {
            Ok(res) => {
                let status = res.status().as_u16();
                let _ = res.bytes().await;
                let server_err = status >= 500;
                app.webhook_log.update(&id, |d| {
                    d.attempts = attempt;
                    d.status = Some(status);
                    d.error = None;
                    d.delivered = !server_err;
                });
                server_err
            }
            Err(e) => {
                let msg = e.to_string();
                app.webhook_log.update(&id, |d| {
                    d.attempts = attempt;
                    d.status = None;
                    d.error = Some(msg);
                });
                true
            }
        };
        if !retry || attempt == 3 {
            break;
        }
        tokio::time::sleep(backoff).await;
        backoff *= 2;
    }
    app.webhook_log.update(&id, |d| d.done = true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_sorts_keys() {
        let v = json!({"b": 1, "a": {"d": [1, {"z": null, "y": "x"}], "c": true}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":true,"d":[1,{"y":"x","z":null}]},"b":1}"#
        );
    }
}
