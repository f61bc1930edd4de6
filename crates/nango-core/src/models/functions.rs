//! Functions (syncs, actions, on-event scripts): their descriptions, and the
//! compile, dry-run and deployment jobs of `/functions`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::macros::string_enum;

/// Reads `null` as the type's default (an empty list, an empty map...), so that a
/// server sending `null` where a list is expected does not fail the decode.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

string_enum! {
    /// What kind of function: a sync, an action or an on-event script.
    ///
    /// ```
    /// use nango_core::models::functions::FunctionType;
    /// assert_eq!(FunctionType::from("on-event"), FunctionType::OnEvent);
    /// assert_eq!(FunctionType::Sync.as_str(), "sync");
    /// ```
    FunctionType in "nango_core::models::functions", example = "sync" {
        /// A sync: runs on a schedule and stores records.
        Sync = "sync",
        /// An action: runs on demand and returns its output.
        Action = "action",
        /// An on-event script (after a connection is created, before it is deleted...).
        OnEvent = "on-event",
    }
}

string_enum! {
    /// Where a deployed function comes from.
    ///
    /// ```
    /// use nango_core::models::functions::FunctionSource;
    /// assert_eq!(FunctionSource::from("repo"), FunctionSource::Repo);
    /// ```
    FunctionSource in "nango_core::models::functions", example = "repo" {
        /// A template of the provider catalog.
        Catalog = "catalog",
        /// Deployed alone through `POST /functions/deployments`.
        Standalone = "standalone",
        /// Deployed with `nango deploy` from a repository.
        Repo = "repo",
    }
}

string_enum! {
    /// The state of an asynchronous job (dry run or deployment).
    ///
    /// ```
    /// use nango_core::models::functions::JobStatus;
    /// assert!(JobStatus::Success.is_finished());
    /// assert!(!JobStatus::from("running").is_finished());
    /// ```
    JobStatus in "nango_core::models::functions", example = "running" {
        /// Queued.
        Waiting = "waiting",
        /// Running.
        Running = "running",
        /// Finished successfully.
        Success = "success",
        /// Finished with an error.
        Failed = "failed",
    }
}

impl JobStatus {
    /// `true` once the job will not change any more (`success` or `failed`).
    /// An unknown status counts as not finished, so that a poller keeps polling.
    ///
    /// ```
    /// use nango_core::models::functions::JobStatus;
    /// assert!(JobStatus::Failed.is_finished());
    /// assert!(!JobStatus::Other("paused".into()).is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        matches!(self, JobStatus::Success | JobStatus::Failed)
    }
}

/// A function's description: a sync, an action or an on-event script (as in the
/// provider templates). Which fields are set depends on [`NangoFunction::kind`].
///
/// ```
/// let f: nango_core::models::functions::NangoFunction = serde_json::from_str(
///     r#"{"name":"fetch-issues","type":"sync","returns":["Issue"],"json_schema":null,"runs":"every hour","auto_start":true,"track_deletes":false}"#,
/// ).unwrap();
/// assert_eq!(f.runs.as_deref(), Some("every hour"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NangoFunction {
    /// The function's name.
    #[serde(default)]
    pub name: String,
    /// Sync, action or on-event.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FunctionType>,
    /// What it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The OAuth scopes it needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    /// The input model's name (syncs with metadata, actions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The models it returns (syncs and actions).
    #[serde(default, deserialize_with = "null_as_default")]
    pub returns: Vec<String>,
    /// The JSON schema of its models.
    #[serde(default)]
    pub json_schema: Option<Value>,
    /// Schedule of a sync, e.g. `every day`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<String>,
    /// Whether a sync starts when a connection is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_start: Option<bool>,
    /// Whether a sync detects deleted records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_deletes: Option<bool>,
    /// The event of an on-event script (`post-connection-creation`,
    /// `pre-connection-deletion`, `validate-connection`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// A function deployed to an integration: its description and its deployment.
