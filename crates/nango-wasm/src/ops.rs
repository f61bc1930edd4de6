//! [`Op`]: the operations `js/nango.js` asks for, by name, and
//! [`Core::exchange`], which turns the method's arguments, an object read by
//! [`Args`], into the core operation's request.
//!
//! Each variant's documentation gives the names in that object. Shapes of the
//! answers are applied by the JavaScript half (`js/shim.js`).

use http::Method;
use nango_core::config::Config;
use nango_core::endpoint::Endpoint;
use nango_core::models::actions::ActionRef;
use nango_core::models::common::OneOrMany;
use nango_core::models::functions::FunctionType;
use nango_core::models::integrations::IntegrationInclude;
use nango_core::models::records::RecordFilter;
use nango_core::models::syncs::{SyncRef, SyncSelection};
use nango_core::ops::{actions, connect, connections, environments, functions};
use nango_core::ops::{integrations, providers, proxy, records, scripts, syncs};
use nango_core::request::ApiRequest;
use wasm_bindgen::prelude::*;

use crate::args::Args;
use crate::error::{invalid, missing, to_js};
use crate::options::CallOptions;
use crate::{Core, Exchange};

/// Declares [`Op`] from one list: each operation of the `Nango` class, named
/// across the JS/Rust boundary by the name of its JavaScript method (its
/// documentation gives its arguments, the keys of the object `js/nango.js` passes:
/// plain JavaScript values; `?` marks the optional ones). Shapes of the answers are applied by the
/// JavaScript half (`js/shim.js`).
macro_rules! operations {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )+) => {
        /// One operation of the `Nango` class.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Op {
            $( $(#[$doc])* $variant, )+
        }

        impl Op {
            /// The operation named `name` (the JavaScript method that sends it), if any.
            ///
            /// ```no_run
            /// use nango_wasm::Op;
            /// assert_eq!(Op::from_name("getConnection"), Some(Op::GetConnection));
            /// assert_eq!(Op::from_name("nothing"), None);
            /// ```
            pub fn from_name(name: &str) -> Option<Op> {
                match name {
                    $( $name => Some(Op::$variant), )+
                    _ => None,
                }
            }

            /// The operation's name.
            ///
            /// ```no_run
            /// assert_eq!(nango_wasm::Op::Proxy.name(), "proxy");
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    $( Op::$variant => $name, )+
                }
            }

        }
    };
}

