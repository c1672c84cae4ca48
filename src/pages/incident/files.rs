//! The incident's photos and files: listed with their name, type and size, images shown
//! small, each a link to the file; and, while the incident is open, a file input for the
//! client's users and staff, which opens the camera on a phone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Attachment, IncidentView};

use super::refusal;
use crate::api;
use crate::i18n::{t, use_lang, Lang, Tr};

/// The section. `changed` is bumped by the page when the live stream reports a file added
/// elsewhere; the list is read again then, and after each upload from here.
#[component]
pub(super) fn Files(id: i64, incident: Signal<Option<IncidentView>>, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let files = RwSignal::new(Vec::<Attachment>::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        changed.track();
        spawn_local(async move {
            if let Ok(list) = api::attachments(id).await {
                files.set(list);
            }
        });
    });
    let open = move || incident.with(|i| i.as_ref().is_some_and(|i| i.closed_at.is_none()));
    let upload = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let chosen: Vec<web_sys::File> =
            input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        if chosen.is_empty() || sending.get_untracked() {
            return;
        }
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            for file in &chosen {
                if let Err(e) = api::attach(id, file).await {
                    error.set(Some(format!("{} — {}", file.name(), refusal(&e, lang.get_untracked()))));
                    break;
                }
            }
            // The same file chosen again is a new change.
            input.set_value("");
            sending.set(false);
            changed.update(|n| *n += 1);
        });
    };
    view! {
        <section class="panel files" data-testid="files" aria-labelledby="files-title">
            <h2 id="files-title"><Tr fr="Photos et fichiers" en="Photos and files" /></h2>
            <FileList files=files.into() />
            <Show when=open>
                <div class="field">
                    <label for="file-input"><Tr fr="Ajouter une photo ou un PDF" en="Add a photo or a PDF" /></label>
                    <p class="help" id="file-help"><Tr fr="JPEG, PNG, WebP ou PDF, 10 Mo au plus." en="JPEG, PNG, WebP or PDF, 10 MB at most." /></p>
                    <input id="file-input" type="file" accept="image/*,application/pdf" capture="environment" multiple
                        data-testid="file-input" aria-describedby="file-help" disabled=move || sending.get() on:change=upload />
                </div>
            </Show>
            <p role="status" data-testid="file-sending">{move || sending.get().then(|| t(lang.get(), "Envoi du fichier…", "Sending the file…"))}</p>
            <p class="error" role="alert" data-testid="file-error">{move || error.get()}</p>
        </section>
    }
}

/// The files, or a line saying there is none.
#[component]
pub fn FileList(files: Signal<Vec<Attachment>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let l = lang.get();
        let list = files.get();
        if list.is_empty() {
            return view! { <p class="hint" data-testid="files-none">{t(l, "Aucun fichier joint.", "No file attached.")}</p> }
                .into_any();
        }
        view! {
            <ul class="files-list">
                {list.into_iter().map(|file| view! { <FileLine file lang=l /> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

/// One file: a thumbnail if it is an image, its name as a link to it, its type and size.
#[component]
fn FileLine(file: Attachment, lang: Lang) -> impl IntoView {
    let url = format!("/api/attachments/{}", file.id);
    let image = file.content_type.starts_with("image/");
    let kind = match file.content_type.as_str() {
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/webp" => "WebP",
        "application/pdf" => "PDF",
        other => other,
    };
    let name = file.name.clone();
    let about = format!("{kind} · {}", crate::wording::file_size(file.size, lang));
    view! {
        <li data-testid="file" data-name=name>
            {image.then(|| view! { <img src=url.clone() alt="" loading="lazy" width="96" /> })}
            <span>
                <a href=url data-testid="file-link">{file.name}</a>
                <br /><span class="hint">{about}</span>
            </span>
        </li>
    }
}
