#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use vigie_engine::classify::{Answers, Scope, Symptom, System};
use vigie_engine::{classify, Priority};

fn answers(system: System, scope: Scope, symptom: Symptom) -> Answers {
    Answers { system: Some(system), scope: Some(scope), symptom: Some(symptom), ..Answers::default() }
}

fn from_text(text: &str) -> (Priority, String) {
    let c = classify(Some(text), None);
    assert!(!c.reasons.is_empty(), "{text}: no reason");
    (c.priority, c.rule)
}

#[test]
fn seed_examples_from_the_questionnaire() {
    use Priority::*;
    use Scope::*;
    use Symptom::*;
    use System::*;
    let cases = [
        // P1: total video outage, access control letting people in, hypervisor down, intrusion.
        (answers(Video, WholeSite, Down), P1, "answers.video_total_outage"),
        (Answers { unauthorized_access_possible: true, ..answers(AccessControl, OneDevice, Degraded) }, P1, "answers.unauthorized_access"),
        (answers(Hypervisor, WholeSite, Down), P1, "answers.hypervisor_down"),
        (Answers { intrusion_detected: true, ..Answers::default() }, P1, "answers.intrusion_detected"),
        // P2: cameras down in a sensitive zone, partial access control on an important door,
        // partial recording loss.
        (Answers { sensitive_zone: true, ..answers(Video, SeveralDevices, Down) }, P2, "answers.cameras_down_sensitive_zone"),
        (Answers { sensitive_zone: true, ..answers(Video, OneDevice, Down) }, P2, "answers.cameras_down_sensitive_zone"),
        (Answers { sensitive_zone: true, ..answers(AccessControl, OneDevice, Degraded) }, P2, "answers.access_control_partial_important_door"),
        (Answers { recording_lost: true, ..answers(Video, SeveralDevices, Degraded) }, P2, "answers.recording_lost"),
        // P3: display, slowness, configuration.
        (answers(Video, InterfaceOnly, Display), P3, "answers.display_problem"),
        (answers(Hypervisor, InterfaceOnly, Slow), P3, "answers.slowness"),
        (answers(AccessControl, OneDevice, Configuration), P3, "answers.configuration_error"),
    ];
    for (a, priority, rule) in cases {
        let c = classify(None, Some(&a));
        assert_eq!((c.priority, c.rule.as_str()), (priority, rule), "{a:?}");
        assert!(!c.reasons.is_empty() && !c.matched.is_empty(), "{a:?}");
    }
}

#[test]
fn matched_lists_the_answers_that_fired() {
    let c = classify(None, Some(&answers(System::Video, Scope::WholeSite, Symptom::Down)));
    assert_eq!(c.matched, ["system=video", "scope=whole_site", "symptom=down"]);
    assert_eq!(c.reasons[0].fr, "Panne totale du système de vidéoprotection.");
    assert_eq!(c.reasons[0].en, "Total outage of the video surveillance system.");
}

#[test]
fn seed_examples_from_french_text() {
    use Priority::*;
    let cases = [
        ("Plus aucune caméra ne fonctionne sur le site", P1, "text.video_total_outage"),
        ("Panne totale de la vidéosurveillance depuis 19h", P1, "text.video_total_outage"),
        ("La porte du hall reste ouverte, n'importe qui peut entrer", P1, "text.unauthorized_access"),
        ("Le badge est accepté partout : tout le monde peut entrer !", P1, "text.unauthorized_access"),
        ("L'HYPERVISEUR EST HS", P1, "text.hypervisor_down"),
        ("Intrusion détectée sur le serveur d'enregistrement", P1, "text.intrusion"),
        ("2 cams HS en zone sensible (salle des coffres)", P2, "text.device_down_sensitive_zone"),
        ("Le lecteur de badge de l'entrée principale marche par intermittence", P2, "text.device_down_sensitive_zone"),
        ("Perte d'enregistrement sur le NVR du parking depuis hier", P2, "text.recording_lost"),
        ("Problème d'affichage sur l'interface VMS", P3, "text.display_problem"),
        ("Le VMS est très lent ce matin", P3, "text.slowness"),
        ("Erreur de paramétrage : mauvaise heure sur une caméra", P3, "text.configuration_error"),
    ];
    for (text, priority, rule) in cases {
        assert_eq!(from_text(text), (priority, rule.to_string()), "{text}");
    }
}

