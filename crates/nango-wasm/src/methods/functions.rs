//! Functions: compile, dry-run and deploy (endpoints the official SDK does not cover).

use js_sys::Promise;
use nango_core::ops::functions::{
    CompileFunction, CreateFunctionDeployment, CreateFunctionDryrun, GetFunctionDeployment,
    GetFunctionDryrun,
};
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{call, json_text, request, required, string, to_json, Shape};
use crate::Nango;

/// A string argument, or the `key` of an object argument.
fn text_or(value: &JsValue, key: &str) -> Result<String, JsValue> {
    match string(value) {
        Some(s) => Ok(s),
        None if value.is_object() => required(&to_json(value)?, key),
        None => Err(missing(key)),
    }
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /functions/compile` (`code`, or `{ code }`): compiles a function.
    #[wasm_bindgen(js_name = compileFunction, skip_typescript)]
    pub fn compile_function(&self, code: JsValue) -> Promise {
        let op =
            text_or(&code, "code").and_then(|c| request(&self.client, &CompileFunction::new(c)));
        call(&self.client, op, Shape::Json)
    }

    /// `POST /functions/dryruns`: runs a function once without deploying it
    /// (`{ integration_id, function_type, code, connection_id, input?, metadata?,
    /// checkpoint?, last_sync_date? }`). Resolves to the job (`{ id, ... }`).
    #[wasm_bindgen(js_name = dryrunFunction, skip_typescript)]
    pub fn dryrun_function(&self, body: JsValue) -> Promise {
        let op = json_text(&body)
            .and_then(|b| request(&self.client, &CreateFunctionDryrun::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `GET /functions/dryruns/{id}`: the dry run's state and result.
    #[wasm_bindgen(js_name = getFunctionDryrun, skip_typescript)]
    pub fn get_function_dryrun(&self, id: JsValue) -> Promise {
        let op =
            text_or(&id, "id").and_then(|id| request(&self.client, &GetFunctionDryrun::new(id)));
        call(&self.client, op, Shape::Json)
    }

    /// `POST /functions/deployments`: deploys code (`{ type: 'function', ... }`) or a
    /// template (`{ type: 'template', ... }`). Resolves to the job (`{ id, ... }`).
    #[wasm_bindgen(js_name = deployFunction, skip_typescript)]
    pub fn deploy_function(&self, body: JsValue) -> Promise {
        let op = json_text(&body)
            .and_then(|b| request(&self.client, &CreateFunctionDeployment::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `GET /functions/deployments/{id}`: the deployment's state.
    #[wasm_bindgen(js_name = getFunctionDeployment, skip_typescript)]
    pub fn get_function_deployment(&self, id: JsValue) -> Promise {
        let op = text_or(&id, "id")
            .and_then(|id| request(&self.client, &GetFunctionDeployment::new(id)));
        call(&self.client, op, Shape::Json)
    }
}
