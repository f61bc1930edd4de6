//! Syncs: trigger, start, pause, status, frequency, variants.

use js_sys::Promise;
use nango_core::models::syncs::{SyncRef, SyncSelection};
use nango_core::ops::syncs::{
    CreateSyncVariant, DeleteSyncVariant, GetSyncStatus, PauseSync, StartSync, TriggerSync,
    UpdateSyncFrequency,
};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::{invalid, missing};
use crate::js::{self, call, request, required, string, to_json, Shape};
use crate::Nango;

/// A list of syncs: names or `{ name, variant }`; `undefined` is the empty list.
fn syncs(value: &JsValue) -> Result<Vec<SyncRef>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !js::is_array(value) {
        return Err(invalid(
            "syncs",
            "Syncs must be an array. If it is a single sync, please wrap it in an array.",
        ));
    }
    match to_json(value)? {
        Value::Array(items) => items
            .iter()
            .map(|item| sync_ref(item).ok_or_else(|| invalid("syncs", SYNC_SHAPE)))
            .collect(),
        _ => Err(invalid("syncs", SYNC_SHAPE)),
    }
}

const SYNC_SHAPE: &str = "each sync is a name or { name, variant }";

/// A sync: its name, or `{ name, variant }`.
fn sync_ref(value: &Value) -> Option<SyncRef> {
    match value {
        Value::String(name) => Some(SyncRef::Name(name.clone())),
        Value::Object(m) => match (m.get("name"), m.get("variant")) {
            (Some(Value::String(name)), Some(Value::String(variant))) => {
                Some(SyncRef::variant(name.clone(), variant.clone()))
            }
            _ => None,
        },
        _ => None,
    }
}

fn provider_config_key(value: &JsValue) -> Result<String, JsValue> {
    string(value)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| missing("providerConfigKey"))
}

fn connection_id(value: &JsValue) -> Option<String> {
    string(value).filter(|s| !s.is_empty())
}

/// `{ provider_config_key, connection_id, name, variant }` of the variant methods.
fn variant_args(props: &JsValue) -> Result<[String; 4], JsValue> {
    let p = to_json(props)?;
    Ok([
        required(&p, "provider_config_key")?,
        required(&p, "connection_id")?,
        required(&p, "name")?,
        required(&p, "variant")?,
    ])
}