#[test]
fn seed_examples_from_english_text() {
    use Priority::*;
    let cases = [
        ("All cameras are down on the whole site", P1, "text.video_total_outage"),
        ("The main door is stuck open, anyone can walk in", P1, "text.unauthorized_access"),
        ("Security hypervisor is down", P1, "text.hypervisor_down"),
        ("We think the VMS was hacked", P1, "text.intrusion"),
        ("Two cameras not working in the server room", P2, "text.device_down_sensitive_zone"),
        ("Recording lost on part of the system", P2, "text.recording_lost"),
        ("Display glitch on the video wall screen", P3, "text.display_problem"),
        ("The interface is slow", P3, "text.slowness"),
    ];
    for (text, priority, rule) in cases {
        assert_eq!(from_text(text), (priority, rule.to_string()), "{text}");
    }
}

#[test]
fn negation_does_not_raise_the_priority() {
    for text in [
        "Aucune intrusion, juste un problème d'affichage",
        "Il n'y a pas d'intrusion. L'interface est lente.",
        "Pas de panne totale : l'affichage de la mosaïque est décalé",
        "no intrusion, the display is flickering",
        "Not a total outage, the screen layout is wrong",
        "Sans accès non autorisé ; erreur de paramétrage sur le VMS",
    ] {
        let c = classify(Some(text), None);
        assert_eq!(c.priority, Priority::P3, "{text}: {c:?}");
    }
    // A negation does not reach across a sentence.
    assert_eq!(from_text("Pas de souci hier. Intrusion détectée ce matin").0, Priority::P1);
}

#[test]
fn case_accents_and_abbreviations_are_folded() {
    for text in ["CAMÉRA HS EN ZONE SENSIBLE", "camera hs en zone sensible", "cam h.s. en zone sensible", "Caméras hors-service en zone sensible"] {
        assert_eq!(from_text(text).0, Priority::P2, "{text}");
    }
}

#[test]
fn plurals_and_negated_images() {
    assert_eq!(from_text("recordings lost since Monday"), (Priority::P2, "text.recording_lost".to_string()));
    assert_eq!(from_text("Pas d'image sur le mur vidéo, caméras du parking").0, Priority::P2);
    assert_eq!(from_text("caméra h/s").0, Priority::P2);
    assert_eq!(from_text("Vidéosurveillance dégradée sur tout le site"), (Priority::P2, "text.whole_site_degraded".to_string()));
}

#[test]
fn unclear_text_says_so_and_leans_safer_only_on_security_signals() {
    let c = classify(Some("une caméra HS dans le couloir"), None);
    assert_eq!((c.priority, c.needs_details), (Priority::P2, true));
    assert_eq!(c.rule, "text.security_device_down");
    let c = classify(Some("Bonjour, pouvez-vous nous rappeler ?"), None);
    assert_eq!((c.priority, c.needs_details), (Priority::P3, true));
    // Nothing at all to go on is P3, and says so.
    let c = classify(Some("   "), None);
    assert_eq!((c.priority, c.needs_details), (Priority::P3, true));
}

#[test]
fn both_inputs_keep_the_higher_priority_and_both_explanations() {
    let a = Answers { sensitive_zone: true, ..answers(System::Video, Scope::OneDevice, Symptom::Down) };
    let c = classify(Some("lenteur de l'interface"), Some(&a));
    assert_eq!((c.priority, c.rule.as_str()), (Priority::P2, "answers.cameras_down_sensitive_zone"));
    assert_eq!(c.reasons.len(), 2);
    assert!(c.matched.contains(&"lent".to_string()) || c.matched.contains(&"lenteur".to_string()), "{:?}", c.matched);

    let c = classify(Some("intrusion détectée"), Some(&answers(System::Video, Scope::InterfaceOnly, Symptom::Slow)));
    assert_eq!((c.priority, c.rule.as_str()), (Priority::P1, "text.intrusion"));
    assert!(c.matched.iter().any(|m| m == "symptom=slow"));
}

#[test]
fn incident_type_for_recurrence() {
    assert_eq!(classify(None, Some(&answers(System::Video, Scope::OneDevice, Symptom::Down))).incident_type(), "video/down");
    assert_eq!(classify(Some("badgeuse lente"), None).incident_type(), "access_control/slow");
}