///
/// ```
/// let f: nango_core::models::functions::DeployedFunction = serde_json::from_str(
///     r#"{"name":"create-issue","type":"action","returns":["Issue"],"json_schema":null,
///         "id":12,"enabled":true,"last_deployed":"2026-05-01T10:00:00.000Z","source":"standalone"}"#,
/// ).unwrap();
/// assert_eq!(f.function.name, "create-issue");
/// assert_eq!(f.id, Some(12));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeployedFunction {
    /// What the function is.
    #[serde(flatten)]
    pub function: NangoFunction,
    /// Nango's id of the deployed function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Whether it is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// When it was last deployed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_deployed: Option<String>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<FunctionSource>,
}

/// A page of `GET /integrations/{key}/functions`: `{data, pagination}`.
///
/// ```
/// let l: nango_core::models::functions::FunctionList = serde_json::from_str(
///     r#"{"data":[],"pagination":{"total":0,"page":0,"limit":20}}"#).unwrap();
/// assert_eq!(l.pagination.limit, 20);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionList {
    /// The functions of this page.
    #[serde(default, deserialize_with = "null_as_default")]
    pub data: Vec<DeployedFunction>,
    /// Where the page is.
    #[serde(default)]
    pub pagination: Pagination,
}

/// Offset pagination: the total count, the page (from 0) and its size.
///
/// ```
/// let p: nango_core::models::functions::Pagination =
///     serde_json::from_str(r#"{"total":45,"page":2,"limit":20}"#).unwrap();
/// assert!(!p.has_more());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pagination {
    /// Items in all pages.
    #[serde(default)]
    pub total: u64,
    /// This page's number, from 0.
    #[serde(default)]
    pub page: u64,
    /// The page size.
    #[serde(default)]
    pub limit: u64,
}

impl Pagination {
    /// `true` when pages after this one hold more items.
    ///
    /// ```
    /// let p: nango_core::models::functions::Pagination =
    ///     serde_json::from_str(r#"{"total":45,"page":1,"limit":20}"#).unwrap();
    /// assert!(p.has_more());
    /// ```
    pub fn has_more(&self) -> bool {
        (self.page + 1).saturating_mul(self.limit) < self.total
    }
}

/// A function's TypeScript source (`GET /integrations/{key}/functions/{name}/code`).
///
/// ```
/// let c: nango_core::models::functions::FunctionCode = serde_json::from_str(
///     r#"{"type":"action","code":"export default createAction({})"}"#).unwrap();
/// assert!(c.code.starts_with("export"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FunctionCode {
    /// The function's type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FunctionType>,
    /// The source code.
    #[serde(default)]
    pub code: String,
}

/// The result of `POST /functions/compile`: the bundled JavaScript.
///
/// ```
/// let c: nango_core::models::functions::CompiledFunction = serde_json::from_str(
///     r#"{"bundle_size_bytes":12,"bundled_js":"module.exports={}","compiled_at":"2026-05-01T10:00:00.000Z"}"#).unwrap();
/// assert_eq!(c.bundle_size_bytes, 12);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompiledFunction {
    /// The bundle's size.
    #[serde(default)]
    pub bundle_size_bytes: u64,
    /// The bundled JavaScript.
    #[serde(default)]
    pub bundled_js: String,
    /// When it was compiled (ISO 8601).
    #[serde(default)]
    pub compiled_at: String,
}

/// The body of `POST /functions/dryruns`: run TypeScript source against a
/// connection without deploying it.
///
/// ```
/// use nango_core::models::functions::{FunctionType, NewDryrun};
/// let d = NewDryrun::new("github", FunctionType::Action, "export default ...", "user-1")
///     .input(serde_json::json!({"title": "Bug"}));
/// assert_eq!(serde_json::to_value(&d).unwrap()["function_type"], "action");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewDryrun {
    /// The integration id.
    pub integration_id: String,
    /// `sync` or `action`.
    pub function_type: FunctionType,
    /// The TypeScript source.
    pub code: String,
    /// The connection to run against.
    pub connection_id: String,
    /// The input passed to the function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Value>,
    /// Metadata available to the function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Map<String, Value>>,
    /// A checkpoint available to a sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<Map<String, Value>>,
    /// The last sync date available to a sync (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_date: Option<String>,
}

