//! Connect sessions: the tokens that open the Connect UI for an end user.

use js_sys::Promise;
use nango_core::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{call, json_text, request, string, Shape};
use crate::Nango;

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /connect/sessions`. Resolves to `{ data: { token, connect_link, expires_at } }`.
    #[wasm_bindgen(js_name = createConnectSession, skip_typescript)]
    pub fn create_connect_session(&self, body: JsValue) -> Promise {
        let op = json_text(&body).and_then(|b| request(&self.client, &CreateSession::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `POST /connect/sessions/reconnect` for `{ connection_id, integration_id, ... }`.
    #[wasm_bindgen(js_name = createReconnectSession, skip_typescript)]
    pub fn create_reconnect_session(&self, body: JsValue) -> Promise {
        let op =
            json_text(&body).and_then(|b| request(&self.client, &CreateReconnect::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// `GET /connect/session`, authenticated with the session `token`. Resolves to
    /// `{ data }`.
    #[wasm_bindgen(js_name = getConnectSession, skip_typescript)]
    pub fn get_connect_session(&self, token: JsValue) -> Promise {
        let op = string(&token)
            .ok_or_else(|| missing("token"))
            .and_then(|t| request(&self.client, &GetSession::new(t)));
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /connect/session`: revokes the session `token`.
    #[wasm_bindgen(js_name = deleteConnectSession, skip_typescript)]
    pub fn delete_connect_session(&self, token: JsValue) -> Promise {
        let op = string(&token)
            .ok_or_else(|| missing("token"))
            .and_then(|t| request(&self.client, &DeleteSession::new(t)));
        call(&self.client, op, Shape::Nothing)
    }
}