operations! {
    /// `{connectionId?, endUserId?, endUserOrganizationId?, search?, integrationIds (strings)?, tags (key, value pairs)?, limit?, page?}`
    ListConnections = "listConnections",
    /// `{integrationKey, userId}`: the list `waitForConnection` polls.
    WaitForConnection = "waitForConnection",
    /// `{providerConfigKey, connectionId, forceRefresh?, refreshToken?, refreshGithubAppJwtToken?}`
    GetConnection = "getConnection",
    /// `{providerConfigKey, connectionId, forceRefresh?, refreshGithubAppJwtToken?}`
    GetToken = "getToken",
    /// `{providerConfigKey, connectionId}`
    GetMetadata = "getMetadata",
    /// `{providerConfigKey, connectionId (a string or an array), metadata (JSON)}`
    SetMetadata = "setMetadata",
    /// `{providerConfigKey, connectionId (a string or an array), metadata (JSON)}`
    UpdateMetadata = "updateMetadata",
    /// `{connectionId, provider_config_key, body (JSON)}`
    PatchConnection = "patchConnection",
    /// `{providerConfigKey, connectionId}`
    DeleteConnection = "deleteConnection",
    /// `{body (JSON)}`
    ImportConnection = "importConnection",
    /// `{}`
    ListIntegrations = "listIntegrations",
    /// `{uniqueKey, include (strings)?}`
    GetIntegration = "getIntegration",
    /// `{body (JSON)}`
    CreateIntegration = "createIntegration",
    /// `{body (JSON)}`
    CreateQuickstartIntegration = "createQuickstartIntegration",
    /// `{uniqueKey, body (JSON)}`
    UpdateIntegration = "updateIntegration",
    /// `{uniqueKey}`
    DeleteIntegration = "deleteIntegration",
    /// `{uniqueKey, type?, search?, page?, limit?}`
    ListFunctions = "listFunctions",
    /// `{uniqueKey, name, type?}`
    GetFunction = "getFunction",
    /// `{uniqueKey, name, type?}`
    GetFunctionCode = "getFunctionCode",
    /// `{uniqueKey, name, type}`
    DeleteFunction = "deleteFunction",
    /// `{providerConfigKey, syncs (name, variant pairs)?, connectionId?, mode (a string or a boolean)?, reset?, emptyCache?}`
    TriggerSync = "triggerSync",
    /// `{providerConfigKey, syncs (name, variant pairs), connectionId?}`
    StartSync = "startSync",
    /// `{providerConfigKey, syncs (name, variant pairs), connectionId?}`
    PauseSync = "pauseSync",
    /// `{providerConfigKey, syncs (name, variant pairs, or '*'), connectionId?}`
    SyncStatus = "syncStatus",
    /// `{providerConfigKey, sync (its name), variant?, connectionId, frequency (null: the default)}`
    UpdateSyncFrequency = "updateSyncConnectionFrequency",
    /// `{provider_config_key, connection_id, name, variant}`
    CreateSyncVariant = "createSyncVariant",
    /// `{provider_config_key, connection_id, name, variant}`
    DeleteSyncVariant = "deleteSyncVariant",
    /// `{providerConfigKey, connectionId, actionName, input (JSON)}`
    TriggerAction = "triggerAction",
    /// `{providerConfigKey, connectionId, actionName, input (JSON), maxRetries?}`
    TriggerActionAsync = "triggerActionAsync",
    /// `{statusUrl?, id?}`
    GetAsyncActionResult = "getAsyncActionResult",
    /// `{body (JSON)}`
    CreateConnectSession = "createConnectSession",
    /// `{body (JSON)}`
    CreateReconnectSession = "createReconnectSession",
    /// `{token}`
    GetConnectSession = "getConnectSession",
    /// `{token}`
    DeleteConnectSession = "deleteConnectSession",
    /// `{body (JSON)}`
    CreateEnvironment = "createEnvironment",
    /// `{environmentId}`
    DeleteEnvironment = "deleteEnvironment",
    /// `{environmentId, displayName}`
    CreateApiKey = "createApiKey",
    /// `{environmentId, keyId}`
    DeleteApiKey = "deleteApiKey",
    /// `{}`
    RotateWebhookSigningKey = "rotateWebhookSigningKey",
    /// `{code}`
    CompileFunction = "compileFunction",
    /// `{body (JSON)}`
    DryrunFunction = "dryrunFunction",
    /// `{id}`
    GetFunctionDryrun = "getFunctionDryrun",
    /// `{body (JSON)}`
    DeployFunction = "deployFunction",
    /// `{id}`
    GetFunctionDeployment = "getFunctionDeployment",
    /// `{search?}`
    ListProviders = "listProviders",
    /// `{provider}`
    GetProvider = "getProvider",
    /// `{provider}`
    GetProviderTemplates = "getProviderTemplates",
    /// `{format?}` (`nango` or `openai`)
    GetScriptsConfig = "getScriptsConfig",
    /// `{}`
    GetEnvironmentVariables = "getEnvironmentVariables",
    /// `{providerConfigKey, connectionId, model, variant?, modifiedAfter?, limit?, filter?, cursor?, ids (strings)?}`
    ListRecords = "listRecords",
    /// `{providerConfigKey, connectionId, model, untilCursor, variant?, limit?}`
    PruneRecords = "pruneRecords",
    /// `{method, endpoint, providerConfigKey?, connectionId?, headers (pairs)?, query (a query string)?, params (pairs)?, baseUrlOverride?, retries?, decompress?, retryOn (strings)?, forwardHeadersOnRedirect?, data (bytes)?, json (the body as JSON)?}`
    Proxy = "proxy",
}

