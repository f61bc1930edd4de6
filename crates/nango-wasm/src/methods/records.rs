//! Records: the cache of what syncs fetched; list, iterate, prune.

use js_sys::Promise;
use nango_core::models::records::RecordFilter;
use nango_core::ops::records::{ListRecords, PruneRecords};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::invalid;
use crate::js::{self, call, field, get, request, required, to_json, Exchange, Inner, Shape};
use crate::{shim, Nango};

/// `filter`: `added`, `updated`, `deleted`, or a comma list of them (any case).
fn filters(text: &str) -> Result<Vec<RecordFilter>, JsValue> {
    text.split(',')
        .map(|f| match f.trim().to_ascii_lowercase().as_str() {
            "added" => Ok(RecordFilter::Added),
            "updated" => Ok(RecordFilter::Updated),
            "deleted" => Ok(RecordFilter::Deleted),
            _ => Err(invalid("filter", "one or more of added, updated, deleted")),
        })
        .collect()
}

/// The `listRecords` config as a core operation.
fn list_records(config: &JsValue) -> Result<ListRecords, JsValue> {
    let c = to_json(config)?;
    let mut op = ListRecords::new(
        required(&c, "providerConfigKey")?,
        required(&c, "connectionId")?,
        required(&c, "model")?,
    );
    if let Some(v) = field(&c, "variant") {
        op = op.variant(v);
    }
    if let Some(t) = field(&c, "modifiedAfter").or_else(|| field(&c, "delta")) {
        op = op.modified_after(t);
    }
    if let Some(limit) = c.get("limit").and_then(Value::as_u64).filter(|n| *n > 0) {
        op = op.limit(limit.min(u64::from(u32::MAX)) as u32);
    }
    if let Some(f) = field(&c, "filter") {
        op = op.filter(filters(&f)?);
    }
    if let Some(cursor) = field(&c, "cursor") {
        op = op.cursor(cursor);
    }
    if let Some(Value::Array(ids)) = c.get("ids") {
        op = op.ids(ids.iter().map(|v| match v {
            Value::String(s) => s.clone(),
            other => crate::js::display(other),
        }));
    }
    Ok(op)
}

/// Walks `GET /records` cursor by cursor (see `recordsIterator`).
/// Walks the records page by page, following `next_cursor` (see `recordsIterator`).
#[wasm_bindgen(skip_typescript)]
pub struct RecordsPager {
    client: Inner,
    list: ListRecords,
    cursor: Option<String>,
    finished: bool,
}

#[wasm_bindgen]
impl RecordsPager {
    /// The exchange fetching the next page, or `undefined` after the last page.
    pub fn request(&self) -> Result<Option<Exchange>, JsValue> {
        if self.finished {
            return Ok(None);
        }
        let op = match &self.cursor {
            Some(c) => self.list.clone().cursor(c.clone()),
            None => self.list.clone(),
        };
        Ok(Some(Exchange::new(
            &self.client,
            request(&self.client, &op)?,
        )))
    }

    /// The records of a fetched page (`undefined` when it has none); the walk ends
    /// when the page has no `next_cursor` or gives the one just used.
    pub fn advance(&mut self, page: JsValue) -> JsValue {
        let next = get(&page, "next_cursor")
            .as_string()
            .filter(|s| !s.is_empty());
        self.finished = next.is_none() || next == self.cursor;
        self.cursor = next;
        let records = get(&page, "records");
        if js::is_array(&records) {
            records
        } else {
            JsValue::UNDEFINED
        }
    }
}

#[wasm_bindgen(js_class = Nango)]
impl Nango {
    /// `GET /records/` (`{ providerConfigKey, connectionId, model, variant?,
    /// modifiedAfter?, limit?, filter?, cursor?, ids? }`). Resolves to
    /// `{ records, next_cursor }`.
    #[wasm_bindgen(js_name = listRecords, skip_typescript)]
    pub fn list_records(&self, config: JsValue) -> Promise {
        let op = list_records(&config).and_then(|op| request(&self.client, &op));
        call(&self.client, op, Shape::Json)
    }

    /// An async iterator over every record of the `listRecords` config, following
    /// `next_cursor` one page at a time (constant memory).
    ///
    /// ```js
    /// for await (const r of nango.recordsIterator({ providerConfigKey, connectionId, model })) { ... }
    /// ```
    #[wasm_bindgen(js_name = recordsIterator, skip_typescript)]
    pub fn records_iterator(&self, config: JsValue) -> Result<JsValue, JsValue> {
        let list = list_records(&config)?;
        // The cursor given starts the walk (it is already set on `list`).
        let pager = RecordsPager {
            client: self.client.clone(),
            list,
            cursor: None,
            finished: false,
        };
        Ok(shim::items(pager.into()))
    }

    /// `PATCH /records/prune` (`{ providerConfigKey, connectionId, model, variant?,
    /// untilCursor, limit? }`). Resolves to `{ count, has_more }`.
    #[wasm_bindgen(js_name = pruneRecords, skip_typescript)]
    pub fn prune_records(&self, config: JsValue) -> Promise {
        let op = to_json(&config).and_then(|c| {
            let mut op = PruneRecords::new(
                required(&c, "providerConfigKey")?,
                required(&c, "connectionId")?,
                required(&c, "model")?,
                required(&c, "untilCursor")?,
            );
            if let Some(v) = field(&c, "variant") {
                op = op.variant(v);
            }
            if let Some(limit) = c.get("limit").and_then(Value::as_u64).filter(|n| *n > 0) {
                op = op.limit(limit.min(u64::from(u32::MAX)) as u32);
            }
            request(&self.client, &op)
        });
        call(&self.client, op, Shape::Json)
    }
}
