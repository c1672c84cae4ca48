//! Incidents: reporting, the actions of their life, and their clocks as the engine computes
//! them at the server's now.

mod actions;
mod chronology;
mod recurrence;
mod report;
mod routes;
mod stored;
mod texts;
mod transitions;
mod view;

pub use actions::{act, Action};
use actions::{conflict, Notice, Recorded};
pub use chronology::describe_event;
use recurrence::{detect_recurrence, judge_later_again};
pub use report::create;
pub(crate) use report::{insert, Insert};
pub use routes::router;
pub(crate) use stored::open_incidents;
use stored::StoredClassification;
pub use stored::{load, organisation, site, Incident};
pub(crate) use texts::required_text;
use texts::{callback_number, cleaned_notice, optional_text};
use transitions::record;
pub(crate) use view::incident_link;
pub use view::{closes_at, get_view, list, timeline, view, ListQuery};
pub use vigie_api::{
    DataLoss, IncidentView, NewIncident, OnSiteNeeded, PlanIntervention, Source, Status, TypeCorrection,
};
