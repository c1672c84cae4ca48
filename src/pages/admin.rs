//! Administration (`/admin`, administrators): organisations with their contacts, policy and
//! API token; sites with their calendar; users; the audit log. The server checks every
//! value again and answers a precise message naming the field, shown as it comes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};
use vigie_api::SiteView;
use vigie_engine::{Contract, Policy};
use wasm_bindgen::JsCast;

use super::calendar_editor::{CalendarEditor, CalendarFields, CalendarForm};
use super::policy_form::PolicyForm;
use super::text;
use crate::api;
use crate::form::{button, checkbox, input, outcome_line, select, table, textarea, Outcome};
use crate::i18n::{t, use_lang, Lang};

/// A list the page shows, once loaded.
type List = RwSignal<Option<Result<Vec<Value>, String>>>;

/// The `i`-th item of a loaded list, as a table row picks it.
fn item(list: List, i: usize) -> Option<Value> {
    list.with_untracked(|l| l.as_ref().and_then(|l| l.as_ref().ok()).and_then(|l| l.get(i).cloned()))
}

/// Loads a JSON list into `into`.
fn load(path: &'static str, into: List) {
    spawn_local(async move {
        let answer =
            api::get_value(path).await.map_err(|e| e.message).map(|v| v.as_array().cloned().unwrap_or_default());
        into.set(Some(answer));
    });
}

/// Sends a change, then says how it went and calls `then` with the answer when it worked.
fn send(method: &'static str, path: String, body: Value, outcome: Outcome, then: impl FnOnce(Value) + 'static) {
    spawn_local(async move {
        match api::send_value(method, &path, &body).await {
            Ok(answer) => {
                outcome.set(Some(Ok("✓".into())));
                then(answer);
            }
            Err(e) => outcome.set(Some(Err(e.message))),
        }
    });
}

/// A loaded list as a table, or where it stands.
fn list_view(
    list: List,
    caption: &'static str,
    head: Vec<&'static str>,
    row: fn(&Value) -> Vec<String>,
    row_testid: &'static str,
    on_pick: Option<Callback<usize>>,
) -> AnyView {
    match list.get() {
        None => view! { <p>"…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(items)) => table(caption, head, items.iter().map(row).collect(), row_testid, on_pick),
    }
}

/// The organisations as choices: (id, name).
fn organisation_options(list: List) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "—".to_string())];
    options
        .extend(list.get().and_then(Result::ok).unwrap_or_default().iter().map(|o| (text(o, "id"), text(o, "name"))));
    options
}

/// The tabs of the page, in order.
const TABS: [&str; 5] = ["organisations", "policies", "sites", "users", "audit"];

/// The page, one tab per kind of thing administered.
#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let tab = RwSignal::new(TABS[0]);
    let tabs = move || {
        let l = lang.get();
        TABS.into_iter()
            .zip([t(l, "Organisations", "Organisations"), t(l, "Contrats", "Contracts"), t(l, "Sites", "Sites"), t(l, "Utilisateurs", "Users"), t(l, "Journal", "Audit log")])
            .map(|(key, label)| view! {
                <button role="tab" id=format!("admin-tab-{key}") data-testid=format!("admin-tab-{key}") aria-controls="admin-panel"
                    aria-selected=move || (tab.get() == key).to_string() tabindex=move || if tab.get() == key { "0" } else { "-1" }
                    on:click=move |_| tab.set(key)>{label}</button>
            })
            .collect_view()
    };
    // As in any tab list, the arrow keys (and Home, End) go from tab to tab; Tab goes on
    // to the panel.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let at = TABS.iter().position(|k| *k == tab.get_untracked()).unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (at + 1) % TABS.len(),
            "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        tab.set(TABS[next]);
        if let Some(button) = document().get_element_by_id(&format!("admin-tab-{}", TABS[next])) {
            let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <main class="page wide">
            <h1>"Administration"</h1>
            <div class="tabs" role="tablist" on:keydown=on_key>{tabs}</div>
            <div role="tabpanel" id="admin-panel" aria-labelledby=move || format!("admin-tab-{}", tab.get())>
                {move || match tab.get() {
                    "sites" => view! { <SitesAdmin /> }.into_any(),
                    "policies" => view! { <PoliciesAdmin /> }.into_any(),
                    "users" => view! { <UsersAdmin /> }.into_any(),
                    "audit" => view! { <AuditLog /> }.into_any(),
                    _ => view! { <OrganisationsAdmin /> }.into_any(),
                }}
            </div>
        </main>
    }
}

