//! The events that stop or restart clocks (procedure §02–§04): dispatch, arrival, planned
//! interventions, resolution, reclassification, data loss, technical reviews.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use vigie_engine::sla::{
    clock, clocks, deadlines, history, review_clock, ClockKind, ClockState, IncidentTimes, NeedChange, PriorityChange,
};
use vigie_engine::{Calendar, Contract, Policy, Priority, Target};

use crate::at;

fn premium() -> Policy {
    Policy::for_contract(Contract::Premium)
}

#[test]
fn the_p1_on_site_promise_is_the_dispatch_not_the_arrival() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
    incident.on_site_required = true;
    incident.acknowledged_at = Some(at("2026-11-27T22:20:00+01:00"));
    // Dispatched after 1 h 50 on a Premium contract (2 h): kept, whenever the technician
    // arrives.
    incident.dispatched_at = Some(at("2026-11-28T00:00:00+01:00"));
    incident.on_site_at = Some(at("2026-11-28T01:30:00+01:00"));
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, at("2026-11-28T02:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.met_at, c.late_by_seconds), (ClockState::Met, incident.dispatched_at, Some(0)));
    assert_eq!(c.due, Some(at("2026-11-28T00:10:00+01:00")));
    // Not yet dispatched at the deadline: breached, though nobody has arrived either way.
    incident.dispatched_at = None;
    incident.on_site_at = None;
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, at("2026-11-28T00:20:00+01:00")).unwrap();
    assert_eq!((c.state, c.late_by_seconds), (ClockState::Breached, Some(600)));
}

#[test]
fn an_arrival_with_no_dispatch_recorded_stops_the_on_site_clock() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
    incident.on_site_required = true;
    incident.acknowledged_at = Some(at("2026-11-27T22:20:00+01:00"));
    // Recorded before dispatches were, or nobody recorded it: the technician left no later
    // than the arrival, so the promise is judged at the arrival, never left open.
    incident.on_site_at = Some(at("2026-11-28T00:05:00+01:00"));
    let now = at("2026-11-28T02:00:00+01:00");
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((c.state, c.met_at, c.late_by_seconds), (ClockState::Met, incident.on_site_at, Some(0)));
    // An arrival after the deadline: late by as much, not open for ever.
    incident.on_site_at = Some(at("2026-11-28T00:40:00+01:00"));
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((c.state, c.late_by_seconds), (ClockState::Met, Some(30 * 60)));
    // A dispatch recorded before the arrival is what counts.
    incident.dispatched_at = Some(at("2026-11-28T00:00:00+01:00"));
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((c.met_at, c.late_by_seconds), (incident.dispatched_at, Some(0)));
}

#[test]
fn a_promise_kept_or_broken_stays_so_when_the_on_site_need_is_cleared() {
    let cal = Calendar::default();
    let p = Policy::default();
    // A P1 reported at 10:00 with a technician needed; the 4 h on-site promise (14:00)
    // broken; at 15:00 the staff decide nobody has to go any more.
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T10:30:00+01:00"));
    incident.on_site_need_changes.push(NeedChange { at: at("2026-11-27T15:00:00+01:00"), needed: false });
    let now = at("2026-11-27T16:00:00+01:00");
    let current = clock(ClockKind::OnSite, &incident, &p, &cal, now).unwrap();
    assert_eq!(current.state, ClockState::NotApplicable, "no promise from now on");
    let h = history(&incident, &p, &cal, now).unwrap();
    let ended: Vec<_> = h
        .iter()
        .filter(|(_, c)| c.need_cleared_at.is_some())
        .map(|(p, c)| (*p, c.kind, c.state, c.late_by_seconds))
        .collect();
    assert_eq!(ended, [(Priority::P1, ClockKind::OnSite, ClockState::Breached, Some(3600))]);
    // Kept before the need was cleared: kept it stays.
    incident.dispatched_at = Some(at("2026-11-27T11:00:00+01:00"));
    let h = history(&incident, &p, &cal, now).unwrap();
    let kept = h.iter().find(|(_, c)| c.need_cleared_at.is_some()).unwrap();
    assert_eq!((kept.1.state, kept.1.late_by_seconds), (ClockState::Met, Some(0)));
    // Cleared while the clock still ran on time: the promise is withdrawn, neither kept
    // nor broken (a running clock the monthly report does not count).
    incident.dispatched_at = None;
    incident.on_site_need_changes[0].at = at("2026-11-27T12:00:00+01:00");
    let h = history(&incident, &p, &cal, now).unwrap();
    let withdrawn = h.iter().find(|(_, c)| c.need_cleared_at.is_some()).unwrap();
    assert_eq!(withdrawn.1.state, ClockState::Running);
    // Needed again later: the one clock counts from the report again, and the history
    // does not count it twice.
    incident.on_site_need_changes.push(NeedChange { at: at("2026-11-27T13:00:00+01:00"), needed: true });
    incident.on_site_required = true;
    let h = history(&incident, &p, &cal, now).unwrap();
    assert!(h.iter().all(|(_, c)| c.need_cleared_at.is_none()));
    let on_site: Vec<_> = h.iter().filter(|(_, c)| c.kind == ClockKind::OnSite).map(|(_, c)| c.state).collect();
    assert_eq!(on_site, [ClockState::Breached]);
}

