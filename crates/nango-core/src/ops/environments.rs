//! `/environments` and `/environment`: create and delete environments, their API
//! keys, and rotate the webhook signing key (not in the official SDK).

use std::fmt::Display;

use crate::config::Config;
use crate::encode;
use crate::endpoint::{decode_as, Endpoint};
use crate::error::Error;
use crate::json::view;
use crate::request::ApiRequest;

view! {
    /// The fields of a new environment that are checked before sending.
    struct EnvironmentFields {
        name,
    }
}

impl EnvironmentFields {
    fn check(&self) -> Result<(), Error> {
        Ok(encode::required_some("name", self.name.as_deref())?)
    }
}

/// `DELETE /environments/{environment_id}`: deletes an environment (not `prod`).
///
/// The OpenAPI document names it by its numeric id; newer servers by its UUID:
/// either is accepted.
///
/// ```
/// use nango_core::{config::Config, endpoint::Endpoint, ops::environments::DeleteEnvironment};
/// let cfg = Config::builder().api_key("k").build()?;
/// assert_eq!(DeleteEnvironment::new(123).request(&cfg)?.path(), "/environments/123");
/// # Ok::<(), nango_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteEnvironment {
    environment_id: String,
}

impl DeleteEnvironment {
    /// Deletes environment `environment_id` (a number or a UUID).
    ///
    /// ```
    /// let op = nango_core::ops::environments::DeleteEnvironment::new("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    /// ```
    pub fn new(environment_id: impl Display) -> Self {
        Self {
            environment_id: environment_id.to_string(),
        }
    }
}

impl Endpoint for DeleteEnvironment {
    const NAME: &'static str = "delete_environment";
    type Output = ();

    fn request(&self, _config: &Config) -> Result<ApiRequest, Error> {
        // Numeric ids start at 1; anything else (a UUID) is the server's to judge.
        if self.environment_id.parse::<u64>() == Ok(0) {
            encode::positive("environment_id", 0)?;
        }
        Ok(ApiRequest::new(
            Self::METHOD,
            Self::PATH,
            &[("environment_id", &self.environment_id)],
        )?
        // Deleting twice answers 404: a retry must not mask the first success.
        .idempotent(false))
    }

    decode_as!(empty);
}

// The operations of this group declared by the table (`request = "table"`).
include!("environments.gen.rs");
