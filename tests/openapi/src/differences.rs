//! The reviewed differences between the document and the SDK or the local server.
//!
//! Each check reports what it finds as a pair (operation, what) to a
//! [`Findings`]; at the end the findings are compared with [`DIFFERENCES`]: a finding
//! that is not listed fails (a new drift: fix the SDK or the server, or list it with
//! its reason), and so does a listed difference that no longer occurs (the list cannot
//! go stale). Entries are exact: the `what` text is the finding's text.

use std::collections::BTreeSet;

/// One reviewed difference.
#[derive(Debug, Clone, Copy)]
pub struct Difference {
    /// Which check finds it: `request`, `model`, `example` (the document's own
    /// examples) or `server`.
    pub check: &'static str,
    /// The document's operation (`GET /connections/{connectionId}`).
    pub op: &'static str,
    /// The finding's text, exactly.
    pub what: &'static str,
    /// Why it is so and stays so (the document is wrong, the real server differs,
    /// the SDK chose to).
    pub reason: &'static str,
}

/// The findings of one check.
#[derive(Debug)]
pub struct Findings {
    check: &'static str,
    found: BTreeSet<(String, String)>,
}

impl Findings {
    /// An empty set for `check`.
    pub fn new(check: &'static str) -> Self {
        Findings {
            check,
            found: BTreeSet::new(),
        }
    }

    /// Records a finding.
    pub fn add(&mut self, op: impl ToString, what: impl Into<String>) {
        self.found.insert((op.to_string(), what.into()));
    }

    /// How many findings so far.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Compares the findings with the listed differences of this check: the message
    /// names every unlisted finding (written as an entry to review and paste) and every
    /// listed difference that did not occur.
    pub fn reconcile(&self, listed: &[Difference]) -> Result<usize, String> {
        let listed: BTreeSet<(String, String)> = listed
            .iter()
            .filter(|d| d.check == self.check)
            .map(|d| (d.op.to_string(), d.what.to_string()))
            .collect();
        let unlisted: Vec<_> = self.found.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&self.found).collect();
        if unlisted.is_empty() && stale.is_empty() {
            return Ok(self.found.len());
        }
        let mut msg = String::new();
        if !unlisted.is_empty() {
            msg.push_str(&format!(
                "{} difference(s) of the `{}` check not in src/differences.rs (fix the SDK or \
                 the local server, or list each with its reason):\n",
                unlisted.len(),
                self.check
            ));
            for (op, what) in &unlisted {
                msg.push_str(&format!(
                    "    Difference {{ check: {:?}, op: {:?}, what: {:?}, reason: \"\" }},\n",
                    self.check, op, what
                ));
            }
        }
        if !stale.is_empty() {
            msg.push_str(&format!(
                "{} listed difference(s) of the `{}` check no longer occur (remove them):\n",
                stale.len(),
                self.check
            ));
            for (op, what) in &stale {
                msg.push_str(&format!("    {op}: {what}\n"));
            }
        }
        Err(msg)
    }

    /// [`reconcile`](Self::reconcile) against [`DIFFERENCES`], panicking with its message.
    pub fn assert_reviewed(&self) -> usize {
        match self.reconcile(DIFFERENCES) {
            Ok(n) => n,
            Err(msg) => panic!("{msg}"),
        }
    }
}

