//! Verifying the webhooks Nango sends (synchronous, like the official SDK).

use nango_core::webhook::SIGNATURE_HEADER;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{shim, Nango};

/// The raw bytes of a webhook body: a string, a `Uint8Array`, an `ArrayBuffer`, or
/// (when a framework already parsed it) an object, serialised with `JSON.stringify`.
fn body_bytes(body: &JsValue) -> Vec<u8> {
    if let Some(text) = body.as_string() {
        return text.into_bytes();
    }
    if let Some(bytes) = body.dyn_ref::<js_sys::Uint8Array>() {
        return bytes.to_vec();
    }
    if let Some(buffer) = body.dyn_ref::<js_sys::ArrayBuffer>() {
        return js_sys::Uint8Array::new(buffer).to_vec();
    }
    js_sys::JSON::stringify(body)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
        .into_bytes()
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `true` when the `X-Nango-Hmac-Sha256` header (any case; `headers` is a plain
    /// object or a `Headers`) is the HMAC-SHA256 of the raw `body` under the
    /// webhook signing key (`webhookSigningKey`, else the deprecated `secretKey`).
    /// Compared in constant time.
    #[wasm_bindgen(js_name = verifyIncomingWebhookRequest, skip_typescript)]
    pub fn verify_incoming_webhook_request(&self, body: JsValue, headers: JsValue) -> bool {
        let Some(signature) = shim::header(&headers, SIGNATURE_HEADER) else {
            return false;
        };
        self.client
            .webhook_verifier()
            .verify_signature(&body_bytes(&body), signature.trim())
            .is_ok()
    }

    /// Deprecated: checks `X-Nango-Signature` (SHA-256 of key + `JSON.stringify(body)`),
    /// which is open to length-extension forgery. Use `verifyIncomingWebhookRequest`.
    #[wasm_bindgen(js_name = verifyWebhookSignature, skip_typescript)]
    pub fn verify_webhook_signature(&self, signature: JsValue, json_payload: JsValue) -> bool {
        let Some(signature) = signature.as_string() else {
            return false;
        };
        let body = js_sys::JSON::stringify(&json_payload)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        #[allow(deprecated)]
        self.client
            .webhook_verifier()
            .verify_legacy_signature(body.as_bytes(), signature.trim())
            .is_ok()
    }
}
