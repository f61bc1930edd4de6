//! Checking the signatures of the webhooks Nango sends (synchronous, like the
//! official SDK). `js/nango.gen.js` reads the body's bytes and the signature header;
//! the event itself is parsed there by `JSON.parse`, once the signature holds.

use wasm_bindgen::prelude::*;

use crate::error::object;
use crate::{shim, Core};

#[wasm_bindgen]
impl Core {
    /// Whether `signature` (the `X-Nango-Hmac-Sha256` header) is the HMAC-SHA256
    /// of `body` under the webhook signing key (else the deprecated secret key),
    /// compared in constant time.
    pub fn verify(&self, body: &[u8], signature: Option<String>) -> bool {
        signature.is_some_and(|s| {
            self.client
                .webhook_verifier()
                .verify_signature(body, s.trim())
                .is_ok()
        })
    }

    /// Whether `signature` is the deprecated `X-Nango-Signature` of `body` (SHA-256
    /// of key + body), which is open to length-extension forgery.
    #[wasm_bindgen(js_name = verifyLegacy)]
    pub fn verify_legacy(&self, body: &[u8], signature: Option<String>) -> bool {
        #[allow(deprecated)]
        signature.is_some_and(|s| {
            self.client
                .webhook_verifier()
                .verify_legacy_signature(body, s.trim())
                .is_ok()
        })
    }

    /// Throws the `NangoError` (`kind: "webhook"`, `code: "invalid_signature"`)
    /// of a missing, malformed or wrong signature of `body`.
    pub fn check(&self, body: &[u8], signature: Option<String>) -> Result<(), JsValue> {
        let pairs: Vec<(&str, String)> = signature
            .map(|s| vec![(nango_core::webhook::SIGNATURE_HEADER, s.trim().to_owned())])
            .unwrap_or_default();
        self.client
            .webhook_verifier()
            .verify_pairs(body, pairs)
            .map_err(|e| {
                shim::make_error(
                    "webhook",
                    &e.to_string(),
                    &object(&[("code", JsValue::from_str("invalid_signature"))]),
                )
            })
    }
}
