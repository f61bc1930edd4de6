//! `/sync/*`: trigger, start, pause, status, frequency and variants of syncs.

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, decode_json, Endpoint};
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::write;
use crate::models::common::Success;
use crate::models::syncs::{
    SyncFrequency, SyncRef, SyncSelection, SyncStatusList, TriggerMode, TriggerOptions,
};
use crate::request::ApiRequest;
use crate::transport::HttpResponse;

/// Checks the names (and variants) of a list of syncs.
fn check_syncs(syncs: &[SyncRef]) -> Result<(), Error> {
    for sync in syncs {
        encode::required("syncs.name", sync.name())?;
        if let Some(variant) = sync.variant_name() {
            encode::required("syncs.variant", variant)?;
        }
    }
    Ok(())
}

/// The fields both trigger and schedule bodies start with: the `syncs` array
/// (names as strings, variants as `{"name","variant"}` objects), the
/// integration and the optional connection.
fn sync_body(
    syncs: &[SyncRef],
    provider_config_key: &str,
    connection_id: Option<&str>,
) -> write::Object {
    let mut body = write::Object::new();
    body.array("syncs", syncs, |out, sync| match sync {
        SyncRef::Name(name) => write::string(out, name),
        SyncRef::Variant { name, variant } => out.push_str(
            write::Object::new()
                .str("name", name)
                .str("variant", variant)
                .finish()
                .as_str(),
        ),
    })
    .str("provider_config_key", provider_config_key)
    .str_opt("connection_id", connection_id);
    body
}

/// Checks an optional connection id: absent is fine, empty is not.
fn check_optional_connection(connection_id: &Option<String>) -> Result<(), Error> {
    if let Some(id) = connection_id {
        encode::required("connection_id", id)?;
    }
    Ok(())
}

/// Reads `{"success": ...}`; an empty 2xx body means success.
fn decode_success(response: &HttpResponse) -> Result<Success, Error> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        Ok(Success { success: true })
    } else {
        decode_json(response)
    }
}

/// `POST /sync/trigger`: one extra run of some syncs (all of them when the list
/// is empty), for one connection or for all.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::syncs::TriggerSync};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = TriggerSync::new("github", ["issues"]).connection_id("user-1").reset(true).request(&cfg)?;
/// assert_eq!(req.body().unwrap().as_ref(),
///     br#"{"syncs":["issues"],"provider_config_key":"github","connection_id":"user-1","opts":{"reset":true}}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerSync {
    syncs: Vec<SyncRef>,
    provider_config_key: String,
    connection_id: Option<String>,
    mode: Option<TriggerMode>,
}

