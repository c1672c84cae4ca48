//! Who is told (`/contacts`): a client designates its organisation's technical and
//! management contacts and, for any of its sites, a technical contact of its own, told of
//! that site's incidents instead of the organisation's. A supervisor or an administrator
//! chooses the organisation first.
//!
//! Made for a site manager on a phone: one labelled field a line, the server's message
//! under the very field it names, and whether what is on screen is saved. The server checks
//! every value; the page does not check them again, so both never disagree.

mod fields;
mod forms;

pub use fields::Saving;
use fields::{action, contact_input, save_status, trimmed, ContactFields};
pub use forms::{OrganisationContacts, SiteContactForm};

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Contact, Contacts, SiteView};

use crate::api::{self};
use crate::i18n::{t, use_lang};
use crate::Session;

/// The page: the organisation (a client's own; staff choose), its contacts, its sites.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let own = session.user.get_untracked().and_then(|me| me.organisation_id);
    let technician =
        session.user.with_untracked(|me| me.as_ref().is_some_and(|me| me.role == vigie_api::Role::Technician));
    let sites = RwSignal::new(Vec::<SiteView>::new());
    let failed = RwSignal::new(None::<String>);
    // Staff choose among the organisations of the sites they see.
    let organisations = RwSignal::new(Vec::<(i64, String)>::new());
    let picked = RwSignal::new(own);
    spawn_local(async move {
        match api::sites().await {
            Ok(list) => {
                let mut seen: Vec<(i64, String)> =
                    list.iter().map(|s| (s.organisation_id, s.organisation_name.clone())).collect();
                seen.sort();
                seen.dedup();
                if let Some((first, _)) = seen.first() {
                    picked.update(|p| *p = p.or(Some(*first)));
                }
                organisations.set(seen);
                sites.set(list);
            }
            Err(e) => failed.set(Some(e.message)),
        }
    });
    let contacts = RwSignal::new(None::<Result<Vec<Contact>, String>>);
    Effect::new(move |_| {
        let Some(id) = picked.get() else { return };
        contacts.set(None);
        spawn_local(
            async move { contacts.set(Some(api::contacts(id).await.map(|c| c.contacts).map_err(|e| e.message))) },
        );
    });
    let organisation_form = move || match (picked.get(), contacts.get()) {
        (Some(id), Some(Ok(list))) => {
            let saved = RwSignal::new(list);
            let state = RwSignal::new(Saving::Idle);
            let on_save = Callback::new(move |contacts: Vec<Contact>| {
                spawn_local(async move {
                    match api::set_contacts(id, &Contacts { contacts }).await {
                        Ok(answer) => {
                            saved.set(answer.contacts);
                            state.set(Saving::Saved);
                        }
                        Err(e) => state.set(Saving::refused(e)),
                    }
                })
            });
            view! { <OrganisationContacts saved state on_save /> }.into_any()
        }
        (_, Some(Err(e))) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        _ => view! { <p>"…"</p> }.into_any(),
    };
    let site_forms = move || {
        let id = picked.get();
        sites
            .get()
            .into_iter()
            .filter(|s| Some(s.organisation_id) == id)
            .map(|site| {
                let saved = RwSignal::new(site.technical_contact.clone());
                let state = RwSignal::new(Saving::Idle);
                let site_id = site.id;
                let on_save = Callback::new(move |contact: Option<Contact>| {
                    spawn_local(async move {
                        match api::set_site_contact(site_id, contact).await {
                            Ok(answer) => {
                                saved.set(answer.technical_contact);
                                state.set(Saving::Saved);
                            }
                            Err(e) => state.set(Saving::refused(e)),
                        }
                    })
                });
                view! { <SiteContactForm site saved state on_save /> }
            })
            .collect_view()
    };
    let choice = move || {
        let l = lang.get();
        own.is_none().then(|| {
            view! {
                <form class="report-query" on:submit=|ev| ev.prevent_default()>
                    <label>{t(l, "Organisation", "Organisation")}
                        <select data-testid="contacts-organisation" prop:value=move || picked.get().map(|id| id.to_string()).unwrap_or_default()
                            on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())>
                            {move || organisations.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </label>
                </form>
            }
        })
    };
    let heading = move || {
        let l = lang.get();
        view! {
            <h1>{t(l, "Contacts à prévenir", "Who to tell")}</h1>
            <p class="hint">{t(l,
                "Chaque notification d'incident va au contact technique que vous désignez, par email et par SMS sur son mobile ; la direction est aussi prévenue des incidents critiques (P1).",
                "Every notice of an incident goes to the technical contact you designate, by email and by SMS to their mobile; management is also told of critical incidents (P1).")}</p>
            {technician.then(|| view! {
                <p class="note" data-testid="contacts-read-only">{t(l,
                    "Vous pouvez consulter les contacts ; seuls le client, le responsable d'exploitation et l'administrateur peuvent les modifier.",
                    "You may read the contacts; only the client, the operations manager and the administrator may change them.")}</p>
            })}
        }
    };
    let sites_heading = move || {
        let l = lang.get();
        view! {
            <h2>{t(l, "Contact technique propre à un site", "A site's own technical contact")}</h2>
            <p class="hint">{t(l,
                "Facultatif : il est prévenu des incidents de ce site à la place des contacts techniques de l'organisation.",
                "Optional: told of this site's incidents instead of the organisation's technical contacts.")}</p>
        }
    };
    view! {
        <main class="page wide">
            {heading}
            {choice}
            {move || failed.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="admin-section">
                {organisation_form}
                <section class="site-contacts">
                    {sites_heading}
                    {site_forms}
                </section>
            </div>
        </main>
    }
}