#[test]
fn a_need_set_after_a_downgrade_invents_no_breach_under_the_former_priority() {
    let cal = Calendar::default();
    let p = Policy::default();
    // A P1 reported at 10:00 without a technician needed, lowered to P3 at 11:00; the need
    // set at 16:00, past the P1's 4 h: the P1 never promised an on-site dispatch.
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T10:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T10:30:00+01:00"));
    incident.priority_changes.push(PriorityChange {
        at: at("2026-11-27T11:00:00+01:00"),
        from: Priority::P1,
        to: Priority::P3,
    });
    incident.on_site_need_changes.push(NeedChange { at: at("2026-11-27T16:00:00+01:00"), needed: true });
    incident.on_site_required = true;
    let h = history(&incident, &p, &cal, at("2026-11-27T17:00:00+01:00")).unwrap();
    assert!(!h.iter().any(|(p, c)| *p == Priority::P1 && c.kind == ClockKind::OnSite), "no P1 on-site clock in {h:?}");
    // The P3's intervention clock runs, counted from the reclassification.
    let (priority, intervention) = h.iter().find(|(_, c)| c.kind == ClockKind::InterventionPlanned).unwrap();
    assert_eq!((*priority, intervention.state), (Priority::P3, ClockState::Running));
}

#[test]
fn a_clock_resolution_made_moot_is_not_applicable_not_kept() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
    incident.on_site_required = true;
    incident.acknowledged_at = Some(at("2026-11-27T22:20:00+01:00"));
    // Fixed remotely at 23:00, before the on-site deadline (00:10): nobody had to go.
    incident.resolved_at = Some(at("2026-11-27T23:00:00+01:00"));
    let now = at("2026-11-28T09:00:00+01:00");
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!(
        (c.state, c.moot, c.met_at, c.late_by_seconds),
        (ClockState::NotApplicable, true, incident.resolved_at, None)
    );
    assert!(!c.is_open());
    // The resolution notice is the last client update: the update clock is met, not moot.
    let u = clock(ClockKind::ClientUpdate, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((u.state, u.moot), (ClockState::Met, false));
    // Resolved after the on-site deadline without a dispatch: the promise was broken.
    incident.resolved_at = Some(at("2026-11-28T00:40:00+01:00"));
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((c.state, c.moot, c.late_by_seconds), (ClockState::Met, false, Some(30 * 60)));
}

#[test]
fn a_p3_intervention_ends_at_the_arrival_and_a_late_plan_is_at_risk_from_the_planning() {
    let cal = Calendar::default();
    let p = Policy::default();
    // Reported Friday 17:59: the intervention is due at the end of the 5th business day,
    // Friday 4 December at 18:00.
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T17:59:00+01:00"));
    incident.on_site_required = true;
    incident.acknowledged_at = Some(at("2026-11-30T09:00:00+01:00"));
    let due = at("2026-12-04T18:00:00+01:00");
    // Planned on Monday for Thursday: running, nothing to say.
    incident.intervention_planned_at = Some(at("2026-11-30T10:00:00+01:00"));
    incident.intervention_planned_for = Some(at("2026-12-03T14:00:00+01:00"));
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-11-30T11:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.due), (ClockState::Running, Some(due)));
    // Planning is not the promise: the arrival is.
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-12-02T11:00:00+01:00")).unwrap();
    assert!(c.is_open());
    incident.on_site_at = Some(at("2026-12-03T14:20:00+01:00"));
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-12-03T15:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.met_at, c.late_by_seconds), (ClockState::Met, incident.on_site_at, Some(0)));
    // Planned (at the client's request) for the Monday after the deadline: at risk from the
    // moment of planning, breached at the deadline, met late at the arrival.
    incident.on_site_at = None;
    incident.intervention_planned_for = Some(at("2026-12-07T09:00:00+01:00"));
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-11-30T10:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.at_risk_at), (ClockState::AtRisk, Some(at("2026-11-30T10:00:00+01:00"))));
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-12-05T10:00:00+01:00")).unwrap();
    assert_eq!(c.state, ClockState::Breached);
    incident.on_site_at = Some(at("2026-12-07T09:00:00+01:00"));
    let c = clock(ClockKind::InterventionPlanned, &incident, &p, &cal, at("2026-12-07T10:00:00+01:00")).unwrap();
    assert_eq!(
        (c.state, c.late_by_seconds),
        (ClockState::Met, Some((at("2026-12-07T09:00:00+01:00") - due).num_seconds()))
    );
}

