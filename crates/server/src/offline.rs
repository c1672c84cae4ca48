//! The service worker that opens the reporting page with no network (`/sw.js`).
//!
//! Its code is a plain JavaScript file (`assets/sw.js`); the server fills in, once at
//! start-up, the build's version and the files of the reporting bundle to keep, read from
//! the built page: a new build is a new worker, which replaces the old one at the next
//! visit.

use std::path::Path;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::state::AppState;

const TEMPLATE: &str = include_str!("../assets/sw.js");

/// The service worker of the build in `dist`.
pub fn worker(dist: &Path) -> String {
    let page = std::fs::read_to_string(dist.join("report").join("index.html")).unwrap_or_default();
    let mut shell = vec!["/report".to_string()];
    shell.extend(referenced_files(&page));
    let mut version = Sha256::new();
    for built in ["index.html", "report/index.html", "office/index.html"] {
        version.update(std::fs::read(dist.join(built)).unwrap_or_default());
    }
    let version: String = version.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let shell = serde_json::to_string(&shell).unwrap_or_else(|_| "[]".into());
    TEMPLATE.replace("__VERSION__", &version).replace("__SHELL__", &shell)
}

/// The same-origin files a page loads: its `href` and `src` values that are absolute paths,
/// and the wasm its loader names.
fn referenced_files(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for marker in ["href=", "src=", "module_or_path: '"] {
        for (at, _) in html.match_indices(marker) {
            let rest = &html[at + marker.len()..];
            let rest = rest.trim_start_matches(['"', '\'']);
            let end = rest.find(|c: char| c == '"' || c == '\'' || c == '>' || c.is_whitespace()).unwrap_or(rest.len());
            let path = &rest[..end];
            if path.starts_with('/') && !path.starts_with("//") && !out.iter().any(|p| p == path) {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// `GET /sw.js`: revalidated at every visit, so that a new build is found at once.
pub async fn service_worker(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        state.service_worker.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::referenced_files;

    #[test]
    fn the_files_of_a_built_page_are_found() {
        let html = "<link href=/report/main-615818f3acba7c91.css rel=stylesheet><script type=module>import init from '/report/vigie-report-faa1d9f3affe7916.js';\n\
                    await init({ module_or_path: '/report/vigie-report-faa1d9f3affe7916_bg.wasm' });</script>\
                    <link rel=\"manifest\" href=\"/report/manifest.webmanifest\"><a href=https://example.org/x>x</a>";
        assert_eq!(
            referenced_files(html),
            [
                "/report/main-615818f3acba7c91.css",
                "/report/manifest.webmanifest",
                "/report/vigie-report-faa1d9f3affe7916_bg.wasm"
            ]
        );
    }
}