/// The reviewed list. Grouped by check, then by operation.
pub const DIFFERENCES: &[Difference] = &[
    Difference {
        check: "request",
        op: "DELETE /proxy/{anyPath}",
        what: "sends header `nango-activity-log-id`, not a parameter of the document",
        reason: R_ACTIVITY_LOG,
    },
    Difference {
        check: "request",
        op: "GET /connections",
        what: "sends query `integrationId`, not a parameter of the document",
        reason: R_INTEGRATION_ID,
    },
    Difference {
        check: "request",
        op: "GET /providers",
        what: "sends query `connect_session_token`, not a parameter of the document",
        reason: R_PROVIDER_QUERY,
    },
    Difference {
        check: "request",
        op: "GET /providers",
        what: "sends query `search`, not a parameter of the document",
        reason: R_PROVIDER_QUERY,
    },
    Difference {
        check: "request",
        op: "GET /proxy/{anyPath}",
        what: "sends header `forward-headers-on-redirect`, not a parameter of the document",
        reason: R_FORWARD_HEADERS,
    },
    Difference {
        check: "request",
        op: "GET /proxy/{anyPath}",
        what: "sends header `nango-activity-log-id`, not a parameter of the document",
        reason: R_ACTIVITY_LOG,
    },
    Difference {
        check: "request",
        op: "GET /records",
        what: "the path ends with a `/` the template has not",
        reason: R_RECORDS_SLASH,
    },
    Difference {
        check: "request",
        op: "PATCH /proxy/{anyPath}",
        what: "sends header `nango-activity-log-id`, not a parameter of the document",
        reason: R_ACTIVITY_LOG,
    },
    Difference {
        check: "request",
        op: "POST /proxy/{anyPath}",
        what: "sends header `nango-activity-log-id`, not a parameter of the document",
        reason: R_ACTIVITY_LOG,
    },
    Difference {
        check: "request",
        op: "POST /sync/trigger",
        what: "body `/syncs` oneOf",
        reason: R_SYNCS_ONEOF,
    },
    Difference {
        check: "request",
        op: "PUT /proxy/{anyPath}",
        what: "sends header `nango-activity-log-id`, not a parameter of the document",
        reason: R_ACTIVITY_LOG,
    },
    Difference {
        check: "model",
        op: "GET /integrations/{uniqueKey}",
        what: "the document's own every-field instance is not valid against its schema: `/data` additionalProperties: Additional properties are not allowed ('created_at', 'display_name', 'forward_webhooks', 'logo', 'provider', 'unique_key…; `/data` additionalProperties: Additional properties are not allowed ('credentials', 'webhook_url' were unexpected)",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "model",
        op: "GET /integrations/{uniqueKey}",
        what: "the document's own nullable-as-null instance is not valid against its schema: `/data` additionalProperties: Additional properties are not allowed ('created_at', 'display_name', 'forward_webhooks', 'logo', 'provider', 'unique_key…; `/data` additionalProperties: Additional properties are not allowed ('credentials', 'webhook_url' were unexpected)",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "model",
        op: "GET /integrations/{uniqueKey}",
        what: "the document's own required-only instance is not valid against its schema: `/data` additionalProperties: Additional properties are not allowed ('created_at', 'display_name', 'provider', 'unique_key', 'updated_at' were unexpec…",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "model",
        op: "GET /integrations/{uniqueKey}/functions",
        what: "list_functions: a document instance does not decode: could not decode the 200 response: invalid type at `data[0].id`: expected i64",
        reason: R_FUNCTION_ID,
    },
    Difference {
        check: "model",
        op: "GET /integrations/{uniqueKey}/functions/{name}",
        what: "get_function: a document instance does not decode: could not decode the 200 response: invalid type at `data.id`: expected i64",
        reason: R_FUNCTION_ID,
    },
    Difference {
        check: "model",
        op: "GET /providers",
        what: "list_providers: a document instance does not decode: could not decode the 200 response: invalid type at `data[0].connection_config.description`: expected struct ProviderField",
        reason: R_PROVIDER_CONFIG,
    },
    Difference {
        check: "model",
        op: "GET /providers/{provider}",
        what: "get_provider: a document instance does not decode: could not decode the 200 response: invalid type at `data.connection_config.description`: expected struct ProviderField",
        reason: R_PROVIDER_CONFIG,
    },
    Difference {
        check: "model",
        op: "GET /scripts/config",
        what: "get_scripts_config: a document instance does not decode: could not decode the 200 response: invalid type at `.`: expected a sequence",
        reason: R_SCRIPTS_CONFIG,
    },
    Difference {
        check: "model",
        op: "GET /scripts/config",
        what: "get_scripts_config_openai: a document instance does not decode: could not decode the 200 response: invalid data at `.`",
        reason: R_SCRIPTS_CONFIG,
    },
    Difference {
        check: "model",
        op: "PATCH /connections/metadata",
        what: "update_metadata: a document instance does not decode: could not decode the 200 response: missing field `connection_id`",
        reason: R_METADATA_ECHO,
    },
    Difference {
        check: "model",
        op: "POST /connections/metadata",
        what: "set_metadata: a document instance does not decode: could not decode the 201 response: missing field `connection_id`",
        reason: R_METADATA_ECHO,
    },
    Difference {
        check: "example",
        op: "/paths/~1action~1trigger/post/responses/200/content/application~1json/schema/oneOf/0/properties/your-properties",
        what: "the document's example is not valid: `` type: found string",
        reason: R_PLACEHOLDER_EXAMPLE,
    },
    Difference {
        check: "server",
        op: "GET /connect/session",
        what: "200 `/data` required: \"expires_at\" is a required property",
        reason: R_GET_SESSION,
    },
    Difference {
        check: "server",
        op: "GET /connect/session",
        what: "200 `/data` required: \"token\" is a required property",
        reason: R_GET_SESSION,
    },
    Difference {
        check: "server",
        op: "GET /connect/session",
        what: "401 `/error` additionalProperties: Additional properties are not allowed ('payload' was unexpected)",
        reason: R_ERROR_PAYLOAD,
    },
    Difference {
        check: "server",
        op: "GET /connections/{connectionId}",
        what: "200 `/credentials` anyOf",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "server",
        op: "GET /integrations",
        what: "401 `/error` additionalProperties: Additional properties are not allowed ('payload' was unexpected)",
        reason: R_ERROR_PAYLOAD,
    },
    Difference {
        check: "server",
        op: "GET /integrations/{uniqueKey}",
        what: "200 `/data` additionalProperties: Additional properties are not allowed ('created_at', 'display_name', 'forward_webhooks', 'logo', 'provider', 'unique_key…",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "server",
        op: "GET /integrations/{uniqueKey}",
        what: "200 `/data` additionalProperties: Additional properties are not allowed ('credentials', 'webhook_url' were unexpected)",
        reason: R_ALLOF_CLOSED,
    },
    Difference {
        check: "server",
        op: "GET /providers",
        what: "200 `/data/*` anyOf",
        reason: R_PROVIDER,
    },
    Difference {
        check: "server",
        op: "GET /providers/{provider}",
        what: "200 `/data` anyOf",
        reason: R_PROVIDER,
    },
    Difference {
        check: "server",
        op: "GET /proxy/{anyPath}",
        what: "answers 400, a status the document does not list",
        reason: R_PROXY_400,
    },
    Difference {
        check: "server",
        op: "GET /records",
        what: "200 `/next_cursor` type: found null",
        reason: R_NEXT_CURSOR,
    },
    Difference {
        check: "server",
        op: "GET /scripts/config",
        what: "200 `` type: found array",
        reason: R_SCRIPTS_CONFIG,
    },
    Difference {
        check: "server",
        op: "GET /sync/status",
        what: "200 `/syncs/*/nextScheduledSyncAt` type: found null",
        reason: R_NEXT_SCHEDULED,
    },
    Difference {
        check: "server",
        op: "POST /action/trigger",
        what: "answers 202, a status the document does not list",
        reason: R_ACTION_202,
    },
    Difference {
        check: "server",
        op: "POST /action/trigger",
        what: "answers 404, a status the document does not list",
        reason: R_ACTION_404,
    },
    Difference {
        check: "server",
        op: "POST /connections",
        what: "answers 201, a status the document does not list",
        reason: R_IMPORT_201,
    },
    Difference {
        check: "server",
        op: "POST /connections/metadata",
        what: "answers 404, a status the document does not list",
        reason: R_METADATA_404,
    },
    Difference {
        check: "server",
        op: "POST /integrations/quickstart",
        what: "200 `/data` type: found object",
        reason: R_QUICKSTART,
    },
    Difference {
        check: "server",
        op: "POST /sync/trigger",
        what: "answers 404, a status the document does not list",
        reason: R_SYNC_404,
    },
];

