//! Bindings to `js/shim.js`, the small JavaScript half of the package.

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
    ) -> JsValue;

    /// A promise resolved after `ms`, rejected if `signal` aborts first.
    pub fn sleep(ms: f64, signal: &JsValue) -> js_sys::Promise;

    /// Milliseconds from a monotonic clock.
    pub fn now() -> f64;

    /// A `NangoError`.
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(kind: &str, message: &str, details: &JsValue) -> JsValue;

    /// Sends an [`Exchange`](crate::js::Exchange) with retries and resolves to the
    /// answer in a shape (see [`Shape`](crate::js::Shape)); frees the exchange
    /// unless `keep`.
    pub fn execute(exchange: JsValue, shape: u8, keep: bool) -> js_sys::Promise;

    /// An async iterator over the items of a pager's pages (`request()` gives the
    /// next page's exchange or `undefined`, `advance(page)` the page's items).
    pub fn items(pager: JsValue) -> JsValue;

    /// Polls with `exchange` (a list of connections) until one of `key` appears.
    #[wasm_bindgen(js_name = waitForConnection)]
    pub fn wait_for_connection(
        exchange: JsValue,
        key: &str,
        first_delay: f64,
        delay: f64,
        attempts: u32,
        signal: &JsValue,
    ) -> js_sys::Promise;

    /// Reads a `Request`'s body once and hands it to `check.parse(body, headers)`.
    #[wasm_bindgen(js_name = verifyRequest)]
    pub fn verify_request(request: JsValue, check: JsValue) -> js_sys::Promise;

    /// A header of a `Headers` or a plain object, in any case.
    pub fn header(headers: &JsValue, name: &str) -> Option<String>;

}
