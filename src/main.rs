//! Entry point of the browser app: mounts [`vigie_app::App`] and nothing else, so every
//! component stays testable from `tests/web.rs`.

fn main() {
    // Panics show in the browser console with their message instead of "unreachable".
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vigie_app::App);
}
