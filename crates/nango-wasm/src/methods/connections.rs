//! Connections: list (and iterate), get, token, metadata, patch, import, delete, wait.

use js_sys::Promise;
use nango_core::client::WaitOptions;
use nango_core::models::common::OneOrMany;
use nango_core::ops::connections::{
    DeleteConnection, GetConnection, GetConnectionField, GetToken, ImportConnection,
    ListConnections, MetadataMode, PatchConnection, SetMetadata,
};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::missing;
use crate::js::{
    self, call, field, get, json_text, request, required, string, to_json, Exchange, Inner, Shape,
};
use crate::{shim, Nango};

/// The object form of `listConnections` as a core operation.
fn list_from_object(params: &Value) -> Result<ListConnections, JsValue> {
    let mut list = ListConnections::new();
    if let Some(id) = field(params, "connectionId") {
        list = list.connection_id(id);
    }
    if let Some(id) = field(params, "userId") {
        list = list.end_user_id(id);
    }
    match params.get("integrationId") {
        Some(Value::String(s)) if !s.is_empty() => list = list.integration_ids([s.clone()]),
        Some(Value::Array(ids)) => {
            list = list.integration_ids(ids.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
        _ => {}
    }
    if let Some(Value::Object(tags)) = params.get("tags") {
        for (key, value) in tags {
            let value = match value {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                other => crate::js::display(other),
            };
            list = list.tag(key.clone(), value);
        }
    }
    Ok(page_options(list, params))
}

/// `limit` and `page` (sent when truthy, as the official SDK does).
fn page_options(mut list: ListConnections, params: &Value) -> ListConnections {
    if let Some(limit) = params
        .get("limit")
        .and_then(Value::as_u64)
        .filter(|n| *n > 0)
    {
        list = list.limit(limit.min(u64::from(u32::MAX)) as u32);
    }
    if let Some(page) = params
        .get("page")
        .and_then(Value::as_u64)
        .filter(|n| *n > 0)
    {
        list = list.page(page.min(u64::from(u32::MAX)) as u32);
    }
    list
}

/// Connection ids: one string or an array of strings.
fn connection_ids(value: &JsValue) -> Result<OneOrMany, JsValue> {
    if let Some(id) = string(value) {
        if id.is_empty() {
            return Err(missing("connectionId"));
        }
        return Ok(OneOrMany::One(id));
    }
    if js::is_array(value) {
        let Value::Array(items) = to_json(value)? else {
            return Err(missing("connectionId"));
        };
        return items
            .into_iter()
            .map(|item| match item {
                Value::String(id) => Ok(id),
                _ => Err(crate::error::invalid("connectionId", "ids are strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(OneOrMany::Many);
    }
    Err(missing("connectionId"))
}

fn get_connection(
    provider_config_key: &JsValue,
    connection_id: &JsValue,
    force_refresh: &JsValue,
    refresh_token: &JsValue,
    refresh_github_app_jwt_token: &JsValue,
) -> Result<GetConnection, JsValue> {
    let pck = string(provider_config_key).ok_or_else(|| missing("providerConfigKey"))?;
    let cid = string(connection_id).ok_or_else(|| missing("connectionId"))?;
    Ok(GetConnection::new(pck, cid)
        .force_refresh(force_refresh.is_truthy())
        .refresh_token(refresh_token.is_truthy())
        .refresh_github_app_jwt_token(refresh_github_app_jwt_token.is_truthy()))
}

/// `POST`/`PATCH /connections/metadata`.
fn metadata(
    mode: MetadataMode,
    pck: &JsValue,
    ids: &JsValue,
    metadata: &JsValue,
) -> Result<SetMetadata, JsValue> {
    let pck = string(pck)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing("providerConfigKey"))?;
    let ids = connection_ids(ids)?;
    if metadata.is_undefined() || metadata.is_null() {
        return Err(missing("metadata"));
    }
    SetMetadata::new(mode, pck, ids, json_text(metadata)?).map_err(crate::error::to_js)
}

/// Walks `GET /connections` page by page (see `connectionsIterator`).
#[wasm_bindgen(skip_typescript)]
pub struct ConnectionsPager {
    client: Inner,
    list: ListConnections,
    page: u32,
    finished: bool,
    limit: u32,
}

#[wasm_bindgen]
impl ConnectionsPager {
    /// The exchange fetching the next page, or `undefined` after the last page.
    pub fn request(&self) -> Result<Option<Exchange>, JsValue> {
        if self.finished {
            return Ok(None);
        }
        let op = self.list.clone().page(self.page);
        Ok(Some(Exchange::new(
            &self.client,
            request(&self.client, &op)?,
        )))
    }

    /// The connections of a fetched page (`undefined` when it is empty).
    pub fn advance(&mut self, page: JsValue) -> JsValue {
        let items = get(&page, "connections");
        let len = if js::is_array(&items) {
            js_sys::Array::from(&items).length()
        } else {
            0
        };
        self.page += 1;
        self.finished = len < self.limit;
        if len == 0 {
            JsValue::UNDEFINED
        } else {
            items
        }
    }
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `GET /connections`. Either `listConnections({ connectionId?, userId?,
    /// integrationId?, tags?, limit?, page? })` or the legacy
    /// `listConnections(connectionId?, search?, { endUserId?, endUserOrganizationId?,
    /// limit?, page? })`. Resolves to `{ connections }`.
    #[wasm_bindgen(js_name = listConnections, skip_typescript)]
    pub fn list_connections(&self, first: JsValue, search: JsValue, queries: JsValue) -> Promise {
        let list = || -> Result<ListConnections, JsValue> {
            if first.is_object() {
                return list_from_object(&to_json(&first)?);
            }
            let mut list = ListConnections::new();
            if let Some(id) = string(&first).filter(|s| !s.is_empty()) {
                list = list.connection_id(id);
            }
            if let Some(text) = string(&search).filter(|s| !s.is_empty()) {
                list = list.search(text);
            }
            let q = to_json(&queries)?;
            if let Some(id) = field(&q, "endUserId") {
                list = list.end_user_id(id);
            }
            if let Some(id) = field(&q, "endUserOrganizationId") {
                list = list.end_user_organization_id(id);
            }
            Ok(page_options(list, &q))
        };
        call(
            &self.client,
            list().and_then(|l| request(&self.client, &l)),
            Shape::Json,
        )
    }

    /// An async iterator over every connection matching the filters of the object
    /// form of `listConnections`, fetched one page (`limit`, default 1000) at a time.
    ///
    /// ```js
    /// for await (const c of nango.connectionsIterator({ integrationId: 'github' })) { ... }
    /// ```
    #[wasm_bindgen(js_name = connectionsIterator, skip_typescript)]
    pub fn connections_iterator(&self, params: JsValue) -> Result<JsValue, JsValue> {
        let params = to_json(&params)?;
        let limit = params
            .get("limit")
            .and_then(Value::as_u64)
            .filter(|n| *n > 0)
            .unwrap_or(1000)
            .min(2000) as u32;
        let mut object = params.clone();
        if let Value::Object(m) = &mut object {
            m.remove("page");
            m.insert("limit".into(), Value::from(limit));
        }
        let list = list_from_object(&object)?;
        let start = params.get("page").and_then(Value::as_u64).unwrap_or(0) as u32;
        let pager = ConnectionsPager {
            client: self.client.clone(),
            list,
            page: start,
            finished: false,
            limit,
        };
        Ok(shim::items(pager.into()))
    }

    /// `GET /connections/{connectionId}`: the connection with its credentials.
    #[wasm_bindgen(js_name = getConnection, skip_typescript)]
    pub fn get_connection(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        force_refresh: JsValue,
        refresh_token: JsValue,
        refresh_github_app_jwt_token: JsValue,
    ) -> Promise {
        let op = get_connection(
            &provider_config_key,
            &connection_id,
            &force_refresh,
            &refresh_token,
            &refresh_github_app_jwt_token,
        );
        call(
            &self.client,
            op.and_then(|op| request(&self.client, &op)),
            Shape::Json,
        )
    }

    /// The connection's token: the access token string (OAuth 2), `{ oAuthToken,
    /// oAuthTokenSecret }` (OAuth 1), or the credentials object (other modes).
    #[wasm_bindgen(js_name = getToken, skip_typescript)]
    pub fn get_token(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        force_refresh: JsValue,
        refresh_github_app_jwt_token: JsValue,
    ) -> Promise {
        let op = get_connection(
            &provider_config_key,
            &connection_id,
            &force_refresh,
            &JsValue::FALSE,
            &refresh_github_app_jwt_token,
        )
        .map(GetToken::new);
        call(
            &self.client,
            op.and_then(|op| request(&self.client, &op)),
            Shape::Token,
        )
    }

    /// `credentials.raw` of the connection: the provider's raw token response.
    #[wasm_bindgen(js_name = getRawTokenResponse, skip_typescript)]
    pub fn get_raw_token_response(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        force_refresh: JsValue,
        refresh_github_app_jwt_token: JsValue,
    ) -> Promise {
        let op = get_connection(
            &provider_config_key,
            &connection_id,
            &force_refresh,
            &JsValue::FALSE,
            &refresh_github_app_jwt_token,
        );
        call(
            &self.client,
            op.and_then(|op| request(&self.client, &op)),
            Shape::RawToken,
        )
    }

    /// The connection's `metadata`.
    #[wasm_bindgen(js_name = getMetadata, skip_typescript)]
    pub fn get_metadata(&self, provider_config_key: JsValue, connection_id: JsValue) -> Promise {
        let op = match (string(&provider_config_key), string(&connection_id)) {
            (Some(p), Some(c)) if !p.is_empty() && !c.is_empty() => {
                request(&self.client, &GetConnectionField::<Value>::metadata(p, c))
            }
            (Some(p), _) if !p.is_empty() => Err(missing("connectionId")),
            _ => Err(missing("providerConfigKey")),
        };
        call(&self.client, op, Shape::Metadata)
    }

    /// `POST /connections/metadata`: replaces the metadata of one connection or of
    /// several. Resolves to `{ status, headers, data }` like the official SDK's
    /// axios response.
    #[wasm_bindgen(js_name = setMetadata, skip_typescript)]
    pub fn set_metadata(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        metadata: JsValue,
    ) -> Promise {
        let op = self::metadata(
            MetadataMode::Replace,
            &provider_config_key,
            &connection_id,
            &metadata,
        );
        call(
            &self.client,
            op.and_then(|op| request(&self.client, &op)),
            Shape::Response,
        )
    }

    /// `PATCH /connections/metadata`: merges keys into the metadata.
    #[wasm_bindgen(js_name = updateMetadata, skip_typescript)]
    pub fn update_metadata(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
        metadata: JsValue,
    ) -> Promise {
        let op = self::metadata(
            MetadataMode::Merge,
            &provider_config_key,
            &connection_id,
            &metadata,
        );
        call(
            &self.client,
            op.and_then(|op| request(&self.client, &op)),
            Shape::Response,
        )
    }

    /// `PATCH /connections/{connectionId}?provider_config_key=`: changes tags (or
    /// the deprecated end user). Resolves to `{ success }`.
    #[wasm_bindgen(js_name = patchConnection, skip_typescript)]
    pub fn patch_connection(&self, params: JsValue, body: JsValue) -> Promise {
        let op = || -> Result<PatchConnection, JsValue> {
            let params = to_json(&params)?;
            let cid = required(&params, "connectionId")?;
            let pck = required(&params, "provider_config_key")?;
            Ok(PatchConnection::from_json(pck, cid, json_text(&body)?))
        };
        call(
            &self.client,
            op().and_then(|op| request(&self.client, &op)),
            Shape::Json,
        )
    }

    /// `DELETE /connections/{connectionId}`. Resolves to `{ status, headers, data }`.
    #[wasm_bindgen(js_name = deleteConnection, skip_typescript)]
    pub fn delete_connection(
        &self,
        provider_config_key: JsValue,
        connection_id: JsValue,
    ) -> Promise {
        let op = match (string(&provider_config_key), string(&connection_id)) {
            (Some(p), Some(c)) => request(&self.client, &DeleteConnection::new(p, c)),
            (None, _) => Err(missing("providerConfigKey")),
            _ => Err(missing("connectionId")),
        };
        call(&self.client, op, Shape::Response)
    }

    /// `POST /connections`: imports (upserts) a connection whose credentials you
    /// already have: `{ provider_config_key, connection_id?, credentials, metadata?,
    /// connection_config?, tags?, end_user? }`. Resolves to the connection.
    #[wasm_bindgen(js_name = importConnection, skip_typescript)]
    pub fn import_connection(&self, body: JsValue) -> Promise {
        let op =
            json_text(&body).and_then(|b| request(&self.client, &ImportConnection::from_json(b)));
        call(&self.client, op, Shape::Json)
    }

    /// The same as `importConnection`.
    #[wasm_bindgen(js_name = upsertConnection, skip_typescript)]
    pub fn upsert_connection(&self, body: JsValue) -> Promise {
        self.import_connection(body)
    }

    /// Polls `GET /connections?endUserId=` until a connection of `integrationKey`
    /// appears: first after 10 s, then every 2 s, 30 attempts (the official
    /// timings; `initialDelayMs`, `delayMs` and `maxAttempts` change them).
    /// `signal` (an `AbortSignal`) stops the wait with a `cancelled` error.
    #[wasm_bindgen(js_name = waitForConnection, skip_typescript)]
    pub fn wait_for_connection(
        &self,
        integration_key: JsValue,
        user_id: JsValue,
        options: JsValue,
    ) -> Promise {
        let run = || -> Result<Promise, JsValue> {
            let key = string(&integration_key)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| missing("integrationKey"))?;
            let user = string(&user_id)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| missing("userId"))?;
            let defaults = WaitOptions::default();
            let ms = |name: &str, default: std::time::Duration| {
                js::prop(&options, name)
                    .as_f64()
                    .filter(|v| *v >= 0.0)
                    .unwrap_or(default.as_secs_f64() * 1000.0)
            };
            let attempts = js::prop(&options, "maxAttempts")
                .as_f64()
                .filter(|v| *v >= 1.0)
                .map_or(defaults.attempts, |v| v as u32);
            let list = request(&self.client, &ListConnections::new().end_user_id(user))?;
            Ok(shim::wait_for_connection(
                Exchange::new(&self.client, list).into(),
                &key,
                ms("initialDelayMs", defaults.first_delay),
                ms("delayMs", defaults.delay),
                attempts,
                &js::prop(&options, "signal"),
            ))
        };
        run().unwrap_or_else(|e| Promise::reject(&e))
    }
}