impl TriggerSync {
    /// Triggers `syncs` (names, or [`SyncRef::variant`]s; empty for all) of
    /// integration `provider_config_key`.
    ///
    /// ```
    /// use nango_core::{models::syncs::SyncRef, ops::syncs::TriggerSync};
    /// let op = TriggerSync::new("github", [SyncRef::from("issues"), SyncRef::variant("prs", "eu")]);
    /// let all = TriggerSync::new("github", Vec::<SyncRef>::new());
    /// ```
    pub fn new<S: Into<SyncRef>>(
        provider_config_key: impl Into<String>,
        syncs: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            syncs: crate::models::common::into_vec(syncs),
            provider_config_key: provider_config_key.into(),
            connection_id: None,
            mode: None,
        }
    }

    /// Only for this connection (all connections otherwise).
    ///
    /// ```
    /// let op = nango_core::ops::syncs::TriggerSync::new("gh", ["issues"]).connection_id("user-1");
    /// ```
    pub fn connection_id(mut self, id: impl Into<String>) -> Self {
        self.connection_id = Some(id.into());
        self
    }

    /// How to run: [`TriggerOptions`] (`opts`), or a legacy [`SyncMode`](crate::models::syncs::SyncMode) / boolean
    /// (`sync_mode`).
    ///
    /// ```
    /// use nango_core::models::syncs::SyncMode;
    /// let op = nango_core::ops::syncs::TriggerSync::new("gh", ["issues"]).mode(SyncMode::FullRefreshAndClearCache);
    /// let legacy = nango_core::ops::syncs::TriggerSync::new("gh", ["issues"]).mode(true);
    /// ```
    pub fn mode(mut self, mode: impl Into<TriggerMode>) -> Self {
        self.mode = Some(mode.into());
        self
    }

    fn options_mut(&mut self) -> &mut TriggerOptions {
        if !matches!(self.mode, Some(TriggerMode::Options(_))) {
            self.mode = Some(TriggerMode::Options(TriggerOptions::default()));
        }
        match &mut self.mode {
            Some(TriggerMode::Options(opts)) => opts,
            _ => unreachable!("just set to options"),
        }
    }

    /// `opts.reset`: clear the checkpoint first (replaces a legacy mode).
    ///
    /// ```
    /// let op = nango_core::ops::syncs::TriggerSync::new("gh", ["issues"]).reset(true);
    /// ```
    pub fn reset(mut self, yes: bool) -> Self {
        self.options_mut().reset = Some(yes);
        self
    }

    /// `opts.emptyCache`: delete the cached records first, with `reset` (replaces
    /// a legacy mode).
    ///
    /// ```
    /// let op = nango_core::ops::syncs::TriggerSync::new("gh", ["issues"]).reset(true).empty_cache(true);
    /// ```
    pub fn empty_cache(mut self, yes: bool) -> Self {
        self.options_mut().empty_cache = Some(yes);
        self
    }
}

impl Endpoint for TriggerSync {
    const NAME: &'static str = "trigger_sync";
    type Output = Success;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("provider_config_key", &self.provider_config_key)?;
        check_optional_connection(&self.connection_id)?;
        check_syncs(&self.syncs)?;
        let mut body = sync_body(
            &self.syncs,
            &self.provider_config_key,
            self.connection_id.as_deref(),
        );
        match &self.mode {
            None => {}
            Some(TriggerMode::Options(opts)) => {
                let text = write::Object::new()
                    .bool_opt("reset", opts.reset)
                    .bool_opt("emptyCache", opts.empty_cache)
                    .finish();
                body.raw("opts", text.as_str());
            }
            Some(TriggerMode::SyncMode(mode)) => {
                body.str("sync_mode", mode.as_str());
            }
        }
        // Each trigger starts a run: never resent on its own.
        Ok(ApiRequest::new(Self::METHOD, Self::PATH, &[])?
            .idempotent(false)
            .json_text(&body.finish()))
    }

    fn decode(&self, response: HttpResponse) -> Result<Success, Error> {
        decode_success(&response)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct ScheduleBody {
    syncs: Vec<SyncRef>,
    provider_config_key: String,
    connection_id: Option<String>,
}

impl ScheduleBody {
    fn new<S: Into<SyncRef>>(
        provider_config_key: impl Into<String>,
        syncs: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            syncs: crate::models::common::into_vec(syncs),
            provider_config_key: provider_config_key.into(),
            connection_id: None,
        }
    }

    fn request(&self, method: http::Method, path: &'static str) -> Result<ApiRequest, Error> {
        encode::required("provider_config_key", &self.provider_config_key)?;
        check_optional_connection(&self.connection_id)?;
        check_syncs(&self.syncs)?;
        // Starting a started schedule (or pausing a paused one) changes nothing.
        let body = sync_body(
            &self.syncs,
            &self.provider_config_key,
            self.connection_id.as_deref(),
        )
        .finish();
        Ok(ApiRequest::new(method, path, &[])?
            .idempotent(true)
            .json_text(&body))
    }
}