impl NewDryrun {
    /// A dry run of `code` (a `function_type`) for integration `integration_id`,
    /// against connection `connection_id`.
    ///
    /// ```
    /// use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let d = NewDryrun::new("github", FunctionType::Sync, "export default ...", "user-1");
    /// assert!(d.input.is_none());
    /// ```
    pub fn new(
        integration_id: impl Into<String>,
        function_type: FunctionType,
        code: impl Into<String>,
        connection_id: impl Into<String>,
    ) -> Self {
        Self {
            integration_id: integration_id.into(),
            function_type,
            code: code.into(),
            connection_id: connection_id.into(),
            input: None,
            metadata: None,
            checkpoint: None,
            last_sync_date: None,
        }
    }

    /// Sets the input.
    ///
    /// ```
    /// # use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let d = NewDryrun::new("g", FunctionType::Action, "c", "u").input(serde_json::json!(1));
    /// assert_eq!(d.input, Some(serde_json::json!(1)));
    /// ```
    pub fn input(mut self, input: Value) -> Self {
        self.input = Some(input);
        self
    }

    /// Sets the metadata.
    ///
    /// ```
    /// # use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let mut m = serde_json::Map::new();
    /// m.insert("plan".into(), "pro".into());
    /// let d = NewDryrun::new("g", FunctionType::Sync, "c", "u").metadata(m);
    /// assert!(d.metadata.is_some());
    /// ```
    pub fn metadata(mut self, metadata: Map<String, Value>) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// Sets the checkpoint.
    ///
    /// ```
    /// # use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let d = NewDryrun::new("g", FunctionType::Sync, "c", "u").checkpoint(serde_json::Map::new());
    /// assert!(d.checkpoint.is_some());
    /// ```
    pub fn checkpoint(mut self, checkpoint: Map<String, Value>) -> Self {
        self.checkpoint = Some(checkpoint);
        self
    }

    /// Sets the last sync date (ISO 8601).
    ///
    /// ```
    /// # use nango_core::models::functions::{FunctionType, NewDryrun};
    /// let d = NewDryrun::new("g", FunctionType::Sync, "c", "u").last_sync_date("2026-01-01T00:00:00Z");
    /// assert!(d.last_sync_date.is_some());
    /// ```
    pub fn last_sync_date(mut self, date: impl Into<String>) -> Self {
        self.last_sync_date = Some(date.into());
        self
    }
}

/// What `POST /functions/dryruns` and `POST /functions/deployments` answer: the
/// job's id, to poll, and its first status.
///
/// ```
/// let j: nango_core::models::functions::JobStarted = serde_json::from_str(
///     r#"{"id":"9f0c...","status":"waiting","created_at":"2026-05-01T10:00:00.000Z"}"#).unwrap();
/// assert!(!j.status.is_finished());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JobStarted {
    /// The job id.
    pub id: String,
    /// Its status.
    pub status: JobStatus,
    /// When it was created (ISO 8601).
    #[serde(default)]
    pub created_at: String,
}

/// Why a job failed.
///
/// ```
/// let e: nango_core::models::functions::JobError = serde_json::from_str(
///     r#"{"code":"compilation_error","message":"Unexpected token"}"#).unwrap();
/// assert_eq!(e.code, "compilation_error");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JobError {
    /// A code such as `compilation_error` or `dryrun_error`.
    #[serde(default)]
    pub code: String,
    /// A message.
    #[serde(default)]
    pub message: String,
    /// More details, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
}

