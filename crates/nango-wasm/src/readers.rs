//! The readers of JavaScript arguments that no argument type of the operation
//! table covers (an operation's `wasm = "<reader>"`): alternatives (`mode` as a
//! string or a boolean, `syncs` as `'*'` or a list), pairs, bytes, checks of
//! their own, and several endpoints for one method. Each turns the arguments
//! object into the request; `ops.gen.rs` calls it by name.

use http::Method;
use nango_core::config::Config;
use nango_core::models::actions::ActionRef;
use nango_core::models::common::OneOrMany;
use nango_core::models::functions::FunctionType;
use nango_core::models::integrations::IntegrationInclude;
use nango_core::models::records::RecordFilter;
use nango_core::models::syncs::{SyncRef, SyncSelection};
use nango_core::ops::{
    actions, connections, integrations, providers, proxy, records, scripts, syncs,
};
use nango_core::request::ApiRequest;
use wasm_bindgen::JsValue;

use crate::args::Args;
use crate::error::{invalid, missing};
use crate::ops::{build, non_empty};

/// Syncs given as `(name, variant)` pairs. (This crate writes loops rather than
/// iterator chains: each chain is its own generic code in the package.)
fn sync_refs(args: &Args, key: &str) -> Vec<SyncRef> {
    let mut syncs = Vec::new();
    for pair in args.pairs(key) {
        match pair {
            (Some(name), Some(variant)) => syncs.push(SyncRef::variant(name, variant)),
            (Some(name), None) => syncs.push(SyncRef::Name(name)),
            _ => {}
        }
    }
    syncs
}

/// Required syncs (`missing` when absent).
pub(crate) fn required_syncs(args: &Args, key: &str) -> Result<Vec<SyncRef>, JsValue> {
    if args.is_absent(key) {
        return Err(missing("syncs"));
    }
    Ok(sync_refs(args, key))
}

/// Connection ids: one string, or an array of strings.
fn connection_ids(args: &Args, key: &str) -> Result<OneOrMany, JsValue> {
    if let Some(id) = args.text(key) {
        if id.is_empty() {
            return Err(missing("connectionId"));
        }
        return Ok(OneOrMany::One(id));
    }
    args.list(key)
        .map(OneOrMany::Many)
        .ok_or_else(|| missing("connectionId"))
}

/// `filter`: `added`, `updated`, `deleted`, or a comma list of them (any case).
fn filters(text: &str) -> Result<Vec<RecordFilter>, JsValue> {
    let mut list = Vec::new();
    for f in text.split(',') {
        list.push(match f.trim().to_ascii_lowercase().as_str() {
            "added" => RecordFilter::Added,
            "updated" => RecordFilter::Updated,
            "deleted" => RecordFilter::Deleted,
            _ => return Err(invalid("filter", "one or more of added, updated, deleted")),
        });
    }
    Ok(list)
}

/// An HTTP method, in any case (extension methods such as `PROPFIND` too).
fn method(name: &str) -> Result<Method, JsValue> {
    Method::from_bytes(name.to_ascii_uppercase().as_bytes())
        .map_err(|_| invalid("method", "not an HTTP method"))
}

/// `search` only: the package never passes `connectSessionToken`.
pub(crate) fn list_providers(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = providers::ListProviders::new();
    if let Some(text) = non_empty(a, "search") {
        op = op.search(text);
    }
    build(config, &op)
}

/// `include`: any number of values, one `IntegrationInclude` each.
pub(crate) fn get_integration(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = integrations::GetIntegration::new(a.id("uniqueKey")?);
    for what in a.list("include").unwrap_or_default() {
        op = op.include(IntegrationInclude::from(what.as_str()));
    }
    build(config, &op)
}

/// `page` and `limit`: any whole number `>= 0` (0 is sent; a limit out of
/// range is refused by the core, not dropped).
pub(crate) fn list_functions(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = integrations::ListFunctions::new(a.id("uniqueKey")?);
    if let Some(t) = non_empty(a, "type").map(FunctionType::from) {
        op = op.function_type(t);
    }
    if let Some(text) = non_empty(a, "search") {
        op = op.search(text);
    }
    if let Some(page) = a.number("page").filter(|n| *n >= 0.0 && n.fract() == 0.0) {
        op = op.page(page as u32);
    }
    if let Some(limit) = a.number("limit").filter(|n| *n >= 0.0 && n.fract() == 0.0) {
        op = op.limit(limit as u32);
    }
    build(config, &op)
}

