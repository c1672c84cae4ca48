//! The questionnaire rules: each row says which answers make which priority, and why.

use super::{Answers, Classification, Reason, Scope, Symptom, System};
use crate::Priority::{self, P1, P2, P3};

/// One fact about the answers that a rule can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// `system` is this one.
    System(System),
    /// `system` is video, access control, the hypervisor or intrusion detection.
    SecuritySystem,
    /// `scope` is one of these.
    Scope(&'static [Scope]),
    /// `symptom` is one of these.
    Symptom(&'static [Symptom]),
    /// `sensitive_zone` is true.
    SensitiveZone,
    /// `sensitive_zone` is false.
    OutsideSensitiveZone,
    /// `unauthorized_access_possible` is true.
    UnauthorizedAccess,
    /// `intrusion_detected` is true.
    IntrusionDetected,
    /// `recording_lost` is true.
    RecordingLost,
}

/// A questionnaire rule: when every fact holds, the incident has this priority.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable identifier, shown as `answers.<id>`.
    pub id: &'static str,
    /// The priority the rule gives.
    pub priority: Priority,
    /// Every fact must hold.
    pub when: &'static [Fact],
    /// Why, in French.
    pub fr: &'static str,
    /// Why, in English.
    pub en: &'static str,
}

use Fact::*;
use Scope::{InterfaceOnly, OneDevice, SeveralDevices, WholeSite};

const DOWN: &[Symptom] = &[Symptom::Down];
const DOWN_OR_DEGRADED: &[Symptom] = &[Symptom::Down, Symptom::Degraded];
const PART: &[Scope] = &[OneDevice, SeveralDevices];

/// The rules, most urgent first. The first rule that holds decides; every other rule of the
/// same priority that holds adds its reason.
pub const RULES: &[Rule] = &[
    // P1 — the site's security is compromised or significantly degraded.
    Rule { id: "intrusion_detected", priority: P1, when: &[IntrusionDetected],
           fr: "Une intrusion a été détectée sur les systèmes.",
           en: "An intrusion has been detected on the systems." },
    Rule { id: "unauthorized_access", priority: P1, when: &[UnauthorizedAccess],
           fr: "Le contrôle d'accès peut laisser entrer des personnes non autorisées.",
           en: "Access control may let unauthorised people in." },
    Rule { id: "video_total_outage", priority: P1, when: &[System(System::Video), Scope(&[WholeSite]), Symptom(DOWN)],
           fr: "Panne totale du système de vidéoprotection.",
           en: "Total outage of the video surveillance system." },
    Rule { id: "hypervisor_down", priority: P1, when: &[System(System::Hypervisor), Symptom(DOWN)],
           fr: "L'hyperviseur de sécurité est en panne.",
           en: "The security hypervisor is down." },
    Rule { id: "access_control_total_outage", priority: P1, when: &[System(System::AccessControl), Scope(&[WholeSite]), Symptom(DOWN)],
           fr: "Panne totale du contrôle d'accès.",
           en: "Total outage of access control." },
    Rule { id: "intrusion_detection_total_outage", priority: P1,
           when: &[System(System::IntrusionDetection), Scope(&[WholeSite]), Symptom(DOWN)],
           fr: "La détection d'intrusion est hors service sur tout le site.",
           en: "Intrusion detection is out of service on the whole site." },
    // P2 — a significant malfunction partially affects security capabilities.
    Rule { id: "cameras_down_sensitive_zone", priority: P2,
           when: &[System(System::Video), Scope(PART), Symptom(DOWN_OR_DEGRADED), SensitiveZone],
           fr: "Une ou plusieurs caméras en panne en zone sensible.",
           en: "One or more cameras down in a sensitive zone." },
    Rule { id: "access_control_partial_important_door", priority: P2,
           when: &[System(System::AccessControl), Scope(PART), Symptom(DOWN_OR_DEGRADED), SensitiveZone],
           fr: "Dysfonctionnement partiel du contrôle d'accès sur un point de passage important.",
           en: "Partial access-control failure on an important door." },
    Rule { id: "intrusion_detection_partial_sensitive_zone", priority: P2,
           when: &[System(System::IntrusionDetection), Scope(PART), Symptom(DOWN_OR_DEGRADED), SensitiveZone],
           fr: "Détection d'intrusion défaillante en zone sensible.",
           en: "Intrusion detection failing in a sensitive zone." },
    Rule { id: "recording_lost", priority: P2, when: &[RecordingLost],
           fr: "Perte d'enregistrement sur une partie du système.",
           en: "Recordings lost on part of the system." },
    Rule { id: "several_devices_down", priority: P2, when: &[SecuritySystem, Scope(&[SeveralDevices]), Symptom(DOWN)],
           fr: "Plusieurs équipements de sécurité sont hors service.",
           en: "Several security devices are out of service." },
    Rule { id: "whole_site_degraded", priority: P2, when: &[SecuritySystem, Scope(&[WholeSite]), Symptom(&[Symptom::Degraded])],
           fr: "Le système de sécurité du site fonctionne en mode dégradé.",
           en: "The site's security system runs degraded." },
    Rule { id: "hypervisor_degraded", priority: P2, when: &[System(System::Hypervisor), Symptom(&[Symptom::Degraded])],
           fr: "L'hyperviseur de sécurité fonctionne en mode dégradé.",
           en: "The security hypervisor runs degraded." },
    // P3 — a functional nuisance with no impact on operational security.
    Rule { id: "display_problem", priority: P3, when: &[Symptom(&[Symptom::Display])],
           fr: "Problème d'affichage, sans impact sur la sécurité.",
           en: "A display problem, with no impact on security." },
    Rule { id: "slowness", priority: P3, when: &[Symptom(&[Symptom::Slow])],
           fr: "Lenteur de l'interface, sans impact sur la sécurité.",
           en: "Slowness of the interface, with no impact on security." },
    Rule { id: "configuration_error", priority: P3, when: &[Symptom(&[Symptom::Configuration])],
           fr: "Erreur de paramétrage non critique.",
           en: "A non-critical configuration error." },
    Rule { id: "interface_only", priority: P3, when: &[Scope(&[InterfaceOnly])],
           fr: "Seule l'interface est touchée ; les équipements fonctionnent.",
           en: "Only the interface is affected; the devices work." },
    Rule { id: "one_device_outside_sensitive_zone", priority: P3,
           when: &[Scope(&[OneDevice]), Symptom(DOWN_OR_DEGRADED), OutsideSensitiveZone],
           fr: "Un seul équipement touché, hors zone sensible.",
           en: "A single device affected, outside any sensitive zone." },
];