/// Contacts as the form writes them, one per line: `technical; Name; email; +33612345678`.
fn parse_contacts(text: &str) -> Result<Value, String> {
    let mut contacts = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let [kind, name, email, phone] = parts[..] else {
            return Err(format!("contact {} : attendu «\u{a0}type; nom; email; téléphone\u{a0}»", n + 1));
        };
        contacts.push(json!({ "kind": kind, "name": name, "email": email, "phone": phone }));
    }
    Ok(Value::Array(contacts))
}

fn contacts_text(contacts: &Value) -> String {
    contacts
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| format!("{}; {}; {}; {}", text(c, "kind"), text(c, "name"), text(c, "email"), text(c, "phone")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The organisation's own policy: empty for its contract's values; else checked by the
/// engine as the administrator types.
fn parse_policy(text: &str) -> Result<Value, String> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let policy: Policy = serde_json::from_str(text).map_err(|e| e.to_string())?;
    policy.validate().map_err(|e| e.to_string())?;
    serde_json::to_value(policy).map_err(|e| e.to_string())
}

/// A coded field in words, in the page's language.
fn label(value: &Value, key: &str) -> String {
    crate::wording::code_label(&text(value, key), use_lang().get_untracked())
}

/// The options of a select over codes, each in words.
fn labelled(codes: &[&str], lang: Lang) -> Vec<(String, String)> {
    codes.iter().map(|c| (c.to_string(), crate::wording::code_label(c, lang))).collect()
}

#[component]
fn OrganisationsAdmin() -> impl IntoView {
    let lang = use_lang();
    let list: List = RwSignal::new(None);
    load("/api/admin/organisations", list);
    let (editing, name, contract, contacts, anonymous, policy) = (
        RwSignal::new(None::<i64>),
        RwSignal::new(String::new()),
        RwSignal::new("standard".to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(false),
        RwSignal::new(String::new()),
    );
    let (outcome, token): (Outcome, _) = (RwSignal::new(None), RwSignal::new(None::<String>));
    let pick = Callback::new(move |i: usize| {
        let Some(org) = item(list, i) else { return };
        editing.set(org["id"].as_i64());
        name.set(text(&org, "name"));
        contract.set(text(&org, "contract"));
        contacts.set(contacts_text(&org["contacts"]));
        anonymous.set(org["anonymous_lessons"].as_bool().unwrap_or(false));
        policy.set(if org["policy"].is_null() {
            String::new()
        } else {
            serde_json::to_string_pretty(&org["policy"]).unwrap_or_default()
        });
        token.set(None);
        outcome.set(None);
    });
    let save = Callback::new(move |()| {
        let body = match (parse_contacts(&contacts.get_untracked()), parse_policy(&policy.get_untracked())) {
            (Ok(contacts), Ok(policy)) => {
                json!({ "name": name.get_untracked(), "contract": contract.get_untracked(), "contacts": contacts, "anonymous_lessons": anonymous.get_untracked(), "policy": policy })
            }
            (Err(e), _) | (_, Err(e)) => return outcome.set(Some(Err(e))),
        };
        let (method, path) = match editing.get_untracked() {
            Some(id) => ("PUT", format!("/api/admin/organisations/{id}")),
            None => ("POST", "/api/admin/organisations".to_string()),
        };
        send(method, path, body, outcome, move |saved| {
            editing.set(saved["id"].as_i64());
            load("/api/admin/organisations", list);
        });
    });
    let token_action = move |method: &'static str| {
        Callback::new(move |()| {
            if let Some(id) = editing.get_untracked() {
                send(method, format!("/api/admin/organisations/{id}/token"), json!({}), outcome, move |answer| {
                    token.set(answer["token"].as_str().map(str::to_string));
                    load("/api/admin/organisations", list);
                });
            }
        })
    };
    let (create_token, revoke_token) = (token_action("POST"), token_action("DELETE"));
    // The engine checks the policy as it is typed; the contract's values are the example.
    let policy_check = Memo::new(move |_| policy.with(|p| parse_policy(p).err()));
    let contract_policy = move || {
        let contract = serde_json::from_value::<Contract>(Value::String(contract.get())).unwrap_or(Contract::Standard);
        serde_json::to_string_pretty(&Policy::for_contract(contract)).unwrap_or_default()
    };
    // An organisation's own deadlines start from its contract's.
    let own_policy = Callback::new(move |()| policy.set(contract_policy()));
    let contract_again = Callback::new(move |()| policy.set(String::new()));
    let row = |o: &Value| {
        vec![
            text(o, "name"),
            label(o, "contract"),
            if o["has_api_token"].as_bool() == Some(true) { "✓".into() } else { "—".into() },
        ]
    };
    move || {
        let l = lang.get();
        view! {
            <section class="admin-section">
                {move || list_view(list, t(l, "Organisations", "Organisations"), vec![t(l, "Nom", "Name"), t(l, "Contrat", "Contract"), t(l, "Jeton API", "API token")], row, "admin-organisation", Some(pick))}
                <form class="admin-form" on:submit=move |ev| { ev.prevent_default(); save.run(()); }>
                    <h2>{move || if editing.get().is_some() { t(l, "Modifier l'organisation", "Edit the organisation") } else { t(l, "Nouvelle organisation", "New organisation") }}</h2>
                    {input(t(l, "Nom", "Name"), "text", "org-name", name)}
                    {select(t(l, "Contrat", "Contract"), "org-contract", contract, labelled(&["essential", "standard", "premium"], l))}
                    {textarea(t(l, "Contacts, un par ligne : type (technical ou management); nom; email; mobile +33…", "Contacts, one per line: kind (technical or management); name; email; mobile +33…"), "org-contacts", 3, contacts)}
                    {checkbox(t(l, "Laisser son nom hors des retours d'expérience internes", "Leave its name out of internal lessons learned"), "org-anonymous", anonymous)}
                    <fieldset class="policy">
                        <legend>{t(l, "Délais promis (SLA)", "Promised deadlines (SLA)")}</legend>
                        {move || if policy.with(|p| p.trim().is_empty()) {
                            view! {
                                <p data-testid="org-policy-contract">{t(l, "Ceux de son contrat.", "Those of its contract.")}</p>
                                {button(t(l, "Définir des délais propres", "Set deadlines of its own"), "org-policy-own", own_policy)}
                            }.into_any()
                        } else {
                            view! {
                                <PolicyForm policy />
                                {button(t(l, "Revenir aux délais du contrat", "Back to the contract's deadlines"), "org-policy-contract-again", contract_again)}
                            }.into_any()
                        }}
                        <details>
                            <summary>{t(l, "En JSON (intégrations)", "As JSON (integrations)")}</summary>
                            {textarea(t(l, "Politique SLA propre, en JSON (vide : celle du contrat, ci-dessous)", "Own SLA policy, as JSON (empty: the contract's, below)"), "org-policy", 4, policy)}
                            <p class="code small">{contract_policy}</p>
                        </details>
                        {move || policy_check.get().map(|e| view! { <p class="error" role="alert" data-testid="policy-error">{e}</p> })}
                    </fieldset>
                    <button type="submit" data-testid="org-save">{t(l, "Enregistrer", "Save")}</button>
                    <Show when=move || editing.get().is_some()>
                        {button(t(l, "Nouveau jeton API", "New API token"), "token-create", create_token)}
                        {button(t(l, "Révoquer le jeton", "Revoke the token"), "token-revoke", revoke_token)}
                    </Show>
                    {move || token.get().map(|tok| view! { <p class="token">{t(l, "Jeton, affiché cette seule fois : ", "Token, shown this once only: ")}<output data-testid="token-once">{tok}</output></p> })}
                    {outcome_line(outcome)}
                </form>
            </section>
        }
    }
}

/// The SLA values of each contract: the procedure's unless the configuration or the
/// administrator set others; an organisation may still have its own.
#[component]
fn PoliciesAdmin() -> impl IntoView {
    let lang = use_lang();
    let list: List = RwSignal::new(None);
    load("/api/admin/policies", list);
    let (contract, policy) = (RwSignal::new(None::<String>), RwSignal::new(String::new()));
    let outcome: Outcome = RwSignal::new(None);
    let pick = Callback::new(move |i: usize| {
        let Some(entry) = item(list, i) else { return };
        contract.set(Some(text(&entry, "contract")));
        policy.set(serde_json::to_string_pretty(&entry["policy"]).unwrap_or_default());
        outcome.set(None);
    });
    let policy_check =
        Memo::new(move |_| policy.with(|p| if p.trim().is_empty() { None } else { parse_policy(p).err() }));
    let save = Callback::new(move |()| {
        let Some(name) = contract.get_untracked() else { return };
        match parse_policy(&policy.get_untracked()) {
            Ok(body) if !body.is_null() => {
                send("PUT", format!("/api/admin/policies/{name}"), body, outcome, move |_| {
                    load("/api/admin/policies", list)
                })
            }
            Ok(_) => outcome.set(Some(Err("?".into()))),
            Err(e) => outcome.set(Some(Err(e))),
        }
    });
    let reset = Callback::new(move |()| {
        let Some(name) = contract.get_untracked() else { return };
        send("DELETE", format!("/api/admin/policies/{name}"), Value::Null, outcome, move |answer| {
            policy.set(serde_json::to_string_pretty(&answer["policy"]).unwrap_or_default());
            load("/api/admin/policies", list);
        });
    });
    let row = |p: &Value| vec![label(p, "contract"), label(p, "source")];
    move || {
        let l = lang.get();
        view! {
            <section class="admin-section">
                <div>
                    {move || list_view(list, t(l, "Contrats", "Contracts"), vec![t(l, "Contrat", "Contract"), t(l, "Valeurs", "Values")], row, "admin-policy", Some(pick))}
                    <p class="hint">{t(l, "procedure : celles de la procédure PROC-CRM-002 ; configuration : celles du fichier de configuration ; administrator : celles enregistrées ici. Elles s'appliquent aux incidents signalés après la modification.", "procedure: PROC-CRM-002's; configuration: the configuration file's; administrator: those saved here. They apply to incidents reported after the change.")}</p>
                </div>
                {move || contract.get().map(|name| view! {
                    <form class="admin-form" on:submit=move |ev| { ev.prevent_default(); save.run(()); }>
                        <h2>{format!("{} {name}", t(l, "Contrat", "Contract"))}</h2>
                        <PolicyForm policy />
                        <details>
                            <summary>{t(l, "En JSON (intégrations)", "As JSON (integrations)")}</summary>
                            {textarea(t(l, "Valeurs SLA (JSON), vérifiées par le moteur pendant la saisie", "SLA values (JSON), checked by the engine as you type"), "policy-json", 16, policy)}
                        </details>
                        {move || policy_check.get().map(|e| view! { <p class="error" role="alert" data-testid="policy-error">{e}</p> })}
                        <button type="submit" data-testid="policy-save">{t(l, "Enregistrer", "Save")}</button>
                        {button(t(l, "Revenir aux valeurs par défaut", "Back to the default values"), "policy-reset", reset)}
                        {outcome_line(outcome)}
                    </form>
                })}
            </section>
        }
    }
}

#[component]
fn SitesAdmin() -> impl IntoView {
    let lang = use_lang();
    let sites = RwSignal::new(Vec::<SiteView>::new());
    let outcome: Outcome = RwSignal::new(None);
    let reload = move || {
        spawn_local(async move {
            match api::sites().await {
                Ok(list) => sites.set(list),
                Err(e) => outcome.set(Some(Err(e.message))),
            }
        })
    };
    reload();
    let organisations: List = RwSignal::new(None);
    load("/api/admin/organisations", organisations);
    let (editing, organisation, name, address, zones) = (
        RwSignal::new(None::<i64>),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let calendar = CalendarFields::new(CalendarForm::of(&Default::default()));
    let today = Signal::derive(|| crate::clock::now_utc().date_naive());
    let pick = Callback::new(move |i: usize| {
        let Some(site) = sites.with_untracked(|s| s.get(i).cloned()) else { return };
        editing.set(Some(site.id));
        organisation.set(site.organisation_id.to_string());
        name.set(site.name.clone());
        address.set(site.address.clone());
        zones.set(site.sensitive_zones.join(", "));
        calendar.set(CalendarForm::of(&site.calendar));
        outcome.set(None);
    });
    let save = Callback::new(move |()| {
        let spec = match untrack(|| calendar.form()).spec() {
            Ok(spec) => spec,
            Err(e) => return outcome.set(Some(Err(e))),
        };
        let body = json!({
            "organisation_id": organisation.get_untracked().parse::<i64>().unwrap_or(0),
            "name": name.get_untracked(),
            "address": address.get_untracked(),
            "calendar": spec,
            "sensitive_zones": zones.get_untracked().split(',').map(str::trim).filter(|z| !z.is_empty()).collect::<Vec<_>>(),
        });
        let (method, path) = match editing.get_untracked() {
            Some(id) => ("PUT", format!("/api/admin/sites/{id}")),
            None => ("POST", "/api/admin/sites".to_string()),
        };
        send(method, path, body, outcome, move |saved| {
            editing.set(saved["id"].as_i64());
            reload();
        });
    });
    move || {
        let l = lang.get();
        let rows = move || {
            sites.with(|s| {
                s.iter()
                    .map(|s| {
                        // The site's own technical contact (the client designates it, on /contacts), else the organisation's.
                        let contact = s
                            .technical_contact
                            .as_ref()
                            .map_or_else(|| "—".to_string(), |c| format!("{} <{}>", c.name, c.email));
                        vec![
                            s.name.clone(),
                            s.organisation_name.clone(),
                            s.calendar.time_zone.clone().unwrap_or_else(|| "Europe/Paris".into()),
                            contact,
                        ]
                    })
                    .collect()
            })
        };
        view! {
            <section class="admin-section">
                {move || table(t(l, "Sites", "Sites"), vec![t(l, "Site", "Site"), t(l, "Organisation", "Organisation"), t(l, "Fuseau horaire", "Time zone"), t(l, "Contact technique propre", "Own technical contact")], rows(), "admin-site", Some(pick))}
                <form class="admin-form" on:submit=move |ev| { ev.prevent_default(); save.run(()); }>
                    <h2>{move || if editing.get().is_some() { t(l, "Modifier le site", "Edit the site") } else { t(l, "Nouveau site", "New site") }}</h2>
                    {move || select(t(l, "Organisation", "Organisation"), "site-organisation", organisation, organisation_options(organisations))}
                    {input(t(l, "Nom", "Name"), "text", "site-name", name)}
                    {input(t(l, "Adresse", "Address"), "text", "site-address", address)}
                    {input(t(l, "Zones sensibles (séparées par des virgules)", "Sensitive zones (comma-separated)"), "text", "site-zones", zones)}
                    <CalendarEditor fields=calendar today />
                    <button type="submit" data-testid="site-save">{t(l, "Enregistrer", "Save")}</button>
                    {outcome_line(outcome)}
                </form>
            </section>
        }
    }
}

#[component]
fn UsersAdmin() -> impl IntoView {
    let lang = use_lang();
    let users: List = RwSignal::new(None);
    load("/api/admin/users", users);
    let organisations: List = RwSignal::new(None);
    load("/api/admin/organisations", organisations);
    let (username, display_name, role, organisation, email, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("client".to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (picked, new_password) = (RwSignal::new(None::<Value>), RwSignal::new(String::new()));
    let outcome: Outcome = RwSignal::new(None);
    let pick = Callback::new(move |i: usize| {
        picked.set(item(users, i));
        outcome.set(None);
    });
    let invite = Callback::new(move |()| {
        let client = role.get_untracked() == "client";
        let body = json!({
            "username": username.get_untracked(),
            "display_name": display_name.get_untracked(),
            "role": role.get_untracked(),
            "organisation_id": if client { organisation.get_untracked().parse::<i64>().ok() } else { None },
            "email": email.get_untracked(),
            "phone": phone.get_untracked(),
        });
        send("POST", "/api/admin/users".into(), body, outcome, move |_| load("/api/admin/users", users));
    });
    let picked_id = move || picked.with_untracked(|p| p.as_ref().and_then(|p| p["id"].as_i64())).unwrap_or(0);
    let set_password = Callback::new(move |()| {
        send(
            "PUT",
            format!("/api/admin/users/{}/password", picked_id()),
            json!({ "password": new_password.get_untracked() }),
            outcome,
            move |_| new_password.set(String::new()),
        );
    });
    let reinvite = Callback::new(move |()| {
        send("POST", format!("/api/admin/users/{}/invite", picked_id()), json!({}), outcome, |_| ());
    });
    let deactivate = Callback::new(move |()| {
        send("POST", format!("/api/admin/users/{}/deactivate", picked_id()), json!({}), outcome, move |_| {
            load("/api/admin/users", users)
        });
    });
    let row = |u: &Value| {
        vec![
            text(u, "username"),
            text(u, "display_name"),
            label(u, "role"),
            if u["active"].as_bool() == Some(true) { "✓".into() } else { "—".into() },
        ]
    };
    move || {
        let l = lang.get();
        view! {
            <section class="admin-section">
                {move || list_view(users, t(l, "Utilisateurs", "Users"), vec![t(l, "Identifiant", "Username"), t(l, "Nom", "Name"), t(l, "Rôle", "Role"), t(l, "Actif", "Active")], row, "admin-user", Some(pick))}
                {move || picked.get().map(|user| view! {
                    <form class="admin-form" data-testid="user-account" on:submit=move |ev| { ev.prevent_default(); set_password.run(()); }>
                        <h2>{format!("{} ({})", text(&user, "username"), text(&user, "display_name"))}</h2>
                        {button(t(l, "Envoyer un nouveau lien pour choisir le mot de passe", "Send a new link to choose the password"), "user-reinvite", reinvite)}
                        <details>
                            <summary>{t(l, "Définir le mot de passe soi-même (sans e-mail)", "Set the password yourself (no email)")}</summary>
                            {input(t(l, "Nouveau mot de passe (12 caractères au moins)", "New password (12 characters at least)"), "password", "user-new-password", new_password)}
                            <button type="submit" data-testid="user-set-password">{t(l, "Définir le mot de passe", "Set the password")}</button>
                        </details>
                        {button(t(l, "Désactiver le compte", "Deactivate the account"), "user-deactivate", deactivate)}
                    </form>
                })}
                <form class="admin-form" on:submit=move |ev| { ev.prevent_default(); invite.run(()); }>
                    <h2>{t(l, "Inviter un utilisateur", "Invite a user")}</h2>
                    {input(t(l, "Identifiant", "Username"), "text", "user-username", username)}
                    {input(t(l, "Nom affiché", "Display name"), "text", "user-display-name", display_name)}
                    {select(t(l, "Rôle", "Role"), "user-role", role, labelled(&["client", "technician", "supervisor", "admin"], l))}
                    {move || select(t(l, "Organisation (utilisateur client)", "Organisation (client user)"), "user-organisation", organisation, organisation_options(organisations))}
                    {input("Email", "email", "user-email", email)}
                    {input(t(l, "Mobile (+33…), proposé comme numéro à rappeler", "Mobile (+33…), offered as the number to call back"), "tel", "user-phone", phone)}
                    <p class="hint">{t(l, "La personne reçoit par e-mail un lien pour choisir son mot de passe, valable 7 jours.", "The person receives by email a link to choose their password, valid for 7 days.")}</p>
                    <button type="submit" data-testid="user-invite">{t(l, "Inviter par e-mail", "Invite by email")}</button>
                </form>
                {outcome_line(outcome)}
            </section>
        }
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let lang = use_lang();
    let entries: List = RwSignal::new(None);
    load("/api/admin/audit", entries);
    fn compact(v: &Value) -> String {
        if v.is_null() {
            String::new()
        } else {
            v.to_string()
        }
    }
    let row = |e: &Value| {
        vec![
            text(e, "at"),
            text(e, "actor"),
            format!("{} {} #{}", text(e, "action"), text(e, "entity"), text(e, "entity_id")),
            compact(&e["before"]),
            compact(&e["after"]),
        ]
    };
    move || {
        let l = lang.get();
        view! {
            <section class="admin-section audit" data-raw>
                {move || list_view(entries, t(l, "Journal", "Audit log"), vec![t(l, "Quand", "When"), t(l, "Qui", "Who"), t(l, "Quoi", "What"), t(l, "Avant", "Before"), t(l, "Après", "After")], row, "audit-entry", None)}
            </section>
        }
    }
}
