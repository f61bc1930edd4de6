//! Every Nango operation as an [`Endpoint`](crate::endpoint::Endpoint), one module
//! per API group. Each struct is built with its required arguments (`new`) and
//! builder methods for the optional ones; its request is pure and testable.

pub mod actions;
pub mod connect;
pub mod connections;
pub mod environments;
pub mod functions;
pub mod integrations;
pub mod providers;
pub mod proxy;
pub mod records;
pub mod scripts;
pub mod syncs;
