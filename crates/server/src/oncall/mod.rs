//! The on-call rota and the paging of P1s.
//!
//! The administrator keeps the rota: a weekly pattern in Paris local time and exceptions
//! between two instants ([`vigie_engine::oncall`] says who is on duty at an instant); staff
//! read it. The SLA monitor pages the technician on duty, by SMS and email through the
//! outbox, once per incident:
//!
//! - a P1 reported outside its site's business hours, at once;
//! - a P1 reported in business hours and still unassigned `[oncall] unassigned_minutes`
//!   (10 by default) after its report; one somebody took in time is not paged.
//!
//! The paged technician is given the incident unless somebody already has it. When the rota
//! leaves nobody on duty, the timeline says so and the operations managers are emailed, as
//! for an SLA alert. A desk without any rota pages nobody.

mod paging;
mod rota;

pub(crate) use paging::check;
use rota::stored;
pub use rota::{add_exception, remove_exception, router, set_week, show};

/// How far ahead `GET /api/oncall` lists the changes.
const AHEAD_DAYS: i64 = 7;
/// The most slots a weekly pattern has (a slot every half hour of the week is 336).
const MAX_SLOTS: usize = 400;
