//! `/providers`: the catalog of APIs Nango connects to, and their templates.

// The operations of this group declared by the table (`request = "table"`).
include!("providers.gen.rs");
