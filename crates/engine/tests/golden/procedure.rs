//! Communication plan, recurrence and post-mortem (procedure §03 and §04).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use chrono::NaiveDate;
use vigie_engine::communication::{plan, recipients, Channel, NoticeKind, Recipient, Resolution};
use vigie_engine::postmortem::{PlanItem, PostMortem, Section, TimelineEntry};
use vigie_engine::recurrence::{recurrent_with, IncidentKey};
use vigie_engine::sla::IncidentTimes;
use vigie_engine::{Calendar, Policy, Priority};

use crate::at;

#[test]
fn p1_tells_the_technical_contact_and_management_every_hour_by_email_and_sms() {
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T22:30:00+01:00"));
    incident.last_update_at = Some(at("2026-11-27T23:25:00+01:00"));
    let p = plan(&incident, &Policy::default(), &Calendar::default()).unwrap();
    assert!(p.proactive);
    assert_eq!(p.recipients, [Recipient::TechnicalContact, Recipient::Management]);
    let kinds: Vec<_> = p.notices.iter().map(|n| (n.kind, n.due)).collect();
    assert_eq!(
        kinds,
        [
            (NoticeKind::TakeCharge, at("2026-11-27T22:30:00+01:00")),
            (NoticeKind::Update, at("2026-11-28T00:25:00+01:00"))
        ]
    );
    assert!(p.notices.iter().all(|n| n.channels == [Channel::Email, Channel::Sms]));
    assert_eq!(p.authority_deadline, None);
}

#[test]
fn p2_tells_the_technical_contact_every_two_business_hours() {
    let mut incident = IncidentTimes::reported(Priority::P2, at("2026-11-27T16:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T17:00:00+01:00"));
    let p = plan(&incident, &Policy::default(), &Calendar::default()).unwrap();
    assert_eq!(p.recipients, [Recipient::TechnicalContact]);
    assert_eq!(p.notices[1].kind, NoticeKind::Update);
    assert_eq!(p.notices[1].due, at("2026-11-30T09:00:00+01:00"));
    assert_eq!(recipients(Priority::P3), []);
}

#[test]
fn p3_has_no_proactive_communication_but_a_resolution_notice_and_gdpr_still_apply() {
    let mut incident = IncidentTimes::reported(Priority::P3, at("2026-11-27T16:00:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T17:00:00+01:00"));
    incident.resolved_at = Some(at("2026-11-28T10:00:00+01:00"));
    incident.data_loss_known_at = Some(at("2026-11-28T09:00:00+01:00"));
    let p = plan(&incident, &Policy::default(), &Calendar::default()).unwrap();
    assert!(!p.proactive);
    let kinds: Vec<_> = p.notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NoticeKind::Resolution, NoticeKind::GdprNotice]);
    // The P3 resolution notice goes to the technical contact, by email only.
    assert_eq!(
        (p.notices[0].recipients.as_slice(), p.notices[0].channels.as_slice()),
        ([Recipient::TechnicalContact].as_slice(), [Channel::Email].as_slice())
    );
    assert_eq!(p.notices[1].due, at("2026-11-29T09:00:00+01:00"));
    assert_eq!(p.notices[1].recipients, [Recipient::TechnicalContact, Recipient::Management]);
    assert_eq!(p.authority_deadline, Some(at("2026-12-01T09:00:00+01:00")));
}

#[test]
fn resolution_ends_updates_and_its_notice_needs_cause_actions_and_impact() {
    let mut incident = IncidentTimes::reported(Priority::P1, at("2026-11-27T22:10:00+01:00"));
    incident.acknowledged_at = Some(at("2026-11-27T22:30:00+01:00"));
    incident.resolved_at = Some(at("2026-11-28T01:00:00+01:00"));
    let p = plan(&incident, &Policy::default(), &Calendar::default()).unwrap();
    let kinds: Vec<_> = p.notices.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NoticeKind::TakeCharge, NoticeKind::Resolution]);
    let empty = Resolution::default();
    assert_eq!(empty.missing(), ["root_cause", "actions", "security_data_impact"]);
    let full = Resolution {
        root_cause: "Alimentation PoE du switch vidéo hors service".into(),
        actions: "Remplacement du switch, redémarrage des caméras".into(),
        security_data_impact: "2 h 50 d'images perdues sur 14 caméras".into(),
        personal_data_lost: false,
    };
    assert!(full.missing().is_empty());
}

fn key(id: &str, site: &str, kind: &str, at_: &str) -> IncidentKey {
    IncidentKey { id: id.into(), site: site.into(), incident_type: kind.into(), reported_at: at(at_) }
}

#[test]
fn recurrence_is_same_type_same_site_within_three_calendar_months() {
    let now = key("INC-9", "paris", "video/down", "2026-05-31T10:00:00+02:00");
    let history = [
        key("INC-1", "paris", "video/down", "2026-02-28T10:00:00+01:00"), // 3 months before: 28 Feb (31 May − 3 months, clamped)
        key("INC-2", "paris", "video/down", "2026-02-27T10:00:00+01:00"), // a day too early
        key("INC-3", "lyon", "video/down", "2026-05-01T10:00:00+02:00"),  // another site
        key("INC-4", "paris", "access_control/down", "2026-05-01T10:00:00+02:00"), // another type
        key("INC-9", "paris", "video/down", "2026-05-31T10:00:00+02:00"), // itself
        key("INC-10", "paris", "video/down", "2026-06-02T10:00:00+02:00"), // later
    ];
    let related: Vec<&str> = recurrent_with(&now, &history).iter().map(|k| k.id.as_str()).collect();
    assert_eq!(related, ["INC-1"]);
    // Two descriptions that name no system are not "the same type".
    let vague = key("INC-12", "paris", "unknown/unknown", "2026-05-31T10:00:00+02:00");
    let vague_history = [key("INC-11", "paris", "unknown/unknown", "2026-05-30T10:00:00+02:00")];
    assert!(recurrent_with(&vague, &vague_history).is_empty());
}

#[test]
fn postmortem_check_names_what_is_missing() {
    let mut pm = PostMortem {
        timeline: vec![TimelineEntry { at: at("2026-11-27T22:10:00+01:00"), text: "Signalement du client".into() }],
        root_cause: "Switch PoE défaillant".into(),
        corrective_measures: vec!["Switch remplacé".into()],
        preventive_measures: vec!["Supervision de l'alimentation PoE".into()],
        plan: vec![PlanItem { action: "Déployer la supervision PoE".into(), owner: String::new(), due: None }],
    };
    let missing: Vec<_> = pm.missing().into_iter().map(|m| (m.section, m.en)).collect();
    assert_eq!(
        missing,
        [
            (Section::ImplementationPlan, "\"Déployer la supervision PoE\" has no owner.".to_string()),
            (Section::ImplementationPlan, "\"Déployer la supervision PoE\" has no due date.".to_string()),
        ]
    );
    pm.plan[0].owner = "Équipe support N2".into();
    pm.plan[0].due = NaiveDate::from_ymd_opt(2026, 12, 15);
    assert!(pm.missing().is_empty());
}
