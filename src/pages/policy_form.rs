//! An SLA policy as operations people read it: one row per promise, one column per
//! priority, each cell a kind of time and an amount (« 1 h calendaire », « 8 h ouvrées »,
//! « 5 jours ouvrés »), then the at-risk share and the GDPR and review deadlines.
//!
//! The form edits the policy's JSON text, which stays the one thing saved and checked by
//! the engine: the administration's JSON box (kept for integrations) and this grid always
//! show the same values.

use leptos::prelude::*;
use serde_json::{json, Value};

use crate::i18n::{t, use_lang, Lang, Tr};

/// The promises that have a value per priority: (JSON key, French, English).
const PROMISES: &[(&str, &str, &str)] = &[
    ("take_charge", "Prise en charge", "Take charge"),
    ("on_site", "Départ sur site", "Dispatch on site"),
    ("intervention_planned", "Intervention planifiée", "Intervention planned"),
    ("client_update", "Points d'avancement (intervalle)", "Client updates (interval)"),
    ("postmortem", "Post-mortem", "Post-mortem"),
    (
        "escalation",
        "Escalade au second niveau (après le dépassement)",
        "Escalation to the second level (after the breach)",
    ),
];

/// The promises with one value whatever the priority.
const SINGLE: &[(&str, &str, &str)] = &[
    ("gdpr_notice", "Information RGPD du client", "GDPR notice to the client"),
    ("authority_notice", "Notification à l'autorité (par le client)", "Notice to the authority (by the client)"),
    ("technical_review", "Revue technique", "Technical review"),
    (
        "confirmation",
        "Confirmation par le client (puis clôture automatique)",
        "Confirmation by the client (then closed automatically)",
    ),
];

/// The kinds of time a target counts, with the unit its amount is typed in.
const KINDS: &[(&str, &str, &str)] = &[
    ("elapsed", "heures calendaires", "calendar hours"),
    ("business_hours", "heures ouvrées", "business hours"),
    ("end_of_business_day", "jours ouvrés (fin de journée)", "business days (end of day)"),
];

/// The policy's JSON, or `None` while the text is not JSON (the text box says why).
fn parsed(policy: RwSignal<String>) -> Option<Value> {
    policy.with(|p| serde_json::from_str::<Value>(p).ok())
}

/// Writes `target` at `path` (`["take_charge", "P1"]`) and puts the text back, indented.
fn write(policy: RwSignal<String>, path: &[&str], target: Value) {
    let Some(mut document) = parsed(policy) else { return };
    let mut slot = &mut document;
    for key in path {
        if !slot.is_object() {
            *slot = json!({});
        }
        slot = &mut slot[*key];
    }
    *slot = target;
    policy.set(serde_json::to_string_pretty(&document).unwrap_or_default());
}

/// A target's amount in the unit its kind is typed in: hours (with a decimal comma in
/// French) for the hour kinds, days for business days.
fn amount(target: &Value, lang: Lang) -> String {
    if let Some(days) = target["days"].as_u64() {
        return days.to_string();
    }
    let minutes = target["minutes"].as_u64().unwrap_or(0);
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        crate::wording::decimal(minutes as f64 / 60.0, 2, lang).trim_end_matches('0').to_string()
    }
}

/// The target for a kind and a typed amount; `None` when the amount is not a number.
pub fn target(kind: &str, typed: &str) -> Option<Value> {
    Some(match kind {
        "end_of_business_day" => json!({ "kind": kind, "days": scaled(typed, 1)? }),
        _ => json!({ "kind": kind, "minutes": scaled(typed, 60)? }),
    })
}

