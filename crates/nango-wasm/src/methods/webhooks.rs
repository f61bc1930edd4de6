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

/// Verifies `body` against the signature in `headers` and returns the event: the
/// signed JSON exactly as Nango sent it, parsed by `JSON.parse` (the TypeScript
/// union `NangoWebhookEvent` describes it). Otherwise the `NangoError` (`kind:
/// "webhook"`) saying why it was refused: `invalid_signature`, or `invalid_webhook`
/// for a signed body that is not JSON.
fn verified_event(
    client: &crate::js::Inner,
    body: &[u8],
    headers: &JsValue,
) -> Result<JsValue, JsValue> {
    let pairs: Vec<(&str, String)> = shim::header(headers, SIGNATURE_HEADER)
        .map(|signature| vec![(SIGNATURE_HEADER, signature.trim().to_owned())])
        .unwrap_or_default();
    let refused = |code: &str, message: &str| {
        shim::make_error(
            "webhook",
            message,
            &crate::js::object(&[("code", JsValue::from_str(code))]),
        )
    };
    client
        .webhook_verifier()
        .verify_pairs(body, pairs)
        .map_err(|e| refused("invalid_signature", &e.to_string()))?;
    let text = std::str::from_utf8(body)
        .map_err(|_| refused("invalid_webhook", "the webhook body is not UTF-8 JSON"))?;
    js_sys::JSON::parse(text).map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        refused(
            "invalid_webhook",
            &format!("the webhook body is not JSON: {detail}"),
        )
    })
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// Verifies a webhook delivery and returns its typed event (a plain object with
    /// the wire names: `type` is `auth`, `sync`, `forward`, `async_action`, or a type
    /// Nango added since; a forwarded provider payload without Nango's envelope comes
    /// back as is). Throws a `NangoError` with `kind: "webhook"` and `code`
    /// `invalid_signature` (missing, malformed or wrong signature) or
    /// `invalid_webhook` (signed, but not JSON).
    #[wasm_bindgen(js_name = parseWebhook, skip_typescript)]
    pub fn parse_webhook(&self, body: JsValue, headers: JsValue) -> Result<JsValue, JsValue> {
        verified_event(&self.client, &body_bytes(&body), &headers)
    }

    /// Reads a `Request`'s raw body once, verifies it and returns the event (see
    /// `parseWebhook`). For Workers, Deno and other `fetch`-style servers:
    /// `const event = await nango.verifyWebhookRequest(request)`.
    #[wasm_bindgen(js_name = verifyWebhookRequest, skip_typescript)]
    pub fn verify_webhook_request(&self, request: JsValue) -> js_sys::Promise {
        let check = WebhookCheck {
            client: self.client.clone(),
        };
        shim::verify_request(request, check.into())
    }
}

/// Verifies a body read from a `Request` (see `verifyWebhookRequest`).
#[wasm_bindgen(skip_typescript)]
pub struct WebhookCheck {
    client: crate::js::Inner,
}

#[wasm_bindgen]
impl WebhookCheck {
    /// The event of `body`, verified against the signature in `headers`.
    pub fn parse(&self, body: &[u8], headers: JsValue) -> Result<JsValue, JsValue> {
        verified_event(&self.client, body, &headers)
    }
}