/// The two schedule operations: the same body, sent to another path (the table's).
macro_rules! schedule_op {
    ($(#[$doc:meta])* $name:ident = $op:literal, $verb:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            body: ScheduleBody,
        }

        impl $name {
            #[doc = concat!($verb, " `syncs` of integration `provider_config_key`.")]
            ///
            /// ```
            #[doc = concat!("let op = nango_core::ops::syncs::", stringify!($name), "::new(\"github\", [\"issues\", \"prs\"]);")]
            /// ```
            pub fn new<S: Into<SyncRef>>(
                provider_config_key: impl Into<String>,
                syncs: impl IntoIterator<Item = S>,
            ) -> Self {
                Self {
                    body: ScheduleBody::new(provider_config_key, syncs),
                }
            }

            /// Only for this connection (all connections otherwise).
            ///
            /// ```
            #[doc = concat!("let op = nango_core::ops::syncs::", stringify!($name), "::new(\"gh\", [\"issues\"]).connection_id(\"u-1\");")]
            /// ```
            pub fn connection_id(mut self, id: impl Into<String>) -> Self {
                self.body.connection_id = Some(id.into());
                self
            }
        }

        impl Endpoint for $name {
            const NAME: &'static str = $op;
            type Output = Success;

            fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
                self.body.request(Self::METHOD, Self::PATH)
            }

            fn decode(&self, response: HttpResponse) -> Result<Success, Error> {
                decode_success(&response)
            }
        }
    };
}

schedule_op!(
    /// `POST /sync/start`: starts the schedule of syncs (all when the list is empty),
    /// for one connection or for all; the sync runs at once, then at its frequency.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, ops::syncs::StartSync};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let req = StartSync::new("github", ["issues"]).connection_id("u-1").request(&cfg)?;
    /// assert_eq!(req.path(), "/sync/start");
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    StartSync = "start_sync",
    "Starts"
);

schedule_op!(
    /// `POST /sync/pause`: pauses the schedule of syncs (all when the list is empty),
    /// for one connection or for all.
    ///
    /// ```
    /// use nango_core::{config::Config, endpoint::Endpoint, ops::syncs::PauseSync};
    /// let cfg = Config::builder().api_key("k").build()?;
    /// let req = PauseSync::new("github", ["issues"]).request(&cfg)?;
    /// assert_eq!(req.body().unwrap().as_ref(), br#"{"syncs":["issues"],"provider_config_key":"github"}"#);
    /// # Ok::<(), nango_core::Error>(())
    /// ```
    PauseSync = "pause_sync",
    "Pauses"
);

/// `GET /sync/status`: the status of some syncs (or all, `*`), for one connection
/// or for all.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, models::syncs::{SyncRef, SyncSelection}, ops::syncs::GetSyncStatus};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = GetSyncStatus::new("github", vec![SyncRef::from("issues"), SyncRef::variant("prs", "eu")])
///     .connection_id("u-1")
///     .request(&cfg)?;
/// assert_eq!(req.path_and_query(), "/sync/status?syncs=issues%2Cprs%3A%3Aeu&provider_config_key=github&connection_id=u-1");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GetSyncStatus {
    provider_config_key: String,
    syncs: SyncSelection,
    connection_id: Option<String>,
}

impl GetSyncStatus {
    /// The status of `syncs` (`"*"` or [`SyncSelection::All`] for all) of
    /// integration `provider_config_key`.
    ///
    /// ```
    /// let op = nango_core::ops::syncs::GetSyncStatus::new("github", "*");
    /// ```
    pub fn new(provider_config_key: impl Into<String>, syncs: impl Into<SyncSelection>) -> Self {
        Self {
            provider_config_key: provider_config_key.into(),
            syncs: syncs.into(),
            connection_id: None,
        }
    }

    /// Only for this connection (all connections otherwise).
    ///
    /// ```
    /// let op = nango_core::ops::syncs::GetSyncStatus::new("github", "*").connection_id("u-1");
    /// ```
    pub fn connection_id(mut self, id: impl Into<String>) -> Self {
        self.connection_id = Some(id.into());
        self
    }
}

