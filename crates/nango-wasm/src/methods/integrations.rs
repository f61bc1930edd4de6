//! Integrations and their deployed functions.

use js_sys::Promise;
use nango_core::models::functions::FunctionType;
use nango_core::models::integrations::IntegrationInclude;
use nango_core::ops::integrations::{
    CreateIntegration, CreateQuickstartIntegration, DeleteFunction, DeleteIntegration, GetFunction,
    GetFunctionCode, GetIntegration, ListFunctions, ListIntegrations, UpdateIntegration,
};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{call, field, json_text, request, required, string, to_json, Shape};
use crate::Nango;

/// `uniqueKey` of `{ uniqueKey }`, or the string itself (deprecated forms).
fn unique_key(params: &JsValue) -> Result<String, JsValue> {
    if let Some(key) = string(params) {
        return Ok(key);
    }
    required(&to_json(params)?, "uniqueKey")
}

/// `{ uniqueKey, name }` of a function.
fn function_id(params: &JsValue) -> Result<(String, String), JsValue> {
    let p = to_json(params)?;
    Ok((required(&p, "uniqueKey")?, required(&p, "name")?))
}

/// The optional `type` of `{ type? }`.
fn function_type(queries: &JsValue) -> Result<Option<FunctionType>, JsValue> {
    Ok(field(&to_json(queries)?, "type").map(FunctionType::from))
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `GET /integrations`. Resolves to `{ configs: Integration[] }`, the shape of the
    /// official SDK.
    #[wasm_bindgen(js_name = listIntegrations, skip_typescript)]
    pub fn list_integrations(&self) -> Promise {
        call(
            &self.client,
            request(&self.client, &ListIntegrations::new()),
            Shape::Configs,
        )
    }

    /// `GET /integrations/{uniqueKey}` (`{ include?: ('webhook'|'credentials')[] }`).
    /// Also the deprecated `getIntegration(uniqueKey, includeCredentials?)`.
    #[wasm_bindgen(js_name = getIntegration, skip_typescript)]
    pub fn get_integration(&self, params: JsValue, queries: JsValue) -> Promise {
        let op = unique_key(&params).and_then(|key| {
            let mut op = GetIntegration::new(key);
            if queries.as_bool() == Some(true) {
                op = op.include(IntegrationInclude::Credentials);
            } else if let Some(Value::Array(list)) = to_json(&queries)?.get("include") {
                for what in list.iter().filter_map(Value::as_str) {
                    op = op.include(IntegrationInclude::from(what));
                }
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `POST /integrations` (`{ provider, unique_key, display_name?, credentials?,
    /// integration_config?, forward_webhooks? }`). Resolves to `{ data }`.
    #[wasm_bindgen(js_name = createIntegration, skip_typescript)]
    pub fn create_integration(&self, body: JsValue) -> Promise {
        let op =
            json_text(&body).and_then(|b| request(&self.client, &CreateIntegration::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `POST /integrations/quickstart`. Resolves to `{ data }`.
    #[wasm_bindgen(js_name = createQuickstartIntegration, skip_typescript)]
    pub fn create_quickstart_integration(&self, body: JsValue) -> Promise {
        let op = json_text(&body)
            .and_then(|b| request(&self.client, &CreateQuickstartIntegration::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `PATCH /integrations/{uniqueKey}`: only the fields given change. Resolves to `{ data }`.
    #[wasm_bindgen(js_name = updateIntegration, skip_typescript)]
    pub fn update_integration(&self, params: JsValue, body: JsValue) -> Promise {
        let op = unique_key(&params).and_then(|key| {
            request(
                &self.client,
                &UpdateIntegration::from_json(key, json_text(&body)?),
            )
        });
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /integrations/{uniqueKey}`. Resolves to `{ status, headers, data }`
    /// (the official SDK returns axios' response).
    #[wasm_bindgen(js_name = deleteIntegration, skip_typescript)]
    pub fn delete_integration(&self, unique_key: JsValue) -> Promise {
        let op = self::unique_key(&unique_key)
            .and_then(|k| request(&self.client, &DeleteIntegration::new(k)));
        call(&self.client, op, Shape::Response)
    }

    /// `GET /integrations/{uniqueKey}/functions` (`{ type?, search?, page?, limit? }`).
    #[wasm_bindgen(js_name = listFunctions, skip_typescript)]
    pub fn list_functions(&self, params: JsValue, queries: JsValue) -> Promise {
        let op = unique_key(&params).and_then(|key| {
            let q = to_json(&queries)?;
            let mut op = ListFunctions::new(key);
            if let Some(t) = field(&q, "type") {
                op = op.function_type(FunctionType::from(t));
            }
            if let Some(text) = field(&q, "search") {
                op = op.search(text);
            }
            if let Some(page) = q.get("page").and_then(Value::as_u64) {
                op = op.page(page as u32);
            }
            if let Some(limit) = q.get("limit").and_then(Value::as_u64) {
                op = op.limit(limit as u32);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `GET /integrations/{uniqueKey}/functions/{name}` (`{ type? }`).
    #[wasm_bindgen(js_name = getFunction, skip_typescript)]
    pub fn get_function(&self, params: JsValue, queries: JsValue) -> Promise {
        let op = function_id(&params).and_then(|(key, name)| {
            let mut op = GetFunction::new(key, name);
            if let Some(t) = function_type(&queries)? {
                op = op.function_type(t);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `GET /integrations/{uniqueKey}/functions/{name}/code` (`{ type? }`):
    /// `{ type, code }`.
    #[wasm_bindgen(js_name = getFunctionCode, skip_typescript)]
    pub fn get_function_code(&self, params: JsValue, queries: JsValue) -> Promise {
        let op = function_id(&params).and_then(|(key, name)| {
            let mut op = GetFunctionCode::new(key, name);
            if let Some(t) = function_type(&queries)? {
                op = op.function_type(t);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /integrations/{uniqueKey}/functions/{name}?type=` (`type` required).
    #[wasm_bindgen(js_name = deleteFunction, skip_typescript)]
    pub fn delete_function(&self, params: JsValue, queries: JsValue) -> Promise {
        let op = function_id(&params).and_then(|(key, name)| {
            let t = function_type(&queries)?.ok_or_else(|| missing("type"))?;
            request(&self.client, &DeleteFunction::new(key, name, t))
        });
        call(&self.client, op, Shape::Json)
    }
}
