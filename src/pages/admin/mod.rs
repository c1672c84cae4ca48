//! Administration (`/admin`, administrators): organisations with their contacts, policy and
//! API token; sites with their calendar; users; the audit log. The server checks every
//! value again and answers a precise message naming the field, shown as it comes.

mod audit;
mod organisations;
mod policies;
mod sites;
mod users;

use audit::AuditLog;
use organisations::OrganisationsAdmin;
use policies::PoliciesAdmin;
use sites::SitesAdmin;
use users::UsersAdmin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use vigie_api::admin::OrganisationView;
use vigie_api::{Contact, FromJson};
use vigie_engine::Policy;
use wasm_bindgen::JsCast;

use crate::api::{self, load, List};
use crate::form::{table, Outcome};
use crate::i18n::{t, use_lang, Lang};

/// The `i`-th item of a loaded list, as a table row picks it.
fn item<T: Clone + Send + Sync + 'static>(list: List<T>, i: usize) -> Option<T> {
    list.with_untracked(|l| l.as_ref().and_then(|l| l.as_ref().ok()).and_then(|l| l.get(i).cloned()))
}

/// Sends a change, then says how it went and calls `then` with the answer when it worked.
fn send<A: FromJson + 'static>(
    method: &'static str,
    path: String,
    body: impl Serialize + 'static,
    outcome: Outcome,
    then: impl FnOnce(A) + 'static,
) {
    let body = serde_json::to_string(&body).map_err(|e| e.to_string());
    request(
        method,
        path,
        body,
        outcome,
        Box::new(move |answer| match A::from_json(&answer) {
            Ok(answer) => then(answer),
            Err(e) => outcome.set(Some(Err(e))),
        }),
    );
}

/// Sends `body` with `method`, says how it went, and gives the answer to `then` (one future
/// for every change, whatever its types).
fn request(
    method: &'static str,
    path: String,
    body: Result<String, String>,
    outcome: Outcome,
    then: Box<dyn FnOnce(serde_json::Value)>,
) {
    spawn_local(async move {
        let answer = match body {
            Ok(body) => api::send_json(method, &path, body).await.map_err(|e| e.message),
            Err(e) => Err(e),
        };
        match answer {
            Ok(answer) => {
                outcome.set(Some(Ok("✓".into())));
                then(answer);
            }
            Err(e) => outcome.set(Some(Err(e))),
        }
    });
}

/// A loaded list as a table, or where it stands.
fn list_view<T: Send + Sync + 'static>(
    list: List<T>,
    caption: &'static str,
    head: Vec<&'static str>,
    row: fn(&T) -> Vec<String>,
    row_testid: &'static str,
    on_pick: Option<Callback<usize>>,
) -> AnyView {
    let rows = list
        .with(|l| l.as_ref().map(|l| l.as_ref().map(|items| items.iter().map(row).collect()).map_err(Clone::clone)));
    rows_view(rows, caption, head, row_testid, on_pick)
}

/// The table of [`list_view`], the same code whatever the list holds.
fn rows_view(
    rows: Option<Result<Vec<Vec<String>>, String>>,
    caption: &'static str,
    head: Vec<&'static str>,
    row_testid: &'static str,
    on_pick: Option<Callback<usize>>,
) -> AnyView {
    match rows {
        None => view! { <p>"…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(rows)) => table(caption, head, rows, row_testid, on_pick),
    }
}

/// The organisations as choices: (id, name).
fn organisation_options(list: List<OrganisationView>) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "—".to_string())];
    list.with(|l| {
        let organisations = l.as_ref().and_then(|l| l.as_ref().ok()).into_iter().flatten();
        options.extend(organisations.map(|o| (o.id.to_string(), o.name.clone())));
    });
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
fn parse_contacts(text: &str) -> Result<Vec<Contact>, String> {
    let mut contacts = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let [kind, name, email, phone] = parts[..] else {
            return Err(format!("contact {} : attendu «\u{a0}type; nom; email; téléphone\u{a0}»", n + 1));
        };
        let kind = kind.parse().map_err(|e| format!("contact {} : {e}", n + 1))?;
        contacts.push(Contact { kind, name: name.into(), email: email.into(), phone: phone.into() });
    }
    Ok(contacts)
}

fn contacts_text(contacts: &[Contact]) -> String {
    contacts
        .iter()
        .map(|c| format!("{}; {}; {}; {}", c.kind.as_str(), c.name, c.email, c.phone))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The organisation's own policy: empty for its contract's values; else checked by the
/// engine as the administrator types.
fn parse_policy(text: &str) -> Result<Option<Policy>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let policy: Policy = serde_json::from_str(text).map_err(|e| e.to_string())?;
    policy.validate().map_err(|e| e.to_string())?;
    Ok(Some(policy))
}

/// A code (a role, a contract, where values come from) in words, in the page's language.
fn label(code: &str) -> String {
    crate::wording::code_label(code, use_lang().get_untracked())
}

/// The options of a select over codes, each in words.
fn labelled(codes: &[&str], lang: Lang) -> Vec<(String, String)> {
    codes.iter().map(|c| (c.to_string(), crate::wording::code_label(c, lang))).collect()
}
