//! Request and decode tests of the scripts-config and environment-variable operations.

use http::Method;
use nango_core::endpoint::Endpoint;
use nango_core::models::functions::{FunctionSource, FunctionType};
use nango_core::ops::scripts::{GetEnvironmentVariables, GetScriptsConfig, GetScriptsConfigOpenAi};
use nango_core::Error;

mod common;
use common::*;

const NANGO_CONFIG: &str = r#"[{
  "providerConfigKey": "github", "provider": "github",
  "syncs": [{
    "name": "github-issues", "type": "sync", "id": 3, "enabled": true, "runs": "every 30 minutes",
    "auto_start": true, "track_deletes": false, "description": "Fetches the Github issues",
    "scopes": ["public_repo"], "returns": ["GithubIssue"], "input": null,
    "endpoints": [{"method": "GET", "path": "/issues", "group": "Issues"}],
    "models": [{"name": "GithubIssue", "fields": [{"name": "id", "value": "string"}]}],
    "json_schema": {"definitions": {"GithubIssue": {"type": "object"}}},
    "version": "0.0.3", "last_deployed": "2024-02-01T09:09:03.502Z", "source": "repo",
    "attributes": {}, "metadata": {"scopes": ["public_repo"]}, "webhookSubscriptions": [],
    "features": ["checkpoints"], "sdk_version": "0.71.4", "is_public": false, "pre_built": false
  }],
  "actions": [{
    "name": "create-issue", "type": "action", "returns": ["GithubIssue"],
    "input": {"name": "CreateIssue", "fields": []},
    "endpoints": [{"POST": "/issues"}], "json_schema": null, "sdk_version": null, "features": null,
    "scopes": null, "source": "hub"
  }],
  "on-events": [{"name": "post-create", "type": "on-event", "returns": [], "endpoints": [], "json_schema": null, "sdk_version": null, "features": []}],
  "new_top_level": true
}]"#;

#[test]
fn get_scripts_config_request() {
    let req = GetScriptsConfig::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/scripts/config?format=nango");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());
    assert!(req.is_idempotent());
}

#[test]
fn get_scripts_config_decode() {
    let configs = GetScriptsConfig::new()
        .decode(response(200, NANGO_CONFIG))
        .unwrap();
    assert_eq!(configs.len(), 1);
    let gh = &configs[0];
    assert_eq!(gh.provider_config_key, "github");
    assert_eq!(gh.provider.as_deref(), Some("github"));
    let sync = &gh.syncs[0];
    assert_eq!(sync.kind, Some(FunctionType::Sync));
    assert_eq!(sync.runs.as_deref(), Some("every 30 minutes"));
    assert_eq!(sync.endpoints[0]["path"], "/issues");
    assert_eq!(sync.features, ["checkpoints"]);
    assert_eq!(sync.source, Some(FunctionSource::Repo));
    let action = &gh.actions[0];
    assert_eq!(action.input.as_ref().unwrap()["name"], "CreateIssue");
    assert!(action.scopes.is_empty() && action.features.is_empty());
    assert_eq!(action.source, Some(FunctionSource::Other("hub".into())));
    assert_eq!(gh.on_events[0].kind, Some(FunctionType::OnEvent));

    // the OpenAPI document (and the local fake server) list on-event scripts by name
    let by_name = GetScriptsConfig::new()
        .decode(response(
            200,
            r#"[{"providerConfigKey":"slack","syncs":[],"actions":[],"on-events":["post-create","pre-delete"]}]"#,
        ))
        .unwrap();
    assert_eq!(by_name[0].on_events.len(), 2);
    assert_eq!(by_name[0].on_events[1].name, "pre-delete");
    assert_eq!(by_name[0].on_events[1].kind, Some(FunctionType::OnEvent));
    assert!(by_name[0].provider.is_none());

    // nothing deployed: `[]`, or an empty body
    assert!(GetScriptsConfig::new()
        .decode(response(200, "[]"))
        .unwrap()
        .is_empty());
    assert!(GetScriptsConfig::new()
        .decode(response(200, ""))
        .unwrap()
        .is_empty());
    assert!(matches!(
        GetScriptsConfig::new().decode(response(200, r#"{"data":[]}"#)),
        Err(Error::Decode(_))
    ));
}

#[test]
fn get_scripts_config_openai_request_and_decode() {
    let req = GetScriptsConfigOpenAi::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/scripts/config?format=openai");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let body = r#"{"data":[
      {"name":"sync-events","description":"Sync calendar events","parameters":{"type":"object","properties":{},"required":[]}},
      {"name":"delete-event","description":"Delete a calendar event","strict":true,
       "parameters":{"type":"object","properties":{
          "eventId":{"type":"string","description":"The ID of the event to delete"},
          "calendar":{"type":["string","null"],"description":"Optional calendar ID","enum":["primary"]}},
        "required":["eventId"]}}
    ]}"#;
    let functions = GetScriptsConfigOpenAi::new()
        .decode(response(200, body))
        .unwrap();
    assert_eq!(functions.len(), 2);
    assert!(functions[0].parameters.properties.is_empty());
    let delete = &functions[1];
    assert_eq!(delete.parameters.kind, "object");
    assert_eq!(delete.parameters.required, ["eventId"]);
    assert_eq!(
        delete.parameters.properties["calendar"]["enum"][0],
        "primary"
    );

    // the server answers a bare `[]` (whatever the format) when nothing is deployed
    for empty in ["[]", "", r#"{"data":[]}"#, r#"{"data":null}"#] {
        assert!(
            GetScriptsConfigOpenAi::new()
                .decode(response(200, empty))
                .unwrap()
                .is_empty(),
            "{empty}"
        );
    }
    assert!(GetScriptsConfigOpenAi::new()
        .decode(response(200, r#"{"other":1}"#))
        .is_err());
}

#[test]
fn get_environment_variables_request_and_decode() {
    let req = GetEnvironmentVariables::new().request(&cfg()).unwrap();
    assert_eq!(req.method(), Method::GET);
    assert_eq!(req.path_and_query(), "/environment-variables");
    assert!(req.headers().is_empty());
    assert!(req.body().is_none());

    let vars = GetEnvironmentVariables::new()
        .decode(response(
            200,
            r#"[{"name":"MY_SECRET_KEY","value":"SK_373892NSHFNCOWFO","created_at":"t"},{"name":"EMPTY","value":null}]"#,
        ))
        .unwrap();
    assert_eq!(vars.len(), 2);
    assert_eq!(vars[0].name, "MY_SECRET_KEY");
    assert_eq!(vars[0].value.expose_secret(), "SK_373892NSHFNCOWFO");
    assert!(vars[1].value.is_empty());
    assert!(
        !format!("{vars:?}").contains("SK_373892"),
        "values are redacted in Debug"
    );

    for empty in ["", "  \n", "null", "[]"] {
        assert!(GetEnvironmentVariables::new()
            .decode(response(200, empty))
            .unwrap()
            .is_empty());
    }
}
