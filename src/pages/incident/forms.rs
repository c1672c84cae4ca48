//! The forms of the actions that need more than a click, drawn from [`FORMS`].

use leptos::prelude::*;
use vigie_api::{
    DataLoss, IncidentView, OnSiteNeeded, PlanIntervention, Reclassification, Resolve, TypeCorrection, Update,
};
use vigie_engine::communication::GdprNotice;

use super::refusal;
use crate::api;
use crate::i18n::{t, use_lang, Tr};

/// How a field is typed, and how its text becomes JSON.
pub(super) enum Input {
    /// One line of text.
    Text,
    /// Several lines of text.
    Area,
    /// A date and time in the site's time zone, sent as RFC 3339.
    When,
    /// A whole number.
    Number,
    /// Items separated by commas, sent as a list.
    List,
    /// One of a few values: (value, French, English).
    Choice(&'static [(&'static str, &'static str, &'static str)]),
    /// Yes or no.
    Check,
}

/// The JSON name of `field` in the request body `Body` of `vigie_api`, which serde writes by
/// its Rust name: a field renamed or removed there breaks this build, as it breaks the
/// server's.
macro_rules! name {
    ($body:ty, $field:ident) => {{
        #[allow(dead_code)]
        fn of(body: &$body) {
            let _ = &body.$field;
        }
        stringify!($field)
    }};
}

