#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use vigie_engine::sla::{clock, clocks, deadlines, most_urgent, next_change, ClockKind, ClockState, IncidentTimes};
use vigie_engine::{Calendar, Contract, Policy, Priority, Target};

use crate::at;

fn policy(contract: Contract) -> Policy {
    Policy::for_contract(contract)
}

#[test]
fn p1_deadlines_elapsed_per_contract() {
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T17:59:00+01:00"));
    incident.on_site_required = true;
    let cal = Calendar::default();
    for (contract, on_site) in [
        (Contract::Essential, "2026-11-27T21:59:00+01:00"),
        (Contract::Standard, "2026-11-27T21:59:00+01:00"),
        (Contract::Premium, "2026-11-27T19:59:00+01:00"),
    ] {
        let d = deadlines(&incident, &policy(contract), &cal).unwrap();
        assert_eq!(d.take_charge_due, Some(at("2026-11-27T18:59:00+01:00")), "{contract}");
        assert_eq!(d.on_site_due, Some(at(on_site)), "{contract}");
        assert_eq!(d.intervention_due, None);
        assert_eq!(d.next_update_due, None, "no update clock before the take-charge notice");
        assert_eq!(d.postmortem_due, None);
    }
    // Without an on-site need there is no on-site clock.
    incident.on_site_required = false;
    assert_eq!(deadlines(&incident, &policy(Contract::Premium), &cal).unwrap().on_site_due, None);
}

#[test]
fn p1_updates_every_hour_and_postmortem_after_resolution() {
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T17:59:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T18:30:00+01:00"));
    let cal = Calendar::default();
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    assert_eq!(d.next_update_due, Some(at("2026-11-27T19:30:00+01:00")));
    incident.last_update_at = Some(at("2026-11-27T19:20:00+01:00"));
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    assert_eq!(d.next_update_due, Some(at("2026-11-27T20:20:00+01:00")));
    // Resolved on Friday night: five business days after Friday end on the next Friday.
    incident.resolved_at = Some(at("2026-11-27T23:00:00+01:00"));
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    assert_eq!(d.postmortem_due, Some(at("2026-12-04T18:00:00+01:00")));
}

#[test]
fn p2_business_hours() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T17:59:00+01:00"));
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    assert_eq!(d.take_charge_due, Some(at("2026-11-30T11:59:00+01:00")));
    // Taken in charge Friday 17:30 → next update after 2 business hours: Monday 09:30.
    incident.acknowledged_at = Some(at("2026-11-27T17:30:00+01:00"));
    incident.reported_at = at("2026-11-27T17:00:00+01:00");
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    assert_eq!(d.next_update_due, Some(at("2026-11-30T09:30:00+01:00")));
    assert_eq!(d.postmortem_due, None);
}

#[test]
fn p3_business_hours_and_planned_intervention() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T17:59:00+01:00"));
    incident.on_site_required = true;
    let d = deadlines(&incident, &policy(Contract::Standard), &cal).unwrap();
    // 1 minute on Friday, 10 h Monday, 10 h Tuesday, 3 h 59 on Wednesday.
    assert_eq!(d.take_charge_due, Some(at("2026-12-02T11:59:00+01:00")));
    assert_eq!(d.intervention_due, Some(at("2026-12-04T18:00:00+01:00")));
    assert_eq!(d.on_site_due, None);
    assert_eq!(d.next_update_due, None);
}

#[test]
fn clock_states_of_an_elapsed_clock() {
    let cal = Calendar::default();
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-28T10:00:00+01:00"));
    let p = policy(Contract::Standard);
    let state = |i: &IncidentTimes, now: &str| clock(ClockKind::TakeCharge, i, &p, &cal, at(now)).unwrap();

    let c = state(&incident, "2026-11-28T10:44:59+01:00");
    assert_eq!(c.state, ClockState::Running);
    assert_eq!(c.left_seconds, Some(15 * 60 + 1));
    assert!(!c.paused, "an elapsed clock never pauses, even on a Saturday");
    assert_eq!(c.at_risk_at, Some(at("2026-11-28T10:45:00+01:00")));
    assert_eq!(state(&incident, "2026-11-28T10:45:00+01:00").state, ClockState::AtRisk);
    let c = state(&incident, "2026-11-28T11:00:00+01:00");
    assert_eq!((c.state, c.late_by_seconds), (ClockState::Breached, Some(0)));
    let c = state(&incident, "2026-11-28T11:30:00+01:00");
    assert_eq!((c.state, c.late_by_seconds), (ClockState::Breached, Some(1800)));

    incident.acknowledged_at = Some(at("2026-11-28T10:50:00+01:00"));
    let c = state(&incident, "2026-11-28T12:00:00+01:00");
    assert_eq!((c.state, c.met_at, c.late_by_seconds), (ClockState::Met, incident.acknowledged_at, Some(0)));
    // Before the acknowledgement it was still running.
    assert_eq!(state(&incident, "2026-11-28T10:49:00+01:00").state, ClockState::AtRisk);
    // Met late.
    incident.acknowledged_at = Some(at("2026-11-28T11:10:00+01:00"));
    assert_eq!(state(&incident, "2026-11-28T12:00:00+01:00").late_by_seconds, Some(600));
}

