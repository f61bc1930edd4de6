//! Compiling, dry-running and deploying functions (not in the official SDK).

use super::Client;
use crate::models::functions::{NewDeployment, NewDryrun};
use crate::ops::functions::{
    CompileFunction, CreateFunctionDeployment, CreateFunctionDryrun, GetFunctionDeployment,
    GetFunctionDryrun,
};
use crate::transport::Transport;

impl<T: Transport> Client<T> {}

// The methods of this group declared by the table.
include!("functions.gen.rs");
