//! Providers: the APIs Nango supports.

use js_sys::Promise;
use nango_core::ops::providers::{GetProvider, GetProviderTemplates, ListProviders};
use wasm_bindgen::prelude::*;

use crate::js::{call, field, request, required, to_json, Shape};
use crate::Nango;

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `GET /providers` (`{ search? }`). Resolves to `{ data: Provider[] }`.
    #[wasm_bindgen(js_name = listProviders, skip_typescript)]
    pub fn list_providers(&self, queries: JsValue) -> Promise {
        let op = to_json(&queries).and_then(|q| {
            let mut op = ListProviders::new();
            if let Some(text) = field(&q, "search") {
                op = op.search(text);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }

    /// `GET /providers/{provider}`. Resolves to `{ data: Provider }`.
    #[wasm_bindgen(js_name = getProvider, skip_typescript)]
    pub fn get_provider(&self, params: JsValue) -> Promise {
        let op = to_json(&params)
            .and_then(|p| required(&p, "provider"))
            .and_then(|p| request(&self.client, &GetProvider::new(p)));
        call(&self.client, op, Shape::Json)
    }

    /// `GET /providers/{provider}/templates`: the provider's template functions.
    #[wasm_bindgen(js_name = getProviderTemplates, skip_typescript)]
    pub fn get_provider_templates(&self, params: JsValue) -> Promise {
        let op = to_json(&params)
            .and_then(|p| required(&p, "provider"))
            .and_then(|p| request(&self.client, &GetProviderTemplates::new(p)));
        call(&self.client, op, Shape::Json)
    }
}