#[test]
fn business_clock_pauses_outside_business_hours() {
    let cal = Calendar::default();
    let incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T16:00:00+01:00"));
    let p = policy(Contract::Standard);
    let state = |now: &str| clock(ClockKind::TakeCharge, &incident, &p, &cal, at(now)).unwrap();

    let c = state("2026-11-27T17:00:00+01:00");
    assert_eq!((c.state, c.paused, c.left_seconds), (ClockState::Running, false, Some(3 * 3600)));
    assert_eq!(c.due, Some(at("2026-11-30T10:00:00+01:00")));
    assert_eq!(c.at_risk_at, Some(at("2026-11-30T09:00:00+01:00")));

    let saturday = state("2026-11-28T12:00:00+01:00");
    assert_eq!(saturday.state, ClockState::Running);
    assert!(saturday.paused);
    assert_eq!(saturday.left_seconds, Some(2 * 3600));
    assert_eq!(saturday.resumes_at, Some(at("2026-11-30T08:00:00+01:00")));

    let monday = state("2026-11-30T09:30:00+01:00");
    assert_eq!((monday.state, monday.paused, monday.left_seconds), (ClockState::AtRisk, false, Some(1800)));
    assert_eq!(state("2026-11-30T10:00:00+01:00").state, ClockState::Breached);
}

#[test]
fn not_applicable_clocks_and_resolution() {
    let cal = Calendar::default();
    let p = policy(Contract::Premium);
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T10:00:00+01:00"));
    let all = clocks(&incident, &p, &cal, at("2026-11-27T11:00:00+01:00")).unwrap();
    let states: Vec<_> = all.iter().map(|c| (c.kind, c.state)).collect();
    assert_eq!(
        states,
        [
            (ClockKind::TakeCharge, ClockState::Running),
            (ClockKind::OnSite, ClockState::NotApplicable),
            (ClockKind::InterventionPlanned, ClockState::NotApplicable),
            (ClockKind::ClientUpdate, ClockState::NotApplicable),
            (ClockKind::Postmortem, ClockState::NotApplicable),
            (ClockKind::GdprNotice, ClockState::NotApplicable),
        ]
    );
    // Resolution stops what still ran; resolved before being taken in charge and before
    // the deadline, the take-charge promise was neither kept nor broken.
    incident.resolved_at = Some(at("2026-11-27T12:00:00+01:00"));
    let c = clock(ClockKind::TakeCharge, &incident, &p, &cal, at("2026-11-27T13:00:00+01:00")).unwrap();
    assert_eq!((c.state, c.moot, c.met_at), (ClockState::NotApplicable, true, incident.resolved_at));
}

#[test]
fn most_urgent_and_next_change() {
    let cal = Calendar::default();
    let p = policy(Contract::Standard);
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00+01:00"));
    incident.on_site_required = true;
    let now = at("2026-11-27T10:10:00+01:00");
    let all = clocks(&incident, &p, &cal, now).unwrap();
    assert_eq!(most_urgent(&all).map(|c| c.kind), Some(ClockKind::TakeCharge));
    assert_eq!(next_change(&all, now), Some(at("2026-11-27T10:45:00+01:00")));
}

#[test]
fn policies_are_data() {
    let custom: Policy = serde_json::from_str(
        r#"{"take_charge": {"P1": {"kind": "elapsed", "minutes": 30}, "P2": {"kind": "business_hours", "minutes": 120}},
            "on_site": {}, "intervention_planned": {}, "client_update": {"P1": {"kind": "elapsed", "minutes": 30}},
            "postmortem": {"P1": {"kind": "end_of_business_day", "days": 3}}, "at_risk_percent": 50,
            "gdpr_notice": {"kind": "elapsed", "minutes": 720}, "authority_notice": {"kind": "elapsed", "minutes": 4320}}"#,
    )
    .unwrap();
    custom.validate().unwrap();
    let incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T10:00:00+01:00"));
    let c = clock(ClockKind::TakeCharge, &incident, &custom, &Calendar::default(), at("2026-11-27T10:16:00+01:00"))
        .unwrap();
    assert_eq!((c.due, c.state), (Some(at("2026-11-27T10:30:00+01:00")), ClockState::AtRisk));
    assert_eq!(c.target, Some(Target::Elapsed { minutes: 30 }));

    let mut bad = Policy { at_risk_percent: 0, ..Policy::default() };
    assert!(bad.validate().unwrap_err().to_string().contains("at_risk_percent"));
    bad = Policy::default();
    bad.take_charge.p2 = Some(Target::BusinessHours { minutes: 0 });
    assert!(bad.validate().unwrap_err().to_string().contains("take_charge P2"));
}

