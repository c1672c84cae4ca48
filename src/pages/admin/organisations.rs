//! The organisations tab: contract, contacts, own policy values and API token.

use leptos::prelude::*;
use vigie_api::admin::{ApiToken, OrganisationForm, OrganisationView};
use vigie_api::FromJson;
use vigie_engine::{Contract, Policy};

use super::{contacts_text, item, label, labelled, list_view, load, parse_contacts, parse_policy, send, List};
use crate::form::{button, checkbox, input, outcome_line, select, textarea, Outcome};
use crate::i18n::{t, use_lang};
use crate::pages::policy_form::PolicyForm;

#[component]
pub(super) fn OrganisationsAdmin() -> impl IntoView {
    let lang = use_lang();
    let list: List<OrganisationView> = RwSignal::new(None);
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
        editing.set(Some(org.id));
        name.set(org.name);
        contract.set(org.contract.as_str().to_string());
        contacts.set(contacts_text(&org.contacts));
        anonymous.set(org.anonymous_lessons);
        policy.set(org.policy.map(|p| serde_json::to_string_pretty(&p).unwrap_or_default()).unwrap_or_default());
        token.set(None);
        outcome.set(None);
    });
    let save = Callback::new(move |()| {
        // The select offers only the contracts' codes.
        let contract = Contract::from_json(&contract.get_untracked().into());
        let body = match (contract, parse_contacts(&contacts.get_untracked()), parse_policy(&policy.get_untracked())) {
            (Ok(contract), Ok(contacts), Ok(policy)) => OrganisationForm {
                name: name.get_untracked(),
                contract,
                contacts,
                anonymous_lessons: anonymous.get_untracked(),
                policy,
            },
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return outcome.set(Some(Err(e))),
        };
        let (method, path) = match editing.get_untracked() {
            Some(id) => ("PUT", format!("/api/admin/organisations/{id}")),
            None => ("POST", "/api/admin/organisations".to_string()),
        };
        send(method, path, body, outcome, move |saved: OrganisationView| {
            editing.set(Some(saved.id));
            load("/api/admin/organisations", list);
        });
    });
    let token_action = move |method: &'static str| {
        Callback::new(move |()| {
            if let Some(id) = editing.get_untracked() {
                // A new token is answered once; a revocation answers nothing.
                send(
                    method,
                    format!("/api/admin/organisations/{id}/token"),
                    (),
                    outcome,
                    move |answer: Option<ApiToken>| {
                        token.set(answer.map(|a| a.token));
                        load("/api/admin/organisations", list);
                    },
                );
            }
        })
    };
    let (create_token, revoke_token) = (token_action("POST"), token_action("DELETE"));
    // The engine checks the policy as it is typed; the contract's values are the example.
    let policy_check = Memo::new(move |_| policy.with(|p| parse_policy(p).err()));
    let contract_policy = move || {
        let contract = Contract::from_json(&contract.get().into()).unwrap_or_default();
        serde_json::to_string_pretty(&Policy::for_contract(contract)).unwrap_or_default()
    };
    // An organisation's own deadlines start from its contract's.
    let own_policy = Callback::new(move |()| policy.set(contract_policy()));
    let contract_again = Callback::new(move |()| policy.set(String::new()));
    let row = |o: &OrganisationView| {
        vec![o.name.clone(), label(o.contract.as_str()), if o.has_api_token { "✓".into() } else { "—".into() }]
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