/// A number typed with a decimal comma or point (`1,5`, `2`, `.25`) times `unit`, rounded
/// half up: minutes in hours typed (`unit` 60), days in days (1). `None` for anything but
/// digits. Read digit by digit, for the reason `wording::decimal` gives.
pub fn scaled(typed: &str, unit: u64) -> Option<u64> {
    let typed = typed.trim();
    let (whole, fraction) = typed.split_once([',', '.']).unwrap_or((typed, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) || fraction.len() > 6 {
        return None;
    }
    let number = |s: &str| if s.is_empty() { Some(0) } else { s.parse::<u64>().ok() };
    let scale = 10_u64.pow(fraction.len() as u32);
    let part = (number(fraction)? * unit * 2 + scale) / (2 * scale);
    number(whole)?.checked_mul(unit)?.checked_add(part)
}

/// One target: its kind and its amount. `optional` targets may be "does not apply".
#[component]
fn TargetCell(policy: RwSignal<String>, path: Vec<&'static str>, label: String, optional: bool) -> impl IntoView {
    let lang = use_lang();
    let path = StoredValue::new(path);
    let current = move || {
        parsed(policy).map(|p| path.with_value(|path| path.iter().fold(p, |v, k| v[*k].clone()))).unwrap_or(Value::Null)
    };
    let kind = move || current()["kind"].as_str().unwrap_or_default().to_string();
    let id = path.with_value(|p| format!("policy-{}", p.join("-").to_lowercase().replace('_', "-")));
    let (kind_id, amount_id) = (format!("{id}-kind"), format!("{id}-amount"));
    let error = RwSignal::new(false);
    let on_kind = move |ev| {
        let chosen = event_target_value(&ev);
        let old = current();
        let value = match chosen.as_str() {
            "" => Value::Null,
            // The amount stays when the unit does; else a sensible start.
            k if k == "end_of_business_day" => json!({ "kind": k, "days": old["days"].as_u64().unwrap_or(1) }),
            k => json!({ "kind": k, "minutes": old["minutes"].as_u64().unwrap_or(60) }),
        };
        path.with_value(|p| write(policy, p, value));
    };
    let on_amount = move |ev| {
        let typed = event_target_value(&ev);
        match target(&kind(), &typed) {
            Some(value) => {
                error.set(false);
                path.with_value(|p| write(policy, p, value));
            }
            None => error.set(true),
        }
    };
    let (kind_label, amount_label) = (
        format!("{label} — {}", t(lang.get_untracked(), "type de délai", "kind of time")),
        format!("{label} — {}", t(lang.get_untracked(), "durée", "amount")),
    );
    view! {
        <div class="target" data-testid=id.clone()>
            <select aria-label=kind_label data-testid=kind_id on:change=on_kind>
                {optional.then(|| view! { <option value="" selected=move || kind().is_empty()>{move || t(lang.get(), "ne s'applique pas", "does not apply")}</option> })}
                {KINDS.iter().map(|(code, fr, en)| view! { <option value=*code selected=move || kind() == *code>{move || t(lang.get(), fr, en)}</option> }).collect_view()}
            </select>
            <Show when=move || !kind().is_empty()>
                <input type="text" inputmode="decimal" size="5" aria-label=amount_label.clone() aria-invalid=move || error.get().to_string() data-testid=amount_id.clone()
                    prop:value=move || amount(&current(), lang.get()) on:change=on_amount />
            </Show>
            <Show when=move || error.get()>
                <p class="error" role="alert">{move || t(lang.get(), "Un nombre positif, par exemple 1,5.", "A positive number, for example 1.5.")}</p>
            </Show>
        </div>
    }
}

/// The policy form over the policy's JSON text.
#[component]
pub fn PolicyForm(policy: RwSignal<String>) -> impl IntoView {
    let lang = use_lang();
    let readable = move || parsed(policy).is_some_and(|p| p.is_object());
    view! {
        <Show when=readable fallback=move || view! { <p class="hint">{move || t(lang.get(), "Le tableau revient dès que le JSON ci-dessous est valide.", "The table comes back as soon as the JSON below is valid.")}</p> }>
            <div class="table-scroll" role="region" tabindex="0" aria-label=move || t(lang.get(), "Délais par priorité", "Deadlines by priority")>
                <table class="policy-grid" data-testid="policy-grid">
                    <thead><tr>
                        <th scope="col"><Tr fr="Engagement" en="Promise" /></th>
                        <th scope="col">"P1"</th><th scope="col">"P2"</th><th scope="col">"P3"</th>
                    </tr></thead>
                    <tbody>
                        {PROMISES.iter().map(|(key, fr, en)| {
                            let name = t(lang.get_untracked(), fr, en);
                            view! {
                                <tr>
                                    <th scope="row"><Tr fr=*fr en=*en /></th>
                                    {["P1", "P2", "P3"].into_iter().map(|p| view! {
                                        <td><TargetCell policy path=vec![*key, p] label=format!("{name} {p}") optional=true /></td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="policy-single">
                {SINGLE.iter().map(|(key, fr, en)| {
                    let name = t(lang.get_untracked(), fr, en).to_string();
                    view! {
                        <div class="field">
                            <span class="label"><Tr fr=*fr en=*en /></span>
                            <TargetCell policy path=vec![*key] label=name optional=false />
                        </div>
                    }
                }).collect_view()}
                <div class="field">
                    <label for="policy-at-risk"><Tr fr="À risque à partir de (% du délai écoulé)" en="At risk from (% of the time used)" /></label>
                    <input id="policy-at-risk" type="number" min="1" max="99" data-testid="policy-at-risk"
                        prop:value=move || parsed(policy).and_then(|p| p["at_risk_percent"].as_u64()).map(|n| n.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u64>() {
                                write(policy, &["at_risk_percent"], json!(n));
                            }
                        } />
                </div>
            </div>
        </Show>
    }
}