#[test]
fn targets_read_from_data_say_what_is_wrong() {
    let read = |json: &str| serde_json::from_str::<Target>(json);
    assert_eq!(read(r#"{"kind": "elapsed", "minutes": 60}"#).unwrap(), Target::Elapsed { minutes: 60 });
    assert_eq!(read(r#"{"kind": "business_hours", "minutes": 240}"#).unwrap(), Target::BusinessHours { minutes: 240 });
    assert_eq!(read(r#"{"kind": "end_of_business_day", "days": 5}"#).unwrap(), Target::EndOfBusinessDay { days: 5 });
    // Written back exactly as read.
    assert_eq!(
        serde_json::to_string(&Target::EndOfBusinessDay { days: 5 }).unwrap(),
        r#"{"kind":"end_of_business_day","days":5}"#
    );
    let error = |json: &str| read(json).unwrap_err().to_string();
    assert!(error(r#"{"kind": "weekly", "minutes": 60}"#).contains("unknown target kind `weekly`"));
    assert!(error(r#"{"kind": "elapsed", "days": 2}"#).contains("`elapsed` has `minutes` and nothing else"));
    assert!(error(r#"{"kind": "end_of_business_day", "minutes": 2}"#).contains("has `days` and nothing else"));
    assert!(error(r#"{"kind": "elapsed", "minutes": 60, "colour": 1}"#).contains("unknown field `colour`"));
    assert!(error(r#"{"minutes": 60}"#).contains("missing field `kind`"));
}

#[test]
fn a_breach_still_open_escalates_after_the_policy_delay() {
    use vigie_engine::sla::escalation_due;
    let cal = Calendar::default();
    let standard = policy(Contract::Standard);
    // A P1 at 17:59 on a Friday: taken in charge by 18:59, broken; 30 minutes later, in
    // elapsed time whatever the hour, the second level is told.
    let p1 = IncidentTimes::reported(Priority::P1, at("2026-11-27T17:59:00+01:00"));
    let take_charge = clock(ClockKind::TakeCharge, &p1, &standard, &cal, at("2026-11-27T19:05:00+01:00")).unwrap();
    assert_eq!(
        escalation_due(&take_charge, standard.escalation.get(Priority::P1), &cal).unwrap(),
        Some(at("2026-11-27T19:29:00+01:00"))
    );
    // Still running, or stopped even late: nothing to escalate.
    let running = clock(ClockKind::TakeCharge, &p1, &standard, &cal, at("2026-11-27T18:30:00+01:00")).unwrap();
    assert_eq!(escalation_due(&running, standard.escalation.get(Priority::P1), &cal).unwrap(), None);
    let mut late = p1.clone();
    late.acknowledged_at = Some(at("2026-11-27T19:10:00+01:00"));
    let met = clock(ClockKind::TakeCharge, &late, &standard, &cal, at("2026-11-27T19:40:00+01:00")).unwrap();
    assert_eq!(met.state, ClockState::Met);
    assert_eq!(escalation_due(&met, standard.escalation.get(Priority::P1), &cal).unwrap(), None);
    // A P2 reported on Friday at 15:00: 4 business hours run out on Monday at 09:00 (three
    // on Friday, one on Monday), and the breach reaches the second level 4 business hours
    // later, at 13:00.
    let p2 = IncidentTimes::reported(Priority::P2, at("2026-11-27T15:00:00+01:00"));
    let take_charge = clock(ClockKind::TakeCharge, &p2, &standard, &cal, at("2026-11-30T12:00:00+01:00")).unwrap();
    assert_eq!(take_charge.due, Some(at("2026-11-30T09:00:00+01:00")));
    assert_eq!(
        escalation_due(&take_charge, standard.escalation.get(Priority::P2), &cal).unwrap(),
        Some(at("2026-11-30T13:00:00+01:00"))
    );
    // P3 breaches stay with the operations manager.
    assert_eq!(standard.escalation.get(Priority::P3), None);
    // A policy stored before escalation existed reads with the default delays.
    let mut stored = serde_json::to_value(standard).unwrap();
    stored.as_object_mut().unwrap().remove("escalation");
    let read: Policy = serde_json::from_value(stored).unwrap();
    assert_eq!(read.escalation, standard.escalation);
}