/// The arguments of `startSync` and `pauseSync`: the integration, the syncs
/// (required) and the optional connection.
fn schedule(
    provider_config_key: &JsValue,
    syncs: &JsValue,
    connection_id: &JsValue,
) -> Result<(String, Vec<SyncRef>, Option<String>), JsValue> {
    if syncs.is_undefined() || syncs.is_null() {
        return Err(missing("syncs"));
    }
    Ok((
        self::provider_config_key(provider_config_key)?,
        self::syncs(syncs)?,
        self::connection_id(connection_id),
    ))
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `POST /sync/trigger`: one extra run of `syncs` (all when empty), for one
    /// connection or all. The 4th argument is `{ reset?, emptyCache? }`, or the
    /// legacy sync mode (a string, or `true`/`false` for full refresh/incremental).
    /// Resolves to `{ status, statusText, headers, data }`, as the official SDK's
    /// axios response (so do `startSync` and `pauseSync`).
    #[wasm_bindgen(js_name = triggerSync, skip_typescript)]
    pub fn trigger_sync(
        &self,
        provider_config_key: JsValue,
        syncs: JsValue,
        connection_id: JsValue,
        opts: JsValue,
    ) -> Promise {
        let op = (|| {
            let mut op = TriggerSync::new(
                self::provider_config_key(&provider_config_key)?,
                self::syncs(&syncs)?,
            );
            if let Some(id) = self::connection_id(&connection_id) {
                op = op.connection_id(id);
            }
            if let Some(mode) = string(&opts) {
                op = op.mode(mode.as_str());
            } else if let Some(full) = opts.as_bool() {
                op = op.mode(full);
            } else if opts.is_object() {
                let o = to_json(&opts)?;
                if let Some(reset) = o.get("reset").and_then(Value::as_bool) {
                    op = op.reset(reset);
                }
                if let Some(empty) = o.get("emptyCache").and_then(Value::as_bool) {
                    op = op.empty_cache(empty);
                }
            }
            request(&self.client, &op)
        })();
        call(&self.client, op, Shape::Response)
    }

    /// `POST /sync/start`: starts the schedules of `syncs`.
    #[wasm_bindgen(js_name = startSync, skip_typescript)]
    pub fn start_sync(
        &self,
        provider_config_key: JsValue,
        syncs: JsValue,
        connection_id: JsValue,
    ) -> Promise {
        let op = schedule(&provider_config_key, &syncs, &connection_id).and_then(|(p, s, c)| {
            let op = StartSync::new(p, s);
            request(
                &self.client,
                &c.into_iter().fold(op, StartSync::connection_id),
            )
        });
        call(&self.client, op, Shape::Response)
    }

    /// `POST /sync/pause`: pauses the schedules of `syncs`.
    #[wasm_bindgen(js_name = pauseSync, skip_typescript)]
    pub fn pause_sync(
        &self,
        provider_config_key: JsValue,
        syncs: JsValue,
        connection_id: JsValue,
    ) -> Promise {
        let op = schedule(&provider_config_key, &syncs, &connection_id).and_then(|(p, s, c)| {
            let op = PauseSync::new(p, s);
            request(
                &self.client,
                &c.into_iter().fold(op, PauseSync::connection_id),
            )
        });
        call(&self.client, op, Shape::Response)
    }

    /// `GET /sync/status`: the status of `syncs` (or `'*'` for all). Resolves to
    /// `{ syncs: [...] }`.
    #[wasm_bindgen(js_name = syncStatus, skip_typescript)]
    pub fn sync_status(
        &self,
        provider_config_key: JsValue,
        syncs: JsValue,
        connection_id: JsValue,
    ) -> Promise {
        let op = (|| {
            let selection = match string(&syncs).as_deref() {
                Some("*") => SyncSelection::All,
                _ if syncs.is_undefined() || syncs.is_null() => return Err(missing("syncs")),
                _ => SyncSelection::Some(self::syncs(&syncs)?),
            };
            let mut op =
                GetSyncStatus::new(self::provider_config_key(&provider_config_key)?, selection);
            if let Some(id) = self::connection_id(&connection_id) {
                op = op.connection_id(id);
            }
            request(&self.client, &op)
        })();
        call(&self.client, op, Shape::Json)
    }

    /// `PUT /sync/update-connection-frequency`: overrides the frequency of `sync` (a
    /// name or `{ name, variant }`) for one connection; `null` restores the default.
    /// Resolves to `{ frequency }`.
    #[wasm_bindgen(js_name = updateSyncConnectionFrequency, skip_typescript)]
    pub fn update_sync_connection_frequency(
        &self,
        provider_config_key: JsValue,
        sync: JsValue,
        connection_id: JsValue,
        frequency: JsValue,
    ) -> Promise {
        let op = (|| {
            let pck = self::provider_config_key(&provider_config_key)?;
            let sync: SyncRef = match string(&sync) {
                Some(name) => SyncRef::Name(name),
                None if sync.is_object() => {
                    sync_ref(&to_json(&sync)?).ok_or_else(|| invalid("sync", SYNC_SHAPE))?
                }
                None => return Err(missing("sync")),
            };
            let cid = string(&connection_id)
                .ok_or_else(|| invalid("connectionId", "ConnectionId must be a string."))?;
            let frequency = match string(&frequency) {
                Some(f) => Some(f),
                None if frequency.is_null() => None,
                None => return Err(invalid("frequency", "Frequency must be a string or null.")),
            };
            request(
                &self.client,
                &UpdateSyncFrequency::new(pck, sync, cid, frequency),
            )
        })();
        call(&self.client, op, Shape::Json)
    }

    /// `POST /sync/{name}/variant/{variant}`. Resolves to `{ id, name, variant }`.
    #[wasm_bindgen(js_name = createSyncVariant, skip_typescript)]
    pub fn create_sync_variant(&self, props: JsValue) -> Promise {
        let op = variant_args(&props)
            .and_then(|[p, c, n, v]| request(&self.client, &CreateSyncVariant::new(p, c, n, v)));
        call(&self.client, op, Shape::Json)
    }

    /// `DELETE /sync/{name}/variant/{variant}`. Resolves to `{ success }`.
    #[wasm_bindgen(js_name = deleteSyncVariant, skip_typescript)]
    pub fn delete_sync_variant(&self, props: JsValue) -> Promise {
        let op = variant_args(&props)
            .and_then(|[p, c, n, v]| request(&self.client, &DeleteSyncVariant::new(p, c, n, v)));
        call(&self.client, op, Shape::Json)
    }
}
