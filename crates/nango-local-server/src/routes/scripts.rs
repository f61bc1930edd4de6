//! `GET /scripts/config?format=nango|openai`.

use axum::extract::{RawQuery, State};
use axum::Extension;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::{ok, p, ApiError, ApiResult, Issue};
use crate::routes::env_ref;
use crate::state::{App, FnKind, Function};
use crate::time::iso_ms;
use crate::validate::Query;

fn nango_entry(f: &Function) -> Value {
    let mut v = json!({
        "id": f.id,
        "name": f.name,
        "type": f.kind.as_str(),
        "description": f.description,
        "last_deployed": iso_ms(f.last_deployed_ms),
        "is_public": false,
        "pre_built": false,
        "version": f.version,
        "attributes": {},
        "input": f.input,
        "returns": f.returns,
        "scopes": [],
        "endpoints": [],
        "enabled": f.enabled,
        "json_schema": null,
        "models": f.returns.iter().map(|m| json!({"name": m, "fields": [{"name": "id", "value": "string", "tsType": true}]})).collect::<Vec<_>>(),
    });
    if f.kind == FnKind::Sync {
        v["runs"] = json!(f.runs);
        v["track_deletes"] = json!(f.track_deletes);
        v["auto_start"] = json!(f.auto_start);
        v["sync_type"] = json!("incremental");
        v["webhookSubscriptions"] = json!([]);
    }
    v
}

/// `GET /scripts/config`: a bare array (`nango`) or `{data: [...]}` (`openai`).
pub async fn config(
    State(app): State<App>,
    Extension(auth): Extension<Auth>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["format"])?;
    let format = q.get("format").unwrap_or("nango");
    if format != "nango" && format != "openai" {
        return Err(ApiError::invalid_query(&[Issue::new(
            "invalid_value",
            "Invalid option: expected one of \"nango\"|\"openai\"",
            vec![p("format")],
        )]));
    }
    let st = app.st();
    let env = env_ref(&st, auth.env_id)?;
    if format == "openai" {
        let data: Vec<Value> = env
            .integrations
            .iter()
            .flat_map(|i| i.functions.iter().filter(|f| f.kind == FnKind::Action))
            .map(|f| {
                json!({
                    "name": f.name,
                    "description": f.description,
                    "parameters": {"type": "object", "properties": {}, "required": []},
                })
            })
            .collect();
        return Ok(ok(json!({ "data": data })));
    }
    let out: Vec<Value> = env
        .integrations
        .iter()
        .map(|i| {
            let pick = |k: FnKind| -> Vec<Value> { i.functions.iter().filter(|f| f.kind == k).map(nango_entry).collect() };
            json!({
                "providerConfigKey": i.unique_key,
                "provider": i.provider,
                "syncs": pick(FnKind::Sync),
                "actions": pick(FnKind::Action),
                "on-events": i.functions.iter().filter(|f| f.kind == FnKind::OnEvent).map(|f| json!(f.name)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(ok(Value::Array(out)))
}
