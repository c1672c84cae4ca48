//! The audit tab: every administrative change, newest first.

use chrono::SecondsFormat;
use leptos::prelude::*;
use serde_json::Value;
use vigie_api::admin::AuditEntry;

use super::{list_view, load, List};
use crate::i18n::{t, use_lang};

#[component]
pub(super) fn AuditLog() -> impl IntoView {
    let lang = use_lang();
    let entries: List<AuditEntry> = RwSignal::new(None);
    load("/api/admin/audit", entries);
    fn compact(v: &Option<Value>) -> String {
        v.as_ref().map(Value::to_string).unwrap_or_default()
    }
    let row = |e: &AuditEntry| {
        vec![
            e.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            e.actor.clone(),
            format!("{} {} #{}", e.action, e.entity, e.entity_id),
            compact(&e.before),
            compact(&e.after),
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
