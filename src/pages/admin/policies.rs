//! The policies tab: each contract's SLA values, and going back to the defaults.

use leptos::prelude::*;
use vigie_api::admin::ContractPolicy;
use vigie_engine::Contract;

use super::{item, label, list_view, load, parse_policy, send, List};
use crate::form::{button, outcome_line, textarea, Outcome};
use crate::i18n::{t, use_lang};
use crate::pages::policy_form::PolicyForm;

/// The SLA values of each contract: the procedure's unless the configuration or the
/// administrator set others; an organisation may still have its own.
#[component]
pub(super) fn PoliciesAdmin() -> impl IntoView {
    let lang = use_lang();
    let list: List<ContractPolicy> = RwSignal::new(None);
    load("/api/admin/policies", list);
    let (contract, policy) = (RwSignal::new(None::<Contract>), RwSignal::new(String::new()));
    let outcome: Outcome = RwSignal::new(None);
    let pick = Callback::new(move |i: usize| {
        let Some(entry) = item(list, i) else { return };
        contract.set(Some(entry.contract));
        policy.set(serde_json::to_string_pretty(&entry.policy).unwrap_or_default());
        outcome.set(None);
    });
    let policy_check =
        Memo::new(move |_| policy.with(|p| if p.trim().is_empty() { None } else { parse_policy(p).err() }));
    let save = Callback::new(move |()| {
        let Some(name) = contract.get_untracked() else { return };
        match parse_policy(&policy.get_untracked()) {
            Ok(Some(body)) => send(
                "PUT",
                format!("/api/admin/policies/{}", name.as_str()),
                body,
                outcome,
                move |_: ContractPolicy| load("/api/admin/policies", list),
            ),
            Ok(None) => outcome.set(Some(Err("?".into()))),
            Err(e) => outcome.set(Some(Err(e))),
        }
    });
    let reset = Callback::new(move |()| {
        let Some(name) = contract.get_untracked() else { return };
        send("DELETE", format!("/api/admin/policies/{}", name.as_str()), (), outcome, move |answer: ContractPolicy| {
            policy.set(serde_json::to_string_pretty(&answer.policy).unwrap_or_default());
            load("/api/admin/policies", list);
        });
    });
    let row = |p: &ContractPolicy| vec![label(p.contract.as_str()), label(p.source.as_str())];
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
                        <h2>{format!("{} {}", t(l, "Contrat", "Contract"), name.as_str())}</h2>
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