/// `tags`: `(key, value)` pairs.
pub(crate) fn list_connections(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = connections::ListConnections::new();
    if let Some(id) = non_empty(a, "connectionId") {
        op = op.connection_id(id);
    }
    if let Some(id) = non_empty(a, "endUserId") {
        op = op.end_user_id(id);
    }
    if let Some(id) = non_empty(a, "endUserOrganizationId") {
        op = op.end_user_organization_id(id);
    }
    if let Some(text) = non_empty(a, "search") {
        op = op.search(text);
    }
    if let Some(ids) = a.list("integrationIds") {
        op = op.integration_ids(ids);
    }
    for pair in a.pairs("tags") {
        if let (Some(key), Some(value)) = pair {
            op = op.tag(key, value);
        }
    }
    if let Some(limit) = a.count("limit") {
        op = op.limit(limit);
    }
    if let Some(page) = a.count("page") {
        op = op.page(page);
    }
    build(config, &op)
}

/// The list each poll of `waitForConnection` sends: `integrationKey` is
/// required but not sent.
pub(crate) fn wait_for_connection(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    non_empty(a, "integrationKey").ok_or_else(|| missing("integrationKey"))?;
    let user = non_empty(a, "userId").ok_or_else(|| missing("userId"))?;
    build(
        config,
        &connections::ListConnections::new().end_user_id(user),
    )
}

/// A `GetToken` wraps the `GetConnection` it sends (never with `refreshToken`).
pub(crate) fn get_token(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let connection =
        connections::GetConnection::new(a.id("providerConfigKey")?, a.id("connectionId")?)
            .force_refresh(a.flag("forceRefresh"))
            .refresh_token(false)
            .refresh_github_app_jwt_token(a.flag("refreshGithubAppJwtToken"));
    build(config, &connections::GetToken::new(connection))
}

/// Empty ids are `missing` here (not refused by the core).
pub(crate) fn get_metadata(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let pck = non_empty(a, "providerConfigKey").ok_or_else(|| missing("providerConfigKey"))?;
    let cid = non_empty(a, "connectionId").ok_or_else(|| missing("connectionId"))?;
    build(
        config,
        &connections::GetConnectionField::<serde_json::Value>::metadata(pck, cid),
    )
}

/// `connectionId`: one id or a list.
pub(crate) fn set_metadata(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    build(config, &metadata(a, connections::MetadataMode::Replace)?)
}

/// `connectionId`: one id or a list.
pub(crate) fn update_metadata(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    build(config, &metadata(a, connections::MetadataMode::Merge)?)
}

fn metadata(
    a: &Args,
    mode: connections::MetadataMode,
) -> Result<connections::SetMetadata, JsValue> {
    let pck = non_empty(a, "providerConfigKey").ok_or_else(|| missing("providerConfigKey"))?;
    let ids = connection_ids(a, "connectionId")?;
    if a.is_absent("metadata") {
        return Err(missing("metadata"));
    }
    Ok(connections::SetMetadata::from_json(
        mode,
        pck,
        ids,
        a.json("metadata")?,
    ))
}

/// `connectionId` is read before `provider_config_key` (the first missing one
/// is the one named).
pub(crate) fn patch_connection(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let cid = a.id("connectionId")?;
    let pck = a.id("provider_config_key")?;
    build(
        config,
        &connections::PatchConnection::from_json(pck, cid, a.json("body")?),
    )
}

/// One of two endpoints, by `format` (absent: `nango`).
pub(crate) fn scripts_config(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    match a.text("format").as_deref() {
        None if a.is_absent("format") => build(config, &scripts::GetScriptsConfig::new()),
        Some("nango") => build(config, &scripts::GetScriptsConfig::new()),
        Some("openai") => build(config, &scripts::GetScriptsConfigOpenAi::new()),
        _ => Err(invalid("format", "must be 'nango' or 'openai'")),
    }
}

/// `filter`: a comma list of `RecordFilter`s.
pub(crate) fn list_records(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = records::ListRecords::new(
        a.id("providerConfigKey")?,
        a.id("connectionId")?,
        a.id("model")?,
    );
    if let Some(v) = non_empty(a, "variant") {
        op = op.variant(v);
    }
    if let Some(t) = non_empty(a, "modifiedAfter") {
        op = op.modified_after(t);
    }
    if let Some(limit) = a.count("limit") {
        op = op.limit(limit);
    }
    if let Some(f) = non_empty(a, "filter") {
        op = op.filter(filters(&f)?);
    }
    if let Some(cursor) = non_empty(a, "cursor") {
        op = op.cursor(cursor);
    }
    if let Some(ids) = a.list("ids") {
        op = op.ids(ids);
    }
    build(config, &op)
}