// The reasons, each shared by the findings it explains. "The document is wrong" is said
// only where ../shared/reference/server-behaviour.md (facts read from the real server),
// the official SDK or the official types show what Nango really does.

/// allOf of schemas that each say `additionalProperties: false`.
const R_ALLOF_CLOSED: &str =
    "The document is wrong: `IntegrationFull`, `OAuth2CredentialsWithRaw` and \
    `OAuth1CredentialsWithRaw` are an `allOf` of two schemas that each say \
    `additionalProperties: false`, so no object with the fields of both (an integration \
    with its credentials; credentials with their `raw` token response, which the real \
    server always includes) can satisfy them. The SDK decodes the real shapes; the local \
    server answers them.";
const R_GET_SESSION: &str = "The document reuses the create answer's `ConnectSession` (token, \
    connect_link, expires_at) for `GET /connect/session`; the real server answers the \
    session's settings there (end user, tags, allowed integrations, isReconnecting, \
    connectUISettings: `GetConnectSession` of the official types), not its token, which \
    the caller already holds as its bearer. The local server mirrors the real answer; the \
    SDK decodes it as `ConnectSessionDetails`.";
const R_ERROR_PAYLOAD: &str = "The document's `StdError` forbids fields beside code, message \
    and errors; the real server's older handlers (authentication among them) answer \
    `{\"error\":{message,code,payload}}` (server-behaviour.md, error bodies). The local \
    server sends that shape; the SDK's error decoding keeps every field.";
