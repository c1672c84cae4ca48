//! The built app served as a production site: compressed copies, caching, the security
//! headers and the service worker, over real HTTP.

use crate::harness::{fresh_database, temp_dir, test_config, Backend, TestServer};

const LOADER: &str = "import init from '/report/vigie-report-0123456789abcdef.js';\nawait init({ module_or_path: '/report/vigie-report-0123456789abcdef_bg.wasm' });";

/// A `dist/` as `cargo xtask` leaves it: three bundles, hashed files, brotli and gzip copies.
fn built(dir: &std::path::Path) {
    let dist = dir.join("dist");
    let report = dist.join("report");
    std::fs::create_dir_all(&report).expect("dist/report");
    std::fs::create_dir_all(dist.join("office")).expect("dist/office");
    let page = format!("<!doctype html><link href=/report/main-0123456789abcdef.css rel=stylesheet><script type=module>{LOADER}</script>");
    std::fs::write(report.join("index.html"), &page).expect("report page");
    std::fs::write(report.join("index.html.br"), b"brotli bytes of the page").expect("report page .br");
    std::fs::write(dist.join("office").join("index.html"), "<!doctype html><title>bureau</title>")
        .expect("office page");
    for (name, body) in
        [("vigie-report-0123456789abcdef_bg.wasm", &b"\0asm wasm bytes"[..]), ("main-0123456789abcdef.css", b"body{}")]
    {
        std::fs::write(report.join(name), body).expect("file");
        std::fs::write(report.join(format!("{name}.br")), b"brotli").expect(".br");
        std::fs::write(report.join(format!("{name}.gz")), b"gzip").expect(".gz");
    }
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers().get(name).map(|v| v.to_str().unwrap_or_default().to_string()).unwrap_or_default()
}

pub async fn the_app_is_served_compressed_cached_and_locked_down() {
    let dir = temp_dir("serving");
    built(&dir);
    let database_url = fresh_database(Backend::Sqlite, &dir).await;
    let mut config = test_config(&dir);
    config.wall_frame_ancestors = vec!["https://accueil.example.fr".into()];
    config.public_origin = None;
    let server = TestServer::start_on(dir.clone(), database_url, config).await;
    let http = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
    let get = |path: &str, encoding: &str| {
        http.get(format!("{}{path}", server.base)).header("accept-encoding", encoding.to_string()).send()
    };

    // A hashed file: the brotli copy when accepted, else the gzip one, else the file; a year.
    let wasm = "/report/vigie-report-0123456789abcdef_bg.wasm";
    let r = get(wasm, "gzip, deflate, br").await.expect("wasm");
    assert_eq!((r.status().as_u16(), header(&r, "content-encoding")), (200, "br".to_string()));
    assert_eq!(header(&r, "cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(header(&r, "content-type"), "application/wasm");
    assert_eq!(r.bytes().await.expect("body").as_ref(), b"brotli");
    let r = get(wasm, "gzip").await.expect("wasm");
    assert_eq!(header(&r, "content-encoding"), "gzip");
    let r = get(wasm, "identity").await.expect("wasm");
    assert_eq!((header(&r, "content-encoding"), r.bytes().await.expect("body").len()), (String::new(), 15));

    // The reporting page for /report and /login: revalidated, with Last-Modified.
    for path in ["/report", "/login"] {
        let r = get(path, "br").await.expect("page");
        assert_eq!((r.status().as_u16(), header(&r, "content-encoding")), (200, "br".to_string()), "{path}");
        assert_eq!(header(&r, "cache-control"), "no-cache", "{path}");
        let modified = header(&r, "last-modified");
        assert!(!modified.is_empty(), "{path}");
        let again = http
            .get(format!("{}{path}", server.base))
            .header("if-modified-since", modified)
            .send()
            .await
            .expect("again");
        assert_eq!(again.status().as_u16(), 304, "{path}");
    }
    // The app's own routes and the back office.
    assert!(get("/incidents/42", "identity")
        .await
        .expect("app")
        .text()
        .await
        .expect("text")
        .contains("<title>Vigie</title>"));
    assert!(get("/contacts", "identity").await.expect("office").text().await.expect("text").contains("bureau"));

    // Security headers on every answer: the loader allowed by its hash, nothing else inline.
    let r = get("/report", "identity").await.expect("page");
    let csp = header(&r, "content-security-policy");
    use sha2::Digest;
    let hash = base64_of(&sha2::Sha256::digest(LOADER.as_bytes()));
    for part in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        &format!("'sha256-{hash}'"),
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(part), "{part} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
    assert_eq!(header(&r, "x-frame-options"), "DENY");
    assert_eq!(header(&r, "referrer-policy"), "same-origin");
    assert_eq!(header(&r, "strict-transport-security"), "", "not over plain HTTP");
    // The wall may be framed by the configured origin only.
    let wall = get("/wall", "identity").await.expect("wall");
    assert!(header(&wall, "content-security-policy").contains("frame-ancestors https://accueil.example.fr"));
    assert_eq!(header(&wall, "x-frame-options"), "");
    // API answers are never kept.
    let me = get("/api/me", "identity").await.expect("me");
    assert_eq!((me.status().as_u16(), header(&me, "cache-control")), (401, "no-store".to_string()));
    assert!(header(&me, "content-security-policy").contains("default-src 'self'"));

    // The service worker: revalidated, naming the reporting bundle's files.
    let sw = get("/sw.js", "identity").await.expect("sw");
    assert_eq!(header(&sw, "cache-control"), "no-cache");
    assert!(header(&sw, "content-type").starts_with("text/javascript"));
    let code = sw.text().await.expect("sw text");
    for file in ["\"/report\"", "/report/main-0123456789abcdef.css", "/report/vigie-report-0123456789abcdef_bg.wasm"] {
        assert!(code.contains(file), "{file} in the worker");
    }
    assert!(!code.contains("__VERSION__") && !code.contains("__SHELL__"));
}

/// Over HTTPS (the origin people open), HSTS; a wall frame ancestor that is not an origin
/// is refused at start.
pub async fn https_brings_hsts_and_frame_ancestors_are_checked() {
    let dir = temp_dir("serving-https");
    let database_url = fresh_database(Backend::Sqlite, &dir).await;
    let mut config = test_config(&dir);
    config.public_origin = Some("https://vigie.example.fr".into());
    let server = TestServer::start_on(dir.clone(), database_url, config.clone()).await;
    let r = reqwest::get(format!("{}/report", server.base)).await.expect("page");
    assert_eq!(header(&r, "strict-transport-security"), "max-age=31536000; includeSubDomains");
    for bad in ["accueil.example.fr", "https://accueil.example.fr/wall", "https://a.fr; script-src *"] {
        config.wall_frame_ancestors = vec![bad.into()];
        assert!(config.check().unwrap_err().contains("wall_frame_ancestors"), "{bad}");
    }
}

fn base64_of(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]) } else { '=' });
        }
    }
    out
}
