//! `/functions`: compile TypeScript functions, dry-run them against a connection,
//! and deploy them (not in the official SDK).

use crate::encode;
use crate::error::{Error, InvalidInput, InvalidReason};
use crate::json::view;

view! {
    /// The fields of a dry run that are checked before sending.
    struct DryrunFields {
        integration_id,
        function_type,
        code,
        connection_id,
    }
}

impl DryrunFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("integration_id", self.integration_id.as_deref())?;
        encode::required_some("function_type", self.function_type.as_deref())?;
        encode::required_some("code", self.code.as_deref())?;
        encode::required_some("connection_id", self.connection_id.as_deref())?;
        Ok(())
    }
}

view! {
    /// The fields of a deployment that are checked before sending (`type` tells
    /// the code and the template variants apart).
    struct DeploymentFields {
        kind = "type",
        integration_id,
        function_name,
        function_type,
        code,
        template,
    }
}

/// The `type` of a deployment of source code.
const DEPLOY_CODE: &str = "function";
/// The `type` of a deployment of a catalog template.
const DEPLOY_TEMPLATE: &str = "template";

impl DeploymentFields {
    fn check(&self) -> Result<(), Error> {
        encode::required_some("integration_id", self.integration_id.as_deref())?;
        match self.kind.as_deref() {
            Some(DEPLOY_CODE) => {
                encode::required_some("function_name", self.function_name.as_deref())?;
                encode::required_some("function_type", self.function_type.as_deref())?;
                encode::required_some("code", self.code.as_deref())?;
            }
            Some(DEPLOY_TEMPLATE) => {
                encode::required_some("template", self.template.as_deref())?;
            }
            Some(_) => {
                return Err(InvalidInput::new("type", InvalidReason::InvalidValue)
                    .with_detail("must be `function` or `template`")
                    .into())
            }
            None => return Err(InvalidInput::new("type", InvalidReason::Missing).into()),
        }
        Ok(())
    }
}

// The operations of this group declared by the table (`request = "table"`).
include!("functions.gen.rs");