/// `syncs` as pairs, `mode` as a string or a boolean.
pub(crate) fn trigger_sync(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = syncs::TriggerSync::new(a.id("providerConfigKey")?, sync_refs(a, "syncs"));
    if let Some(id) = non_empty(a, "connectionId") {
        op = op.connection_id(id);
    }
    if let Some(mode) = a.text("mode") {
        op = op.mode(mode.as_str());
    } else if let Some(full) = a.boolean("mode") {
        op = op.mode(full);
    }
    if let Some(reset) = a.boolean("reset") {
        op = op.reset(reset);
    }
    if let Some(empty) = a.boolean("emptyCache") {
        op = op.empty_cache(empty);
    }
    build(config, &op)
}

/// `syncs`: `'*'` (all), or required pairs.
pub(crate) fn sync_status(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let selection = match a.text("syncs").as_deref() {
        Some("*") => SyncSelection::All,
        _ => SyncSelection::Some(required_syncs(a, "syncs")?),
    };
    let mut op = syncs::GetSyncStatus::new(a.id("providerConfigKey")?, selection);
    if let Some(id) = non_empty(a, "connectionId") {
        op = op.connection_id(id);
    }
    build(config, &op)
}

/// `sync` and `variant` make one `SyncRef`; a `frequency` that is not a
/// string (`null`) is the default.
pub(crate) fn sync_frequency(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let name = a.id("sync")?;
    let sync = match a.text("variant") {
        Some(variant) => SyncRef::variant(name, variant),
        None => SyncRef::Name(name),
    };
    build(
        config,
        &syncs::UpdateSyncFrequency::new(
            a.id("providerConfigKey")?,
            sync,
            a.id("connectionId")?,
            a.text("frequency"),
        ),
    )
}

/// `maxRetries`: 0 to 5, refused otherwise.
pub(crate) fn action_async(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let mut op = actions::TriggerActionAsync::new(
        a.id("providerConfigKey")?,
        a.id("connectionId")?,
        a.id("actionName")?,
    )
    .input_json(a.json("input")?);
    if let Some(n) = a.number("maxRetries") {
        if !(0.0..=5.0).contains(&n) {
            return Err(invalid("maxRetries", "between 0 and 5"));
        }
        op = op.max_retries(n as u8);
    }
    build(config, &op)
}

/// `statusUrl` or `id` (the status URL first): one `ActionRef`.
pub(crate) fn action_result(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let action = match (non_empty(a, "statusUrl"), non_empty(a, "id")) {
        (Some(url), _) => ActionRef::status_url(url),
        (None, Some(id)) => ActionRef::id(id),
        _ => return Err(invalid("id", "Either id or statusUrl must be provided")),
    };
    build(config, &actions::GetActionResult::new(action))
}

/// `method` in any case, `headers` and `params` as pairs, `retryOn` as
/// strings, the body as bytes (`data`) or else JSON text (`json`).
pub(crate) fn proxy(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    let method = method(&a.text("method").unwrap_or_default())?;
    let mut op = proxy::Proxy::new(method, a.id("endpoint")?);
    if let Some(key) = non_empty(a, "providerConfigKey") {
        op = op.provider_config_key(key);
    }
    if let Some(id) = non_empty(a, "connectionId") {
        op = op.connection_id(id);
    }
    for pair in a.pairs("headers") {
        if let (Some(name), Some(value)) = pair {
            op = op.header(name, value);
        }
    }
    if let Some(query) = non_empty(a, "query") {
        op = op.query_string(query);
    }
    for pair in a.pairs("params") {
        if let (Some(key), Some(value)) = pair {
            op = op.param(key, value);
        }
    }
    if let Some(url) = non_empty(a, "baseUrlOverride") {
        op = op.base_url_override(url);
    }
    if let Some(n) = a.count("retries") {
        op = op.retries(n);
    }
    if a.boolean("decompress") == Some(true) {
        op = op.decompress(true);
    }
    if let Some(codes) = a.list("retryOn") {
        let mut statuses: Vec<u16> = Vec::new();
        for code in codes {
            statuses.extend(code.parse::<u16>().ok());
        }
        op = op.retry_on(statuses);
    }
    if let Some(forward) = a.boolean("forwardHeadersOnRedirect") {
        op = op.forward_headers_on_redirect(forward);
    }
    if let Some(bytes) = a.bytes("data") {
        op = op.body(bytes);
    } else if !a.is_absent("json") {
        op = op.json_text(a.json("json")?);
    }
    build(config, &op)
}
