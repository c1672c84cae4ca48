//! The audit tab: every administrative change, newest first.

use leptos::prelude::*;
use serde_json::Value;

use super::{list_view, load, List};
use crate::i18n::{t, use_lang};
use crate::pages::text;

#[component]
pub(super) fn AuditLog() -> impl IntoView {
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