/// A dry run (`GET /functions/dryruns/{id}`).
///
/// ```
/// let d: nango_core::models::functions::Dryrun = serde_json::from_str(r#"{"id":"x","status":"success",
///   "integration_id":"github","function_type":"action","created_at":"t","updated_at":"t","result":{"ok":true}}"#).unwrap();
/// assert_eq!(d.result.unwrap()["ok"], true);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Dryrun {
    /// The dry run's id.
    pub id: String,
    /// Its status.
    pub status: JobStatus,
    /// The integration id.
    #[serde(default)]
    pub integration_id: String,
    /// `sync` or `action`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_type: Option<FunctionType>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last update time.
    #[serde(default)]
    pub updated_at: String,
    /// When it started running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When it finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// How long it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The command output (logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The function's result, when it produced one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<JobError>,
}

/// The body of `POST /functions/deployments`: deploy submitted source code, or a
/// template of the provider catalog.
///
/// ```
/// use nango_core::models::functions::{DeployCode, DeployTemplate, FunctionType, NewDeployment};
/// let code: NewDeployment = DeployCode::new("github", "create-issue", FunctionType::Action, "export default ...").version("1.0.0").into();
/// assert_eq!(serde_json::to_value(&code).unwrap()["type"], "function");
/// let tpl: NewDeployment = DeployTemplate::new("github", "fetch-issues").into();
/// assert_eq!(serde_json::to_value(&tpl).unwrap()["type"], "template");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum NewDeployment {
    /// `type: function`: submitted TypeScript source.
    #[serde(rename = "function")]
    Code(DeployCode),
    /// `type: template`: a catalog template.
    #[serde(rename = "template")]
    Template(DeployTemplate),
}

impl NewDeployment {
    /// The integration the deployment targets.
    ///
    /// ```
    /// use nango_core::models::functions::{DeployTemplate, NewDeployment};
    /// assert_eq!(NewDeployment::from(DeployTemplate::new("gh", "t")).integration_id(), "gh");
    /// ```
    pub fn integration_id(&self) -> &str {
        match self {
            NewDeployment::Code(c) => &c.integration_id,
            NewDeployment::Template(t) => &t.integration_id,
        }
    }
}

impl From<DeployCode> for NewDeployment {
    fn from(value: DeployCode) -> Self {
        NewDeployment::Code(value)
    }
}

impl From<DeployTemplate> for NewDeployment {
    fn from(value: DeployTemplate) -> Self {
        NewDeployment::Template(value)
    }
}

/// Deploys TypeScript source as a sync or an action of an integration.
///
/// ```
/// use nango_core::models::functions::{DeployCode, FunctionType};
/// let d = DeployCode::new("github", "create-issue", FunctionType::Action, "export default ...").allow_destructive(true);
/// assert_eq!(d.allow_destructive, Some(true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeployCode {
    /// The integration id.
    pub integration_id: String,
    /// The function's name.
    pub function_name: String,
    /// `sync` or `action`.
    pub function_type: FunctionType,
    /// The TypeScript source.
    pub code: String,
    /// A version tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Allow overwriting an existing standalone function of the same name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_destructive: Option<bool>,
}

impl DeployCode {
    /// Deploys `code` as `function_name` (a `function_type`) of `integration_id`.
    ///
    /// ```
    /// use nango_core::models::functions::{DeployCode, FunctionType};
    /// let d = DeployCode::new("github", "fetch-issues", FunctionType::Sync, "export default ...");
    /// assert!(d.version.is_none());
    /// ```
    pub fn new(
        integration_id: impl Into<String>,
        function_name: impl Into<String>,
        function_type: FunctionType,
        code: impl Into<String>,
    ) -> Self {
        Self {
            integration_id: integration_id.into(),
            function_name: function_name.into(),
            function_type,
            code: code.into(),
            version: None,
            allow_destructive: None,
        }
    }