impl Endpoint for GetSyncStatus {
    const NAME: &'static str = "get_sync_status";
    type Output = SyncStatusList;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("provider_config_key", &self.provider_config_key)?;
        check_optional_connection(&self.connection_id)?;
        if let SyncSelection::Some(syncs) = &self.syncs {
            if syncs.is_empty() {
                return Err(InvalidInput::new("syncs", InvalidReason::Empty)
                    .with_detail("name syncs, or ask for all with `*`")
                    .into());
            }
            check_syncs(syncs)?;
            if syncs.iter().any(|s| {
                s.name().contains(',') || s.variant_name().is_some_and(|v| v.contains(','))
            }) {
                return Err(InvalidInput::new("syncs", InvalidReason::InvalidValue)
                    .with_detail("a sync name in a comma list cannot hold `,`")
                    .into());
            }
        }
        Ok(ApiRequest::new(Self::METHOD, Self::PATH, &[])?
            .query("syncs", self.syncs.query_value())
            .query("provider_config_key", self.provider_config_key.clone())
            .query_opt("connection_id", self.connection_id.clone()))
    }

    decode_as!(json);
}

#[derive(Debug, Clone, PartialEq)]
struct FrequencyBody {
    sync_name: String,
    sync_variant: Option<String>,
    provider_config_key: String,
    connection_id: String,
    frequency: Option<String>,
}

/// `PUT /sync/update-connection-frequency`: overrides a sync's frequency for one
/// connection (`Some("every 2h")`), or goes back to the default (`None`, sent as
/// `null`).
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::syncs::UpdateSyncFrequency};
/// let cfg = Config::builder().api_key("k").build()?;
/// let req = UpdateSyncFrequency::new("github", "issues", "u-1", None::<String>).request(&cfg)?;
/// assert_eq!(req.method(), http::Method::PUT);
/// assert_eq!(req.body().unwrap().as_ref(),
///     br#"{"sync_name":"issues","provider_config_key":"github","connection_id":"u-1","frequency":null}"#);
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateSyncFrequency {
    body: FrequencyBody,
}

impl UpdateSyncFrequency {
    /// Sets the frequency of `sync` (a name or a [`SyncRef::variant`]) for
    /// connection `connection_id`; `None` restores the default.
    ///
    /// ```
    /// use nango_core::{models::syncs::SyncRef, ops::syncs::UpdateSyncFrequency};
    /// let op = UpdateSyncFrequency::new("github", SyncRef::variant("issues", "eu"), "u-1", Some("every 2h"));
    /// ```
    pub fn new(
        provider_config_key: impl Into<String>,
        sync: impl Into<SyncRef>,
        connection_id: impl Into<String>,
        frequency: Option<impl Into<String>>,
    ) -> Self {
        let sync = sync.into();
        Self {
            body: FrequencyBody {
                sync_name: sync.name().to_owned(),
                sync_variant: sync.variant_name().map(str::to_owned),
                provider_config_key: provider_config_key.into(),
                connection_id: connection_id.into(),
                frequency: frequency.map(Into::into),
            },
        }
    }
}

impl Endpoint for UpdateSyncFrequency {
    const NAME: &'static str = "update_sync_frequency";
    type Output = SyncFrequency;

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        encode::required("provider_config_key", &self.body.provider_config_key)?;
        encode::required("connection_id", &self.body.connection_id)?;
        encode::required("sync_name", &self.body.sync_name)?;
        if let Some(variant) = &self.body.sync_variant {
            encode::required("sync_variant", variant)?;
        }
        let body = write::Object::new()
            .str("sync_name", &self.body.sync_name)
            .str_opt("sync_variant", self.body.sync_variant.as_deref())
            .str("provider_config_key", &self.body.provider_config_key)
            .str("connection_id", &self.body.connection_id)
            .str_or_null("frequency", self.body.frequency.as_deref())
            .finish();
        Ok(ApiRequest::new(Self::METHOD, Self::PATH, &[])?.json_text(&body))
    }

    decode_as!(json);
}

// The operations of this group declared by the table (`request = "table"`).
include!("syncs.gen.rs");
