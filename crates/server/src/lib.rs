//! The Vigie server: the authoritative record of incidents, and the `vigie` command.
//!
//! It stores every incident and every event of its life, computes every clock with the
//! engine at the server's clock, tells the people the procedure names, and pushes every
//! change to the browsers at once.

pub mod account;
pub mod admin;
pub mod assets;
pub mod attachments;
pub mod auth;
pub mod batch;
pub mod client;
pub mod config;
pub mod contacts;
pub mod db;
pub mod demo;
pub mod device;
mod error;
pub mod events;
pub mod extract;
pub mod filetype;
pub mod housekeeping;
pub mod http;
pub mod incidents;
pub mod ingest;
pub mod invitations;
pub mod lessons;
pub mod listener;
pub mod logging;
pub mod messages;
pub mod metrics;
pub mod model;
pub mod monitor;
pub mod notices;
pub mod notify;
pub mod offline;
pub mod oncall;
pub mod origin;
pub mod passwords;
pub mod policies;
pub mod postmortems;
pub mod reports;
pub mod reviews;
pub mod server;
pub mod sites;
pub mod state;
pub mod throttle;

pub use error::Error;