    /// Tags the deployment with a version.
    ///
    /// ```
    /// # use nango_core::models::functions::{DeployCode, FunctionType};
    /// let d = DeployCode::new("g", "f", FunctionType::Sync, "c").version("2");
    /// assert_eq!(d.version.as_deref(), Some("2"));
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Allows overwriting an existing standalone function of the same name.
    ///
    /// ```
    /// # use nango_core::models::functions::{DeployCode, FunctionType};
    /// let d = DeployCode::new("g", "f", FunctionType::Sync, "c").allow_destructive(true);
    /// assert_eq!(d.allow_destructive, Some(true));
    /// ```
    pub fn allow_destructive(mut self, yes: bool) -> Self {
        self.allow_destructive = Some(yes);
        self
    }
}

/// Deploys a template of the provider catalog (see `get_provider_templates`) onto
/// an integration.
///
/// ```
/// use nango_core::models::functions::{DeployTemplate, FunctionType};
/// let d = DeployTemplate::new("github", "fetch-issues").function_type(FunctionType::Sync);
/// assert_eq!(d.function_type, Some(FunctionType::Sync));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeployTemplate {
    /// The integration id.
    pub integration_id: String,
    /// The template's name.
    pub template: String,
    /// Needed only when a sync and an action share the template's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_type: Option<FunctionType>,
}

impl DeployTemplate {
    /// Deploys template `template` onto `integration_id`.
    ///
    /// ```
    /// let d = nango_core::models::functions::DeployTemplate::new("github", "fetch-issues");
    /// assert!(d.function_type.is_none());
    /// ```
    pub fn new(integration_id: impl Into<String>, template: impl Into<String>) -> Self {
        Self {
            integration_id: integration_id.into(),
            template: template.into(),
            function_type: None,
        }
    }

    /// Says which of a sync and an action sharing the name to deploy.
    ///
    /// ```
    /// # use nango_core::models::functions::{DeployTemplate, FunctionType};
    /// let d = DeployTemplate::new("g", "t").function_type(FunctionType::Action);
    /// assert!(d.function_type.is_some());
    /// ```
    pub fn function_type(mut self, function_type: FunctionType) -> Self {
        self.function_type = Some(function_type);
        self
    }
}

/// A function updated by a deployment.
///
/// ```
/// let v: nango_core::models::functions::DeployedVersion = serde_json::from_str(r#"{"name":"f","version":"1"}"#).unwrap();
/// assert_eq!(v.version, "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeployedVersion {
    /// The function's name.
    #[serde(default)]
    pub name: String,
    /// Its deployed version.
    #[serde(default)]
    pub version: String,
}

/// A deployment (`GET /functions/deployments/{id}`).
///
/// ```
/// let d: nango_core::models::functions::Deployment = serde_json::from_str(r#"{"id":"x","status":"success",
///   "integration_id":"github","function_name":"f","function_type":"sync","created_at":"t","updated_at":"t",
///   "deployed":true,"deployed_functions":[{"name":"f","version":"1"}]}"#).unwrap();
/// assert_eq!(d.deployed_functions[0].name, "f");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deployment {
    /// The deployment's id.
    pub id: String,
    /// Its status.
    pub status: JobStatus,
    /// The integration id.
    #[serde(default)]
    pub integration_id: String,
    /// The function's name.
    #[serde(default)]
    pub function_name: String,
    /// `sync` or `action`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_type: Option<FunctionType>,
    /// Creation time.
    #[serde(default)]
    pub created_at: String,
    /// Last update time.
    #[serde(default)]
    pub updated_at: String,
    /// When it started running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When it finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// How long it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// Whether it updated any function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed: Option<bool>,
    /// The functions it updated.
    #[serde(default, deserialize_with = "null_as_default")]
    pub deployed_functions: Vec<DeployedVersion>,
    /// The command output (logs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<JobError>,
}
