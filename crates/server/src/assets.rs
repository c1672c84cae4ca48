//! The built app served as a production site serves it.
//!
//! Trunk writes three bundles into `dist/`: the reporting page a phone opens first
//! (`dist/report/`, for `/report` and `/login`), the app (`dist/`, for the incidents, the
//! wall and the post-mortems) and the back office (`dist/office/`). `cargo xtask` writes a
//! brotli and a gzip copy beside every file, which are sent to a browser that accepts them.
//!
//! - A file whose name carries Trunk's content hash (`vigie-app-1f2e…_bg.wasm`) never
//!   changes: it is cached for a year, `immutable`. A page (`index.html`), the service
//!   worker and the manifest are revalidated at every visit (`no-cache`, with
//!   `Last-Modified`), so that a new build is seen at once.
//! - Every answer carries a Content-Security-Policy that allows only this origin. Trunk's
//!   loader is an inline module script: its SHA-256 is read from the built pages at start-up
//!   and allowed by hash, nothing else inline. WebAssembly needs `'wasm-unsafe-eval'`.
//! - No page may be framed, except the wall by the origins the configuration lists
//!   (`wall_frame_ancestors`: a lobby screen's portal, say). Over HTTPS, HSTS.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use sha2::{Digest, Sha256};
use tower_http::services::{ServeDir, ServeFile};

use crate::config::Config;
use crate::state::AppState;

/// The page routes of each bundle: a full page load of one of them is answered with the
/// bundle's `index.html`, whatever the app then draws.
const REPORT_ROUTES: [&str; 3] = ["/report", "/login", "/invitation"];
const OFFICE_ROUTES: [&str; 5] = ["/admin", "/reports", "/lessons", "/contacts", "/oncall"];

/// What the answers of the app's files say about themselves, computed once at start-up.
#[derive(Debug, Clone)]
pub struct Headers {
    /// The Content-Security-Policy of every answer but the wall's.
    csp: HeaderValue,
    /// The wall's: the same, with the configured frame ancestors.
    wall_csp: HeaderValue,
    /// Whether the wall may be framed at all.
    wall_framed: bool,
    /// `Strict-Transport-Security`, when people open Vigie over HTTPS.
    hsts: Option<HeaderValue>,
}

impl Headers {
    /// Reads the inline scripts of the built pages under `dist` and the configuration.
    pub fn new(dist: &Path, config: &Config) -> Headers {
        let mut hashes: Vec<String> = ["index.html", "report/index.html", "office/index.html"]
            .iter()
            .filter_map(|page| std::fs::read_to_string(dist.join(page)).ok())
            .flat_map(|html| {
                inline_scripts(&html)
                    .into_iter()
                    .map(|s| format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes()))))
                    .collect::<Vec<_>>()
            })
            .collect();
        hashes.sort();
        hashes.dedup();
        let policy = |frame_ancestors: &str| {
            format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}{}; style-src 'self'; img-src 'self' data:; \
                 connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
                 base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}",
                if hashes.is_empty() { "" } else { " " },
                hashes.join(" ")
            )
        };
        let wall_ancestors = if config.wall_frame_ancestors.is_empty() {
            "'none'".to_string()
        } else {
            config.wall_frame_ancestors.join(" ")
        };
        let value = |s: String| HeaderValue::from_str(&s).unwrap_or(HeaderValue::from_static("default-src 'self'"));
        Headers {
            csp: value(policy("'none'")),
            wall_csp: value(policy(&wall_ancestors)),
            wall_framed: !config.wall_frame_ancestors.is_empty(),
            hsts: config
                .public_origin
                .as_deref()
                .filter(|o| o.starts_with("https://"))
                .map(|_| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// The bodies of the inline `<script>` elements of a page (those without `src`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else { break };
        let tag = &rest[..open_end];
        let body_start = open_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else { break };
        if !tag.contains("src=") {
            out.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close..];
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Whether a file name carries Trunk's content hash: `name-0123456789abcdef.ext` or
/// `name-0123456789abcdef_bg.wasm`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The app's files: each bundle's pages, the hashed files, the service worker.
pub fn router(state: &AppState) -> Router<AppState> {
    let dist = &state.dist;
    let page = |path: PathBuf| ServeFile::new(path).precompressed_br().precompressed_gzip();
    let mut router = Router::new();
    for route in REPORT_ROUTES {
        router = router.route_service(route, page(dist.join("report").join("index.html")));
    }
    for route in OFFICE_ROUTES {
        router = router.route_service(route, page(dist.join("office").join("index.html")));
    }
    router
        .route("/sw.js", axum::routing::get(crate::offline::service_worker))
        .fallback_service(
            ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(page(dist.join("index.html"))),
        )
        .layer(middleware::from_fn(cache_control))
}

/// `Cache-Control` by what a file is: a year for a hashed file, revalidation for the rest.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
        let value = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The security headers of every answer: the CSP (the wall's own frame ancestors), no
/// framing elsewhere, HSTS over HTTPS.
pub async fn security_headers(State(headers): State<Arc<Headers>>, request: Request, next: Next) -> Response {
    let wall = request.uri().path() == "/wall";
    let mut response = next.run(request).await;
    let out = response.headers_mut();
    out.insert(header::CONTENT_SECURITY_POLICY, if wall { headers.wall_csp.clone() } else { headers.csp.clone() });
    if !(wall && headers.wall_framed) {
        out.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if let Some(hsts) = &headers.hsts {
        out.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        assert!(is_hashed("/vigie-app-e1f2721b5b07124e_bg.wasm"));
        assert!(is_hashed("/report/vigie-report-e1f2721b5b07124e.js"));
        assert!(is_hashed("/main-615818f3acba7c91.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/report"));
        assert!(!is_hashed("/icon-vigie.svg"));
    }

    #[test]
    fn inline_scripts_are_found_and_hashed_as_browsers_do() {
        let html = "<head><script type=module>import init from '/a.js';\nawait init();</script><script src=/b.js></script></head>";
        assert_eq!(inline_scripts(html), ["import init from '/a.js';\nawait init();"]);
        // The CSP hash of `alert(1)` (a known value from the CSP specification's examples).
        assert_eq!(base64(&Sha256::digest(b"alert(1)")), "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"a"), "YQ==");
    }
}
