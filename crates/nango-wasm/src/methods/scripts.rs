//! Scripts configuration and environment variables.

use js_sys::Promise;
use nango_core::ops::scripts::{GetEnvironmentVariables, GetScriptsConfig, GetScriptsConfigOpenAi};
use wasm_bindgen::prelude::*;

use crate::error::invalid;
use crate::js::{call, request, string, Shape};
use crate::Nango;

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `GET /scripts/config?format=nango|openai` (default `nango`): the deployed
    /// functions' configuration, or `{ data: OpenAIFunction[] }`. Any other
    /// format is refused (`invalid_input`) rather than answered as `nango`.
    #[wasm_bindgen(js_name = getScriptsConfig, skip_typescript)]
    pub fn get_scripts_config(&self, format: JsValue) -> Promise {
        let op = if format.is_undefined() || format.is_null() {
            request(&self.client, &GetScriptsConfig::new())
        } else {
            match string(&format).as_deref() {
                Some("nango") => request(&self.client, &GetScriptsConfig::new()),
                Some("openai") => request(&self.client, &GetScriptsConfigOpenAi::new()),
                _ => Err(invalid("format", "must be 'nango' or 'openai'")),
            }
        };
        call(&self.client, op, Shape::Json)
    }

    /// `GET /environment-variables`: `[{ name, value }]` (`[]` for an empty answer).
    #[wasm_bindgen(js_name = getEnvironmentVariables, skip_typescript)]
    pub fn get_environment_variables(&self) -> Promise {
        call(
            &self.client,
            request(&self.client, &GetEnvironmentVariables::new()),
            Shape::List,
        )
    }
}
