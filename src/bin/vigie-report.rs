//! Entry point of the reporting bundle: mounts [`vigie_app::ReportApp`].

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vigie_app::ReportApp);
}
