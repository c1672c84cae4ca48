//! The report form's quick questions (system, extent, what is seen, and the boxes that
//! make an incident critical), for a site manager who cannot describe the trouble in words;
//! the engine reads the answers as it reads a description.

use leptos::prelude::*;
use vigie_engine::classify::Answers;

use crate::i18n::Tr;

/// An answer chosen in a list, read as the engine's data reads it (`"access_control"`);
/// "don't know" (the empty value) is none.
fn answer<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

/// The questionnaire: a few quick questions a site manager can answer on a phone.
#[component]
pub fn Questionnaire(answers: RwSignal<Answers>) -> impl IntoView {
    let choice = |id: &'static str,
                  label: (&'static str, &'static str),
                  options: Vec<(&'static str, &'static str, &'static str)>,
                  set: fn(&mut Answers, &str)| {
        view! {
            <div class="field">
                <label for=id><Tr fr=label.0 en=label.1 /></label>
                <select id=id data-testid=id on:change=move |ev| { let v = event_target_value(&ev); answers.update(|a| set(a, &v)); }>
                    <option value=""><Tr fr="— je ne sais pas —" en="— don't know —" /></option>
                    {options.into_iter().map(|(value, fr, en)| view! { <option value=value><Tr fr en /></option> }).collect_view()}
                </select>
            </div>
        }
    };
    // A box ticked says yes; left empty, the question is unanswered (not "no").
    let flag = |id: &'static str, label: (&'static str, &'static str), set: fn(&mut Answers, Option<bool>)| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=id on:change=move |ev| { let on = event_target_checked(&ev).then_some(true); answers.update(|a| set(a, on)); } />
                <Tr fr=label.0 en=label.1 />
            </label>
        }
    };
    view! {
        <fieldset class="page questionnaire">
            <legend><Tr fr="Questions rapides" en="Quick questions" /></legend>
            {choice("answer-system", ("Système touché", "System affected"), vec![
                ("video", "Vidéo (caméras, enregistreurs)", "Video (cameras, recorders)"),
                ("access_control", "Contrôle d'accès (badges, portes)", "Access control (badges, doors)"),
                ("hypervisor", "Hyperviseur de sécurité", "Security hypervisor"),
                ("intrusion_detection", "Détection d'intrusion (alarme)", "Intrusion detection (alarm)"),
                ("other", "Autre", "Other"),
            ], |a, v| a.system = answer(v))}
            {choice("answer-scope", ("Étendue", "Extent"), vec![
                ("whole_site", "Tout le site", "The whole site"),
                ("several_devices", "Plusieurs équipements", "Several devices"),
                ("one_device", "Un équipement", "One device"),
                ("interface_only", "Seulement l'interface", "Only the interface"),
            ], |a, v| a.scope = answer(v))}
            {choice("answer-symptom", ("Ce que vous constatez", "What you see"), vec![
                ("down", "Hors service", "Out of service"),
                ("degraded", "Fonctionne mal", "Works badly"),
                ("display", "Problème d'affichage", "Display problem"),
                ("slow", "Lenteur", "Slowness"),
                ("configuration", "Mauvais réglage", "Wrong setting"),
            ], |a, v| a.symptom = answer(v))}
            {flag("answer-sensitive-zone", ("En zone sensible ou sur un passage important", "In a sensitive zone or on an important door"), |a, on| a.sensitive_zone = on)}
            {flag("answer-unauthorized", ("Des personnes non autorisées peuvent entrer", "Unauthorised people can get in"), |a, on| a.unauthorized_access_possible = on)}
            {flag("answer-intrusion", ("Une intrusion a été détectée", "An intrusion was detected"), |a, on| a.intrusion_detected = on)}
            {flag("answer-recording-lost", ("Des enregistrements sont perdus", "Recordings are lost"), |a, on| a.recording_lost = on)}
        </fieldset>
    }
}