impl Fact {
    /// Whether the fact holds, and the answer that made it hold (for `matched`).
    fn check(self, a: &Answers) -> Option<String> {
        let is_security = |s: System| !matches!(s, System::Other);
        match self {
            System(s) => (a.system == Some(s)).then(|| format!("system={s}")),
            SecuritySystem => a.system.filter(|s| is_security(*s)).map(|s| format!("system={s}")),
            Scope(set) => a.scope.filter(|s| set.contains(s)).map(|s| format!("scope={s}")),
            Symptom(set) => a.symptom.filter(|s| set.contains(s)).map(|s| format!("symptom={s}")),
            SensitiveZone => a.sensitive_zone.then(|| "sensitive_zone=true".to_string()),
            OutsideSensitiveZone => (!a.sensitive_zone).then(|| "sensitive_zone=false".to_string()),
            UnauthorizedAccess => a.unauthorized_access_possible.then(|| "unauthorized_access_possible=true".to_string()),
            IntrusionDetected => a.intrusion_detected.then(|| "intrusion_detected=true".to_string()),
            RecordingLost => a.recording_lost.then(|| "recording_lost=true".to_string()),
        }
    }
}

/// Judges the questionnaire alone.
pub fn classify_answers(a: &Answers) -> Classification {
    let mut result: Option<Classification> = None;
    for rule in RULES {
        if result.as_ref().is_some_and(|r| rule.priority != r.priority) {
            break;
        }
        let Some(matched) = rule.when.iter().map(|f| f.check(a)).collect::<Option<Vec<String>>>() else {
            continue;
        };
        let r = result.get_or_insert_with(|| Classification {
            priority: rule.priority,
            rule: format!("answers.{}", rule.id),
            reasons: Vec::new(),
            matched: Vec::new(),
            needs_details: false,
            system: a.system,
            symptom: a.symptom,
        });
        r.reasons.push(Reason::new(rule.fr, rule.en));
        for m in matched {
            if !r.matched.contains(&m) {
                r.matched.push(m);
            }
        }
    }
    result.unwrap_or_else(|| {
        let incomplete = a.system.is_none() || a.scope.is_none() || a.symptom.is_none();
        Classification {
            priority: P3,
            rule: "answers.no_security_impact".to_string(),
            reasons: vec![if incomplete {
                Reason::new(
                    "Réponses incomplètes : aucun impact sur la sécurité n'est signalé pour l'instant.",
                    "Incomplete answers: no impact on security is reported so far.",
                )
            } else {
                Reason::new("Aucun impact sur la sécurité du site n'est signalé.", "No impact on the site's security is reported.")
            }],
            matched: Vec::new(),
            needs_details: incomplete,
            system: a.system,
            symptom: a.symptom,
        }
    })
}