/// A field of an action's form: its JSON name, its label, how it is typed, whether it must
/// be filled before the form can be sent.
pub(super) struct Field(&'static str, &'static str, &'static str, Input, bool);

/// An action that needs more than a click: its path under the incident, its button and its
/// fields.
pub(super) struct Form {
    pub(super) action: &'static str,
    pub(super) fr: &'static str,
    pub(super) en: &'static str,
    pub(super) fields: &'static [Field],
}

pub(super) const YES_NO: &[(&str, &str, &str)] =
    &[("true", "Nécessaire", "Needed"), ("false", "Pas nécessaire", "Not needed")];
pub(super) const PRIORITIES: &[(&str, &str, &str)] = &[
    ("P1", "P1 — Critique", "P1 — Critical"),
    ("P2", "P2 — Majeur", "P2 — Major"),
    ("P3", "P3 — Mineur", "P3 — Minor"),
];

/// Every form of the staff's actions, in the order of an incident's life.
pub(super) const FORMS: &[Form] = &[
    Form {
        action: "on-site-needed",
        fr: "Enregistrer",
        en: "Save",
        fields: &[
            Field(
                name!(OnSiteNeeded, needed),
                "Intervention sur site",
                "On-site intervention",
                Input::Choice(YES_NO),
                true,
            ),
            Field(name!(OnSiteNeeded, reason), "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "plan-intervention",
        fr: "Planifier",
        en: "Plan",
        fields: &[
            Field(
                name!(PlanIntervention, planned_for),
                "Intervention planifiée le (heure du site)",
                "Intervention planned for (site time)",
                Input::When,
                true,
            ),
            Field(
                name!(PlanIntervention, reason),
                "Motif si après l'échéance",
                "Reason if after the deadline",
                Input::Text,
                false,
            ),
        ],
    },
    Form {
        action: "updates",
        fr: "Envoyer",
        en: "Send",
        fields: &[Field(name!(Update, message), "Point client", "Client update", Input::Area, true)],
    },
    Form {
        action: "reclassify",
        fr: "Reclasser",
        en: "Reclassify",
        fields: &[
            Field(
                name!(Reclassification, priority),
                "Nouvelle priorité",
                "New priority",
                Input::Choice(PRIORITIES),
                true,
            ),
            Field(name!(Reclassification, reason), "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "type",
        fr: "Corriger le type",
        en: "Correct the type",
        fields: &[
            Field(
                name!(TypeCorrection, system),
                "Type d'incident : système",
                "Incident type: system",
                Input::Choice(crate::wording::SYSTEMS),
                true,
            ),
            Field(name!(TypeCorrection, symptom), "symptôme", "symptom", Input::Choice(crate::wording::SYMPTOMS), true),
            Field(name!(TypeCorrection, reason), "Motif", "Reason", Input::Text, true),
        ],
    },
    Form {
        action: "data-loss",
        fr: "Constater la perte",
        en: "Record the loss",
        fields: &[
            Field(
                name!(DataLoss, description),
                "Perte de données (ce qui est perdu)",
                "Data loss (what is lost)",
                Input::Area,
                true,
            ),
            Field(
                name!(DataLoss, known_at),
                "Connue depuis (heure du site ; vide : maintenant)",
                "Known since (site time; empty: now)",
                Input::When,
                false,
            ),
        ],
    },
    Form {
        action: "gdpr-notice",
        fr: "Envoyer l'information RGPD",
        en: "Send the GDPR notice",
        fields: &[
            Field(
                name!(GdprNotice, nature),
                "RGPD — nature de la violation",
                "GDPR — nature of the breach",
                Input::Text,
                true,
            ),
            Field(
                name!(GdprNotice, data_categories),
                "Catégories de données (séparées par des virgules)",
                "Data categories (comma-separated)",
                Input::List,
                true,
            ),
            Field(
                name!(GdprNotice, people_estimate),
                "Personnes concernées (nombre approximatif)",
                "People concerned (approximate number)",
                Input::Number,
                true,
            ),
            Field(
                name!(GdprNotice, records_estimate),
                "Enregistrements concernés (nombre approximatif)",
                "Records concerned (approximate number)",
                Input::Number,
                true,
            ),
            Field(name!(GdprNotice, consequences), "Conséquences probables", "Likely consequences", Input::Text, true),
            Field(
                name!(GdprNotice, measures),
                "Mesures prises ou proposées",
                "Measures taken or proposed",
                Input::Text,
                true,
            ),
            Field(name!(GdprNotice, contact), "Contact", "Contact", Input::Text, true),
        ],
    },
    Form {
        action: "resolve",
        fr: "Résoudre",
        en: "Resolve",
        fields: &[
            Field(name!(Resolve, root_cause), "Cause racine", "Root cause", Input::Area, true),
            Field(name!(Resolve, actions), "Actions réalisées", "Actions taken", Input::Area, true),
            Field(
                name!(Resolve, security_data_impact),
                "Impact sur les données de sécurité (images perdues, accès non tracés)",
                "Impact on security data (video lost, accesses not logged)",
                Input::Area,
                true,
            ),
            Field(
                name!(Resolve, personal_data_lost),
                "Des données personnelles ont été perdues (RGPD)",
                "Personal data was lost (GDPR)",
                Input::Check,
                false,
            ),
        ],
    },
];

/// What became of an action sent: nothing yet, done, or the server's refusal.
pub type Outcome = RwSignal<Option<Result<(), api::ApiError>>>;

/// One action's form, by its path under the incident (`reclassify`, `data-loss`…). Its
/// button waits for the required fields; what it sends is read from the fields as
/// [`Input`] says and handed to `run` with the outcome to set. A date that is no time in
/// the site's zone is refused here, under its field, with why; a refusal of the server
/// that names a field of the form is said under that field, any other at the foot.
#[component]
pub fn ActionForm(
    action: &'static str,
    run: Callback<(&'static str, serde_json::Value, Outcome)>,
    time_zone: Signal<chrono_tz::Tz>,
    incident: Signal<Option<IncidentView>>,
) -> impl IntoView {
    let Some(form) = FORMS.iter().find(|f| f.action == action) else {
        return ().into_any();
    };
    let lang = use_lang();
    // A choice starts at the incident's current value (its priority, its type), else the
    // first option; every other field empty.
    let initial = move |name: &str, input: &Input| -> String {
        let current = incident.with_untracked(|i| i.as_ref().map(|i| current_value(i, name))).flatten();
        match input {
            Input::Choice(options) => current
                .filter(|c| options.iter().any(|(code, ..)| code == c))
                .unwrap_or_else(|| options[0].0.to_string()),
            _ => String::new(),
        }
    };
    let values: Vec<RwSignal<String>> =
        form.fields.iter().map(|Field(name, _, _, input, _)| RwSignal::new(initial(name, input))).collect();
    let values = StoredValue::new(values);
    let outcome: Outcome = RwSignal::new(None);
    // The refusal: the form's field it is about, if it names one, and what to say.
    let error = RwSignal::new(None::<(Option<&'static str>, String)>);
    // Done: the form is cleared for the next time, its choices back at the current values.
    Effect::new(move |_| match outcome.get() {
        Some(Ok(())) => {
            error.set(None);
            values.with_value(|v| {
                form.fields
                    .iter()
                    .zip(v)
                    .for_each(|(Field(name, _, _, input, _), value)| value.set(initial(name, input)))
            });
        }
        Some(Err(e)) => {
            let l = lang.get_untracked();
            let field = form.fields.iter().map(|f| f.0).find(|name| e.field.as_deref() == Some(*name));
            error.set(Some(match field {
                // The server's message starts with the field, which the page shows it beside.
                Some(name) => {
                    let said = e.message.strip_prefix(&format!("{name}: ")).unwrap_or(&e.message);
                    (Some(name), format!("{} : {said}", t(l, "À corriger", "To correct")))
                }
                None => (None, refusal(&e, l)),
            }))
        }
        None => error.set(None),
    });
    let incomplete = move || {
        values.with_value(|v| form.fields.iter().zip(v).any(|(f, value)| f.4 && value.with(|s| s.trim().is_empty())))
    };
    let send = move |_| {
        let mut body = serde_json::Map::new();
        for (Field(name, _, _, input, _), value) in form.fields.iter().zip(values.get_value()) {
            let text = value.get_untracked();
            let text = text.trim();
            let json = match input {
                Input::Check => serde_json::Value::Bool(text == "true"),
                _ if text.is_empty() => continue,
                Input::When => match site_instant(text, time_zone.get_untracked()) {
                    Some(instant) => serde_json::Value::String(instant),
                    None => {
                        let said = t(
                            lang.get_untracked(),
                            "Date et heure attendues, à l'heure du site.",
                            "A date and time are expected, in the site's time.",
                        );
                        return error.set(Some((Some(*name), said.into())));
                    }
                },
                // Not a number: sent as it is, for the server to name the field.
                Input::Number => {
                    text.parse::<u64>().map_or_else(|_| serde_json::Value::String(text.into()), serde_json::Value::from)
                }
                Input::List => text.split(',').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().into(),
                // Compared by value: a `const` has no one address to compare.
                Input::Choice(options) if *options == YES_NO => serde_json::Value::Bool(text == "true"),
                Input::Text | Input::Area | Input::Choice(_) => serde_json::Value::String(text.into()),
            };
            body.insert((*name).into(), json);
        }
        error.set(None);
        run.run((form.action, serde_json::Value::Object(body), outcome));
    };
    view! {
        <fieldset class="field" data-testid=format!("form-{}", form.action)>
            {form.fields.iter().zip(values.get_value()).map(|(Field(name, fr, en, input, _), value)| {
                let id = format!("{}-{}", form.action, name.replace('_', "-"));
                let error_id = format!("{id}-error");
                let name: &'static str = name;
                let message = move || error.with(|e| e.as_ref().filter(|(f, _)| *f == Some(name)).map(|(_, m)| m.clone()));
                let invalid = move || message().is_some().then_some("true");
                let described = move || message().is_some().then(|| format!("{}-{}-error", form.action, name.replace('_', "-")));
                // Typing in the field takes its refusal as answered.
                let on_input = move |ev| {
                    value.set(event_target_value(&ev));
                    if message().is_some() {
                        error.set(None);
                    }
                };
                let control = match input {
                    Input::Area => view! { <textarea id=id.clone() data-testid=id.clone() aria-invalid=invalid aria-describedby=described prop:value=move || value.get() on:input=on_input></textarea> }.into_any(),
                    Input::Choice(options) => view! {
                        <select id=id.clone() data-testid=id.clone() on:change=on_input>
                            {options.iter().map(|(code, fr, en)| view! { <option value=*code selected=move || value.get() == *code>{move || t(lang.get(), fr, en)}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    Input::Check => view! {
                        <input type="checkbox" id=id.clone() data-testid=id.clone() prop:checked=move || value.with(|v| v == "true") on:change=move |ev| value.set(if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                    }.into_any(),
                    _ => {
                        let kind = match input {
                            Input::When => "datetime-local",
                            Input::Number => "number",
                            _ => "text",
                        };
                        view! { <input type=kind id=id.clone() data-testid=id.clone() aria-invalid=invalid aria-describedby=described prop:value=move || value.get() on:input=on_input /> }.into_any()
                    }
                };
                view! {
                    <label for=id.clone()><Tr fr=*fr en=*en /></label>
                    {control}
                    {move || message().map(|m| view! { <p class="error" id=error_id.clone() data-testid=format!("{id}-error") role="alert">{m}</p> })}
                }
            }).collect_view()}
            <button class="primary" data-testid=format!("action-{}", form.action) disabled=incomplete on:click=send><Tr fr=form.fr en=form.en /></button>
            <p class="error" role="alert" data-testid=format!("error-{}", form.action)>{move || error.with(|e| e.as_ref().filter(|(f, _)| f.is_none()).map(|(_, m)| m.clone()))}</p>
        </fieldset>
    }
    .into_any()
}

/// The incident's current value for a form's field, where it has one: its priority, the
/// system and symptom of its type, whether a technician must go on site.
pub(super) fn current_value(incident: &IncidentView, field: &str) -> Option<String> {
    let (system, symptom) = incident.incident_type.split_once('/').unwrap_or(("", ""));
    match field {
        "priority" => Some(incident.priority.as_str().to_string()),
        "system" => Some(system.to_string()),
        "symptom" => Some(symptom.to_string()),
        "needed" => Some(incident.on_site_required.to_string()),
        _ => None,
    }
}

/// A `datetime-local` value read in the site's time zone, as RFC 3339. A local time that a
/// daylight-saving change skips is not a time; one it repeats is taken the first time.
pub fn site_instant(local: &str, time_zone: chrono_tz::Tz) -> Option<String> {
    crate::form::local_instant(local, time_zone).map(|t| t.to_rfc3339())
}
