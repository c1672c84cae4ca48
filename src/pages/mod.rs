//! The app's pages, one module each.

pub mod incident;
pub mod incidents;
pub mod login;
pub mod wall;
pub mod report_form;
pub mod postmortem;
