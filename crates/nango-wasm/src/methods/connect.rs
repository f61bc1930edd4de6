//! Connect sessions: the tokens that open the Connect UI for an end user.

use js_sys::Promise;
use nango_core::models::connect::{CreateConnectSession, CreateReconnectSession};
use nango_core::ops::connect::{CreateReconnect, CreateSession, DeleteSession, GetSession};
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{from_json, json, promise, send, string, to_json};
use crate::Nango;

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /connect/sessions`. Resolves to `{ data: { token, connect_link, expires_at } }`.
    #[wasm_bindgen(js_name = createConnectSession, skip_typescript)]
    pub fn create_connect_session(&self, body: JsValue) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let body: CreateConnectSession = from_json(to_json(&body)?, "body")?;
            json(&send(&client, &CreateSession::new(body)).await?)
        })
    }

    /// `POST /connect/sessions/reconnect` for `{ connection_id, integration_id, ... }`.
    #[wasm_bindgen(js_name = createReconnectSession, skip_typescript)]
    pub fn create_reconnect_session(&self, body: JsValue) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let body: CreateReconnectSession = from_json(to_json(&body)?, "body")?;
            json(&send(&client, &CreateReconnect::new(body)).await?)
        })
    }

    /// `GET /connect/session`, authenticated with the session `token`. Resolves to
    /// `{ data }`.
    #[wasm_bindgen(js_name = getConnectSession, skip_typescript)]
    pub fn get_connect_session(&self, token: JsValue) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let token = string(&token).ok_or_else(|| missing("token"))?;
            json(&send(&client, &GetSession::new(token)).await?)
        })
    }

    /// `DELETE /connect/session`: revokes the session `token`.
    #[wasm_bindgen(js_name = deleteConnectSession, skip_typescript)]
    pub fn delete_connect_session(&self, token: JsValue) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let token = string(&token).ok_or_else(|| missing("token"))?;
            send(&client, &DeleteSession::new(token)).await?;
            Ok(JsValue::UNDEFINED)
        })
    }
}
