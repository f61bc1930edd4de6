//! The proxy: requests to the provider's API with the connection's credentials.

use http::Method;
use js_sys::Promise;
use nango_core::ops::proxy::Proxy;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{invalid, missing};
use crate::js::{self, field, json_text, request, to_json};
use crate::Nango;

/// A query or header value as text.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(crate::js::display(other)),
    }
}

/// The `ProxyConfiguration` as a core operation, and the `responseType` code.
fn proxy_op(config: &JsValue, method: Option<&str>) -> Result<(Proxy, u8), JsValue> {
    let c = to_json(config)?;
    let endpoint = field(&c, "endpoint").ok_or_else(|| missing("endpoint"))?;
    let method = method
        .map(str::to_owned)
        .or_else(|| field(&c, "method"))
        .unwrap_or_else(|| "GET".into());
    let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .map_err(|_| invalid("method", "not an HTTP method"))?;
    let mut op = Proxy::new(method, endpoint);
    if let Some(key) = field(&c, "providerConfigKey") {
        op = op.provider_config_key(key);
    }
    if let Some(id) = field(&c, "connectionId") {
        op = op.connection_id(id);
    }
    if let Some(Value::Object(headers)) = c.get("headers") {
        for (name, value) in headers {
            if let Some(value) = text(value) {
                op = op.header(name.clone(), value);
            }
        }
    }
    match c.get("params") {
        Some(Value::String(q)) if !q.is_empty() => op = op.query_string(q.clone()),
        Some(Value::Object(params)) => {
            for (key, value) in params {
                if let Some(value) = text(value) {
                    op = op.param(key.clone(), value);
                }
            }
        }
        _ => {}
    }
    if let Some(url) = field(&c, "baseUrlOverride") {
        op = op.base_url_override(url);
    }
    if let Some(n) = c.get("retries").and_then(Value::as_u64).filter(|n| *n > 0) {
        op = op.retries(n as u32);
    }
    if c.get("decompress").and_then(Value::as_bool) == Some(true) {
        op = op.decompress(true);
    }
    if let Some(Value::Array(codes)) = c.get("retryOn") {
        op = op.retry_on(codes.iter().filter_map(Value::as_u64).map(|n| n as u16));
    }
    if let Some(forward) = c.get("forwardHeadersOnRedirect").and_then(Value::as_bool) {
        op = op.forward_headers_on_redirect(forward);
    }
    // `data` keeps its bytes: text and binary as they are, anything else as JSON.
    let data = js::prop(config, "data");
    if let Some(s) = data.as_string() {
        op = op.body(s.into_bytes());
    } else if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
        op = op.body(bytes.to_vec());
    } else if let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() {
        op = op.body(js_sys::Uint8Array::new(buffer).to_vec());
    } else if !data.is_undefined() && !data.is_null() {
        op = op.json(&json_text(&data)?);
    }
    let kind = match field(&c, "responseType").as_deref() {
        Some("text") => 1,
        Some("arraybuffer") => 2,
        Some("blob") => 3,
        Some("stream") => 4,
        _ => 0,
    };
    Ok((op, kind))
}

impl Nango {
    fn proxy_with(&self, config: &JsValue, method: Option<&str>) -> Promise {
        let prepared =
            proxy_op(config, method).and_then(|(op, kind)| Ok((request(&self.client, &op)?, kind)));
        match prepared {
            Ok((req, kind)) => js::send(&self.client, Ok(req), js::proxy_shape(kind)),
            Err(e) => Promise::reject(&e),
        }
    }
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// A request through the proxy (`{ endpoint, method?, providerConfigKey?,
    /// connectionId?, headers?, params?, data?, retries?, retryOn?, baseUrlOverride?,
    /// decompress?, responseType?, forwardHeadersOnRedirect? }`; the ids default to
    /// the client's). Resolves to `{ status, statusText, headers, data }` (the
    /// upstream's answer); a non-2xx answer rejects with a `NangoError` whose
    /// `response` holds it.
    #[wasm_bindgen(skip_typescript)]
    pub fn proxy(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, None)
    }

    /// `proxy` with `GET`.
    #[wasm_bindgen(skip_typescript)]
    pub fn get(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, Some("GET"))
    }

    /// `proxy` with `POST`.
    #[wasm_bindgen(skip_typescript)]
    pub fn post(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, Some("POST"))
    }

    /// `proxy` with `PUT`.
    #[wasm_bindgen(skip_typescript)]
    pub fn put(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, Some("PUT"))
    }

    /// `proxy` with `PATCH`.
    #[wasm_bindgen(skip_typescript)]
    pub fn patch(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, Some("PATCH"))
    }

    /// `proxy` with `DELETE`.
    #[wasm_bindgen(skip_typescript)]
    pub fn delete(&self, config: JsValue) -> Promise {
        self.proxy_with(&config, Some("DELETE"))
    }
}
