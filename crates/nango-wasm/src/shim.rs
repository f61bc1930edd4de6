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

    /// An async iterator over the items of a pager's pages.
    pub fn items(pager: JsValue) -> JsValue;

    /// A header of a `Headers` or a plain object, in any case.
    pub fn header(headers: &JsValue, name: &str) -> Option<String>;

    /// A proxied body decoded for `responseType`.
    #[wasm_bindgen(js_name = decodeBody)]
    pub fn decode_body(bytes: Vec<u8>, response_type: &str) -> JsValue;

}
