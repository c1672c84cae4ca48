//! The Vigie server: the authoritative record of incidents, and the `vigie` command.

pub mod batch;
mod error;
pub mod http;

pub use error::Error;
