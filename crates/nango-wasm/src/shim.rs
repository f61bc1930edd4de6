//! Bindings to `js/shim.js`, the JavaScript half of the package that Rust calls:
//! the error class, and `fetch`, timers and the clock for [`FetchTransport`](crate::FetchTransport).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/shim.js")]
extern "C" {
    /// What `send` resolves to: a response, or `{error, message}`.
    pub type RawResponse;
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &RawResponse) -> u16;
    #[wasm_bindgen(method, getter)]
    pub fn headers(this: &RawResponse) -> Vec<String>;
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &RawResponse) -> Vec<u8>;
    #[wasm_bindgen(method, getter)]
    pub fn error(this: &RawResponse) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    pub fn message(this: &RawResponse) -> Option<String>;

    /// `fetch` with a timeout; never rejects.
    pub async fn send(
        fetch: &JsValue,
        url: &str,
        method: &str,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
        timeout_ms: f64,
        limit: f64,
    ) -> JsValue;

    /// A promise resolved after `ms`, rejected if `signal` aborts first.
    pub fn sleep(ms: f64, signal: &JsValue) -> js_sys::Promise;

    /// Milliseconds from a monotonic clock.
    pub fn now() -> f64;

    /// A `NangoError`.
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(kind: &str, message: &str, details: &JsValue) -> JsValue;
}