#[test]
fn the_on_site_need_set_later_counts_from_the_report() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00+01:00"));
    let now = at("2026-11-27T11:00:00+01:00");
    assert_eq!(clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap().state, ClockState::NotApplicable);
    incident.on_site_required = true;
    let c = clock(ClockKind::OnSite, &incident, &premium(), &cal, now).unwrap();
    assert_eq!((c.state, c.due), (ClockState::Running, Some(at("2026-11-27T12:00:00+01:00"))));
}

#[test]
fn p3_raised_to_p1_two_hours_after_the_report_counts_from_the_reclassification() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00+01:00"));
    incident.on_site_required = true;
    incident.priority_changes.push(PriorityChange {
        at: at("2026-11-27T12:00:00+01:00"),
        from: Priority::P3,
        to: Priority::P1,
    });
    let now = at("2026-11-27T12:10:00+01:00");
    let all = clocks(&incident, &premium(), &cal, now).unwrap();
    // Take charge: one hour after the reclassification, not born breached.
    assert_eq!(
        (all[0].state, all[0].started_at, all[0].due),
        (ClockState::Running, Some(at("2026-11-27T12:00:00+01:00")), Some(at("2026-11-27T13:00:00+01:00")))
    );
    // On site: the P1 clock counts from the reclassification too; the P3 intervention
    // clock is gone.
    assert_eq!((all[1].state, all[1].due), (ClockState::Running, Some(at("2026-11-27T14:00:00+01:00"))));
    assert_eq!(all[2].state, ClockState::NotApplicable);
    // The P3 intervention clock ran until the reclassification: it is in the history,
    // ended there and not breached.
    let h = history(&incident, &premium(), &cal, now).unwrap();
    let ended: Vec<_> =
        h.iter().filter(|(_, c)| c.reclassified_at.is_some()).map(|(p, c)| (*p, c.kind, c.state)).collect();
    assert_eq!(
        ended,
        [
            (Priority::P3, ClockKind::TakeCharge, ClockState::Running),
            (Priority::P3, ClockKind::InterventionPlanned, ClockState::Running)
        ]
    );
    // Before the change the incident was a P3, whose take charge allowed 24 business hours.
    let before = clock(ClockKind::TakeCharge, &incident, &premium(), &cal, at("2026-11-27T11:00:00+01:00")).unwrap();
    assert_eq!(before.target, Some(Target::BusinessHours { minutes: 24 * 60 }));
}

#[test]
fn a_clock_met_stays_met_and_a_breach_stays_recorded_whatever_the_priority_becomes() {
    let cal = Calendar::default();
    let p = Policy::default();
    // A P1 reported at 10:00, taken in charge late at 11:30 (breach), its first update
    // late too; downgraded to P3 at 13:00.
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T10:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T11:30:00+01:00"));
    incident.priority_changes.push(PriorityChange {
        at: at("2026-11-27T13:00:00+01:00"),
        from: Priority::P1,
        to: Priority::P3,
    });
    let now = at("2026-11-27T14:00:00+01:00");
    let take_charge = clock(ClockKind::TakeCharge, &incident, &p, &cal, now).unwrap();
    assert_eq!((take_charge.state, take_charge.late_by_seconds), (ClockState::Met, Some(30 * 60)));
    assert_eq!(take_charge.target, Some(Target::Elapsed { minutes: 60 }), "judged under the priority it stopped under");
    // The update clock (P1: hourly, due 12:30) was breached at 13:00; P3 has none.
    let update = clock(ClockKind::ClientUpdate, &incident, &p, &cal, now).unwrap();
    assert_eq!(update.state, ClockState::NotApplicable);
    let h = history(&incident, &p, &cal, now).unwrap();
    let (priority, ended) =
        h.iter().find(|(_, c)| c.kind == ClockKind::ClientUpdate && c.reclassified_at.is_some()).unwrap();
    assert_eq!((*priority, ended.state, ended.late_by_seconds), (Priority::P1, ClockState::Breached, Some(30 * 60)));
    // A breached clock still running restarts with the new priority's target.
    let mut late = IncidentTimes::reported(Priority::P2, at("2026-11-27T10:00:00+01:00"));
    late.priority_changes.push(PriorityChange {
        at: at("2026-11-27T11:30:00+01:00"),
        from: Priority::P1,
        to: Priority::P2,
    });
    let c = clock(ClockKind::TakeCharge, &late, &p, &cal, at("2026-11-27T11:45:00+01:00")).unwrap();
    assert_eq!((c.state, c.due), (ClockState::Running, Some(at("2026-11-27T15:30:00+01:00"))));
    let h = history(&late, &p, &cal, at("2026-11-27T11:45:00+01:00")).unwrap();
    assert_eq!(h[0].1.state, ClockState::Breached, "the P1 breach before the downgrade is kept");
}

