//! Entry point of the back office (administration, SLA reports, lessons learned): mounts
//! [`vigie_app::OfficeApp`]. Trunk builds it from `office.html` into `dist/office/`.

fn main() {
    // Panics show in the browser console with their message instead of "unreachable".
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vigie_app::OfficeApp);
}