const R_PROVIDER: &str = "The document's provider schemas are closed (`additionalProperties: \
    false`): `BaseProvider` omits `logo_url`, which the real server adds to every provider \
    (docs/coverage-core-a.md, OpenAPI disagreements), and `ProviderOAuth1`/`ProviderOAuth2` \
    list only their mode's own fields (no `name`, `display_name`...), so no full provider \
    satisfies them. The local server answers the real catalogue's shape.";
const R_PROVIDER_CONFIG: &str = "The document types a provider's `connection_config` as one \
    `SimplifiedJSONSchema`; the real catalogue (providers.yaml, the official types, the \
    real and the local server) gives a map of field name to field schema, which the SDK \
    decodes (docs/coverage-core-a.md). The document's single-schema shape is refused on \
    purpose.";
const R_PROXY_400: &str = "The document lists no 400 for the proxy; the real server refuses a \
    proxy call for an unknown connection with 400 `unknown_connection` \
    (server-behaviour.md, codes by status).";
const R_NEXT_CURSOR: &str = "The document types `next_cursor` as a string; on the last page the \
    real server answers `next_cursor: null` (server-behaviour.md, pagination: \
    `string|null`). The SDK reads it as an option.";
const R_SCRIPTS_CONFIG: &str = "The document describes one object; the real server answers a bare \
    JSON array of configs, for both formats (server-behaviour.md; \
    docs/coverage-core-a.md). The SDK decodes the array, so the document's object shape \
    is refused on purpose; the local server answers the array.";
const R_NEXT_SCHEDULED: &str = "The document types `nextScheduledSyncAt` as a string; the real \
    server answers null for a sync with no next run scheduled (a paused one, as here). The \
    SDK reads it as an option.";
const R_ACTION_202: &str = "The document lists only 200 for `POST /action/trigger`; with \
    `X-Async: true` the real server answers 202 `{id, statusUrl}` (server-behaviour.md, \
    actions).";
const R_ACTION_404: &str = "The document lists no 404 for `POST /action/trigger`; the real \
    server answers 404 `unknown_connection` / `unknown_action` (server-behaviour.md, \
    actions).";
const R_IMPORT_201: &str = "The document says 200; the real server answers 201 to \
    `POST /connections` (server-behaviour.md, observed on a real server).";
const R_METADATA_404: &str = "The document lists only 201/200 and 400 for the metadata calls; \
    the local server refuses an unknown connection with 404 `unknown_connection`, the code \
    and status the real server uses for a connection that does not exist (server-behaviour.md \
    lists `unknown_connection` and 404 `not_found` for it; which of the two this handler \
    answers is not recorded there). The SDK reads either as an API error.";
