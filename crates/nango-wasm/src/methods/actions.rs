//! Actions: run one now, or in the background and fetch its result later.

use js_sys::Promise;
use nango_core::models::actions::ActionRef;
use nango_core::ops::actions::{GetActionResult, TriggerAction, TriggerActionAsync};
use wasm_bindgen::prelude::*;

use crate::error::{invalid, missing};
use crate::js::{self, call, field, json_text, request, string, to_json, Shape};
use crate::Nango;

fn args(
    pck: &JsValue,
    cid: &JsValue,
    action: &JsValue,
) -> Result<(String, String, String), JsValue> {
    Ok((
        string(pck).ok_or_else(|| missing("providerConfigKey"))?,
        string(cid).ok_or_else(|| missing("connectionId"))?,
        string(action).ok_or_else(|| missing("actionName"))?,
    ))
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /action/trigger`: runs `actionName` with `input` and resolves to its output.
    #[wasm_bindgen(js_name = triggerAction, skip_typescript)]
    pub fn trigger_action(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        action_name: JsValue,
        input: JsValue,
    ) -> Promise {
        let op = args(&provider_config_key, &connection_id, &action_name).and_then(|(p, c, a)| {
            let op = TriggerAction::new(p, c, a).input(json_text(&input)?);
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `POST /action/trigger` with `X-Async: true`: resolves to `{ id, statusUrl }`.
    /// The optional 5th argument `{ maxRetries }` (0..5) sets `X-Max-Retries`.
    #[wasm_bindgen(js_name = triggerActionAsync, skip_typescript)]
    pub fn trigger_action_async(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        action_name: JsValue,
        input: JsValue,
        options: JsValue,
    ) -> Promise {
        let op = args(&provider_config_key, &connection_id, &action_name).and_then(|(p, c, a)| {
            let mut op = TriggerActionAsync::new(p, c, a).input(json_text(&input)?);
            if let Some(n) = js::prop(&options, "maxRetries").as_f64() {
                if !(0.0..=5.0).contains(&n) {
                    return Err(invalid("maxRetries", "between 0 and 5"));
                }
                op = op.max_retries(n as u8);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `GET /action/{id}` (or the `statusUrl`): the result of an async action. While
    /// it runs the answer is a 404 (`NangoError` with `status` 404); a failed action
    /// is a 500.
    #[wasm_bindgen(js_name = getAsyncActionResult, skip_typescript)]
    pub fn get_async_action_result(&self, props: JsValue) -> Promise {
        let op = to_json(&props).and_then(|p| {
            let action = match (field(&p, "statusUrl"), field(&p, "id")) {
                (Some(url), _) => ActionRef::status_url(url),
                (None, Some(id)) => ActionRef::id(id),
                _ => return Err(invalid("id", "Either id or statusUrl must be provided")),
            };
            request(&self.client, &GetActionResult::new(action))
        });
        call(&self.client, op, Shape::Json)
    }
}
