//! The actions of an incident's life, and [`act`], which applies one in a transaction.

use chrono::{DateTime, Utc};
use vigie_engine::communication::{GdprNotice, Resolution};
use vigie_engine::Priority;

use super::{detect_recurrence, incident_link, judge_later_again, load, organisation, record, site, view, Incident};
use crate::error::Error;
use crate::events::{self};
use crate::model::User;
use crate::notices::{self, ClientNotice};
use crate::postmortems::draft_postmortem;
use crate::state::AppState;
use vigie_api::{DataLoss, IncidentView, OnSiteNeeded, PlanIntervention, TypeCorrection};

/// An action on an incident.
#[derive(Debug, Clone)]
pub enum Action {
    /// A technician called the client.
    Acknowledge { note: Option<String> },
    /// A technician was dispatched to the site: the P1 on-site promise.
    Dispatch { note: Option<String> },
    /// A technician is on site.
    OnSite { note: Option<String> },
    /// Whether a technician must go on site, decided during the take-charge call.
    OnSiteNeeded(OnSiteNeeded),
    /// The date of a P3 intervention.
    PlanIntervention(PlanIntervention),
    /// A client update was sent.
    Update { message: String },
    /// The priority changes.
    Reclassify { priority: Priority, reason: String },
    /// Data was or may have been lost.
    DataLoss(DataLoss),
    /// The GDPR notice is sent to the client.
    GdprNotice(GdprNotice),
    /// The incident's type is corrected; recurrence is judged again.
    CorrectType(TypeCorrection),
    /// The incident is resolved.
    Resolve(Resolution),
    /// The incident is closed.
    Close { note: Option<String> },
    /// A member of staff owns the incident from now, or nobody (`None`).
    Assign { user_id: Option<i64> },
    /// The client confirms the fix holds: the incident closes.
    Confirm,
    /// The client says the fix does not hold: the incident is back to work.
    Reopen { reason: String },
    /// The client answers how satisfied they are, once, after the closure.
    Rate { score: u8, comment: Option<String> },
}

impl Action {
    /// Whether the client's own users take this action, not the staff.
    fn is_the_clients(&self) -> bool {
        matches!(self, Action::Confirm | Action::Reopen { .. } | Action::Rate { .. })
    }

    /// Whether it may still be taken once the incident is closed: the client's rating, and
    /// a data loss found late with the GDPR notice it calls for, whose clock runs whatever
    /// the incident's state.
    fn after_closure(&self) -> bool {
        matches!(self, Action::Rate { .. } | Action::DataLoss(_) | Action::GdprNotice(_))
    }
}

pub(super) fn conflict(incident: &Incident, why: &str) -> Error {
    Error::Conflict(format!("{} {why}", incident.reference))
}

/// What an action records: the event's kind and data, and the notice it sends.
pub(super) struct Recorded {
    pub(super) kind: EventKind,
    pub(super) data: serde_json::Value,
    pub(super) notice: Option<Notice>,
}

/// The notice an action sends, once the incident is updated.
pub(super) enum Notice {
    TakeCharge,
    Update,
    Resolution,
    Closure,
    Reclassification { from: Priority, reason: String },
    InterventionPlanned { planned_for: DateTime<Utc>, reason: Option<String> },
    Gdpr(Box<GdprNotice>),
}

/// Applies an action: checks the transition (409 with the reason when impossible), records
/// it, appends the event and queues the notifications it causes, in one transaction.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Forbidden`] for a client, [`Error::Conflict`],
/// [`Error::BadRequest`].
pub async fn act(state: &AppState, user: &User, id: i64, action: Action) -> Result<IncidentView, Error> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let incident = load(&mut tx, user, id).await?;
    if action.is_the_clients() {
        if user.is_staff() {
            return Err(Error::Forbidden(format!("only the client's users answer this, not a {}", user.role)));
        }
    } else {
        user.require_staff()?;
    }
    if incident.closed_at.is_some() && !action.after_closure() {
        return Err(conflict(&incident, "is closed"));
    }
    let recorded = record(&mut tx, &incident, &action, now).await?;
    let event_id = events::append(
        &mut tx,
        Some(id),
        Some(incident.organisation_id),
        recorded.kind,
        now,
        Some(user.id),
        recorded.data,
    )
    .await?;
    let updated = load(&mut tx, user, id).await?;
    let site = site(&mut tx, updated.site_id).await?;
    let org = organisation(&mut tx, updated.organisation_id).await?;
    if let Some(notice) = &recorded.notice {
        let link = incident_link(state, id);
        let notice = match notice {
            Notice::TakeCharge => ClientNotice::TakeCharge,
            Notice::Update => ClientNotice::Update,
            Notice::Resolution => ClientNotice::Resolution { link: &link },
            Notice::Closure => ClientNotice::Closure { link: &link },
            Notice::Reclassification { from, reason } => ClientNotice::Reclassification { from: *from, reason },
            Notice::InterventionPlanned { planned_for, reason } => {
                ClientNotice::InterventionPlanned { planned_for: *planned_for, reason: reason.as_deref() }
            }
            Notice::Gdpr(content) => ClientNotice::Gdpr(content.as_ref()),
        };
        notices::queue(&mut tx, &updated, &site, &org, notice, event_id, now).await?;
    }
    let updated = match &action {
        Action::Resolve(_) if updated.priority == Priority::P1 => {
            draft_postmortem(&mut tx, &updated, &site, now).await?;
            updated
        }
        Action::CorrectType(_) => {
            let cause = format!("Type corrigé en {}", updated.incident_type);
            detect_recurrence(&mut tx, &updated, &site, &org, now, &cause).await?;
            judge_later_again(&mut tx, &incident, &updated, &site, &org, now).await?;
            load(&mut tx, user, id).await?
        }
        _ => updated,
    };
    tx.commit().await?;
    state.changed().await;
    view(&updated, &site, &org, now)
}
use vigie_api::EventKind;
