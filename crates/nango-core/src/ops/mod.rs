//! Every Nango operation as an [`Endpoint`](crate::endpoint::Endpoint), one module
//! per API group. Each struct is built with its required arguments (`new`) and
//! builder methods for the optional ones; its request is pure and testable.

pub mod connect;
pub mod connections;
