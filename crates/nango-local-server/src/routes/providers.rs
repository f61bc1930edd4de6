//! `GET /providers`, `GET /providers/{provider}`, `GET /providers/{provider}/templates`.

use axum::extract::{Path, RawQuery};
use serde_json::{json, Value};

use crate::catalogue;
use crate::error::{ok, ApiError, ApiResult};
use crate::validate::Query;

/// `GET /providers?search=`.
pub async fn list(RawQuery(raw): RawQuery) -> ApiResult {
    let q = Query::parse(raw.as_deref());
    q.only(&["search"])?;
    let search = q.get("search").map(|s| s.to_lowercase());
    let data: Vec<Value> = catalogue::all()
        .iter()
        .filter(|p| match &search {
            Some(s) => {
                p.name.contains(s.as_str()) || p.display_name.to_lowercase().contains(s.as_str())
            }
            None => true,
        })
        .map(|p| p.to_json())
        .collect();
    Ok(ok(json!({ "data": data })))
}

/// `GET /providers/{provider}`.
pub async fn get_one(Path(name): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let p = catalogue::get(&name)
        .ok_or_else(|| ApiError::not_found(format!("Unknown provider {name}")))?;
    Ok(ok(json!({ "data": p.to_json() })))
}

/// `GET /providers/{provider}/templates`.
pub async fn templates(Path(name): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    Query::parse(raw.as_deref()).only(&[])?;
    let p = catalogue::get(&name)
        .ok_or_else(|| ApiError::not_found(format!("Unknown provider {name}")))?;
    Ok(ok(json!({ "data": p.templates() })))
}