/// A numeric id: a whole number, or a string of digits.
fn numeric_id(args: &Args, name: &str) -> Result<u64, JsValue> {
    args.number(name)
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .map(|n| n as u64)
        .or_else(|| args.text(name).and_then(|s| s.parse().ok()))
        .ok_or_else(|| missing(name))
}

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
fn required_syncs(args: &Args, key: &str) -> Result<Vec<SyncRef>, JsValue> {
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

/// A non-empty string, or `None`.
fn non_empty(args: &Args, key: &str) -> Option<String> {
    args.text(key).filter(|s| !s.is_empty())
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

fn list_connections(a: &Args) -> connections::ListConnections {
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
    op
}

fn get_connection(a: &Args, refresh_token: bool) -> Result<connections::GetConnection, JsValue> {
    Ok(
        connections::GetConnection::new(a.id("providerConfigKey")?, a.id("connectionId")?)
            .force_refresh(a.flag("forceRefresh"))
            .refresh_token(refresh_token)
            .refresh_github_app_jwt_token(a.flag("refreshGithubAppJwtToken")),
    )
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

fn function_type(a: &Args, key: &str) -> Option<FunctionType> {
    non_empty(a, key).map(FunctionType::from)
}

fn list_functions(a: &Args) -> Result<integrations::ListFunctions, JsValue> {
    let mut op = integrations::ListFunctions::new(a.id("uniqueKey")?);
    if let Some(t) = function_type(a, "type") {
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
    Ok(op)
}

fn trigger_sync(a: &Args) -> Result<syncs::TriggerSync, JsValue> {
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
    Ok(op)
}

fn sync_status(a: &Args) -> Result<syncs::GetSyncStatus, JsValue> {
    let selection = match a.text("syncs").as_deref() {
        Some("*") => SyncSelection::All,
        _ => SyncSelection::Some(required_syncs(a, "syncs")?),
    };
    let mut op = syncs::GetSyncStatus::new(a.id("providerConfigKey")?, selection);
    if let Some(id) = non_empty(a, "connectionId") {
        op = op.connection_id(id);
    }
    Ok(op)
}

fn sync_frequency(a: &Args) -> Result<syncs::UpdateSyncFrequency, JsValue> {
    let name = a.id("sync")?;
    let sync = match a.text("variant") {
        Some(variant) => SyncRef::variant(name, variant),
        None => SyncRef::Name(name),
    };
    Ok(syncs::UpdateSyncFrequency::new(
        a.id("providerConfigKey")?,
        sync,
        a.id("connectionId")?,
        a.text("frequency"),
    ))
}

/// `{provider_config_key, connection_id, name, variant}` of the variant methods.
fn variant_args(a: &Args) -> Result<[String; 4], JsValue> {
    Ok([
        a.id("provider_config_key")?,
        a.id("connection_id")?,
        a.id("name")?,
        a.id("variant")?,
    ])
}

fn action_args(a: &Args) -> Result<(String, String, String), JsValue> {
    Ok((
        a.id("providerConfigKey")?,
        a.id("connectionId")?,
        a.id("actionName")?,
    ))
}

fn action_async(a: &Args) -> Result<actions::TriggerActionAsync, JsValue> {
    let (p, c, name) = action_args(a)?;
    let mut op = actions::TriggerActionAsync::new(p, c, name).input_json(a.json("input")?);
    if let Some(n) = a.number("maxRetries") {
        if !(0.0..=5.0).contains(&n) {
            return Err(invalid("maxRetries", "between 0 and 5"));
        }
        op = op.max_retries(n as u8);
    }
    Ok(op)
}

fn action_result(a: &Args) -> Result<actions::GetActionResult, JsValue> {
    let action = match (non_empty(a, "statusUrl"), non_empty(a, "id")) {
        (Some(url), _) => ActionRef::status_url(url),
        (None, Some(id)) => ActionRef::id(id),
        _ => return Err(invalid("id", "Either id or statusUrl must be provided")),
    };
    Ok(actions::GetActionResult::new(action))
}

fn scripts_config(a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    match a.text("format").as_deref() {
        None if a.is_absent("format") => build(config, &scripts::GetScriptsConfig::new()),
        Some("nango") => build(config, &scripts::GetScriptsConfig::new()),
        Some("openai") => build(config, &scripts::GetScriptsConfigOpenAi::new()),
        _ => Err(invalid("format", "must be 'nango' or 'openai'")),
    }
}

fn list_records(a: &Args) -> Result<records::ListRecords, JsValue> {
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
    Ok(op)
}

fn prune_records(a: &Args) -> Result<records::PruneRecords, JsValue> {
    let mut op = records::PruneRecords::new(
        a.id("providerConfigKey")?,
        a.id("connectionId")?,
        a.id("model")?,
        a.id("untilCursor")?,
    );
    if let Some(v) = non_empty(a, "variant") {
        op = op.variant(v);
    }
    if let Some(limit) = a.count("limit") {
        op = op.limit(limit);
    }
    Ok(op)
}

fn proxy(a: &Args) -> Result<proxy::Proxy, JsValue> {
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
    Ok(op)
}

/// `endpoint`'s request for `config` (bad input is refused here). Kept out
/// of line: smaller than copies of it in every branch.
#[inline(never)]
fn build<E: Endpoint>(config: &Config, endpoint: &E) -> Result<ApiRequest, JsValue> {
    endpoint.request(config).map_err(to_js)
}

/// The request of `op` for the arguments `a`.
fn request(op: Op, a: &Args, config: &Config) -> Result<ApiRequest, JsValue> {
    use connections::MetadataMode;
    match op {
        Op::ListConnections => build(config, &list_connections(a)),
        Op::WaitForConnection => {
            non_empty(a, "integrationKey").ok_or_else(|| missing("integrationKey"))?;
            let user = non_empty(a, "userId").ok_or_else(|| missing("userId"))?;
            build(
                config,
                &connections::ListConnections::new().end_user_id(user),
            )
        }
        Op::GetConnection => build(config, &get_connection(a, a.flag("refreshToken"))?),
        Op::GetToken => build(
            config,
            &connections::GetToken::new(get_connection(a, false)?),
        ),
        Op::GetMetadata => {
            let pck =
                non_empty(a, "providerConfigKey").ok_or_else(|| missing("providerConfigKey"))?;
            let cid = non_empty(a, "connectionId").ok_or_else(|| missing("connectionId"))?;
            build(
                config,
                &connections::GetConnectionField::<serde_json::Value>::metadata(pck, cid),
            )
        }
        Op::SetMetadata => build(config, &metadata(a, MetadataMode::Replace)?),
        Op::UpdateMetadata => build(config, &metadata(a, MetadataMode::Merge)?),
        Op::PatchConnection => {
            let cid = a.id("connectionId")?;
            let pck = a.id("provider_config_key")?;
            build(
                config,
                &connections::PatchConnection::from_json(pck, cid, a.json("body")?),
            )
        }
        Op::DeleteConnection => build(
            config,
            &connections::DeleteConnection::new(a.id("providerConfigKey")?, a.id("connectionId")?),
        ),
        Op::ImportConnection => build(
            config,
            &connections::ImportConnection::from_json(a.json("body")?),
        ),
        Op::ListIntegrations => build(config, &integrations::ListIntegrations::new()),
        Op::GetIntegration => {
            let mut op = integrations::GetIntegration::new(a.id("uniqueKey")?);
            for what in a.list("include").unwrap_or_default() {
                op = op.include(IntegrationInclude::from(what.as_str()));
            }
            build(config, &op)
        }
        Op::CreateIntegration => build(
            config,
            &integrations::CreateIntegration::from_json(a.json("body")?),
        ),
        Op::CreateQuickstartIntegration => build(
            config,
            &integrations::CreateQuickstartIntegration::from_json(a.json("body")?),
        ),
        Op::UpdateIntegration => build(
            config,
            &integrations::UpdateIntegration::from_json(a.id("uniqueKey")?, a.json("body")?),
        ),
        Op::DeleteIntegration => build(
            config,
            &integrations::DeleteIntegration::new(a.id("uniqueKey")?),
        ),
        Op::ListFunctions => build(config, &list_functions(a)?),
        Op::GetFunction => {
            let mut op = integrations::GetFunction::new(a.id("uniqueKey")?, a.id("name")?);
            if let Some(t) = function_type(a, "type") {
                op = op.function_type(t);
            }
            build(config, &op)
        }
        Op::GetFunctionCode => {
            let mut op = integrations::GetFunctionCode::new(a.id("uniqueKey")?, a.id("name")?);
            if let Some(t) = function_type(a, "type") {
                op = op.function_type(t);
            }
            build(config, &op)
        }
        Op::DeleteFunction => {
            let (key, name) = (a.id("uniqueKey")?, a.id("name")?);
            let t = function_type(a, "type").ok_or_else(|| missing("type"))?;
            build(config, &integrations::DeleteFunction::new(key, name, t))
        }
        Op::TriggerSync => build(config, &trigger_sync(a)?),
        Op::StartSync => {
            let mut op =
                syncs::StartSync::new(a.id("providerConfigKey")?, required_syncs(a, "syncs")?);
            if let Some(id) = non_empty(a, "connectionId") {
                op = op.connection_id(id);
            }
            build(config, &op)
        }
        Op::PauseSync => {
            let mut op =
                syncs::PauseSync::new(a.id("providerConfigKey")?, required_syncs(a, "syncs")?);
            if let Some(id) = non_empty(a, "connectionId") {
                op = op.connection_id(id);
            }
            build(config, &op)
        }
        Op::SyncStatus => build(config, &sync_status(a)?),
        Op::UpdateSyncFrequency => build(config, &sync_frequency(a)?),
        Op::CreateSyncVariant => {
            let [p, c, n, v] = variant_args(a)?;
            build(config, &syncs::CreateSyncVariant::new(p, c, n, v))
        }
        Op::DeleteSyncVariant => {
            let [p, c, n, v] = variant_args(a)?;
            build(config, &syncs::DeleteSyncVariant::new(p, c, n, v))
        }
        Op::TriggerAction => {
            let (p, c, name) = action_args(a)?;
            build(
                config,
                &actions::TriggerAction::new(p, c, name).input_json(a.json("input")?),
            )
        }
        Op::TriggerActionAsync => build(config, &action_async(a)?),
        Op::GetAsyncActionResult => build(config, &action_result(a)?),
        Op::CreateConnectSession => {
            build(config, &connect::CreateSession::from_json(a.json("body")?))
        }
        Op::CreateReconnectSession => build(
            config,
            &connect::CreateReconnect::from_json(a.json("body")?),
        ),
        Op::GetConnectSession => build(config, &connect::GetSession::new(a.id("token")?)),
        Op::DeleteConnectSession => build(config, &connect::DeleteSession::new(a.id("token")?)),
        Op::CreateEnvironment => build(
            config,
            &environments::CreateEnvironment::from_json(a.json("body")?),
        ),
        Op::DeleteEnvironment => build(
            config,
            &environments::DeleteEnvironment::new(numeric_id(a, "environmentId")?),
        ),
        Op::CreateApiKey => {
            let env = numeric_id(a, "environmentId")?;
            build(
                config,
                &environments::CreateApiKey::new(env, a.id("displayName")?),
            )
        }
        Op::DeleteApiKey => {
            let env = numeric_id(a, "environmentId")?;
            let key = numeric_id(a, "keyId")?;
            build(config, &environments::DeleteApiKey::new(env, key))
        }
        Op::RotateWebhookSigningKey => build(config, &environments::RotateWebhookSigningKey::new()),
        Op::CompileFunction => build(config, &functions::CompileFunction::new(a.id("code")?)),
        Op::DryrunFunction => build(
            config,
            &functions::CreateFunctionDryrun::from_json(a.json("body")?),
        ),
        Op::GetFunctionDryrun => build(config, &functions::GetFunctionDryrun::new(a.id("id")?)),
        Op::DeployFunction => build(
            config,
            &functions::CreateFunctionDeployment::from_json(a.json("body")?),
        ),
        Op::GetFunctionDeployment => {
            build(config, &functions::GetFunctionDeployment::new(a.id("id")?))
        }
        Op::ListProviders => {
            let mut op = providers::ListProviders::new();
            if let Some(text) = non_empty(a, "search") {
                op = op.search(text);
            }
            build(config, &op)
        }
        Op::GetProvider => build(config, &providers::GetProvider::new(a.id("provider")?)),
        Op::GetProviderTemplates => build(
            config,
            &providers::GetProviderTemplates::new(a.id("provider")?),
        ),
        Op::GetScriptsConfig => scripts_config(a, config),
        Op::GetEnvironmentVariables => build(config, &scripts::GetEnvironmentVariables::new()),
        Op::ListRecords => build(config, &list_records(a)?),
        Op::PruneRecords => build(config, &prune_records(a)?),
        Op::Proxy => build(config, &proxy(a)?),
    }
}

#[wasm_bindgen]
impl Core {
    /// The call of the operation `name` ([`Op::from_name`]) with `args` (an object of the
    /// method's arguments by name) and the
    /// call's own `options` (`{ timeoutMs, retry }`, or `undefined`), ready to
    /// send (`exchange` in JavaScript); throws the `NangoError` of bad input
    /// (nothing is sent then).
    #[wasm_bindgen(js_name = exchange)]
    pub fn exchange_named(
        &self,
        name: &str,
        args: JsValue,
        options: JsValue,
    ) -> Result<Exchange, JsValue> {
        let op = Op::from_name(name).ok_or_else(|| invalid("operation", "no such operation"))?;
        self.exchange(op, args, &options)
    }
}

impl Core {
    /// The call of `op` with `args` (see [`Op`]) and the call's own `options`,
    /// ready to send; the `NangoError` of bad input (nothing is sent then).
    pub fn exchange(&self, op: Op, args: JsValue, options: &JsValue) -> Result<Exchange, JsValue> {
        let options = CallOptions::read(options)?;
        let request = request(op, &Args::new(args), self.client.config())?;
        Ok(Exchange::new(&self.client, request, options))
    }
}
