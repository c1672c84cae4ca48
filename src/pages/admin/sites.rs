//! The sites tab: address, calendar and sensitive zones.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::admin::{OrganisationView, SiteForm, SiteRecord};
use vigie_api::SiteView;

use super::{load, organisation_options, send, List};
use crate::api;
use crate::form::{input, outcome_line, select, table, Outcome};
use crate::i18n::{t, use_lang};
use crate::pages::calendar_editor::{CalendarEditor, CalendarFields, CalendarForm};

#[component]
pub(super) fn SitesAdmin() -> impl IntoView {
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
    let organisations: List<OrganisationView> = RwSignal::new(None);
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
        let body = SiteForm {
            organisation_id: organisation.get_untracked().parse().unwrap_or(0),
            name: name.get_untracked(),
            address: address.get_untracked(),
            calendar: spec,
            sensitive_zones: zones
                .get_untracked()
                .split(',')
                .map(str::trim)
                .filter(|z| !z.is_empty())
                .map(String::from)
                .collect(),
        };
        let (method, path) = match editing.get_untracked() {
            Some(id) => ("PUT", format!("/api/admin/sites/{id}")),
            None => ("POST", "/api/admin/sites".to_string()),
        };
        send(method, path, body, outcome, move |saved: SiteRecord| {
            editing.set(Some(saved.id));
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
