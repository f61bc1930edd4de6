//! Environments, API keys and the webhook signing key (endpoints the official SDK
//! does not cover).

use js_sys::Promise;
use nango_core::ops::environments::{
    CreateApiKey, CreateEnvironment, DeleteApiKey, DeleteEnvironment, RotateWebhookSigningKey,
};
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{call, json_text, request, string, Shape};
use crate::Nango;

/// A numeric id argument (a number or a string of digits).
fn id(value: &JsValue, name: &str) -> Result<u64, JsValue> {
    value
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .map(|n| n as u64)
        .or_else(|| string(value).and_then(|s| s.parse().ok()))
        .ok_or_else(|| missing(name))
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /environments` (`{ name, is_production?, callback_url?, ... }`).
    #[wasm_bindgen(js_name = createEnvironment, skip_typescript)]
    pub fn create_environment(&self, body: JsValue) -> Promise {
        let op =
            json_text(&body).and_then(|b| request(&self.client, &CreateEnvironment::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /environments/{id}`.
    #[wasm_bindgen(js_name = deleteEnvironment, skip_typescript)]
    pub fn delete_environment(&self, environment_id: JsValue) -> Promise {
        let op = id(&environment_id, "environmentId")
            .and_then(|id| request(&self.client, &DeleteEnvironment::new(id)));
        call(&self.client, op, Shape::Nothing)
    }

    /// `POST /environment/api-keys`: a new API key of the environment.
    #[wasm_bindgen(js_name = createApiKey, skip_typescript)]
    pub fn create_api_key(&self, environment_id: JsValue, display_name: JsValue) -> Promise {
        let op = id(&environment_id, "environmentId").and_then(|env| {
            let name = string(&display_name).ok_or_else(|| missing("displayName"))?;
            request(&self.client, &CreateApiKey::new(env, name))
        });
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /environment/api-keys`: revokes an API key.
    #[wasm_bindgen(js_name = deleteApiKey, skip_typescript)]
    pub fn delete_api_key(&self, environment_id: JsValue, key_id: JsValue) -> Promise {
        let op = id(&environment_id, "environmentId")
            .and_then(|env| Ok((env, id(&key_id, "keyId")?)))
            .and_then(|(env, key)| request(&self.client, &DeleteApiKey::new(env, key)));
        call(&self.client, op, Shape::Json)
    }

    /// `POST /environment/webhook-signing-key/rotate`: a new signing key (the old
    /// one keeps signing for a few minutes). Resolves to `{ data: { webhook_signing_key } }`.
    #[wasm_bindgen(js_name = rotateWebhookSigningKey, skip_typescript)]
    pub fn rotate_webhook_signing_key(&self) -> Promise {
        call(
            &self.client,
            request(&self.client, &RotateWebhookSigningKey::new()),
            Shape::Json,
        )
    }
}