const R_QUICKSTART: &str = "The document says `{data: Integration[]}`; the real server and the \
    official types answer `{data: Integration}` (docs/coverage-core-a.md). The SDK decodes \
    both; the local server answers the real one.";
const R_SYNC_404: &str = "The document lists no 404 for `POST /sync/trigger`; the real server \
    answers 404 `unknown_provider_config` for an unknown integration (server-behaviour.md, \
    codes by status).";
const R_FUNCTION_ID: &str = "The document types a deployed function's `id` as `number`, which \
    allows fractions; it is the function's integer database id (the real and the local \
    server send integers), and the SDK keeps it as `i64`: only a fractional id, which no \
    server sends, fails.";
const R_METADATA_ECHO: &str = "The document makes every field of the metadata answer optional; \
    the real server echoes the request body, which always holds `connection_id`, \
    `provider_config_key` and `metadata` (server-behaviour.md: `POST /connections/metadata` \
    echoes the body). The SDK's `MetadataUpdate` requires them.";
const R_ACTIVITY_LOG: &str = "The official Node SDK sends `Nango-Activity-Log-Id` on every proxy \
    call (compared request for request by tests/native/tests/conformance.rs); the document \
    does not list the header.";
const R_INTEGRATION_ID: &str = "The official SDK's `listConnections({integrationId})` sends \
    `integrationId` and the real server accepts it (its query schemas are strict: an \
    unknown parameter would be a 400); the document does not list it.";
const R_PROVIDER_QUERY: &str = "The official SDK's `listProviders(queries)` sends `search` and \
    `connect_session_token`; the document lists no query parameters for `GET /providers`.";
const R_FORWARD_HEADERS: &str = "`Forward-Headers-On-Redirect` is a proxy header of the real \
    server and of the official SDK (server-behaviour.md, proxy); the document does not \
    list it.";
const R_RECORDS_SLASH: &str = "The official SDK requests `GET /records/` (trailing slash) and the \
    real server routes it as `/records`; the SDK keeps the official path (conformance).";
const R_PLACEHOLDER_EXAMPLE: &str =
    "The document is wrong: `your-properties`, a placeholder for an \
    action's own output, is typed `object` with a string example. Nothing to do on our \
    side: an action's output is the caller's own type (`TriggerAction<O>`).";
const R_SYNCS_ONEOF: &str = "The document is wrong: `syncs` is a `oneOf` of two array schemas, \
    so the empty array, which the document itself says triggers every sync, matches both \
    and fails `oneOf`. The SDK sends `[]` as the official SDK does.";

#[cfg(test)]
mod tests {
    use super::*;

    const LISTED: &[Difference] = &[
        Difference {
            check: "request",
            op: "GET /a",
            what: "known drift",
            reason: "listed on purpose",
        },
        Difference {
            check: "request",
            op: "GET /b",
            what: "fixed since",
            reason: "no longer occurs",
        },
        Difference {
            check: "server",
            op: "GET /a",
            what: "another check's",
            reason: "not this check's business",
        },
    ];

    #[test]
    fn unlisted_and_stale_differences_both_fail() {
        let mut f = Findings::new("request");
        f.add("GET /a", "known drift");
        f.add("GET /c", "new drift");
        let msg = f.reconcile(LISTED).unwrap_err();
        assert!(msg.contains(r#"op: "GET /c", what: "new drift""#), "{msg}");
        assert!(msg.contains("GET /b: fixed since"), "{msg}");
        // The other check's entries are neither required nor stale here.
        assert!(!msg.contains("another check's"), "{msg}");
    }

    #[test]
    fn exactly_the_listed_differences_pass() {
        let mut f = Findings::new("request");
        f.add("GET /a", "known drift");
        f.add("GET /b", "fixed since");
        f.add("GET /a", "known drift");
        assert_eq!(f.reconcile(LISTED), Ok(2));
    }

    #[test]
    fn every_listed_difference_has_a_reason_and_a_known_check() {
        for d in DIFFERENCES {
            assert!(!d.reason.trim().is_empty(), "{d:?}");
            assert!(
                ["request", "model", "example", "server"].contains(&d.check),
                "{d:?}"
            );
        }
    }
}