#[test]
fn the_gdpr_notice_is_due_a_day_after_the_loss_is_known_and_outlives_the_resolution() {
    let cal = Calendar::default();
    let p = Policy::default();
    let mut incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T10:00:00+01:00"));
    incident.data_loss_known_at = Some(at("2026-11-27T15:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T10:30:00+01:00"));
    incident.resolved_at = Some(at("2026-11-27T16:00:00+01:00"));
    let c = clock(ClockKind::GdprNotice, &incident, &p, &cal, at("2026-11-28T14:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.due), (ClockState::AtRisk, Some(at("2026-11-28T15:00:00+01:00"))));
    let c = clock(ClockKind::GdprNotice, &incident, &p, &cal, at("2026-11-28T16:00:00+01:00")).unwrap();
    assert_eq!(c.state, ClockState::Breached);
    incident.gdpr_notice_sent_at = Some(at("2026-11-28T09:00:00+01:00"));
    let c = clock(ClockKind::GdprNotice, &incident, &p, &cal, at("2026-11-28T16:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.late_by_seconds), (ClockState::Met, Some(0)));
    // No loss known: no clock.
    incident.data_loss_known_at = None;
    assert_eq!(
        clock(ClockKind::GdprNotice, &incident, &p, &cal, at("2026-11-28T16:00:00+01:00")).unwrap().state,
        ClockState::NotApplicable
    );
}

#[test]
fn a_technical_review_is_due_twenty_business_days_after_it_opens() {
    let cal = Calendar::default();
    // Opened Friday 27 November: the 20th business day after it is Monday 28 December,
    // Christmas Day being a holiday.
    let c =
        review_clock(at("2026-11-27T10:00:00+01:00"), None, &Policy::default(), &cal, at("2026-12-29T10:00:00+01:00"))
            .unwrap();
    assert_eq!(
        (c.kind, c.due, c.state),
        (ClockKind::TechnicalReview, Some(at("2026-12-28T18:00:00+01:00")), ClockState::Breached)
    );
    let closed = review_clock(
        at("2026-11-27T10:00:00+01:00"),
        Some(at("2026-12-10T12:00:00+01:00")),
        &Policy::default(),
        &cal,
        at("2026-12-28T10:00:00+01:00"),
    )
    .unwrap();
    assert_eq!((closed.state, closed.late_by_seconds), (ClockState::Met, Some(0)));
    // A policy stored before reviews had a deadline reads the procedure's default.
    let mut stored = serde_json::to_value(Policy::default()).unwrap();
    stored.as_object_mut().unwrap().remove("technical_review");
    let read: Policy = serde_json::from_value(stored).unwrap();
    assert_eq!(read.technical_review, Target::EndOfBusinessDay { days: 20 });
}

#[test]
fn the_batch_deadlines_do_not_depend_on_the_new_events() {
    // `vigie sla` reads reports, not events: its answers are those of the report time.
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T17:59:00+01:00"));
    incident.on_site_required = true;
    let before = deadlines(&incident, &premium(), &cal).unwrap();
    incident.dispatched_at = Some(at("2026-11-27T18:30:00+01:00"));
    incident.data_loss_known_at = Some(at("2026-11-27T18:30:00+01:00"));
    assert_eq!(deadlines(&incident, &premium(), &cal).unwrap(), before);
    assert_eq!(before.on_site_due, Some(at("2026-11-27T19:59:00+01:00")));
}
