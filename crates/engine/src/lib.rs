//! The rules of Vigie, the incident desk of a security integrator.
//!
//! One pure crate computes what the client's procedure (PROC-CRM-002) promises: the
//! priority of an incident ([`classify`]), the business calendar that some deadlines count
//! in ([`Calendar`]), every SLA clock and its state at a given instant ([`sla`]), whom to tell
//! and when ([`communication`]), who is on call ([`oncall`]), when an incident recurs
//! ([`recurrence`]) and whether a post-mortem is complete ([`postmortem`]).
//!
//! The same code runs in the browser (compiled to WebAssembly) and on the server, so a
//! countdown on a screen and a breach alert never disagree. Nothing here reads a clock,
//! a file or the network: every function that needs "now" takes it as a parameter.

#![deny(missing_docs)]

pub mod calendar;
pub mod classify;
pub mod communication;
mod error;
pub mod oncall;
pub mod policy;
pub mod postmortem;
mod priority;
pub mod recurrence;
mod short_sort;
pub mod sla;

pub use calendar::{parse_date, time_zones, Calendar, CalendarSpec, DayPreview, HolidayRegion};
pub use classify::{classify, Answers, Classification};
pub use error::{Error, Result};
pub use policy::{Policy, Target};
pub use priority::{Contract, Priority};
