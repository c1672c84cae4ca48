//! French by default, English one click away.

use leptos::prelude::*;

/// The language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Français.
    Fr,
    /// English.
    En,
}

/// Where the device keeps the language chosen, across reloads, links and bundles.
const LANG_KEY: &str = "vigie.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language signal, provided once by the app: the device's last choice, French the
/// first time. Every change is kept for the next page load.
pub fn provide_lang() -> RwSignal<Lang> {
    let stored = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    let lang = RwSignal::new(if stored.as_deref() == Some("en") { Lang::En } else { Lang::Fr });
    Effect::new(move |_| {
        let code = t(lang.get(), "fr", "en");
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, code);
        }
    });
    provide_context(lang);
    lang
}

/// The current language (French when none was provided, as in component tests).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Fr))
}

/// The language an account chose (`fr`, `en`), if it chose one: it wins over the device's.
pub fn of_account(code: &str) -> Option<Lang> {
    match code {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// A text in the current language: `t(lang, "Bonjour", "Hello")`.
pub fn t(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A text in the current language, following the language switch: `<Tr fr="Bonjour"
/// en="Hello" />`. One component for every such text, so that its rendering code exists once
/// in the wasm file rather than once per text.
#[component]
pub fn Tr(fr: &'static str, en: &'static str) -> impl IntoView {
    let lang = use_lang();
    move || t(lang.get(), fr, en)
}
