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

/// The language signal, provided once by the app.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(Lang::Fr);
    provide_context(lang);
    lang
}

/// The current language (French when none was provided, as in component tests).
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Fr))
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
